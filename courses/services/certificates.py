"""Certificates: issued on completion, verifiable by anyone with the code."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..lib.codes import ALPHABET, LENGTH, new_code, normalise_code
from ..models import Certificate, Enrolment

VALID = "valid"
EXPIRED = "expired"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verification:
    status: str
    certificate: Certificate | None = None


def certificate_issue(*, enrolment: Enrolment, now: datetime | None = None) -> Certificate:
    """The certificate of a completed enrolment (issued once; a retry returns the same)."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing:
        return existing
    issued_on = timezone.localdate(now or timezone.now())
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    enrolment=enrolment,
                    user_id=enrolment.user_id,
                    course_id=enrolment.course_id,
                    code=new_code(),
                    issued_on=issued_on,
                    valid_until=enrolment.valid_until,
                )
        except IntegrityError:  # a code collision: astronomically rare, try another
            continue
    raise RuntimeError("Could not find a free certificate code")


def certificate_verify(code: str, *, today: date | None = None) -> Verification:
    """Whether a code belongs to a certificate, and whether it is still valid."""
    code = normalise_code(code)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return Verification(UNKNOWN)
    certificate = Certificate.objects.select_related("user", "course").filter(code=code).first()
    if certificate is None:
        return Verification(UNKNOWN)
    today = today or timezone.localdate()
    if certificate.valid_until is not None and certificate.valid_until < today:
        return Verification(EXPIRED, certificate)
    return Verification(VALID, certificate)
