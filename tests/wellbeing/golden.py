"""Golden output of the burnout pipeline: what it said before it was made fast.

The files under ``tests/wellbeing/data/`` were written by this script from the
pipeline as it stood before the speed work of issue 12 (commit 4b907a3, the
single-module ``wellbeing/metrics.py``), and ``test_golden.py`` asserts that
today's pipeline still gives exactly the same flags, levels and reasons.

* ``golden_bench.json``: a bench-like organisation (300 people in teams of 10,
  120 days from Monday 2026-01-05, seed 2026; see :func:`bench_workload`) and
  twelve weekly pulses per team. Every flagged person-week with its reason
  codes and the numbers behind them, and the team warnings as of the last day.
  Pure: no Django.
* ``golden_demo.json``: the demo (``load_people`` + ``load_wellbeing`` with
  ``today = 2026-11-20``) on an empty database; the ``BurnoutWarning`` rows the
  nightly job wrote (level, reasons, actions, flagged people by user name).
  Rewritten when the demo's days were laid out from the latest complete week
  (session 4). Before that, the reference pipeline (4b907a3's ``metrics.py``)
  and today's were run on the new demo data loaded on 2026-11-20, 12-01 and
  12-07, nine weeks each: the same flagged person-weeks, reasons and levels.

Regenerate only when a rule is meant to change (and say so in the commit)::

    python tests/wellbeing/golden.py            # both files
    python tests/wellbeing/golden.py --bench    # the pure one only
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
BENCH_FILE = DATA / "golden_bench.json"
DEMO_FILE = DATA / "golden_demo.json"

BENCH_PEOPLE = 300
BENCH_DAYS = 120
BENCH_FIRST_DAY = dt.date(2026, 1, 5)  # a Monday
BENCH_SEED = 2026
TEAM_SIZE = 10
DEMO_TODAY = dt.date(2026, 11, 20)
DIGITS = 6


def bench_workload(people: int = BENCH_PEOPLE, days: int = BENCH_DAYS) -> pd.DataFrame:
    """One record per person and worked or absent day, shaped like the bench's data.

    Weekday shifts of about 8 h; index 3 mod 10 is overloaded for the last six
    weeks (Saturdays, long days, high occupancy, hostile contacts, after-hours
    work); index 7 mod 10 runs at about 87 % occupancy for the last four weeks;
    index 5 mod 10 does two hours of overtime a week for the last five weeks.
    Days off without absence have no record, as in a real export.
    """
    rng = np.random.default_rng(BENCH_SEED)
    count = people * days
    person = np.repeat(np.arange(people), days)
    offset = np.tile(np.arange(days), people)
    weekday = offset % 7
    overloaded = (person % 10 == 3) & (offset >= days - 42)
    busy = (person % 10 == 7) & (offset >= days - 28)
    overtime_late = (person % 10 == 5) & (offset >= days - 35)
    works = (weekday < 5) & (rng.random(count) > 0.04)
    works |= overloaded & (weekday == 5) & (rng.random(count) < 0.85)
    absence = ~works & (weekday < 5)
    hours = np.where(
        works, rng.normal(8.0, 0.4, count) + overloaded * 2.5 + overtime_late * 0.5, 0.0
    )
    hours = np.clip(hours, 0, 14).round(1)
    contacts = np.where(works, rng.poisson(45 + overloaded * 15), 0)
    occupancy = np.where(
        works,
        np.clip(rng.normal(78 + overloaded * 14 + busy * 9, 3, count), 0, 100).round(1),
        np.nan,
    )
    occupancy[rng.random(count) < 0.02] = np.nan  # not measured now and then
    frame = pd.DataFrame(
        {
            "person_id": person + 1000,
            "team_id": person // TEAM_SIZE + 1,
            "date": pd.Timestamp(BENCH_FIRST_DAY) + pd.to_timedelta(offset, unit="D"),
            "contacts": contacts,
            "handle_time_s": np.where(works, rng.normal(330, 30, count), 0).round().astype(int),
            "after_contact_s": np.where(works, rng.normal(50, 8, count), 0).round().astype(int),
            "occupancy_pct": occupancy,
            "hours_worked": hours,
            "overtime_h": np.clip(hours - 8.0, 0, None).round(1),
            "after_hours_min": np.where(works & overloaded, 30, 0),
            "hostile_contacts": rng.binomial(contacts, 0.06 + overloaded * 0.14),
            "absence": absence,
            "csat": np.where(works, np.clip(rng.normal(4.4, 0.3, count), 1, 5).round(2), np.nan),
            "quality": np.nan,
        }
    )
    # A few people move team half way, one leaves early: the calendar must follow.
    moved = (frame["person_id"] % 37 == 0) & (frame["date"] >= frame["date"].iloc[days // 2])
    frame.loc[moved, "team_id"] = frame.loc[moved, "team_id"] % (people // TEAM_SIZE) + 1
    left = (frame["person_id"] == 1001) & (frame["date"] >= frame["date"].iloc[days - 30])
    return frame.loc[(works | absence) & ~left.to_numpy()].reset_index(drop=True)


def bench_checkins(teams: int, as_of: dt.date) -> pd.DataFrame:
    """Twelve weekly pulses and three monthly CBI/WHO-5 check-ins per team, fixed seed."""
    from wellbeing import periods

    rng = np.random.default_rng(BENCH_SEED + 1)
    weeks = sorted({periods.week_label(as_of - dt.timedelta(days=7 * n)) for n in range(1, 13)})
    rows = []
    for team in range(1, teams + 1):
        strained = team % 4 == 0
        for week in weeks:
            for _ in range(int(rng.integers(3, TEAM_SIZE + 1))):
                rows.append(
                    {
                        "team_id": team,
                        "period": week,
                        "sib": float(rng.choice([1, 2, 3, 4, 5], p=[0.3, 0.35, 0.2, 0.1, 0.05])),
                        "cbi_work_pulse": float(rng.choice([0, 25, 37.5, 50, 62.5, 75, 100])),
                    }
                )
        month = f"{as_of.year:04d}-{as_of.month - 1:02d}"
        for _ in range(int(rng.integers(4, TEAM_SIZE + 1))):
            rows.append(
                {
                    "team_id": team,
                    "period": month,
                    "cbi_work": float(np.clip(rng.normal(58 if strained else 38, 12), 0, 100)),
                    "who5": float(np.clip(rng.normal(44 if strained else 64, 12), 0, 100)),
                }
            )
    return pd.DataFrame(rows)


def _number(value):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer | int):
        return int(value)
    if isinstance(value, np.floating | float):
        return round(float(value), DIGITS)
    return value


def bench_output(*, through_days: bool = True) -> dict:
    """Run the pure pipeline on the bench-like data; flagged person-weeks and team warnings.

    ``through_days``: person-weeks from ``person_week_flags(person_day_signals())``
    (the only way when the file was written); otherwise from ``person_weeks()``.
    """
    from wellbeing import metrics, privacy

    workload = bench_workload()
    as_of = BENCH_FIRST_DAY + dt.timedelta(days=BENCH_DAYS - 1)
    teams = BENCH_PEOPLE // TEAM_SIZE
    scores = metrics.team_checkin_scores(
        bench_checkins(teams, as_of),
        team_sizes=pd.DataFrame({"team_id": range(1, teams + 1), "size": TEAM_SIZE}),
        parents={team: "org" for team in range(1, teams + 1)},
    )
    released = privacy.release(scores, today=as_of + dt.timedelta(days=1))
    if through_days:
        signals = metrics.person_day_signals(workload, as_of=as_of)
        person_weeks = metrics.person_week_flags(signals)
    else:
        person_weeks = metrics.person_weeks(workload, as_of=as_of)
    strain = metrics.team_week_strain(person_weeks)
    warnings = metrics.team_warnings(strain, released, as_of=as_of)
    return {
        "as_of": as_of.isoformat(),
        "person_weeks": person_weeks_output(person_weeks),
        "strain": [
            {column: _number(value) for column, value in row.items()}
            # occupancy_14d came after the capture (it feeds the forecast, not the levels).
            for row in strain.drop(columns=["week_start", "week_end", "occupancy_14d"]).to_dict(
                "records"
            )
        ],
        "warnings": warnings_output(warnings),
    }


def person_weeks_output(person_weeks: pd.DataFrame) -> list[dict]:
    from wellbeing import metrics

    flagged = person_weeks.loc[person_weeks["flagged"].astype(bool)]
    rows = []
    for row in flagged.to_dict("records"):
        rows.append(
            {
                "person_id": _number(row["person_id"]),
                "team_id": _number(row["team_id"]),
                "week": row["week"],
                "reasons": {
                    code: {
                        column: _number(row[column])
                        for column in metrics.PERSON_REASON_PARAMS[code]
                    }
                    for code in row["reasons"]
                },
            }
        )
    return rows


def warnings_output(warnings: pd.DataFrame) -> list[dict]:
    return [
        {
            "team_id": _number(row["team_id"]),
            "week": row["week"],
            "level": row["level"],
            "workload_level": row["workload_level"],
            "checkin_level": row["checkin_level"],
            "people": _number(row["people"]),
            "flagged": _number(row["flagged"]),
            "reasons": [
                {
                    "code": reason["code"],
                    "params": {key: _number(v) for key, v in reason["params"].items()},
                }
                for reason in row["reasons"]
            ],
            "actions": list(row["actions"]),
        }
        for row in warnings.to_dict("records")
    ]


def demo_output() -> dict:
    """The demo's stored warnings (needs Django and an empty, migrated database)."""
    from django.contrib.auth import get_user_model

    from training.demo.people import load_people
    from training.demo.wellbeing import load_wellbeing
    from wellbeing.models import BurnoutWarning

    load_people()
    load_wellbeing(today=DEMO_TODAY)
    names = dict(get_user_model().objects.values_list("pk", "username"))
    rows = []
    for warning in BurnoutWarning.objects.select_related("team").order_by("team__slug", "week"):
        rows.append(
            {
                "team": warning.team.slug,
                "week": warning.week,
                "level": warning.level,
                "workload_level": warning.workload_level,
                "checkin_level": warning.checkin_level,
                "people": warning.people,
                "flagged": warning.flagged,
                "reasons": warning.reasons,
                "actions": warning.actions,
                "flagged_people": sorted(
                    (
                        {"person": names[person["person_id"]], "reasons": person["reasons"]}
                        for person in warning.flagged_people
                    ),
                    key=lambda person: person["person"],
                ),
            }
        )
    return {"today": DEMO_TODAY.isoformat(), "warnings": rows}


def _write(path: Path, payload: dict) -> None:
    DATA.mkdir(exist_ok=True)
    path.write_text(
        json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bench", action="store_true", help="only the pure bench-like file")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    _write(BENCH_FILE, bench_output())
    if options.bench:
        return
    import os
    import tempfile

    os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp(prefix="steady-golden-")) / "db.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "training.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _write(DEMO_FILE, demo_output())


if __name__ == "__main__":
    main()
