"""Wagtail locales looked up once per process instead of once per call.

`Locale.get_default()` and `Locale.get_active()` query the database every time,
and a learner page asks for them in several places. The rows hardly ever change
(a site adds a language a few times in its life), so each process keeps the
locales it has found, by language code, and forgets them all whenever a locale
is saved or deleted. Only hits are kept: a language added by another process is
looked up again until it is found, so it is never missed for long.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale

_found: dict[str, Locale] = {}


def locale_for(language_code: str) -> Locale:
    """The locale of a language code (raises Locale.DoesNotExist or LookupError)."""
    locale = _found.get(language_code)
    if locale is None:
        locale = Locale.objects.get_for_language(language_code)
        _found[language_code] = locale
    return locale


def default_locale() -> Locale:
    return locale_for(settings.LANGUAGE_CODE)


def active_locale() -> Locale:
    """The locale of the active language, the default one when it has none."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return locale_for(code)
    except (Locale.DoesNotExist, LookupError):
        return default_locale()


def locales_forget(**kwargs) -> None:
    """Drop every cached locale (a locale changed, or a test rolled one back)."""
    _found.clear()


post_save.connect(locales_forget, sender=Locale, dispatch_uid="steady-locales-forget-save")
post_delete.connect(locales_forget, sender=Locale, dispatch_uid="steady-locales-forget-delete")
