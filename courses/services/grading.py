"""A person's grade for an answer (free text, rephrasing), overriding any rule."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Answer, Attempt
from .attempts import AttemptError, attempt_score


def answer_grade(*, answer: Answer, score: float, grader, note: str = "") -> Answer:
    """Grade an answer of a closed attempt with ``score`` percent (0-100) and rescore it."""
    if not 0 <= score <= 100:
        raise AttemptError(_("A grade is a percentage from 0 to 100."))
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=answer.attempt_id)
        if attempt.status == Attempt.Status.OPEN:
            raise AttemptError(_("The attempt is still in progress; grade it once it is closed."))
        answer.manual_score = round(score / 100, 4)
        answer.grader = grader
        answer.grader_note = note
        answer.graded_at = timezone.now()
        answer.save(update_fields=["manual_score", "grader", "grader_note", "graded_at"])
        attempt_score(attempt=attempt)
    return answer
