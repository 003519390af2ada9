"""Reads of the training portal: catalogue, course progress, my training, team matrix."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q
from django.utils import timezone
from wagtail.models import Locale, Page

from ..lib.status import DONE, EXPIRING, IN_PROGRESS, OVERDUE, cell_status
from ..models import (
    Certificate,
    CoursePage,
    Enrolment,
    KnowledgeCheckAnswer,
    LearningPath,
    LessonCompletion,
    LessonPage,
)
from ..models.pages import QUIZ_MODEL_NAME


@dataclass
class CourseRow:
    """A course as one person sees it in a list."""

    course: CoursePage  # in the language being read
    original: CoursePage
    enrolment: Enrolment | None
    lessons_total: int
    lessons_done: int
    locked_by: list[str]
    today: date
    certificate: Certificate | None = None

    @property
    def percent(self) -> int:
        if self.enrolment is not None and self.enrolment.is_completed:
            return 100
        if not self.lessons_total:
            return 0
        return round(100 * self.lessons_done / self.lessons_total)

    @property
    def cell(self) -> str:
        e = self.enrolment
        return cell_status(
            status=e.status if e else None,
            due_on=e.due_on if e else None,
            valid_until=e.valid_until if e else None,
            today=self.today,
        )


def _active_locale() -> Locale:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def localized_map(pages, model) -> dict[int, Page]:
    """original pk → the same page in the active language (the original when untranslated)."""
    pages = list(pages)
    found = {p.pk: p for p in pages}
    locale = _active_locale()
    if not pages or all(p.locale_id == locale.pk for p in pages):
        return found
    by_key = {p.translation_key: p.pk for p in pages}
    for translated in model.objects.filter(translation_key__in=list(by_key), locale=locale).live():
        found[by_key[translated.translation_key]] = translated
    return found


def originals_map(pages, model) -> dict[int, Page]:
    """page pk → its default-language original, in one query."""
    pages = list(pages)
    default = Locale.get_default()
    result = {p.pk: p for p in pages if p.locale_id == default.pk}
    rest = [p for p in pages if p.locale_id != default.pk]
    if rest:
        by_key = {
            o.translation_key: o
            for o in model.objects.filter(
                translation_key__in=[p.translation_key for p in rest], locale=default
            )
        }
        for page in rest:
            result[page.pk] = by_key.get(page.translation_key, page)
    return result


def _children_of(courses, pages) -> Iterator[tuple[int, Page]]:
    """(course pk, page) for the live direct children of many courses, in tree order,
    from one query; `pages` narrows which children (lessons, quizzes)."""
    courses = list(courses)
    if not courses:
        return
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    by_path = {course.path: course.pk for course in courses}
    for page in pages.live().filter(condition).order_by("path"):
        yield by_path[page.path[: -Page.steplen]], page


def lessons_of(courses) -> dict[int, list[LessonPage]]:
    """course pk → its live lessons in tree order, for many courses in one query."""
    courses = list(courses)
    result: dict[int, list[LessonPage]] = {course.pk: [] for course in courses}
    for course_pk, lesson in _children_of(courses, LessonPage.objects.all()):
        result[course_pk].append(lesson)
    return result


def quiz_children_of(courses) -> dict[int, Page]:
    """course pk → its first live quiz page (by content type name), in one query."""
    found: dict[int, Page] = {}
    quizzes = Page.objects.filter(content_type__model=QUIZ_MODEL_NAME)
    for course_pk, page in _children_of(courses, quizzes):
        found.setdefault(course_pk, page)
    return found


def _completions_count(enrolment_ids) -> dict[int, int]:
    return dict(
        LessonCompletion.objects.filter(enrolment_id__in=list(enrolment_ids))
        .values("enrolment_id")
        .annotate(n=Count("pk"))
        .values_list("enrolment_id", "n")
    )


def _missing_prerequisites(*, user, originals) -> dict[int, list[int]]:
    """original course pk → pks of its prerequisites the person has not completed."""
    through = CoursePage.prerequisites.through
    needed: dict[int, list[int]] = defaultdict(list)
    for source, target in through.objects.filter(
        from_coursepage_id__in=[c.pk for c in originals]
    ).values_list("from_coursepage_id", "to_coursepage_id"):
        needed[source].append(target)
    if not needed:
        return {}
    done = set()
    if user.is_authenticated:
        done = set(
            Enrolment.objects.filter(user=user, completed_at__isnull=False).values_list(
                "course_id", flat=True
            )
        )
    return {source: [t for t in targets if t not in done] for source, targets in needed.items()}


def _titles(pks) -> dict[int, str]:
    pages = CoursePage.objects.filter(pk__in=list(pks))
    return {pk: page.title for pk, page in localized_map(pages, CoursePage).items()}


def catalogue_for(*, index_page, user, today: date | None = None) -> list[CourseRow]:
    """Every live course of a catalogue page, with the person's status and locks."""
    today = today or timezone.localdate()
    courses = list(
        CoursePage.objects.child_of(index_page).live().select_related("topic").order_by("path")
    )
    originals = originals_map(courses, CoursePage)
    lessons = lessons_of(originals.values())
    enrolments = {}
    if user.is_authenticated:
        enrolments = {
            e.course_id: e
            for e in Enrolment.objects.filter(
                user=user, active=True, course__in=[o.pk for o in originals.values()]
            )
        }
    done = _completions_count(e.pk for e in enrolments.values())
    missing = _missing_prerequisites(user=user, originals=originals.values())
    titles = _titles({pk for pks in missing.values() for pk in pks})
    rows = []
    for course in courses:
        original = originals[course.pk]
        enrolment = enrolments.get(original.pk)
        rows.append(
            CourseRow(
                course=course,
                original=original,
                enrolment=enrolment,
                lessons_total=len(lessons[original.pk]),
                lessons_done=done.get(enrolment.pk, 0) if enrolment else 0,
                locked_by=[titles[pk] for pk in missing.get(original.pk, [])],
                today=today,
            )
        )
    return rows


@dataclass
class LessonItem:
    lesson: LessonPage
    done: bool


@dataclass
class CourseProgress:
    original: CoursePage
    enrolment: Enrolment | None
    lessons: list[LessonItem]
    resume: LessonPage | None
    locked_by: list[str]
    quiz: Page | None
    certificate: Certificate | None

    @property
    def percent(self) -> int:
        if self.enrolment is not None and self.enrolment.is_completed:
            return 100
        if not self.lessons:
            return 0
        return round(100 * sum(item.done for item in self.lessons) / len(self.lessons))


def course_progress_for(*, course: CoursePage, user) -> CourseProgress:
    """A course page's view of one person: lessons done, where to resume, what locks it."""
    original = originals_map([course], CoursePage)[course.pk]
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    lesson_originals = originals_map(lessons, LessonPage)
    enrolment = None
    if user.is_authenticated:
        enrolment = (
            Enrolment.objects.filter(user=user, course=original, active=True)
            .select_related("last_lesson")
            .first()
        )
    done: set[int] = set()
    certificate = None
    if enrolment is not None:
        done = set(enrolment.lesson_completions.values_list("lesson_id", flat=True))
        certificate = Certificate.objects.filter(enrolment=enrolment).first()
    items = [LessonItem(lesson, lesson_originals[lesson.pk].pk in done) for lesson in lessons]
    resume = None
    if enrolment is not None and not enrolment.is_completed:
        last_key = enrolment.last_lesson.translation_key if enrolment.last_lesson else None
        resume = next((i.lesson for i in items if not i.done), None)
        if last_key is not None:
            last = next((i for i in items if i.lesson.translation_key == last_key), None)
            if last is not None and not last.done:
                resume = last.lesson
    missing = _missing_prerequisites(user=user, originals=[original]).get(original.pk, [])
    return CourseProgress(
        original=original,
        enrolment=enrolment,
        lessons=items,
        resume=resume,
        locked_by=list(_titles(missing).values()) if missing else [],
        quiz=quiz_children_of([course]).get(course.pk),
        certificate=certificate,
    )


@dataclass
class PathRow:
    path: LearningPath
    rows: list[CourseRow]

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.enrolment and row.enrolment.is_completed)

    @property
    def percent(self) -> int:
        return round(100 * self.done / len(self.rows)) if self.rows else 0


@dataclass
class MyTraining:
    overdue: list[CourseRow] = field(default_factory=list)
    due: list[CourseRow] = field(default_factory=list)
    in_progress: list[CourseRow] = field(default_factory=list)
    done: list[CourseRow] = field(default_factory=list)
    paths: list[PathRow] = field(default_factory=list)
    certificates: dict[int, Certificate] = field(default_factory=dict)


def _rows_for_enrolments(enrolments, *, today: date) -> list[CourseRow]:
    originals = [e.course for e in enrolments]
    lessons = lessons_of({c.pk: c for c in originals}.values())
    localized = localized_map({c.pk: c for c in originals}.values(), CoursePage)
    done = _completions_count(e.pk for e in enrolments)
    return [
        CourseRow(
            course=localized[e.course_id],
            original=e.course,
            enrolment=e,
            lessons_total=len(lessons[e.course_id]),
            lessons_done=done.get(e.pk, 0),
            locked_by=[],
            today=today,
        )
        for e in enrolments
    ]


def my_training_for(*, user, today: date | None = None) -> MyTraining:
    """The learner's courses, sorted into overdue, due, in progress and done."""
    today = today or timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(user=user, active=True)
        .select_related("course", "path")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    rows = _rows_for_enrolments(enrolments, today=today)
    result = MyTraining()
    result.certificates = {
        c.enrolment_id: c for c in Certificate.objects.filter(enrolment__in=enrolments)
    }
    for row in rows:
        row.certificate = result.certificates.get(row.enrolment.pk)
        cell = row.cell
        if cell in (DONE, EXPIRING):
            result.done.append(row)
        elif cell == OVERDUE:
            result.overdue.append(row)
        elif cell == IN_PROGRESS:
            result.in_progress.append(row)
        else:
            result.due.append(row)
    result.paths = _path_rows(user=user, rows=rows)
    return result


def _path_rows(*, user, rows: list[CourseRow]) -> list[PathRow]:
    path_ids = {row.enrolment.path_id for row in rows if row.enrolment.path_id}
    if not path_ids:
        return []
    by_course = {row.original.pk: row for row in rows}
    result = []
    for path in LearningPath.objects.filter(pk__in=path_ids).prefetch_related("steps"):
        steps = sorted(path.steps.all(), key=lambda s: s.sort_order or 0)
        result.append(
            PathRow(path, [by_course[s.course_id] for s in steps if s.course_id in by_course])
        )
    return result


def path_detail_for(*, path: LearningPath, user, today: date | None = None) -> PathRow:
    """A path's courses in order with the person's status (locked courses say why)."""
    today = today or timezone.localdate()
    steps = list(path.steps.select_related("course").order_by("sort_order"))
    originals = [s.course for s in steps]
    enrolments = {
        e.course_id: e
        for e in Enrolment.objects.filter(user=user, active=True, course__in=originals)
    }
    lessons = lessons_of(originals)
    localized = localized_map(originals, CoursePage)
    done = _completions_count(e.pk for e in enrolments.values())
    missing = _missing_prerequisites(user=user, originals=originals)
    titles = _titles({pk for pks in missing.values() for pk in pks})
    rows = []
    for course in originals:
        enrolment = enrolments.get(course.pk)
        rows.append(
            CourseRow(
                course=localized[course.pk],
                original=course,
                enrolment=enrolment,
                lessons_total=len(lessons[course.pk]),
                lessons_done=done.get(enrolment.pk, 0) if enrolment else 0,
                locked_by=[titles[pk] for pk in missing.get(course.pk, [])],
                today=today,
            )
        )
    return PathRow(path, rows)


def course_for_topic(*, topic_code: str) -> CoursePage | None:
    """The first live default-language course on a topic (e.g. "stress_management")."""
    return (
        CoursePage.objects.live()
        .filter(topic__code=topic_code, locale=Locale.get_default())
        .order_by("path")
        .first()
    )


def knowledge_check_answers_for(*, lesson: LessonPage, user) -> dict[str, int]:
    """block id → the option the person chose last time, to show it again on return."""
    if not user.is_authenticated:
        return {}
    original = originals_map([lesson], LessonPage)[lesson.pk]
    return dict(
        KnowledgeCheckAnswer.objects.filter(user=user, lesson=original).values_list(
            "block_id", "option_index"
        )
    )
