"""Burnout warnings per team and ISO week, as the nightly computation left them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BurnoutWarning(models.Model):
    """A team's warning level for one week, with its reasons and the lead's answer.

    `reasons` and `actions` hold codes and numbers (`{"code", "params"}`), not
    text: they are rendered in the reader's language (`wellbeing.reasons`).
    `flagged_people` holds per-person workload reasons for the lead; never
    check-in answers. Recomputing a week replaces its numbers in place and
    keeps the acknowledgement.
    """

    class Level(models.TextChoices):
        NONE = "none", _("No warning")
        WATCH = "watch", _("Watch")
        WARNING = "warning", _("Warning")
        CRITICAL = "critical", _("Critical")

    team = models.ForeignKey(
        "courses.Team",
        on_delete=models.CASCADE,
        related_name="burnout_warnings",
        verbose_name=_("team"),
    )
    week = models.CharField(_("week"), max_length=8)
    week_start = models.DateField(_("week starts"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    level_rank = models.PositiveSmallIntegerField(_("level rank"), default=0)
    workload_level = models.CharField(_("workload level"), max_length=10, choices=Level.choices)
    checkin_level = models.CharField(_("check-in level"), max_length=10, choices=Level.choices)
    people = models.PositiveIntegerField(_("people"), default=0)
    flagged = models.PositiveIntegerField(_("people flagged"), default=0)
    reasons = models.JSONField(_("reasons"), default=list)
    actions = models.JSONField(_("recommended actions"), default=list)
    flagged_people = models.JSONField(_("people with workload flags"), default=list)
    as_of = models.DateField(_("computed for"))
    computed_at = models.DateTimeField(_("computed at"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    action_note = models.TextField(_("action taken"), blank=True)
    course_assigned_at = models.DateTimeField(
        _("stress-management course assigned at"), null=True, blank=True
    )

    class Meta:
        ordering = ["team", "-week_start"]
        verbose_name = _("burnout warning")
        verbose_name_plural = _("burnout warnings")
        constraints = [
            models.UniqueConstraint(fields=["team", "week"], name="unique_warning_team_week"),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.week}: {self.get_level_display()}"

    @property
    def is_raised(self) -> bool:
        return self.level_rank > 0
