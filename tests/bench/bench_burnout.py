"""Benchmark of burnout analytics on a synthetic organisation (10,000 people x 365 days).

Run: ``python tests/bench/bench_burnout.py [--people 10000] [--days 365] [--rounds 2]``.
Uses Django with ``training.settings.test`` on a temporary SQLite file, migrated
and filled with one workload record per person and day by raw ``executemany``
(not timed). Every reference is measured in the same process and run, rounds
alternated, best of ``--rounds``; the machine is shared, so the ratios are the
figures to read:

* load: ``wellbeing.loaders.workload_frame()`` against a plain raw-cursor read
  of the same rows into numpy (``fetchall`` + one ``np.array`` per column);
* compute: ``metrics.person_weeks`` -> ``team_week_strain`` -> ``team_warnings``
  (released check-ins prepared beforehand) against :func:`dense_reference`, a
  plainly written, untuned people x days numpy version of the same signals and
  person-week flags; its flags are checked against the pipeline's;
* peak memory of load + compute in a fresh subprocess at 2,000 people and at
  all ``--people``: the peak of what they allocate (``tracemalloc``, numpy
  buffers included), and the process's peak RSS with the RSS before loading
  (Django, pandas and the SQLite cache already in it);
* the nightly run (load + compute of the window ``warnings_compute`` reads)
  against the same over the whole history kept.

Prints one JSON line per figure:
``{"bench": "burnout", "figure": "...", "value": ..., "unit": "..."}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
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


# === the references ============================================================


def raw_cursor_read() -> dict[str, np.ndarray]:
    """The same rows, read plainly: fetchall, then one typed numpy array per column."""
    from django.db import connection

    from wellbeing.metrics import WORKLOAD_COLUMNS
    from wellbeing.models import WorkloadRecord

    table = WorkloadRecord._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT {", ".join(WORKLOAD_COLUMNS)} FROM "{table}"')
        rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True))
    del rows
    types = {"date": "datetime64[D]", "absence": bool, "person_id": "int64"}
    return {
        name: np.array(values, dtype=types.get(name, "float64"))
        for name, values in zip(WORKLOAD_COLUMNS, columns, strict=True)
    }


def dense_reference(workload: pd.DataFrame, *, as_of: dt.date, t) -> dict[str, np.ndarray]:
    """The person-day signals and person-week flags, written plainly on dense matrices.

    Untuned on purpose: lags stacked into a (people, days, 8) copy and
    ``np.nanmedian``, Python loops over days for runs and the EWMA. Assumes
    what the bench data is: every person has a row every calendar day.
    Returns the ten reason flags per (person, week), people x weeks.
    """
    code, _ids = pd.factorize(workload["person_id"], sort=True)
    day = workload["date"].to_numpy().astype("datetime64[D]").astype("int64")
    first = day.min() - (day.min() + 3) % 7  # a Monday
    last = int(np.datetime64(as_of, "D").astype("int64"))
    days = (last - first) // 7 * 7 + 7
    people = code.max() + 1

    def matrix(column, fill=0.0):
        grid = np.full((people, days), fill)
        grid[code, day - first] = workload[column].to_numpy(dtype="float64", na_value=np.nan)
        return grid

    hours, contacts = matrix("hours_worked"), matrix("contacts")
    hostile, overtime = matrix("hostile_contacts"), matrix("overtime_h")
    after_hours, occupancy = matrix("after_hours_min"), matrix("occupancy_pct", np.nan)
    inside = np.zeros((people, days), dtype=bool)
    inside[:, : last - first + 1] = True
    worked = (hours > 0) | (contacts > 0)

    consecutive = np.zeros((people, days))
    very_high_run = np.zeros((people, days))
    run = np.zeros(people)
    shift_run = np.zeros(people)
    since_shift = np.full(people, 10**6)
    for d in range(days):
        run = np.where(worked[:, d], run + 1, 0)
        consecutive[:, d] = run
        very_high = occupancy[:, d] >= t.occupancy_very_high
        restart = since_shift + 1 > t.occupancy_run_max_gap_days
        shift_run = np.where(
            worked[:, d], np.where(very_high, np.where(restart, 1, shift_run + 1), 0), shift_run
        )
        very_high_run[:, d] = np.where(worked[:, d], shift_run, 0)
        since_shift = np.where(worked[:, d], 0, since_shift + 1)

    def trailing(values, window):
        total = np.cumsum(values, axis=1)
        total[:, window:] = total[:, window:] - total[:, :-window]
        return np.round(total, 6)

    known = worked & ~np.isnan(occupancy)
    occ_days = trailing(known.astype(float), t.occupancy_high_window_days)
    occ_sum = trailing(np.where(known, occupancy, 0.0), t.occupancy_high_window_days)
    with np.errstate(invalid="ignore", divide="ignore"):
        occ_mean = np.round(np.where(occ_days > 0, occ_sum / occ_days, np.nan), 6)
    hours_7d, contacts_7d = trailing(hours, 7), trailing(contacts, 7)
    hostile_7d = trailing(hostile, 7)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(contacts_7d > 0, hostile_7d / contacts_7d, np.nan)
    active = trailing(worked.astype(float), 7) > 0

    def smoothed_z(series, floor):
        current = np.where(active, series, np.nan)
        history = np.stack(
            [
                np.concatenate([np.full((people, 7 * k), np.nan), current[:, : -7 * k]], axis=1)
                for k in range(1, t.baseline_weeks + 1)
            ],
            axis=-1,
        )
        count = (~np.isnan(history)).sum(axis=-1)
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            median = np.nanmedian(history, axis=-1)
            mad = np.nanmedian(np.abs(history - median[..., None]), axis=-1)
        scale = np.maximum(
            np.maximum(1.4826 * np.nan_to_num(mad), floor),
            t.z_floor_fraction * np.abs(np.nan_to_num(median)),
        )
        z = np.where(count >= t.baseline_min_weeks, (current - median) / scale, np.nan)
        alpha = 2 / (t.ewma_span_days + 1)
        out = np.full((people, days), np.nan)
        mean = np.full(people, np.nan)
        weight = np.ones(people)
        for d in range(days):
            x = z[:, d]
            seen, new = ~np.isnan(mean), ~np.isnan(x)
            w = weight * (1 - alpha)
            mean = np.where(new, np.where(seen, (w * mean + x) / (w + 1), x), mean)
            weight = np.where(new & seen, w + 1, weight)
            out[:, d] = np.where(new, mean, np.nan)
        return out

    z_hours = smoothed_z(hours_7d, t.z_floor_hours)
    z_contacts = smoothed_z(contacts_7d, t.z_floor_contacts)
    z_share = smoothed_z(share, t.z_floor_hostile_share)

    weeks = days // 7

    def per_week(values):
        return np.where(inside, values, 0).reshape(people, weeks, 7)

    end = np.minimum(np.arange(weeks) * 7 + 6, last - first)
    overtime_week = per_week(overtime).sum(axis=2) >= t.overtime_week_hours
    streak = np.zeros((people, weeks))
    count = np.zeros(people)
    for w in range(weeks):
        count = np.where(overtime_week[:, w], count + 1, 0)
        streak[:, w] = count
    counted = contacts_7d >= t.hostile_min_contacts
    return {
        "occupancy_high_2w": per_week(
            (occ_days >= t.occupancy_high_min_days) & (occ_mean >= t.occupancy_high)
        ).any(axis=2),
        "occupancy_very_high_3d": per_week(very_high_run >= t.occupancy_very_high_shifts).any(2),
        "consecutive_days": per_week(consecutive).max(axis=2) >= t.max_consecutive_days,
        "long_week": per_week(hours_7d >= t.weekly_hours).any(axis=2),
        "hostile_share": per_week(counted & (share >= t.hostile_share)).any(axis=2),
        "overtime_streak": streak >= t.overtime_streak_weeks,
        "after_hours": per_week(after_hours).sum(axis=2) >= t.after_hours_week_min,
        "hours_above_baseline": z_hours[:, end] >= t.z_threshold,
        "contacts_above_baseline": z_contacts[:, end] >= t.z_threshold,
        "hostile_share_above_baseline": z_share[:, end] >= t.z_threshold,
    }


def flags_agree(reference: dict[str, np.ndarray], person_weeks: pd.DataFrame) -> tuple[int, int]:
    """(cells compared, cells that differ) between the reference and the pipeline's flags."""
    compared = differ = 0
    weeks = reference["long_week"].shape[1]
    raised = [code for code, expected in reference.items() if expected.any()]
    # Hostile share is rare in small samples; the rest must show up or the check is empty.
    assert len(raised) >= len(reference) - 1, f"the data raises only {raised}"
    for code, expected in reference.items():
        mine = person_weeks[f"reason_{code}"].to_numpy(dtype=bool).reshape(-1, weeks)
        compared += mine.size
        differ += int((mine != expected).sum())
    return compared, differ


# === helpers ======================================================================


def best_of(rounds: int, calls: dict) -> dict[str, float]:
    """Seconds of each call, best of ``rounds``, calls alternated within each round."""
    best = {name: math.inf for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def compute(workload, released, as_of):
    from wellbeing import metrics

    weeks = metrics.person_weeks(workload, as_of=as_of)
    strain = metrics.team_week_strain(weeks)
    return weeks, metrics.team_warnings(strain, released, as_of=as_of)


def peak_rss_kb() -> int:
    """Peak RSS of this process's own memory (VmHWM; ``ru_maxrss`` would carry over the
    parent's high-water mark across fork and exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory_child(options) -> None:
    """In a fresh process: load ``--people`` people's rows, compute; print peak RSS."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from wellbeing import loaders

    as_of = dt.date.fromisoformat(options.as_of)
    # The bench's people are users p0, p1, ...: found without scanning the workload.
    people = list(
        get_user_model()
        .objects.filter(username__startswith="p")
        .order_by("pk")
        .values_list("pk", flat=True)[: options.people]
    )
    before = peak_rss_kb()
    tracemalloc.start()
    workload = loaders.workload_frame(person_ids=people)
    rows = len(workload)
    released = pd.DataFrame(
        {c: [] for c in ("team_id", "parent_id", "period", "scale", "answers", "n", "mean")}
        | {c: [] for c in ("share_concern", "team_size", "participation", "released")}
    )
    compute(workload, released, as_of)
    traced = tracemalloc.get_traced_memory()[1]
    peak = peak_rss_kb()
    print(json.dumps({"rows": rows, "peak_kb": peak, "before_kb": before, "traced": traced}))


def measure_memory(people: int, database: Path, as_of: dt.date) -> dict:
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            "--memory-child",
            "--people",
            str(people),
            "--as-of",
            as_of.isoformat(),
        ],
        env={**os.environ, "SQLITE_PATH": str(database)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# === main =========================================================================


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--as-of", help=argparse.SUPPRESS)
    options = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "training.settings.test"
    if options.memory_child:
        memory_child(options)
        return

    workdir = tempfile.mkdtemp(prefix="steady-bench-")
    database = Path(workdir) / "bench.sqlite3"
    os.environ["SQLITE_PATH"] = str(database)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from wellbeing import loaders, metrics
    from wellbeing.services.warnings import HISTORY_WEEKS_EXTRA

    call_command("migrate", verbosity=0)
    as_of = FIRST_DAY + dt.timedelta(days=options.days - 1)
    _user_ids, team_ids, rows, insert_seconds = build_organisation(options.people, options.days)
    emit("people", options.people, "people")
    emit("days", options.days, "days")
    emit("workload_rows", rows, "rows")
    emit("setup_insert_not_timed", rows / insert_seconds, "rows/s")

    # --- loading: the loader against a plain raw-cursor read ----------------------
    loaded = {}
    seconds = best_of(
        options.rounds,
        {
            "loader": lambda: loaded.__setitem__("workload", loaders.workload_frame()),
            "raw_cursor": raw_cursor_read,
        },
    )
    workload = loaded.pop("workload")
    assert len(workload) == rows, (len(workload), rows)
    emit("load_rows_per_s", rows / seconds["loader"], "rows/s")
    emit("raw_cursor_reference_rows_per_s", rows / seconds["raw_cursor"], "rows/s")
    emit("load_vs_raw_cursor", seconds["raw_cursor"] / seconds["loader"], "x")

    # --- computing: the pipeline against the dense numpy reference ----------------
    released = released_checkins(team_ids, as_of)
    t = metrics.DEFAULT_THRESHOLDS
    results = {}
    seconds = best_of(
        options.rounds,
        {
            "pipeline": lambda: results.__setitem__("pipeline", compute(workload, released, as_of)),
            "reference": lambda: results.__setitem__(
                "reference", dense_reference(workload, as_of=as_of, t=t)
            ),
        },
    )
    person_weeks, warnings = results["pipeline"]
    compared, differ = flags_agree(results["reference"], person_weeks)
    emit("compute_seconds", seconds["pipeline"], "s")
    emit("compute_rows_per_s", rows / seconds["pipeline"], "rows/s")
    emit("dense_reference_rows_per_s", rows / seconds["reference"], "rows/s")
    emit("compute_vs_dense_reference", seconds["reference"] / seconds["pipeline"], "x")
    emit("reference_flags_compared", compared, "person-week reasons")
    emit("reference_flags_differing", differ, "person-week reasons")
    emit("warning_levels", warnings["level"].value_counts().sort_index().to_dict(), "teams")
    results.clear()
    workload = person_weeks = warnings = None  # free them before the nightly figures

    # --- the nightly run: its window against the whole history -------------------
    since = as_of - dt.timedelta(weeks=t.baseline_weeks + HISTORY_WEEKS_EXTRA)
    seconds = best_of(
        options.rounds,
        {
            "window": lambda: compute(loaders.workload_frame(since=since), released, as_of),
            "history": lambda: compute(loaders.workload_frame(), released, as_of),
        },
    )
    emit("nightly_window_days", (as_of - since).days + 1, "days")
    emit("nightly_window_seconds", seconds["window"], "s")
    emit("nightly_full_history_seconds", seconds["history"], "s")
    emit("nightly_history_vs_window", seconds["history"] / seconds["window"], "x")

    # --- peak memory of load + compute, each in a fresh process --------------------
    connection.close()
    for people in sorted({min(2_000, options.people), options.people}):
        figures = measure_memory(people, database, as_of)
        emit(f"peak_memory_{people}_people", figures["traced"] / 2**20, "MB")
        emit(f"peak_rss_{people}_people", figures["peak_kb"] / 1024, "MB")
        emit(f"rss_before_load_{people}_people", figures["before_kb"] / 1024, "MB")

    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
