"""What happens when a person signs in: the header is worked out once, the language kept."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="steady-header-memo-at-sign-in")
def header_memo_at_sign_in(sender, request, user, **kwargs) -> None:
    """Remember the header's roles and check-in in the new session, so the first page
    after signing in reads them from the session like every later one."""
    if request is None or not hasattr(request, "session"):
        return
    from courses.lib.session_memo import request_roles
    from wellbeing.context_processors import checkin_pending_remembered

    request.user = user
    request_roles(request)
    checkin_pending_remembered(request)


@receiver(user_logged_in, dispatch_uid="steady-language-at-sign-in")
def language_at_sign_in(sender, request, user, **kwargs) -> None:
    """A language chosen before signing in becomes the person's preference; with none
    chosen, the stored preference is kept and used from now on."""
    if request is None or not hasattr(request, "session"):
        return
    from .languages import SESSION_KEY, chosen_at_sign_in, preference_of_request, preference_store

    chosen = chosen_at_sign_in(request)
    if chosen:
        preference_store(request, user, chosen)
    else:
        request.session.pop(SESSION_KEY, None)
        request.user = user
        preference_of_request(request)  # copied into the new session now, not on every page
