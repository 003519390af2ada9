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

