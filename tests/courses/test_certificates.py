"""Certificates: issued once on completion, verifiable by code, printable by their holder."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from courses.lib.codes import ALPHABET, display_code
from courses.models import Certificate
from courses.services.certificates import (
    EXPIRED,
    UNKNOWN,
    VALID,
    certificate_issue,
    certificate_verify,
)
from tests.factories import agent, complete_course, course

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def certificate():
    person = agent(first_name="Anna", last_name="Kowalska")
    enrolment = complete_course(
        person, course(title="Consumer law", lessons=1, validity_days=365), now=NOW
    )
    return enrolment.certificate


def test_completion_issues_one_certificate_with_a_short_unguessable_code(certificate):
    assert len(certificate.code) == 10 and set(certificate.code) <= set(ALPHABET)
    assert certificate.issued_on == date(2026, 3, 2)
    assert certificate.valid_until == date(2027, 3, 2)
    again = certificate_issue(enrolment=certificate.enrolment)
    assert again.pk == certificate.pk and Certificate.objects.count() == 1


def test_a_valid_code_verifies_even_typed_in_lower_case_with_a_dash(certificate):
    typed = display_code(certificate.code).lower()
    result = certificate_verify(typed, today=date(2026, 6, 1))
    assert result.status == VALID and result.certificate == certificate


def test_a_code_past_its_validity_is_expired(certificate):
    assert certificate_verify(certificate.code, today=date(2027, 3, 3)).status == EXPIRED
    assert certificate_verify(certificate.code, today=date(2027, 3, 2)).status == VALID


@pytest.mark.parametrize("code", ["", "ABC", "ABCDEFGH23", "'; DROP TABLE", "0000000000"])
def test_unknown_and_malformed_codes_are_unknown(code):
    assert certificate_verify(code).status == UNKNOWN


def test_a_course_without_validity_never_expires():
    enrolment = complete_course(agent(), course(lessons=1, validity_days=None), now=NOW)
    assert enrolment.certificate.valid_until is None
    assert certificate_verify(enrolment.certificate.code, today=date(2040, 1, 1)).status == VALID


def test_the_public_page_shows_name_course_and_validity(
    client, certificate, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("courses:certificate_verify_code", args=[certificate.code]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Valid certificate" in text and "Anna Kowalska" in text and "Consumer law" in text


def test_the_public_page_says_plainly_when_a_code_is_unknown(client):
    response = client.get(reverse("courses:certificate_verify"), {"code": "ZZZZZ-ZZZZZ"})
    assert response.status_code == 404
    assert "Unknown code" in response.content.decode()


def test_the_public_page_says_plainly_when_a_certificate_expired(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=date.today() - timedelta(days=1)
    )
    response = client.get(reverse("courses:certificate_verify_code", args=[certificate.code]))
    assert "has expired" in response.content.decode()


def test_the_holder_can_open_the_printable_certificate(client, certificate):
    client.force_login(certificate.user)
    response = client.get(reverse("courses:certificate_print", args=[certificate.code]))
    assert response.status_code == 200
    assert "Certificate of completion" in response.content.decode()


def test_someone_else_cannot_open_the_printable_certificate(client, certificate):
    client.force_login(agent())
    response = client.get(reverse("courses:certificate_print", args=[certificate.code]))
    assert response.status_code == 404


def test_the_printable_certificate_needs_a_sign_in(client, certificate):
    response = client.get(reverse("courses:certificate_print", args=[certificate.code]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
