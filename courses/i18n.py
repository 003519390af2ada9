"""The active language as Steady stores and looks up texts: a two-letter code."""

from django.utils.translation import get_language


def active_language(default: str = "en") -> str:
    """ "ru" for ru, ru-RU or ru-ru; `default` when no language is active."""
    return (get_language() or default)[:2]
