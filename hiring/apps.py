from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HiringConfig(AppConfig):
    name = "hiring"
    verbose_name = _("Steady hiring")
    default_auto_field = "django.db.models.BigAutoField"
