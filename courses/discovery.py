"""What installed apps declare in a module of a fixed name (`schedules`, `roles`).

An app that has no such module declares nothing; an import error inside one that
exists is a real error and is raised.
"""

from importlib import import_module
from types import ModuleType

from django.apps import apps


def app_modules(name: str) -> list[ModuleType]:
    """The `<app>.<name>` module of every installed app that has one, in app order."""
    found: list[ModuleType] = []
    for app_config in apps.get_app_configs():
        try:
            found.append(import_module(f"{app_config.name}.{name}"))
        except ModuleNotFoundError as missing:
            if missing.name != f"{app_config.name}.{name}":
                raise
    return found
