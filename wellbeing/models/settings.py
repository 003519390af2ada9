"""The wellbeing admin's settings: group size, check-in cadence and every burnout threshold."""

import dataclasses

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from courses.conf import steady_setting
from wellbeing.metrics import DEFAULT_THRESHOLDS, Thresholds

_T = DEFAULT_THRESHOLDS


def _float(label, default: float, help_text="", *, maximum: float | None = None):
    validators = [MinValueValidator(0)]
    if maximum is not None:
        validators.append(MaxValueValidator(maximum))
    return models.FloatField(label, default=default, help_text=help_text, validators=validators)


def _int(label, default: int, help_text=""):
    return models.PositiveSmallIntegerField(
        label, default=default, help_text=help_text, validators=[MinValueValidator(1)]
    )


@register_setting(icon="pick")
class WellbeingSettings(BaseGenericSetting):
    """Organisation-wide wellbeing rules that the wellbeing admin (HR) may tune.

    The threshold fields mirror `wellbeing.metrics.Thresholds` one for one, with
    the same names and defaults; `thresholds()` turns them into that dataclass.
    """

    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=steady_setting("MIN_GROUP_SIZE"),
        validators=[MinValueValidator(3)],
        help_text=_("No check-in aggregate is shown for fewer answers than this (never below 3)."),
    )

    # Check-in cadence
    weekly_pulse_enabled = models.BooleanField(
        _("weekly pulse"),
        default=True,
        help_text=_("Ask the three-question pulse every ISO week."),
    )
    monthly_checkin_enabled = models.BooleanField(
        _("monthly check-in"),
        default=True,
        help_text=_("Ask the full check-in (burnout and WHO-5) once a month."),
    )
    monthly_open_days = models.PositiveSmallIntegerField(
        _("monthly check-in open for (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("The monthly check-in opens this many days before the month ends."),
    )

    # Person-level absolute limits
    occupancy_high = _float(_("high occupancy (%)"), _T.occupancy_high, maximum=100)
    occupancy_high_window_days = _int(
        _("high occupancy window (days)"), _T.occupancy_high_window_days
    )
    occupancy_high_min_days = _int(
        _("high occupancy: worked days needed"), _T.occupancy_high_min_days
    )
    occupancy_very_high = _float(_("very high occupancy (%)"), _T.occupancy_very_high, maximum=100)
    occupancy_very_high_shifts = _int(
        _("very high occupancy: shifts in a row"), _T.occupancy_very_high_shifts
    )
    occupancy_run_max_gap_days = _int(
        _("longest gap between shifts in a run (days)"), _T.occupancy_run_max_gap_days
    )
    max_consecutive_days = _int(_("days worked in a row"), _T.max_consecutive_days)
    weekly_hours = _float(_("hours in 7 days"), _T.weekly_hours, maximum=168)
    hostile_share = _float(_("share of hostile contacts"), _T.hostile_share, maximum=1)
    hostile_min_contacts = _int(_("contacts needed for the hostile share"), _T.hostile_min_contacts)
    overtime_week_hours = _float(
        _("overtime hours that make an overtime week"), _T.overtime_week_hours
    )
    overtime_streak_weeks = _int(_("overtime weeks in a row"), _T.overtime_streak_weeks)
    after_hours_week_min = _float(_("after-hours minutes in a week"), _T.after_hours_week_min)

    # Person-level baseline
    baseline_weeks = _int(_("baseline weeks"), _T.baseline_weeks)
    baseline_min_weeks = _int(_("baseline: weeks needed"), _T.baseline_min_weeks)
    z_threshold = _float(_("robust z-score that flags"), _T.z_threshold)
    ewma_span_days = _int(_("smoothing span (days)"), _T.ewma_span_days)
    z_floor_hours = _float(_("z-score floor: hours"), _T.z_floor_hours)
    z_floor_contacts = _float(_("z-score floor: contacts"), _T.z_floor_contacts)
    z_floor_hostile_share = _float(_("z-score floor: hostile share"), _T.z_floor_hostile_share)
    z_floor_fraction = _float(_("z-score floor: share of the median"), _T.z_floor_fraction)

    # Team levels
    team_watch = _float(_("share of people flagged for watch"), _T.team_watch, maximum=1)
    team_warning = _float(_("share of people flagged for warning"), _T.team_warning, maximum=1)
    team_critical = _float(_("share of people flagged for critical"), _T.team_critical, maximum=1)
    team_trend_pct = _float(_("team workload above its baseline (%)"), _T.team_trend_pct)
    checkin_max_age_days = _int(_("check-in scores used for (days)"), _T.checkin_max_age_days)
    cbi_high = _float(_("high burnout line (CBI)"), _T.cbi_high, maximum=100)
    who5_low = _float(_("poor wellbeing line (WHO-5)"), _T.who5_low, maximum=100)
    sib_high = _float(_("burnout line (single item, 1–5)"), _T.sib_high, maximum=5)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("min_group_size"),
                FieldPanel("weekly_pulse_enabled"),
                FieldPanel("monthly_checkin_enabled"),
                FieldPanel("monthly_open_days"),
            ],
            heading=_("Check-ins and privacy"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(name)
                for name in (
                    "occupancy_high",
                    "occupancy_high_window_days",
                    "occupancy_high_min_days",
                    "occupancy_very_high",
                    "occupancy_very_high_shifts",
                    "occupancy_run_max_gap_days",
                    "max_consecutive_days",
                    "weekly_hours",
                    "hostile_share",
                    "hostile_min_contacts",
                    "overtime_week_hours",
                    "overtime_streak_weeks",
                    "after_hours_week_min",
                )
            ],
            heading=_("Personal workload limits"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(name)
                for name in (
                    "baseline_weeks",
                    "baseline_min_weeks",
                    "z_threshold",
                    "ewma_span_days",
                    "z_floor_hours",
                    "z_floor_contacts",
                    "z_floor_hostile_share",
                    "z_floor_fraction",
                )
            ],
            heading=_("Against a person's own baseline"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(name)
                for name in (
                    "team_watch",
                    "team_warning",
                    "team_critical",
                    "team_trend_pct",
                    "checkin_max_age_days",
                    "cbi_high",
                    "who5_low",
                    "sib_high",
                )
            ],
            heading=_("Team warning levels"),
        ),
    ]

    class Meta:
        verbose_name = _("wellbeing settings")
        permissions = [
            ("view_team_wellbeing", _("Can see wellbeing dashboards of the teams they lead")),
            ("manage_wellbeing", _("Can import workload and configure wellbeing")),
        ]

    def clean(self):
        """Lines that must stay in order, or the ladder of levels would make no sense."""
        from django.core.exceptions import ValidationError

        errors = {}
        if not self.team_watch <= self.team_warning <= self.team_critical:
            errors["team_warning"] = _("Watch, warning and critical must rise in that order.")
        if self.occupancy_high > self.occupancy_very_high:
            errors["occupancy_very_high"] = _("Very high occupancy cannot be below high occupancy.")
        if self.baseline_min_weeks > self.baseline_weeks:
            errors["baseline_min_weeks"] = _("Cannot need more weeks than the baseline has.")
        if errors:
            raise ValidationError(errors)

    def thresholds(self) -> Thresholds:
        """The settings as the pure layer's `Thresholds`."""
        return Thresholds(
            **{
                field.name: type(field.default)(getattr(self, field.name))
                for field in dataclasses.fields(Thresholds)
            }
        )

    @property
    def k(self) -> int:
        """The minimum group size actually applied (never below 3)."""
        from wellbeing.privacy import effective_k

        return effective_k(self.min_group_size)
