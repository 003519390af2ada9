from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.i18n import set_language

from .languages import preference_store
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
    if request.method == "POST" and request.user.is_authenticated:
        preference_store(request, request.user, language)
    return response


def favicon(request):
    """Browsers ask for /favicon.ico on their own: send them to the icon the pages link."""
    return redirect(static("training/img/favicon.svg"), permanent=True)
