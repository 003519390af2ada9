"""The person's chosen language: stored when chosen, used where the URL does not say.

A language is chosen with the switcher (signed in or not) and is stored on the
person's Wagtail profile (`preferred_language`, which the admin follows too) at the
switch and at sign-in. The session carries a copy, so that using it costs no query:
an unprefixed URL (a bookmark, a link in an e-mail) is redirected to the same page
in that language, and e-mails are rendered in it (courses.lib.languages).
"""

from importlib import import_module

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http import HttpResponseRedirect
from django.urls import LocalePrefixPattern, URLResolver, get_script_prefix
from django.utils import translation
from django.utils.cache import patch_vary_headers

SESSION_KEY = "steady:language"


def _known(language: str | None) -> str:
    return language if language in dict(settings.LANGUAGES) else ""


def preference_store(request, user, language: str) -> None:
    """Remember `language` as the person's choice: on their profile and in the session."""
    from wagtail.users.models import UserProfile

    language = _known(language)
    if not language:
        return
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
    if hasattr(request, "session"):
        request.session[SESSION_KEY] = language


def chosen_at_sign_in(request) -> str:
    """The language the person chose before signing in: the URL's prefix, else the
    switcher's cookie; "" when they chose none (then the stored preference stays)."""
    from_path = translation.get_language_from_path(request.path_info)
    if from_path:
        return _known(from_path)
    return _known(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))


def preference_of_request(request) -> str:
    """The signed-in person's preferred language ("" for none), from the session copy."""
    stored = request.session.get(SESSION_KEY)
    if stored is None:  # a session from before this was kept: read the profile once
        from wagtail.users.models import UserProfile

        profile = UserProfile.objects.filter(user=request.user).only("preferred_language").first()
        stored = _known(profile.preferred_language if profile else "")
        request.session[SESSION_KEY] = stored
    return stored


def _outside_language_urls(path: str, urlconf: str) -> bool:
    """Whether a path is served outside the language-prefixed URLs (the admin, …)."""
    for pattern in import_module(urlconf).urlpatterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            continue
        try:
            if pattern.resolve(path.lstrip("/")):
                return True
        except Exception:  # noqa: BLE001  (Resolver404: not this one)
            continue
    return False


class PreferredLanguageMiddleware:
    """Send a signed-in person from an unprefixed URL to the same page in their language.

    Only safe methods are redirected, only when the preference is not the default
    language (whose URLs carry no prefix), and never for URLs outside the language
    patterns (the admin, documents, the language switch).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self._redirect(request)
        return redirect if redirect is not None else self.get_response(request)

    def _redirect(self, request):
        if request.method not in ("GET", "HEAD"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if translation.get_language_from_path(request.path_info):
            return None
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_used, prefixed_default = is_language_prefix_patterns_used(urlconf)
        if not i18n_used or prefixed_default:
            return None
        language = preference_of_request(request)
        if not language or language == settings.LANGUAGE_CODE:
            return None
        if _outside_language_urls(request.path_info, urlconf):
            return None
        prefix = get_script_prefix()
        url = request.get_full_path().replace(prefix, f"{prefix}{language}/", 1)
        response = HttpResponseRedirect(url)
        patch_vary_headers(response, ("Cookie",))
        return response
