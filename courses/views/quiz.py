"""Taking a quiz: start or resume, the questions with autosave, submit, result, review.

The views only check who may see an attempt and call the services. The hiring
app reuses the templates, ``attempt_take_context`` and ``answer_autosave`` with its own
token URLs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Attempt
from ..selectors.quiz import (
    attempt_result_context,
    attempt_review_context,
    attempt_take_context,
)
from ..services.attempts import attempt_submit
from ..services.autosave import answer_autosave


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
