"""The candidate's side of hiring: every URL carries the invitation token, no account.

Each view is wrapped by `token_required`, which rate-limits the client, opens the
invitation by token and answers a bad, used, expired or revoked link with a plain
page that reveals nothing else. The quiz itself is the engine's: its take template
and its autosave endpoint, at URLs scoped by the token.
"""

from __future__ import annotations

import json
from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses.conf import steady_setting
from courses.models import Attempt
from courses.selectors.quiz import attempt_take_context
from courses.services.attempts import attempt_submit
from courses.services.autosave import answer_autosave

from ..ratelimit import client_key, rate_exceeded, rate_hit
from ..services.candidates import candidate_attempt_start, integrity_record, invitation_consent
from ..services.invitations import InvitationError, LinkState, OpenedLink, invitation_open

PROBLEM_STATUS = {
    LinkState.INVALID: 404,
    LinkState.EXPIRED: 410,
    LinkState.REVOKED: 410,
    LinkState.USED: 410,
}


def _rate_limited(request) -> HttpResponse:
    return TemplateResponse(request, "hiring/assessment/rate_limited.html", {}, status=429)


def _problem(request, state: str) -> HttpResponse:
    if request.headers.get("Content-Type", "").startswith("application/json"):
        return JsonResponse(
            {"ok": False, "closed": True, "error": _("This link can no longer be used.")},
            status=409 if state != LinkState.INVALID else 404,
        )
    return TemplateResponse(
        request,
        "hiring/assessment/link_problem.html",
        {"state": state},
        status=PROBLEM_STATUS.get(state, 404),
    )


def token_required(*, counts: bool = False):
    """Rate-limit, then open the invitation; `counts` makes every request count (pages a
    person opens), while autosave calls with a valid token do not."""

    def decorate(view):
        @wraps(view)
        @never_cache
        def wrapper(request, token: str, *args, **kwargs):
            now = timezone.now()
            key = client_key(request)
            if rate_exceeded(key=key, now=now):
                return _rate_limited(request)
            opened = invitation_open(raw_token=token, now=now)
            if (counts or opened.state == LinkState.INVALID) and not rate_hit(key=key, now=now):
                return _rate_limited(request)
            return view(request, token, opened, now, *args, **kwargs)

        return wrapper

    return decorate


def _landing_context(token: str, opened: OpenedLink) -> dict:
    invitation = opened.invitation
    quiz = invitation.quiz
    return {
        "token": token,
        "invitation": invitation,
        "candidate": invitation.candidate,
        "quiz": quiz,
        "minutes": (quiz.time_limit_seconds + 59) // 60,
        "question_count": len(quiz.quiz_questions.all()) or quiz.draw_count,
        "retention_days": steady_setting("CANDIDATE_RETENTION_DAYS"),
        "started": invitation.attempt_id is not None,
    }


@token_required(counts=True)
def assessment_landing(request, token, opened: OpenedLink, now):
    """What the assessment is, what is recorded, and the consent step."""
    if not opened.ok:
        return _problem(request, opened.state)
    context = _landing_context(token, opened)
    if request.method == "POST":
        if request.POST.get("consent") != "yes":
            context["consent_error"] = _("Please tick the box to give your consent.")
            return TemplateResponse(request, "hiring/assessment/landing.html", context, status=400)
        invitation_consent(invitation=opened.invitation, now=now)
        try:
            candidate_attempt_start(invitation=opened.invitation, now=now)
        except InvitationError as refused:
            context["consent_error"] = refused.message
            return TemplateResponse(request, "hiring/assessment/landing.html", context, status=400)
        return redirect("hiring:assessment_take", token=token)
    return TemplateResponse(request, "hiring/assessment/landing.html", context)


def _open_attempt(opened: OpenedLink) -> Attempt | None:
    if not opened.ok or opened.invitation.attempt_id is None:
        return None
    return opened.invitation.attempt


@token_required(counts=True)
def assessment_take(request, token, opened: OpenedLink, now):
    if opened.state == LinkState.USED:
        return redirect("hiring:assessment_done", token=token)
    attempt = _open_attempt(opened)
    if attempt is None:
        if not opened.ok:
            return _problem(request, opened.state)
        return redirect("hiring:assessment_landing", token=token)  # consent first
    context = attempt_take_context(
        attempt,
        now=now,
        answer_url=reverse("hiring:assessment_answer", args=[token]),
        submit_url=reverse("hiring:assessment_submit", args=[token]),
    )
    context["signal_url"] = reverse("hiring:assessment_signal", args=[token])
    return TemplateResponse(request, "hiring/assessment/take.html", context)


@require_POST
@token_required()
def assessment_answer(request, token, opened: OpenedLink, now):
    attempt = _open_attempt(opened)
    if attempt is None:
        return _problem(request, opened.state if not opened.ok else LinkState.USED)
    saved = answer_autosave(attempt=attempt, body=request.body, now=now)
    return JsonResponse(saved.payload, status=saved.status)


@require_POST
@token_required()
def assessment_signal(request, token, opened: OpenedLink, now):
    """Integrity events from the page: {"event": "blur"|"paste"|"time", ...}."""
    attempt = _open_attempt(opened)
    if attempt is None:
        return _problem(request, opened.state if not opened.ok else LinkState.USED)
    try:
        payload = json.loads(request.body.decode("utf-8"))
        event = str(payload.get("event", ""))
        question = payload.get("question")
        question_id = int(question) if question is not None else None
        seconds = float(payload.get("seconds") or 0)
    except (ValueError, TypeError, AttributeError, UnicodeDecodeError):
        return JsonResponse({"ok": False}, status=400)
    integrity_record(
        invitation=opened.invitation, event=event, question_id=question_id, seconds=seconds
    )
    return JsonResponse({"ok": True})


@require_POST
@token_required(counts=True)
def assessment_submit(request, token, opened: OpenedLink, now):
    attempt = _open_attempt(opened)
    if attempt is not None:
        attempt_submit(attempt=attempt, now=now)
    elif not opened.ok and opened.state != LinkState.USED:
        return _problem(request, opened.state)
    return redirect("hiring:assessment_done", token=token)


@token_required(counts=True)
def assessment_done(request, token, opened: OpenedLink, now):
    """The thank-you page, once the attempt is closed."""
    if opened.state != LinkState.USED:
        if opened.ok:
            return redirect("hiring:assessment_landing", token=token)
        return _problem(request, opened.state)
    attempt = opened.invitation.attempt
    if attempt.status == Attempt.Status.OPEN:  # past its deadline: close it with what it saved
        attempt_submit(attempt=attempt, now=now)
    return TemplateResponse(
        request,
        "hiring/assessment/done.html",
        {"retention_days": steady_setting("CANDIDATE_RETENTION_DAYS")},
    )
