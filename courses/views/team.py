"""The lead's view of team training: a people × courses matrix, with exports."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..exports import matrix_csv, matrix_xlsx
from ..labels import STATUS_LABELS
from ..lib.status import CELL_STATUSES
from ..permissions import require_team_training
from ..selectors import team_matrix


class MatrixFilter(forms.Form):
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    course = forms.TypedChoiceField(label=_("Course"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, teams, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All my teams"))] + [(t.pk, t.label) for t in teams]
        self.fields["course"].choices = [("", _("All courses"))] + [
            (pk, title) for pk, title in courses
        ]
        self.fields["status"].choices = [("", _("Any status"))] + [
            (code, STATUS_LABELS[code]) for code in CELL_STATUSES
        ]


def _matrix_from_request(request):
    require_team_training(request.user)
    everything = team_matrix(user=request.user)
    course_choices = list(
        zip(everything.course_ids, (c.title for c in everything.courses), strict=True)
    )
    form = MatrixFilter(request.GET or None, teams=everything.teams, courses=course_choices)
    if request.GET.get("team") and request.GET["team"] not in {str(t.pk) for t in everything.teams}:
        raise PermissionDenied  # a team the person does not lead
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            "team_id": form.cleaned_data["team"],
            "course_id": form.cleaned_data["course"],
            "status": form.cleaned_data["status"] or None,
        }
    matrix = everything if not any(filters.values()) else team_matrix(user=request.user, **filters)
    return form, matrix


@login_required
def team_training(request):
    form, matrix = _matrix_from_request(request)
    return TemplateResponse(
        request,
        "courses/team_matrix.html",
        {
            "form": form,
            "matrix": matrix,
            "labels": STATUS_LABELS,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def team_training_export(request, fmt: str):
    _form, matrix = _matrix_from_request(request)
    filename = f"team-training-{timezone.localdate().isoformat()}"
    if fmt == "csv":
        return matrix_csv(matrix.flat(), filename=filename)
    if fmt == "xlsx":
        return matrix_xlsx(matrix.flat(), filename=filename)
    raise Http404
