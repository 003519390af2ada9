from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from courses.selectors import team_list_led_by

from .permissions import require_team_lead, require_wellbeing_admin


@login_required
def team_dashboard(request):
    """The lead's view of the teams they lead."""
    require_team_lead(request.user)
    teams = team_list_led_by(user=request.user).prefetch_related("memberships")
    return TemplateResponse(request, "wellbeing/team_dashboard.html", {"teams": teams})


@login_required
def organisation(request):
    """HR's organisation-wide view."""
    require_wellbeing_admin(request.user)
    return TemplateResponse(request, "wellbeing/organisation.html", {})
