from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from ..selectors import team_list_of_member


@login_required
def my_training(request):
    """The learner's own training: what is due, in progress and done."""
    teams = team_list_of_member(user=request.user)
    return TemplateResponse(request, "courses/my_training.html", {"teams": teams})
