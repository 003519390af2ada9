from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courses.lib.session_memo import request_roles
from courses.roles import AGENT, EDITOR, RECRUITER, TEAM_LEAD, WELLBEING_ADMIN


def navigation(request) -> dict:
    """The links in the site header, by role (links only: every page checks permissions)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": []}
    roles = request_roles(request)
    links = []
    if AGENT in roles or TEAM_LEAD in roles:
        links.append((reverse("courses:my_training"), _("My training")))
    if AGENT in roles or TEAM_LEAD in roles or EDITOR in roles:
        links.append((reverse("courses:reply_library"), _("Good replies")))
    if TEAM_LEAD in roles:
        links.append((reverse("wellbeing:team_dashboard"), _("My teams")))
        links.append((reverse("courses:team_matrix"), _("Team training")))
    if RECRUITER in roles:
        links.append((reverse("hiring:candidate_list"), _("Candidates")))
    if WELLBEING_ADMIN in roles:
        links.append((reverse("wellbeing:organisation"), _("Organisation")))
    if EDITOR in roles or WELLBEING_ADMIN in roles or user.is_superuser:
        links.append((reverse("wagtailadmin_home"), _("Admin")))
    return {"nav_links": links}
