"""Where each role works: the page a person lands on after signing in."""

from django.urls import reverse

from courses.roles import AGENT, EDITOR, RECRUITER, TEAM_LEAD, WELLBEING_ADMIN, user_roles


def home_url_for(user) -> str:
    """The first of the user's workplaces, in the order a mixed role needs most."""
    if user.is_superuser:
        return reverse("wagtailadmin_home")
    roles = user_roles(user)
    if TEAM_LEAD in roles:
        return reverse("wellbeing:team_dashboard")
    if RECRUITER in roles:
        return reverse("hiring:candidate_list")
    if WELLBEING_ADMIN in roles:
        return reverse("wellbeing:organisation")
    if EDITOR in roles:
        return reverse("wagtailadmin_home")
    if AGENT in roles:
        return reverse("courses:my_training")
    return reverse("courses:my_training")
