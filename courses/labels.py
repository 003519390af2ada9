"""What a matrix cell status reads as, wherever it is shown: pages, badges, exports.

The statuses themselves are decided in `courses.lib.status` (pure); this is the one
place that names them for people.
"""

from django.utils.translation import gettext_lazy as _

from .lib.status import DONE, EXPIRING, IN_PROGRESS, NOT_ASSIGNED, NOT_STARTED, OVERDUE

STATUS_LABELS = {
    NOT_ASSIGNED: _("Not assigned"),
    NOT_STARTED: _("Not started"),
    IN_PROGRESS: _("In progress"),
    DONE: _("Done"),
    OVERDUE: _("Overdue"),
    EXPIRING: _("Expiring"),
}

# The badge's CSS class per status; a status without a badge shows a dash.
STATUS_BADGE_CLASSES = {
    DONE: "badge-ok",
    EXPIRING: "badge-warn",
    OVERDUE: "badge-bad",
    IN_PROGRESS: "badge-info",
    NOT_STARTED: "",
}


# What each finding of the rephrasing rules reads as. The scorer (pure, no Django) keeps
# an English message of its own; pages show these, in the reader's language.
FINDING_LABELS = {
    "empty": _("The reply is empty."),
    "abuse": _("Insults or puts down the customer"),
    "refusal": _("Refuses without offering an alternative."),
    "refusal_softened": _("Refuses, but offers an alternative; lead with what you can do."),
    "policy": _("Hides behind policy or rules instead of explaining."),
    "blame": _("Blames the customer or shifts the blame elsewhere."),
    "command": _("Orders the customer about or tells them how to feel."),
    "jargon": _("Uses internal jargon the customer may not understand."),
    "vague_promise": _("Promises to get back without saying when."),
    "no_next_step": _("Gives no next step, alternative or commitment."),
    "facts_dropped": _("Drops facts of the original reply."),
    "alternative": _("Offers an alternative or a choice."),
    "next_step": _("Names a concrete next step with a time."),
    "ownership": _("Takes ownership: says what you will do."),
    "acknowledgement": _("Acknowledges the customer (understanding, apology or thanks)."),
    "facts_kept": _("Keeps the facts of the original reply."),
    "tone_negative": _("Bleak wording: negative, catastrophising or absolute words."),
    "tone_positive": _("Constructive wording that reframes the problem."),
}


def findings_shown(findings) -> list[dict]:
    """Stored or fresh findings (dicts of the scorer's ``as_dict``) with the message in
    the active language; the words an abuse finding names stay in it."""
    shown = []
    for finding in findings or []:
        code = finding.get("code", "")
        message = str(FINDING_LABELS.get(code, finding.get("message", "")))
        if code == "abuse" and finding.get("excerpt"):
            message = f"{message}: {finding['excerpt']}"
        shown.append({**finding, "message": message})
    return shown
