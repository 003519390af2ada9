"""Pages are found by their path in one query, with Wagtail's rules kept."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from courses.models import LessonPage
from tests.factories import agent, course, enrol

pytestmark = pytest.mark.django_db


def _lesson_of(page):
    return LessonPage.objects.child_of(page).order_by("path").first()


def test_a_lesson_moved_to_another_course_is_found_at_its_new_address_only(client):
    person = agent()
    first, second = course(lessons=1), course(lessons=1)
    enrol(person, first)
    enrol(person, second)
    client.force_login(person)
    moved = _lesson_of(first)
    old_url = moved.url
    assert client.get(old_url).status_code == 200  # routed once before the move
    moved.move(second, pos="last-child")
    moved.refresh_from_db()
    gone = client.get(old_url)  # Wagtail's redirects app points the old address on
    assert gone.status_code == 301 and gone["Location"] == moved.url
    assert client.get(moved.url).status_code == 200


def test_an_unpublished_lesson_and_a_wrong_slug_are_not_found(client):
    person = agent()
    page = course(lessons=2)
    enrol(person, page)
    client.force_login(person)
    hidden = _lesson_of(page)
    url = hidden.url
    assert client.get(url).status_code == 200
    hidden.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(page.url + "no-such-lesson/").status_code == 404
    assert client.get(page.url.replace(page.slug, "no-such-course")).status_code == 404


def test_a_restriction_added_after_a_visit_applies_to_the_next_request(client):
    person = agent()
    page = course(lessons=1)
    enrol(person, page)
    url = _lesson_of(page).url
    client.force_login(person)
    assert client.get(url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Auditors only")])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    restriction.delete()
    assert client.get(url).status_code == 200


def test_a_visitor_is_sent_to_sign_in_for_a_login_restricted_course(client):
    page = course(lessons=1)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302 and "login" in response["Location"]


def _routed(client, url):
    """The page object routing handed to the view on a GET of ``url``."""
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page"]


def test_routed_pages_are_reused_while_their_rows_are_unchanged(client):
    person = agent()
    page = course(lessons=1)
    enrol(person, page)
    client.force_login(person)
    url = _lesson_of(page).url
    assert _routed(client, url) is _routed(client, url)


@pytest.mark.parametrize(
    "change",
    [
        {"live": False},  # unpublished by another worker
        {"slug": "renamed", "url_path": "/renamed/"},  # renamed by another worker
    ],
)
def test_a_lesson_changed_by_another_worker_is_routed_anew(client, change):
    person = agent()
    page = course(lessons=1)
    enrol(person, page)
    client.force_login(person)
    lesson = _lesson_of(page)
    url = lesson.url
    _routed(client, url)
    # An update sends no signal in this process, as another worker's save would not.
    LessonPage.objects.filter(pk=lesson.pk).update(**change)
    assert client.get(url).status_code == 404


def test_a_topic_renamed_by_another_worker_shows_on_the_next_course_page(client):
    from courses.models import Topic

    person = agent()
    topic = Topic.objects.create(code="law", name="Consumer law")
    page = course(lessons=1)
    page.topic = topic
    page.save_revision().publish()
    enrol(person, page)
    client.force_login(person)
    url = _lesson_of(page).url
    assert _routed(client, url)._cached_parent_obj.topic.name == "Consumer law"
    Topic.objects.filter(pk=topic.pk).update(name="E-commerce law")
    assert _routed(client, url)._cached_parent_obj.topic.name == "E-commerce law"
