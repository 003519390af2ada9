"""Where each role works: the page a person lands on after signing in."""

from django.urls import reverse

from courses.roles import EDITOR, user_roles


def home_url_for(user) -> str:
    """The first of the user's workplaces, in the order a mixed role needs most."""
    if user.is_superuser:
        return reverse("wagtailadmin_home")
    if user.has_perm("wellbeing.view_team_wellbeing"):
        return reverse("wellbeing:team_dashboard")
    if user.has_perm("hiring.access_hiring"):
        return reverse("hiring:candidate_list")
    if user.has_perm("wellbeing.manage_wellbeing"):
        return reverse("wellbeing:organisation")
    if EDITOR in user_roles(user):
        return reverse("wagtailadmin_home")
    return reverse("courses:my_training")
