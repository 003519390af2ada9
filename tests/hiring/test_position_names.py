"""Positions are named in the reader's language, and in the candidate's in the e-mail."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from hiring.models import Position
from tests.factories import recruiter

from .helpers import hiring_quiz, invite

pytestmark = pytest.mark.django_db


@pytest.fixture
def named():
    return Position.objects.create(
        title="Support agent", title_ru="Специалист поддержки", title_pl="Konsultant"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Support agent"), ("ru", "Специалист поддержки"), ("pl", "Konsultant")],
)
def test_a_position_reads_in_the_active_language(named, language, expected):
    with translation.override(language):
        assert str(named) == expected


def test_a_position_without_a_translation_falls_back_to_english():
    plain = Position.objects.create(title="Team lead")

    with translation.override("pl"):
        assert str(plain) == "Team lead"


def test_a_polish_candidate_gets_the_polish_title_in_the_e_mail_and_on_the_page(
    client, demo_site, named
):
    quiz = hiring_quiz(demo_site)
    Position.objects.filter(title="Support agent").update(title_pl="Konsultant obsługi")

    _invitation, token = invite(recruiter(), quiz, language="pl")

    assert "Konsultant obsługi" in mail.outbox[-1].subject + mail.outbox[-1].body
    assert "/pl/assessment/" in mail.outbox[-1].body
    with translation.override("pl"):
        link = reverse("hiring:assessment_landing", args=[token])
    page = client.get(link)
    assert link.startswith("/pl/") and "Konsultant obsługi" in page.content.decode()


def test_the_demo_positions_have_russian_and_polish_titles(db):
    from training.demo.hiring import POSITIONS, _position

    for title, text, title_ru, title_pl in POSITIONS:
        _position(title, text, title_ru, title_pl)

    assert all(p.title_ru and p.title_pl for p in Position.objects.all())
    assert Position.objects.count() == len(POSITIONS)


def test_the_invitation_links_to_where_the_site_is_served(demo_site, settings):
    settings.STEADY_SITE_URL = "http://127.0.0.1:8101"
    quiz = hiring_quiz(demo_site)

    invite(recruiter(), quiz)

    assert "http://127.0.0.1:8101/assessment/" in mail.outbox[-1].body
