from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.i18n import set_language
from wagtail.users.models import UserProfile

from .routing import home_url_for


@login_required
def role_home(request):
    """Send a signed-in person to where their role works."""
    return redirect(home_url_for(request.user))


def switch_language(request):
    """Django's set_language, remembered on the person's Wagtail profile too.

    The admin lives outside the language-prefixed URLs, so it follows the
    profile's preferred language rather than the URL.
    """
    response = set_language(request)
    language = request.POST.get("language")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
    ):
        profile = UserProfile.get_for_user(request.user)
        if profile.preferred_language != language:
            profile.preferred_language = language
            profile.save(update_fields=["preferred_language"])
    return response
