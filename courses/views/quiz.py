"""Taking a quiz: start or resume, the questions with autosave, submit, result, review.

The views only check who may see an attempt and call the services. The hiring
app reuses the templates, ``attempt_take_context`` and ``answer_autosave`` with its own
token URLs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Attempt
from ..selectors.quiz import (
    attempt_counting,
    attempt_list_for,
    attempt_result_context,
    attempt_review_context,
    attempt_take_context,
    quiz_course,
)
from ..services.attempts import AttemptError, attempt_start, attempt_submit
from ..services.autosave import answer_autosave


def quiz_start(request, quiz):
    """The quiz's front page (GET) and the start or resume of an attempt (POST)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    now = timezone.now()
    if request.method == "POST":
        try:
            attempt = attempt_start(quiz=quiz, user=request.user, now=now)
        except AttemptError as refused:
            messages.error(request, refused.message)
            return redirect(quiz.url)
        return redirect("courses:attempt_take", pk=attempt.pk)
    attempts = list(attempt_list_for(quiz=quiz, user=request.user))
    open_attempt = next((a for a in attempts if a.is_open), None)
    if open_attempt and open_attempt.deadline and now > open_attempt.deadline:
        open_attempt = None  # starting again closes it with what it saved
    left = None
    if quiz.attempts_allowed:
        left = max(0, quiz.attempts_allowed - len(attempts))
    context = {
        "page": quiz,
        "quiz": quiz,
        "course": quiz_course(quiz),
        "attempts": attempts,
        "open_attempt": open_attempt,
        "attempts_left": left,
        "time_limit_minutes": (quiz.time_limit_seconds + 59) // 60,
        "counting": attempt_counting(quiz=quiz, attempts=attempts),
        "can_start": open_attempt is not None or left is None or left > 0,
    }
    return TemplateResponse(request, "courses/quiz_page.html", context)


def _own_attempt(request, pk: int) -> Attempt:
    """The signed-in person's own attempt; anyone else's is a 404."""
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(Attempt.objects.select_related("quiz"), pk=pk, user=request.user)


@login_required
def attempt_take(request, pk: int):
    attempt = _own_attempt(request, pk)
    now = timezone.now()
    if attempt.is_open and attempt.deadline and now > attempt.deadline:
        attempt = attempt_submit(attempt=attempt, now=now)  # closes it as expired
        messages.warning(
            request, _("Time ran out. Your attempt was closed with the answers saved.")
        )
    if not attempt.is_open:
        return redirect("courses:attempt_result", pk=attempt.pk)
    context = attempt_take_context(
        attempt,
        now=now,
        answer_url=reverse("courses:attempt_answer", args=[attempt.pk]),
        submit_url=reverse("courses:attempt_submit", args=[attempt.pk]),
    )
    return TemplateResponse(request, "courses/attempt_take.html", context)


@login_required
@require_POST
def attempt_answer(request, pk: int):
    saved = answer_autosave(
        attempt=_own_attempt(request, pk), body=request.body, now=timezone.now()
    )
    return JsonResponse(saved.payload, status=saved.status)


@login_required
@require_POST
def attempt_submit_view(request, pk: int):
    attempt = attempt_submit(attempt=_own_attempt(request, pk), now=timezone.now())
    if attempt.status == Attempt.Status.EXPIRED:
        messages.warning(
            request, _("Time ran out. Your attempt was closed with the answers saved.")
        )
    return redirect("courses:attempt_result", pk=attempt.pk)


@login_required
def attempt_result(request, pk: int):
    attempt = _own_attempt(request, pk)
    if attempt.is_open:
        return redirect("courses:attempt_take", pk=attempt.pk)
    context = attempt_result_context(attempt)
    context["can_review"] = attempt.quiz.shows_feedback
    return TemplateResponse(request, "courses/attempt_result.html", context)


@login_required
def attempt_review(request, pk: int):
    attempt = _own_attempt(request, pk)
    if attempt.is_open or not attempt.quiz.shows_feedback:
        raise Http404
    return TemplateResponse(request, "courses/attempt_review.html", attempt_review_context(attempt))
