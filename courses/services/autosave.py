"""The quiz engine's autosave: one answer from a small JSON body, for any owner.

Both the staff quiz pages and the hiring candidate pages post the same body
(``{"question": id, "answer": {…}}``) and answer with the same JSON; the views
only decide whose attempt it is and wrap the result in a response.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from ..models import Attempt, Question
from .attempts import AnswerInvalid, AttemptClosed, attempt_answer_save


@dataclass(frozen=True)
class AutosaveResult:
    payload: dict
    status: int = 200


def answer_autosave(*, attempt: Attempt, body: bytes, now: datetime) -> AutosaveResult:
    """Save one answer posted as JSON; a bad body, an unknown question, a closed
    attempt or an invalid answer each come back as a message and a status."""
    try:
        payload = json.loads(body.decode("utf-8"))
        question_id = int(payload["question"])
        answer = payload["answer"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return AutosaveResult({"ok": False, "error": _("The answer could not be read.")}, 400)
    question = Question.objects.filter(pk=question_id).first()
    if question is None:
        return AutosaveResult({"ok": False, "error": _("No such question.")}, 400)
    try:
        saved = attempt_answer_save(attempt=attempt, question=question, answer=answer, now=now)
    except AttemptClosed as closed:
        return AutosaveResult(
            {"ok": False, "closed": True, "late": closed.late, "error": str(closed.message)}, 409
        )
    except AnswerInvalid as invalid:
        return AutosaveResult({"ok": False, "error": str(invalid.message)}, 400)
    return AutosaveResult(
        {
            "ok": True,
            "saved_at": saved.saved_at.isoformat(),
            "seconds_left": attempt.seconds_left(now),
        }
    )
