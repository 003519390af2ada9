"""Anonymous check-ins: which one is open, answering, skipping, releasing.

The team of an answer is the person's primary team (the first team they
joined as a member, `selectors.primary_team_ids`): one answer per person and
period, counted once, in the team where they do most of their work.

An answer is sealed (AES-GCM, fixed length, key outside the database) in the
request that takes it, next to the person's receipt. Nothing readable about
it is stored until its period has closed; then `checkins_release` opens the
period's answers in memory, freezes what the release rules allow and deletes
the sealed answers and the receipts. docs/privacy.md explains why.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import os
import random
import struct
from dataclasses import dataclass

import pandas as pd
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings as django_settings
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext_lazy as _

from courses.conf import steady_setting
from wellbeing import instruments, metrics, periods, privacy
from wellbeing.models import (
    CheckInReceipt,
    ReleasedCheckInComments,
    ReleasedCheckInFigure,
    SealedCheckIn,
    WellbeingSettings,
)
from wellbeing.selectors import ORGANISATION_ID, primary_team_id_of, team_member_counts


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


# --- sealing ---------------------------------------------------------------------

#: Longest comment kept, in characters (at most 4 bytes each in UTF-8).
COMMENT_MAX_CHARS = 2000
#: Every sealed answer has exactly this many plaintext bytes, so the length of
#: a ciphertext says nothing about the answers or the comment.
SEALED_PLAINTEXT_BYTES = 8 + 512 + 4 * COMMENT_MAX_CHARS
_NONCE_BYTES = 12
_SEAL_CONTEXT = b"steady check-in seal v1"


def _seal_key() -> bytes:
    """The AES-256 key: STEADY_CHECKIN_KEY if set, else derived from SECRET_KEY.

    Neither is stored in the database, so a copy of the database alone opens
    nothing. The key is read on every call (settings can change in tests).
    """
    secret = getattr(django_settings, "STEADY_CHECKIN_KEY", "") or django_settings.SECRET_KEY
    return hashlib.sha256(_SEAL_CONTEXT + b"\0" + str(secret).encode()).digest()


def seal_answer(*, team_id: int, form: str, scores: dict[str, float | None], comment: str) -> bytes:
    """One answer as nonce + ciphertext of a fixed-size, padded plaintext."""
    header = json.dumps(
        {"t": int(team_id), "f": form, "s": {k: v for k, v in scores.items() if v is not None}},
        separators=(",", ":"),
    ).encode()
    text = comment.strip()[:COMMENT_MAX_CHARS].encode()
    body = struct.pack(">II", len(header), len(text)) + header + text
    if len(body) > SEALED_PLAINTEXT_BYTES:  # pragma: no cover - bounded by construction
        raise ValueError("sealed answer too long")
    body += b"\0" * (SEALED_PLAINTEXT_BYTES - len(body))
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + AESGCM(_seal_key()).encrypt(nonce, body, _SEAL_CONTEXT)


def open_answer(sealed: bytes) -> dict:
    """The answer inside `seal_answer`'s output: team_id, form, scores, comment."""
    sealed = bytes(sealed)
    body = AESGCM(_seal_key()).decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], _SEAL_CONTEXT)
    header_length, text_length = struct.unpack(">II", body[:8])
    header = json.loads(body[8 : 8 + header_length])
    text = body[8 + header_length : 8 + header_length + text_length].decode()
    return {"team_id": header["t"], "form": header["f"], "scores": header["s"], "comment": text}


def checkin_seal_store(
    *, team_id: int, period: str, form: str, scores: dict[str, float | None], comment: str = ""
) -> None:
    """Store one sealed answer (the demo loader and `checkin_submit` write through here)."""
    SealedCheckIn.objects.create(
        period=period,
        sealed=seal_answer(team_id=team_id, form=form, scores=scores, comment=comment),
    )


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
    """Seal one anonymous answer and write the person's receipt, together or not at all.

    Only the scale scores, the team and the comment go into the sealed answer;
    the item answers are not kept.
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
    checkin_seal_store(team_id=team_id, period=period, form=form, scores=scores, comment=comment)


def checkin_skip(*, user, form: str, period: str, today: dt.date) -> None:
    """Record that the person chose not to answer this period; no answer is written."""
    _check_open(form=form, period=period, today=today)
    _receipt(user=user, period=period, skipped=True)


# --- release -----------------------------------------------------------------------


def _answers_frame(opened: list[dict], period_of: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "team_id": [answer["team_id"] for answer in opened],
            "period": period_of,
            **{
                scale: [answer["scores"].get(scale) for answer in opened]
                for scale in instruments.SCALES
            },
        }
    )
    return frame.astype({scale: "float64" for scale in instruments.SCALES})


def _figures(opened: list[dict], period_of: list[str], *, today: dt.date, k: int) -> pd.DataFrame:
    """Every group's aggregates of the opened answers, after the release rules."""
    frame = _answers_frame(opened, period_of)
    sizes = team_member_counts()
    parents = {team_id: ORGANISATION_ID for team_id in {*sizes, *frame["team_id"].unique()}}
    team_sizes = pd.DataFrame({"team_id": list(sizes), "size": list(sizes.values())})
    scores = metrics.team_checkin_scores(frame, team_sizes=team_sizes, parents=parents)
    return privacy.release(scores, today=today, k=k)


def _number(value, cast):
    return None if pd.isna(value) else cast(value)


@transaction.atomic
def checkins_release(
    *, today: dt.date, k: int | None = None, rng: random.Random | None = None
) -> int:
    """Release every closed period once: freeze its figures, destroy its answers.

    For each period that has ended before `today` and has sealed answers or
    receipts: open its answers in memory, decide the release for the whole
    organisation at once (`privacy.release`, with today's k), store the
    released cells and the comments the comment rule allows, then delete the
    period's sealed answers and receipts. A period released before is never
    released again (answers that reach it late are dropped unread). Returns
    the number of answers opened. Runs nightly and before a dashboard is drawn.
    """
    rng = rng or random.SystemRandom()
    sealed_periods = set(SealedCheckIn.objects.values_list("period", flat=True).distinct())
    receipt_periods = set(CheckInReceipt.objects.values_list("period", flat=True).distinct())
    closed = sorted(p for p in sealed_periods | receipt_periods if periods.period_end(p) < today)
    if not closed:
        return 0
    settings = WellbeingSettings.load()
    k = settings.min_group_size if k is None else k
    done = set(
        ReleasedCheckInFigure.objects.filter(period__in=closed)
        .values_list("period", flat=True)
        .distinct()
    )
    fresh = [p for p in closed if p not in done]
    sealed = SealedCheckIn.objects.filter(period__in=fresh)
    if connection.features.has_select_for_update:
        sealed = sealed.select_for_update()
    rows = list(sealed.values_list("period", "sealed"))
    opened = [open_answer(blob) for _period, blob in rows]
    period_of = [period for period, _blob in rows]
    if opened:
        _freeze(opened, period_of, today=today, k=k, rng=rng)
    SealedCheckIn.objects.filter(period__in=closed).delete()
    CheckInReceipt.objects.filter(period__in=closed).delete()
    return len(opened)


def _freeze(
    opened: list[dict], period_of: list[str], *, today: dt.date, k: int, rng: random.Random
) -> None:
    from courses.models import Team

    figures = _figures(opened, period_of, today=today, k=k)
    names = dict(Team.objects.values_list("id", "name"))
    k_applied = privacy.effective_k(k)
    ReleasedCheckInFigure.objects.bulk_create(
        ReleasedCheckInFigure(
            group_id=int(row.team_id),
            parent_id=_number(row.parent_id, int),
            group_name=names.get(int(row.team_id), ""),
            period=row.period,
            scale=row.scale,
            released=bool(row.released),
            suppressed_because="" if row.released else str(row.suppressed_because),
            answers=_number(row.answers, int),
            n=_number(row.n, int),
            mean=_number(row.mean, float),
            share_concern=_number(row.share_concern, float),
            team_size=_number(row.team_size, float),
            participation=_number(row.participation, float),
            k=k_applied,
            released_on=today,
        )
        for row in figures.sort_values(["period", "team_id", "scale"]).itertuples(index=False)
    )
    enabled = bool(steady_setting("CHECKIN_COMMENTS_ENABLED"))
    if not enabled:
        return
    by_group: dict[tuple[int, str], list[str]] = {}
    for answer, period in zip(opened, period_of, strict=True):
        by_group.setdefault((int(answer["team_id"]), period), []).append(answer["comment"])
    kept = []
    for (team_id, period), comments in sorted(by_group.items()):
        shown = privacy.release_comments(
            comments,
            n_answers=len(comments),
            period=period,
            today=today,
            enabled=enabled,
            rng=rng,
            k=k,
            min_answers=steady_setting("CHECKIN_COMMENTS_MIN_ANSWERS"),
        )
        if shown:
            kept.append(
                ReleasedCheckInComments(
                    group_id=team_id, period=period, answers=len(comments), comments=shown
                )
            )
    ReleasedCheckInComments.objects.bulk_create(kept)
