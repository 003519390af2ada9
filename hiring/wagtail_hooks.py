"""Admin wiring for the hiring app: registrations only."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_hiring_log_actions(actions):
    """Every recruiter action on a candidate, as it reads in the audit log."""
    actions.register_action("steady.invite", _("Invite candidate"), _("Candidate invited"))
    actions.register_action("steady.resend", _("Resend invitation"), _("Invitation resent"))
    actions.register_action("steady.extend", _("Extend invitation"), _("Invitation extended"))
    actions.register_action("steady.revoke", _("Revoke invitation"), _("Invitation revoked"))
    actions.register_action("steady.grade", _("Grade answer"), _("Answer graded"))
    actions.register_action("steady.decide", _("Record decision"), _("Decision recorded"))
    actions.register_action(
        "steady.delete", _("Delete candidate data"), _("Candidate data deleted on request")
    )
    actions.register_action(
        "steady.purge", _("Purge candidate data"), _("Candidate data purged after retention")
    )
