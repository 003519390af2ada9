"""Grading of answers a person has to judge: free text and positive rephrasing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..forms import GradeForm
from ..labels import findings_shown
from ..models import Answer, Attempt, Question
from ..selectors import question_display
from ..services.grading import answer_grade

GRADED_KINDS = (Question.Kind.FREE_TEXT, Question.Kind.REPHRASING)


def require_grader(user) -> None:
    if not user.has_perm("courses.grade_answers"):
        raise PermissionDenied


def grading_answers():
    # Staff attempts only: candidates' answers are personal data that only recruiters
    # see, in the hiring grading queue (hiring.views.recruiter).
    return (
        Answer.objects.filter(question__kind__in=GRADED_KINDS, attempt__user__isnull=False)
        .exclude(attempt__status=Attempt.Status.OPEN)
        .select_related("question", "attempt__quiz", "attempt__user", "grader")
        .order_by("manual_score", "-attempt__finished_at")
    )


@login_required
def grading_queue(request):
    """Answers waiting for a grade first, then the latest graded ones."""
    require_grader(request.user)
    answers = grading_answers()
    context = {
        "waiting": list(answers.filter(manual_score__isnull=True)[:200]),
        "graded": list(answers.filter(manual_score__isnull=False).order_by("-graded_at")[:50]),
    }
    return TemplateResponse(request, "courses/grading_queue.html", context)


@login_required
def answer_grade_view(request, pk: int):
    require_grader(request.user)
    answer = get_object_or_404(grading_answers(), pk=pk)
    form = GradeForm.for_answer(answer, request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form.grade_with(answer_grade, answer=answer, grader=request.user)
    ):
        messages.success(request, _("Grade saved."))
        return redirect("courses:grading_queue")
    context = {
        "answer": answer,
        "question": question_display(answer.question, language=answer.attempt.language),
        "findings": findings_shown(
            ((answer.auto_detail or {}).get("rephrasing") or {}).get("findings")
        ),
        "form": form,
    }
    return TemplateResponse(request, "courses/answer_grade.html", context)
