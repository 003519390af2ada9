from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from ..permissions import require_recruiter


@login_required
def candidate_list(request):
    """The recruiter's desk: candidates per position and quiz."""
    require_recruiter(request.user)
    return TemplateResponse(request, "courses/candidate_list.html", {})
