"""Anonymous check-ins: which one is open, answering, skipping, sealing.

The team of an answer is the person's primary team (the first team they
joined as a member, `selectors.primary_team_ids`): one answer per person and
period, counted once, in the team where they do most of their work.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from wellbeing import instruments, periods
from wellbeing.models import CheckIn, CheckInReceipt, WellbeingSettings
from wellbeing.selectors import primary_team_id_of


class CheckInRefused(Exception):
    """The answer cannot be taken; `message` says why, in plain words."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class OpenCheckIn:
    form: str  # instruments.CHECKIN_FORMS code
    period: str  # "2026-W47" or "2026-11"

    @property
    def instrument(self) -> instruments.Instrument:
        return instruments.get(self.form)

    @property
    def is_monthly(self) -> bool:
        return self.form == instruments.MONTHLY_FULL.code


def month_label(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def checkins_open(*, today: dt.date, settings: WellbeingSettings) -> list[OpenCheckIn]:
    """The check-ins open on `today`, the monthly one first (it is the longer, rarer one)."""
    found = []
    if settings.monthly_checkin_enabled:
        last_day = calendar.monthrange(today.year, today.month)[1]
        if today.day > last_day - settings.monthly_open_days:
            found.append(OpenCheckIn(instruments.MONTHLY_FULL.code, month_label(today)))
    if settings.weekly_pulse_enabled:
        found.append(OpenCheckIn(instruments.WEEKLY_PULSE.code, periods.week_label(today)))
    return found


def checkin_pending_for(*, user, today: dt.date) -> OpenCheckIn | None:
    """The first open check-in the person has neither answered nor skipped (two queries)."""
    if not user.is_authenticated:
        return None
    candidates = checkins_open(today=today, settings=WellbeingSettings.load())
    if not candidates:
        return None
    done = set(
        CheckInReceipt.objects.filter(
            user=user, period__in=[c.period for c in candidates]
        ).values_list("period", flat=True)
    )
    for candidate in candidates:
        if candidate.period not in done:
            return candidate
    return None


def _check_open(*, form: str, period: str, today: dt.date) -> OpenCheckIn:
    wanted = OpenCheckIn(form, period)
    if wanted not in checkins_open(today=today, settings=WellbeingSettings.load()):
        raise CheckInRefused(_("This check-in is closed."))
    return wanted


def _receipt(*, user, period: str, skipped: bool) -> None:
    try:
        with transaction.atomic():
            CheckInReceipt.objects.create(user=user, period=period, skipped=skipped)
    except IntegrityError as taken:
        raise CheckInRefused(
            _("You have already answered or skipped this check-in. Thank you.")
        ) from taken


@transaction.atomic
def checkin_submit(
    *,
    user,
    form: str,
    period: str,
    answers: dict[str, int | None],
    today: dt.date,
    comment: str = "",
) -> None:
    """Store one anonymous answer and the person's receipt, together or not at all.

    The CheckIn row gets the team, the period and the answers, nothing that
    points back at the person.
    """
    checkin = _check_open(form=form, period=period, today=today)
    team_id = primary_team_id_of(user=user)
    if team_id is None:
        raise CheckInRefused(_("Check-ins are for members of a team; you are in none."))
    try:
        scores = instruments.score(checkin.instrument, answers)
    except ValueError as bad:
        raise CheckInRefused(_("Some answers are not valid; please answer again.")) from bad
    if all(value is None for value in scores.values()):
        raise CheckInRefused(_("Please answer the questions, or skip this check-in."))
    _receipt(user=user, period=period, skipped=False)
    CheckIn.objects.create(
        team_id=team_id,
        period=period,
        form=form,
        answers={code: value for code, value in answers.items() if value is not None},
        comment=comment.strip()[:2000],
        **{scale: scores.get(scale) for scale in CheckIn.SCALE_FIELDS},
    )


def checkin_skip(*, user, form: str, period: str, today: dt.date) -> None:
    """Record that the person chose not to answer this period; no answer row is written."""
    _check_open(form=form, period=period, today=today)
    _receipt(user=user, period=period, skipped=True)


@transaction.atomic
def checkins_seal(*, today: dt.date, rng: random.Random | None = None) -> int:
    """Rewrite the answers of closed periods in random order; return how many.

    Rows of one transaction land next to each other on disk; rewriting a
    closed period's answers in a shuffled order (new rows, new positions)
    breaks any pairing of an answer with the receipt written at the same
    moment. Runs nightly; sealed rows are left alone.
    """
    rng = rng or random.SystemRandom()
    unsealed = list(
        CheckIn.objects.filter(sealed=False).values_list("period", flat=True).distinct()
    )
    closed = [p for p in unsealed if periods.period_end(p) < today]
    if not closed:
        return 0
    rows = list(CheckIn.objects.filter(period__in=closed, sealed=False))
    CheckIn.objects.filter(pk__in=[row.pk for row in rows]).delete()
    rng.shuffle(rows)
    for row in rows:
        row.id = uuid.uuid4()
        row.sealed = True
    CheckIn.objects.bulk_create(rows)
    return len(rows)
