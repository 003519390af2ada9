"""The recruiter's desk: candidates, invitations, comparison, grading and decisions.

Every view starts with `require_recruiter`; the work is done by the services in
`hiring.services.invitations` and `hiring.services.candidates`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses.conf import steady_setting
from courses.forms import GradeForm
from courses.labels import findings_shown
from courses.selectors import question_display
from courses.spreadsheets import csv_response

from ..forms import CandidateFilterForm, DecisionForm, ExtendForm, InviteForm, PositionForm
from ..models import Candidate, Invitation, Position
from ..permissions import require_recruiter
from ..selectors import (
    answers_to_grade,
    candidate_get,
    candidate_history,
    candidate_integrity,
    candidate_table,
    candidates_filtered,
    comparison,
)
from ..services.candidates import candidate_answer_grade, candidate_decide, candidate_delete_now
from ..services.invitations import (
    InvitationError,
    invitation_create,
    invitation_create_bulk,
    invitation_extend,
    invitation_link_renew,
    invitation_resend,
    invitation_revoke,
)
from ..stats import radar_geometry

PAGE_LIMIT = 500
SERIES_COLOURS = ("#0f6e6e", "#b26a00", "#2a5d9f", "#b3261e")


def _filtered(request):
    form = CandidateFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "position_id": data["position"].pk if data["position"] else None,
            "quiz_id": data["quiz"].pk if data["quiz"] else None,
            "status": data["status"],
            "search": data["q"].strip(),
        }
    return form, list(candidates_filtered(**filters)[:PAGE_LIMIT])


@login_required
def candidate_list(request):
    """Candidates per position and quiz, with status, scores and percentiles."""
    require_recruiter(request.user)
    form, candidates = _filtered(request)
    table = candidate_table(candidates)
    if request.GET.get("export") == "csv":
        return _csv(table)
    context = {
        "filter_form": form,
        **table,
        "query": request.GET.urlencode(),
        "percentile_min": steady_setting("PERCENTILE_MIN_CANDIDATES"),
    }
    return TemplateResponse(request, "hiring/recruiter/candidate_list.html", context)


def _csv(table: dict) -> HttpResponse:
    headings = [
        _("Name"),
        _("E-mail"),
        _("Position"),
        _("Assessment"),
        _("Status"),
        _("Score (%)"),
        _("Percentile"),
        _("Decision"),
    ] + [label for _code, label in table["columns"]]
    rows = (
        [
            row["candidate"].name,
            row["candidate"].email,
            str(row["candidate"].position),
            row["candidate"].invitation.quiz.title,
            row["status_label"],
            row["score"],
            row["percentile"],
            row["candidate"].get_decision_display(),
            *row["competencies"],
        ]
        for row in table["rows"]
    )
    return csv_response(filename="candidates", headings=headings, rows=rows)


@login_required
def candidate_invite(request):
    require_recruiter(request.user)
    form = InviteForm(request.POST or None, request.FILES or None)
    row_errors: list[tuple[int, str]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        now = timezone.now()
        if data["mode"] == InviteForm.Mode.ONE:
            invitation_create(
                recruiter=request.user,
                quiz=data["quiz"],
                name=data["name"],
                email=data["email"],
                position=data["position"],
                language=data["language"],
                now=now,
            )
            messages.success(request, _("Invitation sent."))
            return redirect("hiring:candidate_list")
        result = invitation_create_bulk(
            recruiter=request.user,
            quiz=data["quiz"],
            text=data["csv_file"] or data["people"],
            default_position=data["position"],
            language=data["language"],
            now=now,
        )
        if not result.errors:
            count = len(result.created)
            messages.success(
                request,
                ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", count)
                % {"count": count},
            )
            return redirect("hiring:candidate_list")
        row_errors = result.errors
    return TemplateResponse(
        request, "hiring/recruiter/invite.html", {"form": form, "row_errors": row_errors}
    )


def _candidate_or_404(pk: int) -> Candidate:
    candidate = candidate_get(pk=pk)
    if candidate is None:
        raise Http404
    return candidate


@login_required
def candidate_detail(request, pk: int):
    require_recruiter(request.user)
    candidate = _candidate_or_404(pk)
    invitation = getattr(candidate, "invitation", None)
    table = candidate_table([candidate])
    answers = []
    if invitation is not None and invitation.attempt_id and not candidate.is_purged:
        for answer in invitation.attempt.answers.select_related("question"):
            answers.append(
                {
                    "answer": answer,
                    "question": answer.question,
                    "text": (answer.response or {}).get("text"),
                    "percent": None if answer.score is None else round(100 * answer.score),
                }
            )
    context = {
        "candidate": candidate,
        "invitation": invitation,
        "row": table["rows"][0],
        "columns": table["columns"],
        "competencies": list(zip(table["columns"], table["rows"][0]["competencies"], strict=True)),
        "integrity": candidate_integrity(invitation=invitation) if invitation else None,
        "answers": answers,
        "decision_form": DecisionForm(
            initial={"decision": candidate.decision, "notes": candidate.decision_notes}
        ),
        "extend_form": ExtendForm(),
        "history": candidate_history(candidate=candidate),
        "now": timezone.now(),
    }
    return TemplateResponse(request, "hiring/recruiter/candidate_detail.html", context)


@login_required
@require_POST
def candidate_action(request, pk: int, action: str):
    """resend / link / extend / revoke / delete: one POST each, then back to the candidate
    (a new link is shown once on its own page, since only its hash is kept)."""
    require_recruiter(request.user)
    candidate = get_object_or_404(Candidate, pk=pk)
    invitation = get_object_or_404(
        Invitation.objects.select_related("candidate"), candidate=candidate
    )
    now = timezone.now()
    try:
        if action == "resend":
            invitation_resend(invitation=invitation, recruiter=request.user, now=now)
            messages.success(request, _("A new link was sent; the previous one no longer works."))
        elif action == "link":
            link = invitation_link_renew(invitation=invitation, recruiter=request.user, now=now)
            context = {"candidate": candidate, "invitation": invitation, "link": link}
            return TemplateResponse(request, "hiring/recruiter/new_link.html", context)
        elif action == "extend":
            form = ExtendForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Extend by 1 to 90 days."))
            else:
                invitation_extend(
                    invitation=invitation,
                    recruiter=request.user,
                    days=form.cleaned_data["days"],
                    now=now,
                )
                messages.success(request, _("The invitation was extended."))
        elif action == "revoke":
            invitation_revoke(invitation=invitation, recruiter=request.user, now=now)
            messages.success(request, _("The invitation was revoked."))
        elif action == "delete":
            candidate_delete_now(candidate=candidate, recruiter=request.user, now=now)
            messages.success(request, _("The candidate's personal data was deleted."))
        else:
            raise Http404
    except InvitationError as refused:
        messages.error(request, refused.message)
    return redirect("hiring:candidate_detail", pk=pk)


@login_required
@require_POST
def candidate_decision(request, pk: int):
    require_recruiter(request.user)
    candidate = get_object_or_404(Candidate, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose advance, reject or hold."))
        return redirect("hiring:candidate_detail", pk=pk)
    try:
        candidate_decide(
            candidate=candidate,
            decision=form.cleaned_data["decision"],
            notes=form.cleaned_data["notes"],
            recruiter=request.user,
            now=timezone.now(),
        )
    except InvitationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("hiring:candidate_detail", pk=pk)


@login_required
def candidate_compare(request):
    """2–4 candidates side by side per competency, with a radar chart."""
    require_recruiter(request.user)
    try:
        ids = [int(value) for value in request.GET.getlist("c")][:4]
    except ValueError:
        ids = []
    by_id = {c.pk: c for c in candidates_filtered().filter(pk__in=ids)}
    candidates = [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]
    context = {"candidates": candidates, "enough": 2 <= len(candidates) <= 4}
    if context["enough"]:
        data = comparison(candidates=candidates)
        chart = radar_geometry(
            axes=[label for _code, label in data["axes"]],
            series=[s["values"] for s in data["series"]],
        )
        for index, series in enumerate(data["series"]):
            series["colour"] = SERIES_COLOURS[index]
            if chart:
                chart["polygons"][index]["colour"] = SERIES_COLOURS[index]
        rows = []
        for position, (_code, label) in enumerate(data["axes"]):
            rows.append({"label": label, "values": [s["values"][position] for s in data["series"]]})
        context.update({"series": data["series"], "rows": rows, "chart": chart})
    return TemplateResponse(request, "hiring/recruiter/compare.html", context)


@login_required
def grading_queue(request):
    require_recruiter(request.user)
    context = {"answers": list(answers_to_grade()[:200])}
    return TemplateResponse(request, "hiring/recruiter/grading_queue.html", context)


@login_required
def answer_grade(request, pk: int):
    """The automatic rephrasing score and findings are shown; the person's score decides."""
    require_recruiter(request.user)
    answer = get_object_or_404(answers_to_grade(waiting_only=False), pk=pk)
    form = GradeForm.for_answer(answer, request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form.grade_with(candidate_answer_grade, answer=answer, grader=request.user)
    ):
        messages.success(request, _("Grade saved."))
        return redirect("hiring:grading_queue")
    detail = answer.auto_detail or {}
    context = {
        "answer": answer,
        "candidate": answer.attempt.invitation.candidate,
        "question": question_display(answer.question, language=answer.attempt.language),
        "text": (answer.response or {}).get("text", ""),
        "auto_percent": None if answer.auto_score is None else round(100 * answer.auto_score),
        "findings": findings_shown((detail.get("rephrasing") or {}).get("findings")),
        "form": form,
    }
    return TemplateResponse(request, "hiring/recruiter/answer_grade.html", context)


@login_required
def position_list(request):
    """The open positions, and a form to add one."""
    require_recruiter(request.user)
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Position added."))
        return redirect("hiring:position_list")
    positions = Position.objects.annotate(candidate_count=Count("candidates")).order_by("title")
    return TemplateResponse(
        request, "hiring/recruiter/position_list.html", {"form": form, "positions": positions}
    )
