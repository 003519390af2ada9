from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Steady courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .services.roles import sync_role_permissions

        # Permissions exist only after every app has migrated, so the grants that
        # the roles carry are (re)applied then; the groups themselves come from a
        # data migration.
        post_migrate.connect(sync_role_permissions, dispatch_uid="steady-sync-roles")

        from . import signals

        signals.connect()
