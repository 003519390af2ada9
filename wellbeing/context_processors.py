from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from courses.roles import AGENT, user_roles


def checkin_prompt(request) -> dict:
    """`checkin_prompt`: the open check-in the signed-in agent has not answered, or None.

    Lazy: the two queries it needs run only on pages that show the banner.
    """

    def pending():
        from wellbeing.services import checkin_pending_for

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or AGENT not in user_roles(user):
            return None
        if request.resolver_match and request.resolver_match.url_name == "checkin":
            return None
        return checkin_pending_for(user=user, today=timezone.localdate())

    return {"checkin_prompt": SimpleLazyObject(pending)}
