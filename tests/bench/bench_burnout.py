"""Benchmark of the burnout computation on a synthetic organisation (10,000 people x 365 days).

Run: ``python tests/bench/bench_burnout.py [--people 10000] [--days 365] [--sample 200]``.
Uses Django with ``training.settings.test`` on a temporary SQLite file: migrated
and filled with one workload record per person and day by raw ``executemany``
in one transaction (not timed). Then it times:

* loading: ``wellbeing.loaders.workload_frame()``, the real loader, reading every
  ``WorkloadRecord`` row into a DataFrame through the ORM;
* computing: the pure pipeline ``person_day_signals`` -> ``person_week_flags`` ->
  ``team_week_strain`` -> ``team_warnings`` (released check-in scores prepared
  beforehand, not timed);
* a straightforward per-person Python loop computing the same day signals for
  consecutive days worked, rolling 7-day hours >= 55 and the 14-day occupancy
  rule, on ``--sample`` people, its speed extrapolated per row. The loop's
  flags are checked against the pandas flags for those people, so the two do
  the same work (the pandas stage computes more signals besides: baselines,
  robust z-scores, EWMA, hostile share, occupancy runs).

Prints one JSON line per figure:
``{"bench": "burnout", "figure": "...", "value": ..., "unit": "..."}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import shutil
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

FIRST_DAY = dt.date(2025, 12, 1)  # a Monday
TEAM_SIZE = 10
INSERT_PEOPLE_PER_BATCH = 250


def emit(figure: str, value, unit: str) -> None:
    if isinstance(value, float):
        value = round(value, 3 if abs(value) < 100 else 1)
    print(
        json.dumps({"bench": "burnout", "figure": figure, "value": value, "unit": unit}),
        flush=True,
    )


# === synthetic organisation ======================================================


def person_days(first_person: int, people: int, days: int, *, seed: int = 5) -> dict:
    """One record per person and calendar day, as numpy columns.

    Weekday shifts of about 8 h with the odd day off; every tenth person (index
    3 mod 10) is overloaded for the last six weeks: Saturday shifts (six days in
    a row), about 10.5 h a day, occupancy above 90 %. Index 7 mod 10 runs at
    about 87 % occupancy for the last four weeks on normal hours.
    """
    rng = np.random.default_rng(seed + first_person)
    count = people * days
    person = np.repeat(np.arange(first_person, first_person + people), days)
    offset = np.tile(np.arange(days), people)
    weekday = offset % 7
    overloaded = (person % 10 == 3) & (offset >= days - 42)
    busy = (person % 10 == 7) & (offset >= days - 28)
    works = (weekday < 5) & (rng.random(count) > 0.04)
    works |= overloaded & (weekday == 5) & (rng.random(count) < 0.85)
    absence = ~works & (weekday < 5)
    hours = np.where(works, rng.normal(8.0, 0.4, count) + overloaded * 2.5, 0.0)
    hours = np.clip(hours, 0, 14).round(1)
    contacts = np.where(works, rng.poisson(45 + overloaded * 15), 0)
    occupancy = np.where(
        works,
        np.clip(rng.normal(78 + overloaded * 14 + busy * 9, 3, count), 0, 100).round(1),
        np.nan,
    )
    return {
        "person": person,
        "offset": offset,
        "contacts": contacts,
        "handle_time_s": np.where(works, rng.normal(330, 30, count), 0).round().astype(int),
        "after_contact_s": np.where(works, rng.normal(50, 8, count), 0).round().astype(int),
        "occupancy_pct": occupancy,
        "hours_worked": hours,
        "overtime_h": np.clip(hours - 8.0, 0, None).round(1),
        "after_hours_min": np.where(works & overloaded, 30, 0),
        "hostile_contacts": rng.binomial(contacts, 0.06 + overloaded * 0.12),
        "absence": absence,
        "csat": np.where(works, np.clip(rng.normal(4.4, 0.3, count), 1, 5).round(2), np.nan),
    }


def build_organisation(people: int, days: int) -> tuple[np.ndarray, np.ndarray, int, float]:
    """Users, teams and people x days workload rows; returns (user ids, team ids, rows, s)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from courses.models import Team
    from wellbeing.metrics import WORKLOAD_COLUMNS
    from wellbeing.models import WorkloadRecord

    User = get_user_model()
    users = User.objects.bulk_create(
        (User(username=f"p{n}", email=f"p{n}@bench.example") for n in range(people)),
        batch_size=2000,
    )
    teams = Team.objects.bulk_create(
        (Team(name=f"Team {n}", slug=f"team-{n}") for n in range(math.ceil(people / TEAM_SIZE))),
        batch_size=2000,
    )
    user_ids = np.asarray([u.pk for u in users], dtype="int64")
    team_ids = np.asarray([t.pk for t in teams], dtype="int64")
    calendar = np.asarray(
        [(FIRST_DAY + dt.timedelta(days=d)).isoformat() for d in range(days)], dtype=object
    )

    table = WorkloadRecord._meta.db_table
    columns = WORKLOAD_COLUMNS
    sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
    started = time.perf_counter()
    rows = 0
    with transaction.atomic():
        connection.ensure_connection()
        raw = connection.connection
        for first in range(0, people, INSERT_PEOPLE_PER_BATCH):
            block = person_days(first, min(INSERT_PEOPLE_PER_BATCH, people - first), days)
            occupancy = block["occupancy_pct"].astype(object)
            occupancy[np.isnan(block["occupancy_pct"])] = None
            csat = block["csat"].astype(object)
            csat[np.isnan(block["csat"])] = None
            count = len(block["person"])
            raw.executemany(
                sql,
                zip(
                    user_ids[block["person"]].tolist(),
                    team_ids[block["person"] // TEAM_SIZE].tolist(),
                    calendar[block["offset"]].tolist(),
                    block["contacts"].tolist(),
                    block["handle_time_s"].tolist(),
                    block["after_contact_s"].tolist(),
                    occupancy.tolist(),
                    block["hours_worked"].tolist(),
                    block["overtime_h"].tolist(),
                    block["after_hours_min"].tolist(),
                    block["hostile_contacts"].tolist(),
                    block["absence"].tolist(),
                    csat.tolist(),
                    [None] * count,
                    strict=True,
                ),
            )
            rows += count
    return user_ids, team_ids, rows, time.perf_counter() - started


def released_checkins(team_ids: np.ndarray, as_of: dt.date) -> pd.DataFrame:
    """Twelve weeks of pulse check-ins per team, aggregated and passed through the gate."""
    from bench_metrics import synthetic_checkins

    from wellbeing import metrics, periods, privacy

    weeks = sorted({periods.week_label(as_of - dt.timedelta(days=7 * n)) for n in range(1, 13)})
    checkins = synthetic_checkins(len(team_ids), weeks)
    checkins["team_id"] = team_ids[checkins["team_id"].to_numpy()]
    scores = metrics.team_checkin_scores(
        checkins,
        team_sizes=pd.DataFrame({"team_id": team_ids, "size": TEAM_SIZE}),
        parents={int(team): "org" for team in team_ids},
    )
    return privacy.release(scores, today=as_of + dt.timedelta(days=1))


# === the straightforward loop ======================================================


def loop_day_signals(records, *, as_of: dt.date, t) -> dict:
    """Per person, plain Python: consecutive days worked, 7-day hours, 14-day occupancy.

    ``records`` are (person_id, date, hours_worked, contacts, occupancy_pct or
    NaN) tuples in any order. Same calendar as ``metrics.person_day_signals``:
    each person's days from the first record to the Sunday of the last
    record's week (not beyond ``as_of``); a day without a record is not worked.
    Returns {person_id: [(date, consecutive_days, consecutive_high, hours_7d,
    long_week, occ_days_14d, occ_mean_14d, occ_high_2w), ...]}.
    """
    by_person: dict[int, dict[dt.date, tuple]] = {}
    for person_id, day, hours, contacts, occupancy in records:
        if day > as_of:
            continue
        by_person.setdefault(person_id, {})[day] = (hours, contacts, occupancy)
    result = {}
    for person_id, days in by_person.items():
        first = min(days)
        last_record = max(days)
        last = min(last_record + dt.timedelta(days=6 - last_record.weekday()), as_of)
        rows = []
        run = 0
        hours_window: deque[float] = deque(maxlen=7)
        occupancy_window: deque[float | None] = deque(maxlen=t.occupancy_high_window_days)
        day = first
        while day <= last:
            hours, contacts, occupancy = days.get(day, (0.0, 0, None))
            worked = hours > 0 or contacts > 0
            run = run + 1 if worked else 0
            hours_window.append(hours)
            hours_7d = round(sum(hours_window), 6)
            known = worked and occupancy is not None and not math.isnan(occupancy)
            occupancy_window.append(occupancy if known else None)
            counted = [value for value in occupancy_window if value is not None]
            occ_days = len(counted)
            occ_mean = round(sum(counted) / occ_days, 6) if occ_days else None
            rows.append(
                (
                    day,
                    run,
                    run >= t.max_consecutive_days,
                    hours_7d,
                    hours_7d >= t.weekly_hours,
                    occ_days,
                    occ_mean,
                    occ_days >= t.occupancy_high_min_days
                    and occ_mean is not None
                    and occ_mean >= t.occupancy_high,
                )
            )
            day += dt.timedelta(days=1)
        result[person_id] = rows
    return result


def check_loop_against_pandas(loop: dict, signals: pd.DataFrame) -> int:
    """Assert the loop's day flags equal the pandas ones for the sample; returns rows compared."""
    frame = signals.loc[
        signals["person_id"].isin(list(loop)),
        [
            "person_id",
            "date",
            "consecutive_days",
            "consecutive_days_high",
            "hours_7d",
            "long_week",
            "occ_days_14d",
            "occ_mean_14d",
            "occ_high_2w",
        ],
    ].reset_index(drop=True)
    mine = pd.DataFrame(
        [(person, *row) for person, rows in loop.items() for row in rows],
        columns=[
            "person_id",
            "date",
            "consecutive_days",
            "consecutive_days_high",
            "hours_7d",
            "long_week",
            "occ_days_14d",
            "occ_mean_14d",
            "occ_high_2w",
        ],
    )
    mine["date"] = pd.to_datetime(mine["date"]).astype("datetime64[ns]")
    mine["occ_mean_14d"] = pd.to_numeric(mine["occ_mean_14d"]).astype("float64")
    mine = mine.sort_values(["person_id", "date"]).reset_index(drop=True)
    assert len(mine) == len(frame), (len(mine), len(frame))
    for column in ("person_id", "date", "consecutive_days", "occ_days_14d"):
        assert (mine[column].to_numpy() == frame[column].to_numpy()).all(), column
    for column in ("consecutive_days_high", "long_week", "occ_high_2w"):
        same = mine[column].to_numpy(dtype=bool) == frame[column].to_numpy(dtype=bool)
        assert same.all(), (column, int((~same).sum()))
        assert mine[column].any(), f"the sample never raises {column}: the check proves nothing"
    for column in ("hours_7d", "occ_mean_14d"):
        np.testing.assert_allclose(
            mine[column].to_numpy(), frame[column].to_numpy(), rtol=0, atol=1e-6, err_msg=column
        )
    return len(mine)


# === main =========================================================================


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--sample", type=int, default=200, help="people run through the loop")
    options = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="steady-bench-")
    database = Path(workdir) / "bench.sqlite3"
    os.environ["SQLITE_PATH"] = str(database)
    os.environ["DJANGO_SETTINGS_MODULE"] = "training.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    from wellbeing import metrics
    from wellbeing.loaders import workload_frame

    call_command("migrate", verbosity=0)
    as_of = FIRST_DAY + dt.timedelta(days=options.days - 1)
    user_ids, team_ids, rows, insert_seconds = build_organisation(options.people, options.days)
    emit("people", options.people, "people")
    emit("days", options.days, "days")
    emit("workload_rows", rows, "rows")
    emit("setup_insert_not_timed", rows / insert_seconds, "rows/s")

    # --- loading: the real loader, through the ORM -------------------------------
    started = time.perf_counter()
    workload = workload_frame()
    load_seconds = time.perf_counter() - started
    assert len(workload) == rows, (len(workload), rows)
    emit("load_seconds", load_seconds, "s")
    emit("load_rows_per_s", rows / load_seconds, "rows/s")

    # --- computing: the pure pipeline --------------------------------------------
    released = released_checkins(team_ids, as_of)
    stages = {}
    started = time.perf_counter()
    signals = metrics.person_day_signals(workload, as_of=as_of)
    stages["person_day_signals"] = time.perf_counter() - started
    person_weeks = metrics.person_week_flags(signals)
    stages["person_week_flags"] = time.perf_counter() - started - sum(stages.values())
    strain = metrics.team_week_strain(person_weeks)
    stages["team_week_strain"] = time.perf_counter() - started - sum(stages.values())
    warnings = metrics.team_warnings(strain, released, as_of=as_of)
    stages["team_warnings"] = time.perf_counter() - started - sum(stages.values())
    compute_seconds = time.perf_counter() - started
    for name, seconds in stages.items():
        emit(f"{name}_seconds", seconds, "s")
    emit("compute_seconds", compute_seconds, "s")
    emit("compute_rows_per_s", rows / compute_seconds, "rows/s")
    emit("signals_rows_per_s", rows / stages["person_day_signals"], "rows/s")
    emit("warning_levels", warnings["level"].value_counts().sort_index().to_dict(), "teams")

    # --- the per-person Python loop on a sample ------------------------------------
    sample = set(user_ids[: options.sample].tolist())
    picked = workload.loc[
        workload["person_id"].isin(sample),
        ["person_id", "date", "hours_worked", "contacts", "occupancy_pct"],
    ]
    records = list(
        zip(
            picked["person_id"].tolist(),
            [d.date() for d in picked["date"]],
            picked["hours_worked"].tolist(),
            picked["contacts"].tolist(),
            picked["occupancy_pct"].tolist(),
            strict=True,
        )
    )
    started = time.perf_counter()
    loop = loop_day_signals(records, as_of=as_of, t=metrics.DEFAULT_THRESHOLDS)
    loop_seconds = time.perf_counter() - started
    compared = check_loop_against_pandas(loop, signals)
    loop_rate = len(records) / loop_seconds
    emit("loop_sample_people", len(sample), "people")
    emit("loop_sample_rows", len(records), "rows")
    emit("loop_flags_equal_pandas_day_rows", compared, "rows")
    emit("loop_rows_per_s", loop_rate, "rows/s")
    emit("loop_extrapolated_seconds", rows / loop_rate, "s")
    emit("speedup_signals_vs_loop", (rows / stages["person_day_signals"]) / loop_rate, "x")
    emit("speedup_pipeline_vs_loop", (rows / compute_seconds) / loop_rate, "x")

    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
