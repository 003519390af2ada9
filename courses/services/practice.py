"""Live practice: "Check my reply" scores a draft rewrite without saving anything.

Offered in lessons (a practice block) and in training and refresher quizzes whose
editor allowed it; never in a hiring assessment, so a candidate cannot probe the
scorer. Each person gets ``STEADY_PRACTICE_RATE_LIMIT`` checks per window (cache-counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from ..conf import steady_setting
from ..labels import findings_shown
from ..lib.rates import rate_parse
from ..models import Attempt, LessonPage, Question, QuizPage
from ..models.pages import canonical_page
from ..scoring.rephrasing import SUPPORTED_LANGUAGES, RephrasingResult, score_reply
from .progress import active_enrolment, course_of_lesson

MAX_PRACTICE_CHARS = 2000


class PracticeRefused(Exception):
    """A check that is not allowed; ``message`` is for the person, ``status`` for HTTP."""

    def __init__(self, message, *, status: int = 403):
        super().__init__(str(message))
        self.message = message
        self.status = status


@dataclass(frozen=True)
class PracticeTarget:
    """What a draft is checked against: the weak reply and its language."""

    original: str
    language: str


def _language(code: str | None) -> str:
    code = (code or "en")[:2].lower()
    return code if code in SUPPORTED_LANGUAGES else "en"


def practice_target_lesson(*, user, lesson: LessonPage, block_id: str) -> PracticeTarget:
    """The practice block ``block_id`` of a lesson the person is enrolled in."""
    block = next((b for b in lesson.body if b.block_type == "practice" and b.id == block_id), None)
    if block is None:
        raise PracticeRefused(_("This exercise no longer exists. Reload the lesson."), status=404)
    if not user.is_staff:
        course = course_of_lesson(canonical_page(lesson))
        if active_enrolment(user=user, course=course) is None:
            raise PracticeRefused(_("Start the course to practise in its lessons."))
    return PracticeTarget(
        original=block.value["weak_reply"], language=_language(lesson.locale.language_code)
    )


def practice_target_attempt(*, user, attempt: Attempt, question_id: int) -> PracticeTarget:
    """A rephrasing question of the person's own open attempt at a quiz that allows it."""
    if attempt.user_id is None or attempt.user_id != user.pk:
        raise PracticeRefused(_("This is not your attempt."), status=404)
    quiz = attempt.quiz
    if quiz.mode == QuizPage.Mode.HIRING or not quiz.offers_live_practice:
        raise PracticeRefused(_("Checking a reply is not offered in this quiz."))
    if not attempt.is_open:
        raise PracticeRefused(_("This attempt is closed."), status=409)
    if question_id not in attempt.question_ids:
        raise PracticeRefused(_("This question is not part of the attempt."), status=400)
    question = Question.objects.filter(pk=question_id, kind=Question.Kind.REPHRASING).first()
    if question is None:
        raise PracticeRefused(_("Only a rephrasing answer can be checked."), status=400)
    original = question.translated(attempt.language).get("original") or question.original
    return PracticeTarget(original=original, language=_language(attempt.language))


def _within_rate(*, user_id: int, now: datetime) -> bool:
    """Count one check in the cache's fixed window (Redis when configured, shared by all
    processes; per process on the embedded default, which is enough to stop a script
    from hammering the scorer: unlike the candidate token limit, nothing is protected
    here but CPU time, so no database write per check)."""
    rate = rate_parse(steady_setting("PRACTICE_RATE_LIMIT"))
    window = int(now.timestamp()) // rate.seconds
    key = f"steady:practice:{user_id}:{window}"
    cache.add(key, 0, timeout=rate.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=rate.seconds)
        count = 1
    return count <= rate.limit


def practice_check(*, user, target: PracticeTarget, text: str, now: datetime) -> RephrasingResult:
    """Score ``text`` against the target after counting the check against the person's limit."""
    text = (text or "").strip()
    if not text:
        raise PracticeRefused(_("Write your version of the reply first."), status=400)
    if len(text) > MAX_PRACTICE_CHARS:
        raise PracticeRefused(
            _("Keep the reply under %(count)d characters.") % {"count": MAX_PRACTICE_CHARS},
            status=400,
        )
    if not _within_rate(user_id=user.pk, now=now):
        raise PracticeRefused(
            _("You have checked many replies in a short time. Wait a minute and try again."),
            status=429,
        )
    return score_reply(text, language=target.language, original=target.original or None)


def practice_payload(result: RephrasingResult) -> dict:
    """The result as the page shows it: translated messages, spans to highlight."""
    findings = findings_shown(result.as_dict()["findings"])
    return {"score": result.score, "passed": result.passed, "findings": findings}
