from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from courses.lib.session_memo import request_roles, session_memo, session_memo_forget
from courses.roles import AGENT

CHECKIN_MEMO = "steady:checkin"


def checkin_pending_remembered(request):
    """The open check-in the signed-in agent has not answered, or None.

    Remembered in the session for a few minutes (courses.lib.session_memo): the two
    queries it needs run once in a while, not on every page. The check-in page
    itself forgets it, so answering there hides the banner at once.
    """
    from wellbeing.services import checkin_pending_for
    from wellbeing.services.checkins import OpenCheckIn

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or AGENT not in request_roles(request):
        return None
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == "checkin":
        session_memo_forget(request, CHECKIN_MEMO)
        return None
    today = timezone.localdate()

    def compute():
        found = checkin_pending_for(user=user, today=today)
        return [found.form, found.period] if found else None

    found = session_memo(request, CHECKIN_MEMO, compute, scope=today.isoformat())
    return OpenCheckIn(*found) if found else None


def checkin_prompt(request) -> dict:
    """`checkin_prompt`, lazy: pages that do not show the banner ask nothing."""
    return {"checkin_prompt": SimpleLazyObject(lambda: checkin_pending_remembered(request))}
