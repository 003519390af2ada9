from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import TeamMembership
from courses.selectors import team_list_led_by
from wellbeing.dashboards import organisation_context, team_context
from wellbeing.forms import AcknowledgeForm
from wellbeing.models import BurnoutWarning
from wellbeing.permissions import require_team_lead, require_wellbeing_admin
from wellbeing.selectors import team_visible_to
from wellbeing.services import (
    WarningActionRefused,
    checkins_release,
    warning_assign_stress_course,
)
from wellbeing.services import (
    warning_acknowledge as acknowledge,
)


@login_required
def team_dashboard(request, team_id: int | None = None):
    """The lead's view of one of the teams they lead: warning first, then trends."""
    require_team_lead(request.user)
    teams = list(team_list_led_by(user=request.user).order_by("name"))
    if team_id is None:
        team = teams[0] if teams else None
    else:
        team = next((t for t in teams if t.pk == team_id), None)
        if team is None:
            raise Http404
    context = {"teams": teams, "team": team}
    if team is not None:
        context["team_size"] = TeamMembership.objects.filter(team=team).count()
        today = timezone.localdate()
        checkins_release(today=today)
        context.update(team_context(team=team, today=today))
        context["acknowledge_form"] = AcknowledgeForm()
    return TemplateResponse(request, "wellbeing/team_dashboard.html", context)


def _led_warning(request, warning_id: int) -> BurnoutWarning:
    require_team_lead(request.user)
    warning = get_object_or_404(BurnoutWarning.objects.select_related("team"), pk=warning_id)
    if team_visible_to(user=request.user, team_id=warning.team_id) is None:
        raise Http404
    return warning


@login_required
@require_POST
def warning_acknowledge(request, warning_id: int):
    warning = _led_warning(request, warning_id)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        acknowledge(warning=warning, user=request.user, note=form.cleaned_data["action_note"])
        messages.success(request, _("Warning acknowledged. Your note is kept with it."))
    else:
        messages.error(request, _("Please note the action you took."))
    return redirect("wellbeing:team_detail", team_id=warning.team_id)


@login_required
@require_POST
def warning_assign_course(request, warning_id: int):
    warning = _led_warning(request, warning_id)
    try:
        warning_assign_stress_course(warning=warning, user=request.user, today=timezone.localdate())
    except WarningActionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The stress-management course is assigned to the team."))
    return redirect("wellbeing:team_detail", team_id=warning.team_id)


@login_required
def organisation(request):
    """HR's organisation-wide view: heat map, workload trends, released check-ins."""
    require_wellbeing_admin(request.user)
    today = timezone.localdate()
    checkins_release(today=today)
    context = organisation_context(today=today)
    return TemplateResponse(request, "wellbeing/organisation.html", context)
