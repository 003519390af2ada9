"""Live practice: the "Check my reply" endpoint of lessons and quizzes (JSON in, JSON out).

Nothing is saved: the draft is scored and the findings come back with their spans.
Hiring attempts are refused (see ``services.practice``).
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Attempt, LessonPage
from ..services.practice import (
    PracticeRefused,
    practice_check,
    practice_payload,
    practice_target_attempt,
    practice_target_lesson,
)


@login_required
@require_POST
def practice_check_view(request):
    """``{"text", "lesson", "block"}`` or ``{"text", "attempt", "question"}``."""
    try:
        payload = json.loads(request.body.decode("utf-8"))
        text = str(payload["text"])
        if "attempt" in payload:
            attempt_id, question_id = int(payload["attempt"]), int(payload["question"])
        else:
            lesson_id, block_id = int(payload["lesson"]), str(payload["block"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError):
        return JsonResponse({"error": _("The reply could not be read.")}, status=400)
    try:
        if "attempt" in payload:
            attempt = Attempt.objects.select_related("quiz").filter(pk=attempt_id).first()
            if attempt is None:
                raise PracticeRefused(_("This is not your attempt."), status=404)
            target = practice_target_attempt(
                user=request.user, attempt=attempt, question_id=question_id
            )
        else:
            lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
            if lesson is None:
                raise PracticeRefused(_("This lesson is not available."), status=404)
            target = practice_target_lesson(user=request.user, lesson=lesson, block_id=block_id)
        result = practice_check(user=request.user, target=target, text=text, now=timezone.now())
    except PracticeRefused as refused:
        return JsonResponse({"error": str(refused.message)}, status=refused.status)
    return JsonResponse(practice_payload(result))
