"""Demo training portal: the catalogue, four courses in en/ru(/pl), an onboarding path, progress.

Courses come from fixtures/demo/courses/*.json (see fixtures/demo/SCHEMA.md). Each step
looks things up by slug or name first, so running it again adds nothing.
"""

import json
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LearningPath,
    LearningPathCourse,
    LessonPage,
)
from courses.services.paths import path_assign
from courses.services.progress import lesson_complete
from courses.services.topics import topics_ensure_defaults

from . import FIXTURES, read_fixture
from .people import fill_blank
from .site import ensure_locales, load_site

INDEX_TEXT = {
    "en": ("Training courses", "<p>Everything our support team learns, in one place.</p>"),
    "ru": ("Учебные курсы", "<p>Всё, чему учится наша служба поддержки, в одном месте.</p>"),
    "pl": (
        "Kursy szkoleniowe",
        "<p>Wszystko, czego uczy się nasz zespół wsparcia, w jednym miejscu.</p>",
    ),
}
ONBOARDING = "New hire onboarding"
ONBOARDING_TEXTS = {
    "name": ONBOARDING,
    "name_ru": "Адаптация новых сотрудников",
    "name_pl": "Wdrożenie nowych pracowników",
    "description": "Your first weeks at Northwind Home: our products, the law on returns, calm "
    "under pressure and the words that help customers.",
    "description_ru": "Ваши первые недели в Northwind Home: наши товары, закон о возвратах, "
    "спокойствие под давлением и слова, которые помогают клиентам.",
    "description_pl": "Twoje pierwsze tygodnie w Northwind Home: nasze produkty, prawo "
    "dotyczące zwrotów, spokój pod presją i słowa, które pomagają klientom.",
}
# Course slug and days to finish it, in the order a new hire takes them.
ONBOARDING_STEPS = [
    ("product-knowledge", 14),
    ("ecommerce-law", 28),
    ("positive-phrasing", 35),
    ("stress-management", 42),
]


def _course_files() -> list[dict]:
    folder = FIXTURES / "courses"
    specs = [json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.json")]
    order = [slug for slug, _days in ONBOARDING_STEPS]
    return sorted(
        specs, key=lambda s: (order.index(s["slug"]) if s["slug"] in order else 99, s["slug"])
    )


def _body(course_slug: str, lesson_slug: str, blocks: list[dict]) -> str:
    """Stream data with ids derived from the slugs, so every translation shares them."""
    return json.dumps(
        [
            {
                "type": block["type"],
                "value": block["value"],
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{course_slug}/{lesson_slug}/{i}")),
            }
            for i, block in enumerate(blocks)
        ]
    )


def _publish(page) -> None:
    """Make a freshly built page live without a revision round-trip (keeps load_demo fast)."""
    page.live = True
    page.has_unpublished_changes = False
    page.save()


def _index(home, locales) -> CourseIndexPage:
    index = CourseIndexPage.objects.filter(locale=locales["en"], slug="courses").first()
    if index is None:
        title, intro = INDEX_TEXT["en"]
        index = home.add_child(
            instance=CourseIndexPage(title=title, slug="courses", intro=intro, locale=locales["en"])
        )
        index.save_revision().publish()
    for code in ("ru", "pl"):
        if not index.has_translation(locales[code]):
            translated = index.copy_for_translation(locales[code])
            translated.title, translated.intro = INDEX_TEXT[code]
            _publish(translated)
    return index


def _course(index, spec: dict, locales, topics, groups) -> CoursePage:
    en = spec["translations"]["en"]
    course = CoursePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if course is None:
        course = CoursePage(
            title=en["title"],
            slug=spec["slug"],
            intro=en.get("intro", ""),
            topic=topics.get(spec["topic"]),
            estimated_minutes=spec["estimated_minutes"],
            pass_mark=spec["pass_mark"],
            validity_days=spec.get("validity_days"),
            locale=locales["en"],
            live=True,
        )
        course.target_roles = [groups[r] for r in spec["target_roles"] if r in groups]
        course = index.add_child(instance=course)
        for lesson_spec in en["lessons"]:
            course.add_child(
                instance=LessonPage(
                    title=lesson_spec["title"],
                    slug=lesson_spec["slug"],
                    summary=lesson_spec.get("summary", ""),
                    estimated_minutes=lesson_spec.get("estimated_minutes", 10),
                    body=_body(spec["slug"], lesson_spec["slug"], lesson_spec["body"]),
                    locale=locales["en"],
                    live=True,
                )
            )
    for code, text in spec["translations"].items():
        if code == "en" or code not in locales or course.has_translation(locales[code]):
            continue
        translated = course.copy_for_translation(locales[code])
        translated.title = text["title"]
        translated.intro = text.get("intro", "")
        _publish(translated)
        lessons = {lesson.slug: lesson for lesson in LessonPage.objects.child_of(course)}
        for lesson_spec in text["lessons"]:
            original = lessons.get(lesson_spec["slug"])
            if original is None:
                continue
            copy = original.copy_for_translation(locales[code])
            copy.title = lesson_spec["title"]
            copy.summary = lesson_spec.get("summary", "")
            copy.body = _body(spec["slug"], lesson_spec["slug"], lesson_spec["body"])
            _publish(copy)
    return course


def _new_hires() -> list[str]:
    people = read_fixture("people.json")
    names = {"agent"}
    for team in people["teams"]:
        names.update(m["username"] for m in team["members"] if m.get("new_hire"))
    return sorted(names)


def _onboarding(courses: dict[str, CoursePage]) -> LearningPath:
    path, created = LearningPath.objects.get_or_create(name=ONBOARDING, defaults=ONBOARDING_TEXTS)
    fill_blank(path, ONBOARDING_TEXTS)
    if created:
        for order, (slug, days) in enumerate(ONBOARDING_STEPS):
            if slug in courses:
                LearningPathCourse.objects.create(
                    path=path, course=courses[slug], due_in_days=days, sort_order=order
                )
    return path


def _progress(path: LearningPath, courses: dict[str, CoursePage]) -> None:
    """Anna (agent) finished product knowledge ten days ago and is halfway through the law."""
    User = get_user_model()
    agent = User.objects.filter(username="agent").first()
    if agent is None or "product-knowledge" not in courses:
        return
    first = courses["product-knowledge"]
    if Enrolment.objects.filter(user=agent, course=first, completed_at__isnull=False).exists():
        return
    ten_days_ago = timezone.now() - timedelta(days=10)
    for i, lesson in enumerate(first.lesson_pages()):
        lesson_complete(user=agent, lesson=lesson, now=ten_days_ago + timedelta(hours=i))
    second = courses.get("ecommerce-law")
    if second is not None:
        lessons = list(second.lesson_pages())
        for lesson in lessons[: len(lessons) // 2]:
            lesson_complete(user=agent, lesson=lesson, now=timezone.now() - timedelta(days=2))
    # Ivan has started: one lesson of product knowledge.
    ivan = User.objects.filter(username="ivan.petrov").first()
    if ivan is not None:
        lesson = first.lesson_pages().first()
        if lesson is not None:
            lesson_complete(user=ivan, lesson=lesson, now=timezone.now() - timedelta(days=3))


# Days since the experienced people finished product knowledge: one is close to expiry.
EXPERIENCED_DONE_DAYS_AGO = [40, 120, 345, 200, 80, 300, 150]


def _team_history(courses: dict[str, CoursePage]) -> None:
    """Experienced agents finished product knowledge months ago; phrasing is assigned to all."""
    from courses.models import Team, TeamMembership
    from courses.services.progress import enrolment_assign_team, enrolment_create

    first = courses.get("product-knowledge")
    phrasing = courses.get("positive-phrasing")
    if first is None or phrasing is None:
        return
    if Enrolment.objects.filter(course=phrasing, path__isnull=True).exists():
        return
    new_hires = set(_new_hires())
    today = timezone.localdate()
    lessons = list(first.lesson_pages())
    phrasing_lessons = list(phrasing.lesson_pages())
    for t, team in enumerate(Team.objects.order_by("slug")):
        members = [
            m.user
            for m in TeamMembership.objects.filter(team=team, role=TeamMembership.Role.MEMBER)
            .select_related("user")
            .order_by("user__username")
            if m.user.username not in new_hires
        ]
        for i, person in enumerate(members):
            days = EXPERIENCED_DONE_DAYS_AGO[(i + t) % len(EXPERIENCED_DONE_DAYS_AGO)]
            done_at = timezone.now() - timedelta(days=days)
            enrolment_create(user=person, course=first, now=done_at - timedelta(days=7))
            for lesson in lessons:
                lesson_complete(user=person, lesson=lesson, now=done_at)
        # Positive phrasing was given to every team; two people are already behind.
        enrolment_assign_team(team=team, course=phrasing, due_on=today + timedelta(days=10))
        for person in members[1:5:3]:
            enrolment_create(user=person, course=phrasing, due_on=today - timedelta(days=4))
        for person in members[::3]:
            if phrasing_lessons:
                lesson_complete(user=person, lesson=phrasing_lessons[0])


def load_portal() -> CourseIndexPage:
    """The catalogue and courses in every language given, the onboarding path, some progress."""
    home = load_site()
    locales = ensure_locales()
    existing = {locale.language_code: locale for locale in Locale.objects.all()}
    locales = {**existing, **locales}
    topics = topics_ensure_defaults()
    groups = {group.name.lower(): group for group in Group.objects.all()}
    index = _index(home, locales)
    courses = {}
    specs = _course_files()
    for spec in specs:
        courses[spec["slug"]] = _course(index, spec, locales, topics, groups)
    for spec in specs:
        wanted = [courses[s] for s in spec.get("prerequisites", []) if s in courses]
        course = courses[spec["slug"]]
        if wanted and not course.prerequisites.exists():
            course.prerequisites.set(wanted)
            course.save()
    path = _onboarding(courses)
    User = get_user_model()
    # Backdated so the first course is already done when the demo opens.
    start = timezone.localdate() - timedelta(days=12)
    for user in User.objects.filter(username__in=_new_hires()):
        path_assign(path=path, user=user, today=start)
    _progress(path, courses)
    _team_history(courses)
    return index
