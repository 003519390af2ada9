"""Grant each role the permissions every installed app declares for it.

Each app's `roles` module has a `ROLE_PERMISSIONS` dict: role name -> "app.codename"
permissions that app grants (see `courses.roles` for the role names). Permissions of
apps that are not installed simply do not exist and are skipped, so the plugin works
with only the apps a site chose.
"""

from __future__ import annotations

from ..discovery import app_modules
from ..roles import ROLES


def declared_role_permissions() -> dict[str, set[tuple[str, str]]]:
    """Role -> {(app_label, codename)}, the union of every installed app's grants."""
    declared: dict[str, set[tuple[str, str]]] = {role: set() for role in ROLES}
    for module in app_modules("roles"):
        for role, codes in getattr(module, "ROLE_PERMISSIONS", {}).items():
            declared.setdefault(role, set()).update(tuple(code.split(".", 1)) for code in codes)
    return declared


def sync_role_permissions(sender=None, **kwargs) -> None:
    """Give each role group what is declared for it and take away what Steady declares
    only for other roles (idempotent). Permissions a site added by hand that no app
    declares are left alone."""
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    declared = declared_role_permissions()
    managed = set().union(*declared.values())
    if not managed:
        return
    by_code = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.using(using)
        .filter(
            content_type__app_label__in={app for app, _code in managed},
            codename__in={code for _app, code in managed},
        )
        .select_related("content_type")
    }
    for role, wanted in declared.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        group.permissions.add(*[by_code[key] for key in wanted if key in by_code])
        group.permissions.remove(*[by_code[key] for key in managed - wanted if key in by_code])
