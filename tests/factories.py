"""Factories for the test suite: people with roles, teams and memberships."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from courses.models import Team, TeamMembership
from courses.roles import AGENT, EDITOR, RECRUITER, TEAM_LEAD, WELLBEING_ADMIN

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory, roles=[AGENT])
    role = TeamMembership.Role.MEMBER


def agent(**kwargs):
    return UserFactory(roles=[AGENT], **kwargs)


def lead_of(team: Team, **kwargs):
    user = UserFactory(roles=[TEAM_LEAD], **kwargs)
    MembershipFactory(team=team, user=user, role=TeamMembership.Role.LEAD)
    return user


def recruiter(**kwargs):
    return UserFactory(roles=[RECRUITER], **kwargs)


def wellbeing_admin(**kwargs):
    return UserFactory(roles=[WELLBEING_ADMIN], **kwargs)


def editor(**kwargs):
    return UserFactory(roles=[EDITOR], **kwargs)


# --- Training portal: pages, paths and progress ------------------------------------------

_page_counter = iter(range(1, 1_000_000))


def _slug(prefix: str) -> str:
    return f"{prefix}-{next(_page_counter)}"


def course_index(parent=None):
    """A published catalogue page under the default site's root page (or `parent`)."""
    from wagtail.models import Site

    from courses.models import CourseIndexPage

    parent = parent or Site.objects.get(is_default_site=True).root_page
    index = parent.add_child(instance=CourseIndexPage(title="Courses", slug=_slug("courses")))
    index.save_revision().publish()
    return index


def knowledge_check_block(question="Which is right?", *, right=0, options=3) -> dict:
    return {
        "type": "knowledge_check",
        "value": {
            "question": question,
            "options": [
                {"text": f"Option {i}", "correct": i == right, "feedback": f"Because {i}."}
                for i in range(options)
            ],
        },
    }


def lesson(course, *, title=None, blocks=None):
    """A published lesson with a paragraph and a knowledge check (or the blocks given)."""
    import json
    import uuid

    from courses.models import LessonPage

    blocks = (
        blocks
        if blocks is not None
        else [{"type": "rich_text", "value": "<p>Read this.</p>"}, knowledge_check_block()]
    )
    for block in blocks:
        block.setdefault("id", str(uuid.uuid4()))
    page = course.add_child(
        instance=LessonPage(
            title=title or _slug("Lesson"), slug=_slug("lesson"), body=json.dumps(blocks)
        )
    )
    page.save_revision().publish()
    return page


def course(index=None, *, title=None, lessons=2, with_quiz=False, **fields):
    """A published course with `lessons` lessons; `with_quiz` adds a page seen as a quiz.

    The quiz engine's QuizPage lives in another part of Steady; a child page whose
    content type is named "quizpage" is what the progress rules look for.
    """
    from courses.models import CoursePage

    index = index or course_index()
    page = index.add_child(
        instance=CoursePage(title=title or _slug("Course"), slug=_slug("course"), **fields)
    )
    page.save_revision().publish()
    for _ in range(lessons):
        lesson(page)
    if with_quiz:
        quiz_stand_in(page)
    return page


def quiz_stand_in(course):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    quiz_type, _created = ContentType.objects.get_or_create(app_label="courses", model="quizpage")
    quiz = course.add_child(instance=Page(title="Course quiz", slug=_slug("quiz")))
    Page.objects.filter(pk=quiz.pk).update(content_type=quiz_type)
    return quiz


def learning_path(*courses_and_days, name=None):
    """A path of (course, due_in_days) steps, in order."""
    from courses.models import LearningPath, LearningPathCourse

    path = LearningPath.objects.create(name=name or _slug("Path"))
    for order, (course_page, days) in enumerate(courses_and_days):
        LearningPathCourse.objects.create(
            path=path, course=course_page, due_in_days=days, sort_order=order
        )
    return path


def enrol(user, course_page, **kwargs):
    from courses.services.progress import enrolment_create

    return enrolment_create(user=user, course=course_page, **kwargs)


def complete_course(user, course_page, *, now=None):
    """Enrol and finish every lesson (and the quiz if there is one)."""
    from courses.models import LessonPage
    from courses.services.progress import lesson_complete, progress_quiz_passed

    enrolment = enrol(user, course_page, now=now)
    for page in LessonPage.objects.child_of(course_page):
        lesson_complete(user=user, lesson=page, now=now)
    progress_quiz_passed(user=user, course=course_page, now=now)
    enrolment.refresh_from_db()
    return enrolment
