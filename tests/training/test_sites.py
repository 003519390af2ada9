"""The site of a page request is the one Wagtail's own rules pick."""

import pytest
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from training.sites import site_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_sites():
    root = Page.get_first_root_node()
    default = Site.objects.get(is_default_site=True)
    other = root.add_child(instance=Page(title="Other", slug="other"))
    Site.objects.create(hostname="shop.example", port=80, root_page=other)
    Site.objects.create(hostname="shop.example", port=8080, root_page=other, site_name="8080")
    Site.objects.create(hostname="lone.example", port=443, root_page=other)
    return default


def _wagtail_pick(hostname, port):
    try:
        return get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        return None


@pytest.mark.parametrize(
    ("hostname", "port"),
    [
        ("localhost", 80),
        ("shop.example", 80),
        ("shop.example", 8080),
        ("shop.example", 9999),
        ("lone.example", 80),
        ("unknown.example", 80),
    ],
)
def test_the_site_found_is_wagtails_choice(three_sites, hostname, port):
    assert site_for(hostname, port).pk == _wagtail_pick(hostname, port)


def test_the_root_page_comes_as_its_own_type_and_no_site_means_none(three_sites):
    site = site_for("localhost", 80)
    assert type(site.root_page) is site.root_page.specific_class
    Site.objects.all().delete()
    assert site_for("localhost", 80) is None


def test_a_site_moved_to_another_root_serves_it_on_the_next_request(client, three_sites):
    other = Page.objects.get(slug="other")
    other.save_revision().publish()
    three_sites.root_page = other
    three_sites.save()
    response = client.get("/")
    assert response.status_code == 200
    assert "Other" in response.content.decode()


def test_the_root_page_is_kept_while_its_row_is_unchanged(three_sites, django_assert_num_queries):
    first = site_for("localhost", 80).root_page
    with django_assert_num_queries(1):  # the site query only
        again = site_for("localhost", 80).root_page
    assert again is first


@pytest.mark.parametrize(
    "change",
    [
        {"latest_revision_id": "older"},  # edited
        {"live": False},  # unpublished
        {"url_path": "/moved/"},  # moved or renamed
    ],
)
def test_a_root_page_changed_by_another_worker_is_loaded_again(three_sites, change):
    root = site_for("localhost", 80).root_page
    older = root.save_revision()
    root.save_revision()
    first = site_for("localhost", 80).root_page  # kept from now on
    assert site_for("localhost", 80).root_page is first
    change = {k: (older.pk if v == "older" else v) for k, v in change.items()}
    # An update that sends no signal in this process, as another worker's would not.
    Page.objects.filter(pk=first.pk).update(**change)
    again = site_for("localhost", 80).root_page
    assert again is not first
    for field, value in change.items():
        assert getattr(again, field) == value
