"""Reads of the training portal: catalogue, course progress, my training, team matrix."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import BooleanField, Count, Exists, F, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from wagtail.models import Page

from ..lib.locales import active_locale, default_locale
from ..lib.progress import progress_percent
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
    has_quiz: bool = False

    @property
    def percent(self) -> int:
        e = self.enrolment
        return progress_percent(
            lessons_total=self.lessons_total,
            lessons_done=self.lessons_done,
            has_quiz=self.has_quiz,
            quiz_passed=bool(e and e.quiz_passed_at),
            completed=bool(e and e.is_completed),
        )

    @property
    def cell(self) -> str:
        e = self.enrolment
        return cell_status(
            status=e.status if e else None,
            due_on=e.due_on if e else None,
            valid_until=e.valid_until if e else None,
            today=self.today,
        )


def localized_map(pages, model) -> dict[int, Page]:
    """original pk → the same page in the active language (the original when untranslated)."""
    pages = list(pages)
    found = {p.pk: p for p in pages}
    locale = active_locale()
    if not pages or all(p.locale_id == locale.pk for p in pages):
        return found
    by_key = {p.translation_key: p.pk for p in pages}
    for translated in model.objects.filter(translation_key__in=list(by_key), locale=locale).live():
        found[by_key[translated.translation_key]] = translated
    return found


def originals_map(pages, model) -> dict[int, Page]:
    """page pk → its default-language original, in one query."""
    pages = list(pages)
    default = default_locale()
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


def steps_of(courses) -> dict[int, tuple[int, bool]]:
    """course pk → (how many live lessons, whether it has a live quiz), in one query."""
    courses = list(courses)
    result = {course.pk: (0, False) for course in courses}
    steps = Page.objects.filter(
        content_type__app_label="courses",
        content_type__model__in=[LessonPage._meta.model_name, QUIZ_MODEL_NAME],
    ).select_related("content_type")
    for course_pk, page in _children_of(courses, steps):
        lessons, quiz = result[course_pk]
        if page.content_type.model == QUIZ_MODEL_NAME:
            result[course_pk] = (lessons, True)
        else:
            result[course_pk] = (lessons + 1, quiz)
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
    steps = steps_of(originals.values())
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
                lessons_total=steps[original.pk][0],
                lessons_done=done.get(enrolment.pk, 0) if enrolment else 0,
                locked_by=[titles[pk] for pk in missing.get(original.pk, [])],
                today=today,
                has_quiz=steps[original.pk][1],
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
        e = self.enrolment
        return progress_percent(
            lessons_total=len(self.lessons),
            lessons_done=sum(item.done for item in self.lessons),
            has_quiz=self.quiz is not None,
            quiz_passed=bool(e and e.quiz_passed_at),
            completed=bool(e and e.is_completed),
        )


def prerequisites_open(*, user, course_pk: int) -> RawSQL:
    """SQL: whether the course has a prerequisite the person has never completed.

    Written as SQL: this runs on every lesson page, and building the same nested
    subqueries with the ORM cost more Python time than the rest of the query.
    """
    through = CoursePage.prerequisites.through._meta.db_table
    enrolments = Enrolment._meta.db_table
    return RawSQL(
        f"EXISTS (SELECT 1 FROM {through} p WHERE p.from_coursepage_id = %s"  # noqa: S608
        f" AND p.to_coursepage_id NOT IN (SELECT e.course_id FROM {enrolments} e"
        " WHERE e.user_id = %s AND e.completed_at IS NOT NULL))",
        (course_pk, user.pk),
        output_field=BooleanField(),
    )


def enrolment_for(*, user, course: CoursePage, with_certificate: bool = False) -> Enrolment | None:
    """The person's active enrolment in a course (any language of it), in one query.

    Carries `prerequisites_open` (a prerequisite not completed yet) and
    `last_lesson_key` (the translation key of the lesson last visited), and its
    certificate when asked, so a learner page asks nothing else about it.
    """
    if not user.is_authenticated:
        return None
    original = course.original
    found = Enrolment.objects.filter(user=user, course=original, active=True).annotate(
        prerequisites_open=prerequisites_open(user=user, course_pk=original.pk),
        last_lesson_key=F("last_lesson__translation_key"),
    )
    if with_certificate:
        found = found.select_related("certificate")
    return found.first()


def _course_children(*, course: CoursePage, enrolment: Enrolment | None):
    """(lessons as LessonItems, the quiz page or None) of a course, in one query."""
    children = (
        Page.objects.child_of(course)
        .live()
        .order_by("path")
        .select_related("lessonpage")
        .defer("lessonpage__body")
    )
    if enrolment is not None:
        # Completions are kept against the default-language lessons: match by key.
        children = children.annotate(
            done=Exists(
                LessonCompletion.objects.filter(
                    enrolment_id=enrolment.pk, lesson__translation_key=OuterRef("translation_key")
                )
            )
        )
    lessons: list[LessonItem] = []
    quiz = None
    for child in children:
        kind = child.specific_class
        if kind is LessonPage:
            lesson = child.lessonpage
            lesson._cached_parent_obj = course
            lessons.append(LessonItem(lesson, bool(getattr(child, "done", False))))
        elif quiz is None and kind is not None and kind._meta.model_name == QUIZ_MODEL_NAME:
            quiz = child
    return lessons, quiz


def course_progress_for(*, course: CoursePage, user) -> CourseProgress:
    """A course page's view of one person: lessons done, where to resume, what locks it.

    Two queries for an enrolled person (the enrolment, the course's children); the
    prerequisites are only read in full when one is still open.
    """
    original = course.original
    enrolment = enrolment_for(user=user, course=course, with_certificate=True)
    items, quiz = _course_children(course=course, enrolment=enrolment)
    certificate = None
    if enrolment is not None:
        try:
            certificate = enrolment.certificate
        except Certificate.DoesNotExist:
            certificate = None
    resume = None
    if enrolment is not None and not enrolment.is_completed:
        last_key = enrolment.last_lesson_key
        resume = next((i.lesson for i in items if not i.done), None)
        if last_key is not None:
            last = next((i for i in items if i.lesson.translation_key == last_key), None)
            if last is not None and not last.done:
                resume = last.lesson
    missing: list[int] = []
    if enrolment is None or enrolment.prerequisites_open:
        missing = _missing_prerequisites(user=user, originals=[original]).get(original.pk, [])
    return CourseProgress(
        original=original,
        enrolment=enrolment,
        lessons=items,
        resume=resume,
        locked_by=list(_titles(missing).values()) if missing else [],
        quiz=quiz,
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
    steps = steps_of({c.pk: c for c in originals}.values())
    localized = localized_map({c.pk: c for c in originals}.values(), CoursePage)
    done = _completions_count(e.pk for e in enrolments)
    return [
        CourseRow(
            course=localized[e.course_id],
            original=e.course,
            enrolment=e,
            lessons_total=steps[e.course_id][0],
            lessons_done=done.get(e.pk, 0),
            locked_by=[],
            today=today,
            has_quiz=steps[e.course_id][1],
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
    steps = steps_of(originals)
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
                lessons_total=steps[course.pk][0],
                lessons_done=done.get(enrolment.pk, 0) if enrolment else 0,
                locked_by=[titles[pk] for pk in missing.get(course.pk, [])],
                today=today,
                has_quiz=steps[course.pk][1],
            )
        )
    return PathRow(path, rows)


def course_for_topic(*, topic_code: str) -> CoursePage | None:
    """The first live default-language course on a topic (e.g. "stress_management")."""
    return (
        CoursePage.objects.live()
        .filter(topic__code=topic_code, locale=default_locale())
        .order_by("path")
        .first()
    )


def knowledge_check_answers_for(*, lesson: LessonPage, user) -> dict[str, int]:
    """block id → the option the person chose last time, to show it again on return."""
    if not user.is_authenticated:
        return {}
    if not any(child.block_type == "knowledge_check" for child in lesson.body):
        return {}  # nothing to show again, nothing to ask for
    original = lesson.original
    return dict(
        KnowledgeCheckAnswer.objects.filter(user=user, lesson=original).values_list(
            "block_id", "option_index"
        )
    )
