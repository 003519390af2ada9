"""Taking a quiz: start or resume, the questions with autosave, submit, result, review.

The views only check who may see an attempt and call the services. The hiring
feature reuses the templates and ``attempt_take_context`` with its own token URLs.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Attempt, Question
from ..selectors import (
    competency_rows,
    question_display,
)
from ..services.attempts import (
    AnswerInvalid,
    AttemptClosed,
    attempt_answer_save,
    attempt_questions,
    attempt_submit,
)


def _own_attempt(request, pk: int) -> Attempt:
    """The signed-in person's own attempt; anyone else's is a 404."""
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(Attempt.objects.select_related("quiz"), pk=pk, user=request.user)


def attempt_take_context(attempt: Attempt, *, now, answer_url: str, submit_url: str) -> dict:
    """What the take template needs; the hiring feature passes its own URLs."""
    answers = {answer.question_id: answer.response for answer in attempt.answers.all()}
    questions = []
    for question in attempt_questions(attempt):
        shown = question_display(
            question,
            language=attempt.language,
            option_order=attempt.option_orders.get(str(question.pk)),
        )
        shown["response"] = answers.get(question.pk, {})
        questions.append(shown)
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "questions": questions,
        "seconds_left": attempt.seconds_left(now),
        "answered": len(answers),
        "answer_url": answer_url,
        "submit_url": submit_url,
    }


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


def answer_save_response(request, attempt: Attempt) -> JsonResponse:
    """Save one answer from a small JSON POST: ``{"question": id, "answer": {…}}``."""
    now = timezone.now()
    try:
        payload = json.loads(request.body.decode("utf-8"))
        question_id = int(payload["question"])
        answer = payload["answer"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return JsonResponse({"ok": False, "error": _("The answer could not be read.")}, status=400)
    question = Question.objects.filter(pk=question_id).first()
    if question is None:
        return JsonResponse({"ok": False, "error": _("No such question.")}, status=400)
    try:
        saved = attempt_answer_save(attempt=attempt, question=question, answer=answer, now=now)
    except AttemptClosed as closed:
        return JsonResponse(
            {"ok": False, "closed": True, "late": closed.late, "error": str(closed.message)},
            status=409,
        )
    except AnswerInvalid as invalid:
        return JsonResponse({"ok": False, "error": str(invalid.message)}, status=400)
    return JsonResponse(
        {
            "ok": True,
            "saved_at": saved.saved_at.isoformat(),
            "seconds_left": attempt.seconds_left(now),
        }
    )


@login_required
@require_POST
def attempt_answer(request, pk: int):
    return answer_save_response(request, _own_attempt(request, pk))


@login_required
@require_POST
def attempt_submit_view(request, pk: int):
    attempt = attempt_submit(attempt=_own_attempt(request, pk), now=timezone.now())
    if attempt.status == Attempt.Status.EXPIRED:
        messages.warning(
            request, _("Time ran out. Your attempt was closed with the answers saved.")
        )
    return redirect("courses:attempt_result", pk=attempt.pk)


def attempt_result_context(attempt: Attempt) -> dict:
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "competencies": competency_rows(attempt.competency_scores or {}),
    }


@login_required
def attempt_result(request, pk: int):
    attempt = _own_attempt(request, pk)
    if attempt.is_open:
        return redirect("courses:attempt_take", pk=attempt.pk)
    context = attempt_result_context(attempt)
    context["can_review"] = attempt.quiz.shows_feedback
    return TemplateResponse(request, "courses/attempt_result.html", context)


def attempt_review_context(attempt: Attempt) -> dict:
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    items = []
    for question in attempt_questions(attempt):
        shown = question_display(question, language=attempt.language)
        answer = answers.get(question.pk)
        response = answer.response if answer else {}
        shown["response"] = response
        shown["answer"] = answer
        shown["score_percent"] = (
            None if answer is None or answer.score is None else round(100 * answer.score)
        )
        chosen = set(response.get("choices") or [])
        for key in ("choice", "most", "least"):
            if isinstance(response.get(key), int):
                chosen.add(response[key])
        for option in shown["options"]:
            option["chosen"] = option["index"] in chosen
            option["most"] = response.get("most") == option["index"]
            option["least"] = response.get("least") == option["index"]
        path = response.get("path") or []
        by_id = {c["id"]: (node, c) for node in shown["nodes"] for c in node["choices"]}
        shown["transcript"] = [
            {
                "customer": by_id[step][0]["customer"],
                "mood": by_id[step][0]["mood_label"],
                "reply": by_id[step][1]["text"],
                "scores": by_id[step][1]["scores"],
            }
            for step in path
            if step in by_id
        ]
        shown["findings"] = (
            ((answer.auto_detail or {}).get("rephrasing") or {}).get("findings", [])
            if answer
            else []
        )
        items.append(shown)
    return {**attempt_result_context(attempt), "items": items}


@login_required
def attempt_review(request, pk: int):
    attempt = _own_attempt(request, pk)
    if attempt.is_open or not attempt.quiz.shows_feedback:
        raise Http404
    return TemplateResponse(request, "courses/attempt_review.html", attempt_review_context(attempt))
