from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from courses.conf import steady_setting


@register_setting(icon="pick")
class WellbeingSettings(BaseGenericSetting):
    """Organisation-wide wellbeing rules that the wellbeing admin (HR) may tune."""

    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=steady_setting("MIN_GROUP_SIZE"),
        validators=[MinValueValidator(3)],
        help_text=_("No check-in aggregate is shown for fewer answers than this (never below 3)."),
    )

    class Meta:
        verbose_name = _("wellbeing settings")
        permissions = [
            ("view_team_wellbeing", _("Can see wellbeing dashboards of the teams they lead")),
            ("manage_wellbeing", _("Can import workload and configure wellbeing")),
        ]
