"""Enrolment and progress: starting a course, finishing lessons, passing the quiz."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import CoursePage, Enrolment, KnowledgeCheckAnswer, LessonCompletion, LessonPage
from ..models.pages import QUIZ_MODEL_NAME, canonical_page


class ProgressError(Exception):
    """A refusal with a message fit to show the learner."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class NotEnrolled(ProgressError):
    pass


class CourseLocked(ProgressError):
    pass


@dataclass(frozen=True)
class CheckResult:
    correct: bool
    feedback: str
    correct_options: list[int]


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def course_of_lesson(lesson: LessonPage) -> CoursePage:
    """The lesson's course in the default language (the parent is free once routed)."""
    return canonical_page(lesson.get_parent().specific)


def prerequisites_missing(*, user, course: CoursePage) -> list[CoursePage]:
    """Prerequisite courses the person has never completed (they keep the course locked)."""
    course = canonical_page(course)
    required = list(course.prerequisites.all())
    if not required:
        return []
    done = set(
        Enrolment.objects.filter(
            user=user, course__in=required, completed_at__isnull=False
        ).values_list("course_id", flat=True)
    )
    return [c for c in required if c.pk not in done]


def active_enrolment(*, user, course: CoursePage) -> Enrolment | None:
    return Enrolment.objects.filter(user=user, course=canonical_page(course), active=True).first()


@transaction.atomic
def enrolment_create(
    *,
    user,
    course: CoursePage,
    due_on: date | None = None,
    path=None,
    kind: str = Enrolment.Kind.INITIAL,
    now: datetime | None = None,
) -> Enrolment:
    """Enrol a person (or return their active enrolment, taking the earlier due date)."""
    course = canonical_page(course)
    enrolment = (
        Enrolment.objects.select_for_update().filter(user=user, course=course, active=True).first()
    )
    if enrolment is None:
        return Enrolment.objects.create(
            user=user,
            course=course,
            due_on=due_on,
            path=path,
            kind=kind,
            enrolled_at=_now(now),
        )
    changed = []
    if (
        due_on
        and not enrolment.is_completed
        and (enrolment.due_on is None or due_on < enrolment.due_on)
    ):
        enrolment.due_on = due_on
        changed.append("due_on")
    if path is not None and enrolment.path_id is None:
        enrolment.path = path
        changed.append("path")
    if changed:
        enrolment.save(update_fields=changed)
    return enrolment


def enrolment_assign_team(
    *, team, course: CoursePage, due_on: date | None = None
) -> list[Enrolment]:
    """Enrol every member of a team in a course (the wellbeing app uses this)."""
    from ..models import TeamMembership

    members = (
        TeamMembership.objects.filter(team=team, role=TeamMembership.Role.MEMBER)
        .select_related("user")
        .order_by("pk")
    )
    with transaction.atomic():
        return [enrolment_create(user=m.user, course=course, due_on=due_on) for m in members]


def course_start(*, user, course: CoursePage, now: datetime | None = None) -> Enrolment:
    """A person starts a course by themselves: allowed once its prerequisites are done."""
    course = canonical_page(course)
    missing = prerequisites_missing(user=user, course=course)
    if missing:
        raise CourseLocked(_locked_message(missing))
    return enrolment_create(user=user, course=course, now=now)


def _locked_message(missing: list[CoursePage]) -> str:
    titles = ", ".join(c.localized.title for c in missing)
    return _("This course opens once you have completed: %(courses)s.") % {"courses": titles}


def _require_enrolment(*, user, course: CoursePage) -> Enrolment:
    """The active enrolment, in one query; the prerequisites are read only when one is open."""
    from ..selectors.training import enrolment_for

    enrolment = enrolment_for(user=user, course=course)
    if enrolment is None:
        raise NotEnrolled(
            _("You are not enrolled in this course. Open the course page to start it.")
        )
    if enrolment.prerequisites_open:
        missing = prerequisites_missing(user=user, course=course)
        if missing:
            raise CourseLocked(_locked_message(missing))
    return enrolment


def lesson_visit(*, user, lesson: LessonPage, now: datetime | None = None) -> Enrolment:
    """Remember where the person is, so the course page can resume there."""
    enrolment = _require_enrolment(user=user, course=course_of_lesson(lesson))
    lesson = lesson.original
    changed = []
    if enrolment.last_lesson_id != lesson.pk:
        enrolment.last_lesson = lesson
        changed.append("last_lesson")
    if enrolment.started_at is None:
        enrolment.started_at = _now(now)
        changed.append("started_at")
    if enrolment.status == Enrolment.Status.NOT_STARTED:
        enrolment.status = Enrolment.Status.IN_PROGRESS
        changed.append("status")
    if changed:
        enrolment.save(update_fields=changed)
    return enrolment


@transaction.atomic
def lesson_complete(*, user, lesson: LessonPage, now: datetime | None = None) -> Enrolment:
    """Mark a lesson done; completes the course when nothing else is left."""
    lesson = canonical_page(lesson)
    enrolment = lesson_visit(user=user, lesson=lesson, now=now)
    LessonCompletion.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"completed_at": _now(now)}
    )
    course_completion_check(enrolment=enrolment, now=now)
    return enrolment


@transaction.atomic
def progress_quiz_passed(*, user, course: CoursePage, now: datetime | None = None) -> None:
    """The quiz engine calls this when a person passes the course's (or refresher) quiz."""
    course = canonical_page(course)
    enrolment = (
        Enrolment.objects.select_for_update().filter(user=user, course=course, active=True).first()
    )
    if enrolment is None:
        enrolment = enrolment_create(user=user, course=course, now=now)
    if enrolment.quiz_passed_at is None:
        enrolment.quiz_passed_at = _now(now)
        enrolment.started_at = enrolment.started_at or enrolment.quiz_passed_at
        if enrolment.status == Enrolment.Status.NOT_STARTED:
            enrolment.status = Enrolment.Status.IN_PROGRESS
        enrolment.save(update_fields=["quiz_passed_at", "started_at", "status"])
    course_completion_check(enrolment=enrolment, now=now)


def requirements(*, enrolment: Enrolment) -> tuple[set[int], bool]:
    """(lesson ids that must be done, whether the quiz must be passed) for an enrolment."""
    course = enrolment.course
    has_quiz = course.get_children().filter(content_type__model=QUIZ_MODEL_NAME).exists()
    if (
        enrolment.kind == Enrolment.Kind.REFRESHER
        and course.refresher_mode == CoursePage.RefresherMode.QUIZ
        and has_quiz
    ):
        return set(), True
    lessons = set(LessonPage.objects.child_of(course).live().values_list("pk", flat=True))
    return lessons, has_quiz


def course_completion_check(*, enrolment: Enrolment, now: datetime | None = None) -> bool:
    """Complete the enrolment (and issue the certificate) once every requirement is met."""
    if enrolment.is_completed:
        return True
    lessons, needs_quiz = requirements(enrolment=enrolment)
    done = set(enrolment.lesson_completions.values_list("lesson_id", flat=True))
    if not lessons <= done or (needs_quiz and enrolment.quiz_passed_at is None):
        return False
    if not lessons and not needs_quiz:
        return False  # an empty course is not a completion
    moment = _now(now)
    today = timezone.localdate(moment)
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_at = moment
    days = enrolment.course.validity_days
    enrolment.valid_until = today + timedelta(days=days) if days else None
    enrolment.save(update_fields=["status", "completed_at", "valid_until"])
    from .certificates import certificate_issue

    certificate_issue(enrolment=enrolment, now=moment)
    return True


@transaction.atomic
def knowledge_check_answer(
    *, user, lesson: LessonPage, block_id: str, option_index: int, now: datetime | None = None
) -> CheckResult:
    """Record an answer to a knowledge check and say whether it was right, and why."""
    check = lesson.knowledge_check(block_id)
    if check is None:
        raise ProgressError(_("This question no longer exists. Reload the lesson."))
    options = list(check["options"])
    if not 0 <= option_index < len(options):
        raise ProgressError(_("Choose one of the answers."))
    original = canonical_page(lesson)
    _require_enrolment(user=user, course=course_of_lesson(original))
    chosen = options[option_index]
    correct = bool(chosen["correct"])
    KnowledgeCheckAnswer.objects.update_or_create(
        user=user,
        lesson=original,
        block_id=block_id,
        defaults={"option_index": option_index, "correct": correct, "answered_at": _now(now)},
    )
    return CheckResult(
        correct=correct,
        feedback=str(chosen["feedback"] or ""),
        correct_options=[i for i, option in enumerate(options) if option["correct"]],
    )
