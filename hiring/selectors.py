"""Reads for the recruiter's pages: candidates with their derived status, scores,
percentiles, integrity summaries, the comparison and the grading queue."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Q, QuerySet, Value, When
from wagtail.models import ModelLogEntry

from courses.conf import steady_setting
from courses.models import Answer, Attempt, Competency, Question, QuizPage

from .models import Candidate, Invitation
from .stats import integrity_summary, percentile_rank

CLOSED = (Attempt.Status.SUBMITTED, Attempt.Status.EXPIRED)
GRADED_KINDS = (Question.Kind.FREE_TEXT, Question.Kind.REPHRASING)

STATUS_EXPRESSION = Case(
    When(~Q(decision=""), then=Value(Candidate.Status.DECIDED)),
    When(
        Q(invitation__attempt__status__in=CLOSED, invitation__attempt__pending_count=0),
        then=Value(Candidate.Status.GRADED),
    ),
    When(invitation__attempt__status__in=CLOSED, then=Value(Candidate.Status.SUBMITTED)),
    When(invitation__attempt__isnull=False, then=Value(Candidate.Status.STARTED)),
    default=Value(Candidate.Status.INVITED),
    output_field=CharField(),
)

STATUS_BADGES = {
    Candidate.Status.INVITED: "",
    Candidate.Status.STARTED: "badge-info",
    Candidate.Status.SUBMITTED: "badge-warn",
    Candidate.Status.GRADED: "badge-ok",
    Candidate.Status.DECIDED: "badge-ok",
}


def hiring_quiz_list() -> QuerySet[QuizPage]:
    return QuizPage.objects.live().filter(mode=QuizPage.Mode.HIRING).order_by("title")


def candidates_filtered(
    *,
    position_id: int | None = None,
    quiz_id: int | None = None,
    status: str = "",
    search: str = "",
    include_purged: bool = False,
) -> QuerySet[Candidate]:
    """Candidates with `status_code` annotated, newest first."""
    candidates = Candidate.objects.select_related(
        "position", "invitation", "invitation__quiz", "invitation__attempt", "decided_by"
    ).annotate(status_code=STATUS_EXPRESSION)
    if not include_purged:
        candidates = candidates.filter(purged_at__isnull=True)
    if position_id:
        candidates = candidates.filter(position_id=position_id)
    if quiz_id:
        candidates = candidates.filter(invitation__quiz_id=quiz_id)
    if status:
        candidates = candidates.filter(status_code=status)
    if search:
        candidates = candidates.filter(Q(name__icontains=search) | Q(email__icontains=search))
    return candidates


def candidate_get(*, pk: int) -> Candidate | None:
    return candidates_filtered(include_purged=True).filter(pk=pk).first()


def quiz_score_pools(*, quiz_ids: set[int]) -> dict[int, list[float]]:
    """Scores of every candidate's closed attempt per quiz (purged ones included:
    their scores are anonymous and still count)."""
    pools: dict[int, list[float]] = {pk: [] for pk in quiz_ids}
    rows = Attempt.objects.filter(
        quiz_id__in=quiz_ids, status__in=CLOSED, score__isnull=False, invitation__isnull=False
    ).values_list("quiz_id", "score")
    for quiz_id, score in rows:
        pools[quiz_id].append(score)
    return pools


def candidate_percentile(*, attempt: Attempt | None, pool: list[float]) -> int | None:
    """The percentile, or None while fewer than STEADY_PERCENTILE_MIN_CANDIDATES submitted."""
    if attempt is None or attempt.score is None or attempt.status not in CLOSED:
        return None
    if len(pool) < steady_setting("PERCENTILE_MIN_CANDIDATES"):
        return None
    return percentile_rank(attempt.score, pool)


def competency_labels(codes) -> list[tuple[str, str]]:
    """(code, label) in the competencies' own order."""
    known = {c.code: c for c in Competency.objects.filter(code__in=list(codes))}
    ordered = sorted(
        codes, key=lambda code: (known[code].sort_order if code in known else 999, code)
    )
    return [(code, known[code].label if code in known else code) for code in ordered]


def candidate_table(candidates: list[Candidate]) -> dict:
    """Rows for the dashboard and the CSV: scores, percentiles, competencies as columns."""
    attempts = [c.invitation.attempt for c in candidates if _attempt(c)]
    pools = quiz_score_pools(quiz_ids={a.quiz_id for a in attempts})
    codes = set()
    for attempt in attempts:
        if attempt.status in CLOSED:
            codes.update((attempt.competency_scores or {}).keys())
    columns = competency_labels(codes)
    rows = []
    for candidate in candidates:
        attempt = _attempt(candidate)
        closed = attempt is not None and attempt.status in CLOSED
        scores = (attempt.competency_scores or {}) if closed else {}
        rows.append(
            {
                "candidate": candidate,
                "status": candidate.status_code,
                "status_label": Candidate.Status(candidate.status_code).label,
                "badge": STATUS_BADGES[candidate.status_code],
                "score": attempt.score if closed else None,
                "pending": attempt.pending_count if closed else 0,
                "percentile": candidate_percentile(
                    attempt=attempt, pool=pools.get(attempt.quiz_id, []) if attempt else []
                ),
                "competencies": [_percent(scores.get(code)) for code, _label in columns],
            }
        )
    return {"rows": rows, "columns": columns}


def _attempt(candidate: Candidate) -> Attempt | None:
    invitation = getattr(candidate, "invitation", None)
    return invitation.attempt if invitation is not None else None


def _percent(value) -> float | None:
    """The engine stores competency scores as percentages already (0..100)."""
    return None if value is None else round(float(value), 1)


def candidate_integrity(*, invitation: Invitation):
    attempt = invitation.attempt
    if attempt is None:
        return None
    questions = Question.objects.filter(pk__in=attempt.question_ids).only("pk", "text", "options")
    word_counts = {}
    for question in questions:
        words = len((question.text or "").split())
        for option in question.options or []:
            words += len(str(option.get("text", "")).split())
        word_counts[str(question.pk)] = words
    answered = {str(pk) for pk in attempt.answers.values_list("question_id", flat=True)}
    return integrity_summary(
        question_seconds={k: float(v) for k, v in (invitation.question_seconds or {}).items()},
        word_counts=word_counts,
        answered=answered,
        focus_lost=invitation.focus_lost_count,
        pastes=invitation.paste_count,
    )


def candidate_history(*, candidate: Candidate) -> list:
    """The audit log of recruiter actions on this candidate, newest first."""
    return list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Candidate),
            object_id=str(candidate.pk),
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")[:50]
    )


def answers_to_grade(*, waiting_only: bool = True) -> QuerySet[Answer]:
    """Candidates' free-text and rephrasing answers of closed attempts, oldest first."""
    answers = (
        Answer.objects.filter(
            question__kind__in=GRADED_KINDS,
            attempt__status__in=CLOSED,
            attempt__invitation__isnull=False,
            attempt__invitation__candidate__purged_at__isnull=True,
        )
        .select_related("question", "attempt__invitation__candidate__position", "grader")
        .order_by("attempt__finished_at", "pk")
    )
    if waiting_only:
        answers = answers.filter(manual_score__isnull=True)
    return answers


def comparison(*, candidates: list[Candidate]) -> dict:
    """Per-competency scores of 2–4 candidates, side by side."""
    codes = set()
    for candidate in candidates:
        attempt = _attempt(candidate)
        if attempt is not None and attempt.status in CLOSED:
            codes.update((attempt.competency_scores or {}).keys())
    axes = competency_labels(codes)
    series = []
    for candidate in candidates:
        attempt = _attempt(candidate)
        scores = (attempt.competency_scores or {}) if attempt and attempt.status in CLOSED else {}
        series.append(
            {
                "candidate": candidate,
                "score": attempt.score if attempt and attempt.status in CLOSED else None,
                "values": [_percent(scores.get(code)) for code, _label in axes],
            }
        )
    return {"axes": axes, "series": series}
