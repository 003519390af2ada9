"""Check-in answers for tests: sealed as `checkin_submit` seals them, then released."""

from __future__ import annotations

import datetime as dt

from wellbeing.services import checkin_seal_store, checkins_release


def sealed_answers(team, count: int, *, period: str, comment: str = "", **scores) -> None:
    """`count` sealed answers of `team` in `period` with the given scale scores."""
    form = "monthly_full" if "-W" not in period else "weekly_pulse"
    for _ in range(count):
        checkin_seal_store(
            team_id=team.pk, period=period, form=form, scores=dict(scores), comment=comment
        )


def release(today: dt.date, **kwargs) -> int:
    return checkins_release(today=today, **kwargs)
