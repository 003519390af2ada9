"""What the nightly job found: each team's early forecast and each course's impact per team."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamForecast(models.Model):
    """A team's chance of reaching each warning level within the next two weeks.

    One row per team, replaced every night (`services.forecasts_compute`).
    `drivers` holds codes and numbers (`{"code", "params"}`), rendered in the
    reader's language (`wellbeing.impact_texts`). NULL probabilities: too
    little history to say.
    """

    team = models.OneToOneField(
        "courses.Team", on_delete=models.CASCADE, related_name="forecast", verbose_name=_("team")
    )
    week = models.CharField(_("from week"), max_length=8)
    by_week = models.CharField(_("by week"), max_length=8)
    level_rank = models.PositiveSmallIntegerField(_("level rank now"), default=0)
    p_watch = models.FloatField(_("chance of watch"), null=True, blank=True)
    p_warning = models.FloatField(_("chance of warning"), null=True, blank=True)
    p_critical = models.FloatField(_("chance of critical"), null=True, blank=True)
    drivers = models.JSONField(_("driving signals"), default=list)
    as_of = models.DateField(_("computed for"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("team forecast")
        verbose_name_plural = _("team forecasts")

    def __str__(self) -> str:
        return f"{self.team} {self.week} → {self.by_week}"


class TrainingImpact(models.Model):
    """Did a course help a team: one row per course and team that completed it.

    `results` holds one dict per signal (`impact.REPORT_COLUMNS` without the
    keys); `series` per signal the weekly team and control values the chart
    draws. Workload figures are team means; check-in figures come only from
    released aggregates.
    """

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("course")
    )
    team = models.ForeignKey(
        "courses.Team", on_delete=models.CASCADE, related_name="+", verbose_name=_("team")
    )
    event_week = models.CharField(_("completed in week"), max_length=8)
    controls = models.PositiveIntegerField(_("comparison teams"), default=0)
    results = models.JSONField(_("results"), default=list)
    series = models.JSONField(_("weekly series"), default=dict)
    as_of = models.DateField(_("computed for"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["course_id", "event_week", "team_id"]
        verbose_name = _("training impact")
        verbose_name_plural = _("training impacts")
        constraints = [
            models.UniqueConstraint(fields=["course", "team"], name="unique_impact_course_team"),
        ]

    def __str__(self) -> str:
        return f"{self.course_id} {self.team_id} {self.event_week}"
