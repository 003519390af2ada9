"""Attempts at a quiz: start or resume, autosave each answer, submit, expire, score.

Time is always passed in (``now``) and the server's clock is the only one that
counts: the deadline is fixed when the attempt starts, an answer saved after it is
refused and the attempt closes with what was saved before.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..i18n import active_language
from ..models import Answer, Attempt, Question, QuizPage
from ..scoring.dialogue import Edge, Node, follow_path
from ..scoring.quiz import QuestionSpec, aggregate, score_answer
from .library import library_offer_from_attempt

MAX_TEXT_LENGTH = 5000
MAX_SHORT_TEXT_LENGTH = 255
SHUFFLED_KINDS = (
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.SITUATIONAL,
    Question.Kind.MISSING_WORD,
    Question.Kind.MATCHING,
)


class AttemptError(Exception):
    """A request about an attempt that cannot be honoured; ``message`` is for people."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


class AttemptClosed(AttemptError):
    """The attempt no longer takes answers (submitted, or past its time limit)."""

    def __init__(self, message, *, late: bool = False) -> None:
        super().__init__(message)
        self.late = late


class NoAttemptsLeft(AttemptError):
    pass


class AnswerInvalid(AttemptError):
    pass


# --- start -----------------------------------------------------------------------------


def _owner_filter(*, user=None, participant: str | None = None) -> Q:
    if user is not None:
        return Q(user=user)
    if participant:
        return Q(user__isnull=True, participant_key=participant)
    raise ValueError("an attempt needs a user or a participant key")


def attempt_start(
    *,
    quiz: QuizPage,
    user=None,
    participant: str | None = None,
    now,
    rng: random.Random | None = None,
) -> Attempt:
    """Resume the open attempt of this person, or start a new one if attempts are left.

    An open attempt past its deadline is closed first (with what it saved).
    Raises ``NoAttemptsLeft`` when the quiz allows no more.
    """
    owner = _owner_filter(user=user, participant=participant)
    with transaction.atomic():
        # A quiz and its translations are one quiz: attempts count across languages.
        same_quiz = Q(quiz__translation_key=quiz.translation_key)
        current = (
            Attempt.objects.select_for_update(of=("self",))
            .filter(owner, same_quiz, status=Attempt.Status.OPEN)
            .first()
        )
        if current is not None:
            if current.deadline is None or now <= current.deadline:
                return current
            _attempt_close(current, status=Attempt.Status.EXPIRED, now=now)
        used = Attempt.objects.filter(owner, same_quiz).count()
        if quiz.attempts_allowed and used >= quiz.attempts_allowed:
            raise NoAttemptsLeft(_("You have used all the attempts this quiz allows."))
        question_ids, option_orders = _draw(quiz, rng or random.Random())
        if not question_ids:
            raise AttemptError(_("This quiz has no questions yet."))
        deadline = None
        if quiz.time_limit_seconds:
            from datetime import timedelta

            deadline = now + timedelta(seconds=quiz.time_limit_seconds)
        try:
            with transaction.atomic():
                return Attempt.objects.create(
                    quiz=quiz,
                    user=user,
                    participant_key="" if user is not None else participant,
                    number=used + 1,
                    started_at=now,
                    deadline=deadline,
                    question_ids=question_ids,
                    option_orders=option_orders,
                    language=active_language(),
                )
        except IntegrityError:
            # A second tab started the same attempt a moment earlier: resume that one.
            return Attempt.objects.get(owner, quiz=quiz, status=Attempt.Status.OPEN)


def _draw(quiz: QuizPage, rng: random.Random) -> tuple[list[int], dict[str, list[int]]]:
    fixed = list(quiz.quiz_questions.order_by("sort_order").values_list("question_id", flat=True))
    if quiz.draw_count:
        categories = [c.pk for c in quiz.draw_categories.all()]
        tags = quiz.tag_list
        if categories or tags:
            pool_filter = Q(pk__in=fixed)
            if categories:
                pool_filter |= Q(category__in=categories)
            if tags:
                pool_filter |= Q(tags__name__in=tags)
            pool = sorted(set(Question.objects.filter(pool_filter).values_list("pk", flat=True)))
        else:
            pool = fixed
        ids = rng.sample(pool, min(quiz.draw_count, len(pool)))
    else:
        ids = fixed
    if quiz.shuffle_questions:
        rng.shuffle(ids)
    orders: dict[str, list[int]] = {}
    if quiz.shuffle_options:
        for pk, kind, options in Question.objects.filter(pk__in=ids).values_list(
            "pk", "kind", "options"
        ):
            if kind in SHUFFLED_KINDS and options:
                order = list(range(len(options)))
                rng.shuffle(order)
                orders[str(pk)] = order
    return ids, orders


# --- answers ---------------------------------------------------------------------------


def attempt_answer_save(*, attempt: Attempt, question: Question, answer: Mapping, now) -> Answer:
    """Save (or replace) the answer to one question; refused once the attempt is closed.

    An answer that arrives after the deadline closes the attempt with the answers
    saved before it and raises ``AttemptClosed(late=True)``.
    """
    response = answer_clean(question=question, answer=answer)
    late = False
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.status != Attempt.Status.OPEN:
            raise AttemptClosed(_("This attempt is closed; the answer was not saved."))
        if locked.deadline is not None and now > locked.deadline:
            _attempt_close(locked, status=Attempt.Status.EXPIRED, now=now)
            late = True
        else:
            if question.pk not in locked.question_ids:
                raise AnswerInvalid(_("This question is not part of the attempt."))
            saved, _created = Answer.objects.update_or_create(
                attempt=locked,
                question=question,
                defaults={
                    "response": response,
                    "saved_at": now,
                    "key_version": question.key_version,
                },
            )
    if late:
        attempt.refresh_from_db()
        raise AttemptClosed(
            _("Time is up: the answer came too late. The attempt was closed with what was saved."),
            late=True,
        )
    return saved


def _index(value, count: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
        raise AnswerInvalid(_("That option does not exist."))
    return value


def answer_clean(*, question: Question, answer: Mapping) -> dict:
    """The answer in its stored shape, or ``AnswerInvalid`` saying what is wrong."""
    if not isinstance(answer, Mapping):
        raise AnswerInvalid(_("The answer is not in the expected form."))
    kind = question.kind
    count = len(question.options or [])
    if kind in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE, Question.Kind.MISSING_WORD):
        return {"choice": _index(answer.get("choice"), count)}
    if kind == Question.Kind.DESCRIPTION:
        raise AnswerInvalid(_("This part of the quiz takes no answer."))
    if kind == Question.Kind.MATCHING:
        return _matching_clean(question, answer)
    if kind in (Question.Kind.SHORT_ANSWER, Question.Kind.NUMERICAL):
        text = answer.get("text")
        if not isinstance(text, str):
            raise AnswerInvalid(_("The answer is not in the expected form."))
        if len(text) > MAX_SHORT_TEXT_LENGTH:
            raise AnswerInvalid(_("The answer is too long."))
        return {"text": text}
    if kind == Question.Kind.MULTIPLE:
        choices = answer.get("choices")
        if not isinstance(choices, list):
            raise AnswerInvalid(_("The answer is not in the expected form."))
        return {"choices": sorted({_index(choice, count) for choice in choices})}
    if kind == Question.Kind.SITUATIONAL:
        cleaned = {}
        for key in ("most", "least"):
            value = answer.get(key)
            cleaned[key] = None if value is None else _index(value, count)
        if cleaned["most"] is not None and cleaned["most"] == cleaned["least"]:
            raise AnswerInvalid(_("The most and the least effective reply must differ."))
        return cleaned
    if kind == Question.Kind.DIALOGUE:
        path = answer.get("path")
        if not isinstance(path, list) or not all(
            isinstance(step, int) and not isinstance(step, bool) for step in path
        ):
            raise AnswerInvalid(_("The answer is not in the expected form."))
        nodes, edges = dialogue_graph(question)
        if len(follow_path(nodes, edges, path).edges) != len(path):
            raise AnswerInvalid(_("That reply does not fit the conversation."))
        return {"path": path}
    text = answer.get("text")
    if not isinstance(text, str):
        raise AnswerInvalid(_("The answer is not in the expected form."))
    if len(text) > MAX_TEXT_LENGTH:
        raise AnswerInvalid(_("The answer is too long."))
    if kind == Question.Kind.REPHRASING and answer.get("share") is True:
        return {"text": text, "share": True}  # the author agreed to the reply library
    return {"text": text}


def _matching_clean(question: Question, answer: Mapping) -> dict:
    """``{"matches": {"<prompt index>": <index of the option whose answer was picked>}}``."""
    matches = answer.get("matches")
    if not isinstance(matches, Mapping):
        raise AnswerInvalid(_("The answer is not in the expected form."))
    options = question.options or []
    prompts = {str(i) for i, option in enumerate(options) if str(option.get("text", "")).strip()}
    cleaned = {}
    for prompt, pick in matches.items():
        if str(prompt) not in prompts:
            raise AnswerInvalid(_("That option does not exist."))
        if pick is not None:
            cleaned[str(prompt)] = _index(pick, len(options))
    return {"matches": cleaned}


# --- closing and scoring ---------------------------------------------------------------


def attempt_submit(*, attempt: Attempt, now) -> Attempt:
    """Submit the attempt; a second submit changes nothing. Late submits close it as expired."""
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.status == Attempt.Status.OPEN:
            late = locked.deadline is not None and now > locked.deadline
            status = Attempt.Status.EXPIRED if late else Attempt.Status.SUBMITTED
            _attempt_close(locked, status=status, now=now)
    attempt.refresh_from_db()
    return attempt


def attempt_expire_overdue(*, now) -> int:
    """Close every open attempt past its deadline with what it saved; returns how many."""
    closed = 0
    overdue = Attempt.objects.filter(status=Attempt.Status.OPEN, deadline__lt=now)
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().get(pk=pk)
            if _attempt_close(attempt, status=Attempt.Status.EXPIRED, now=now):
                closed += 1
    return closed


def _attempt_close(attempt: Attempt, *, status: str, now) -> bool:
    """Close an open attempt exactly once (a conditional update), then score it."""
    changed = Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.OPEN).update(
        status=status, finished_at=now
    )
    if not changed:
        return False
    attempt.status = status
    attempt.finished_at = now
    attempt_score(attempt=attempt, recompute=True)
    library_offer_from_attempt(attempt=attempt)
    return True


def dialogue_graph(question: Question) -> tuple[list[Node], list[Edge]]:
    nodes = [Node(node.key, node.ending) for node in question.dialogue_nodes.all()]
    edges = [
        Edge(choice.pk, choice.from_key, choice.next_key, dict(choice.scores or {}))
        for choice in question.dialogue_choices.all()
    ]
    return nodes, edges


def question_spec(question: Question, *, key_version: int | None = None) -> QuestionSpec:
    """The pure scoring view of a question (prefetch competencies, nodes and choices).

    ``key_version`` scores with the key an answer was given under.
    """
    nodes, edges = dialogue_graph(question) if question.kind == Question.Kind.DIALOGUE else ([], [])
    return QuestionSpec(
        id=question.pk,
        kind=question.kind,
        weights=tuple(question.weights(key_version)),
        competencies=tuple(c.code for c in question.competencies.all()),
        nodes=tuple(nodes),
        edges=tuple(edges),
        original=question.original,
        mark=question.mark,
        answers=tuple(str(option.get("text", "")) for option in question.options or []),
        tolerances=tuple(float(option.get("tolerance", 0)) for option in question.options or []),
        matches=tuple(str(option.get("match", "")) for option in question.options or []),
        case_sensitive=question.case_sensitive,
    )


def attempt_questions(attempt: Attempt) -> list[Question]:
    """The attempt's questions in the order shown, with what scoring and pages need."""
    questions = Question.objects.filter(pk__in=attempt.question_ids).prefetch_related(
        "competencies", "dialogue_nodes", "dialogue_choices"
    )
    by_id = {question.pk: question for question in questions}
    return [by_id[pk] for pk in attempt.question_ids if pk in by_id]


def attempt_score(*, attempt: Attempt, recompute: bool = False) -> Attempt:
    """Score a closed attempt from its saved answers and store the result.

    ``recompute`` runs every rule again (at closing); otherwise stored automatic
    scores are kept and only people's grades are taken in (after grading).
    """
    questions = attempt_questions(attempt)
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    scored = []
    changed: list[Answer] = []
    for question in questions:
        answer = answers.get(question.pk)
        spec = question_spec(question, key_version=answer.key_version if answer else None)
        response = answer.response if answer else {}
        if answer is not None and (recompute or answer.auto_score is None):
            auto = score_answer(spec, response, language=attempt.language)
            answer.auto_score = auto.fraction
            answer.auto_detail = auto.detail
            changed.append(answer)
        manual = answer.manual_score if answer else None
        if manual is None and answer is not None and question.kind == Question.Kind.REPHRASING:
            manual = answer.auto_score  # the stored rule score: no second run of the rules
        result = score_answer(spec, response, language=attempt.language, manual_fraction=manual)
        scored.append((spec, result))
    if changed:
        Answer.objects.bulk_update(changed, ["auto_score", "auto_detail"])
    total = aggregate(scored, pass_mark=attempt.quiz.pass_mark)
    was_passed = attempt.passed
    attempt.score = total.percent
    attempt.competency_scores = total.competencies
    attempt.pending_count = total.pending
    attempt.passed = total.passed
    attempt.save(update_fields=["score", "competency_scores", "pending_count", "passed"])
    if total.passed and not was_passed:
        transaction.on_commit(lambda: _course_progress_notify(attempt))
    return attempt


def _course_progress_notify(attempt: Attempt) -> None:
    """Tell the course portal that a learner passed a course quiz (the one call site)."""
    from ..models import CoursePage
    from .progress import progress_quiz_passed

    quiz = attempt.quiz
    if attempt.user is None or quiz.mode == QuizPage.Mode.HIRING:
        return
    parent = quiz.get_parent().specific
    if isinstance(parent, CoursePage):
        progress_quiz_passed(user=attempt.user, course=parent)
