"""Benchmark of the pure wellbeing pipeline on a year of synthetic workload.

Run: ``python tests/bench/bench_metrics.py [--people 500] [--days 365] [--repeat 3]``.
No Django, no database. Times each stage, and ``person_weeks`` (what the nightly
job runs instead of the first two stages). Prints one JSON line per figure:
``{"bench": "metrics", "figure": "...", "value": ..., "unit": "s"}``
(the median of ``--repeat`` runs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from wellbeing import metrics, periods, privacy  # noqa: E402

TEAM_SIZE = 10


def synthetic_workload(people: int, days: int, *, seed: int = 7) -> pd.DataFrame:
    """Weekday shifts for ``people`` agents; one in ten is overloaded in the last 3 weeks."""
    rng = np.random.default_rng(seed)
    first = np.datetime64("2025-12-01")
    person = np.repeat(np.arange(people), days)
    offset = np.tile(np.arange(days), people)
    date = first + offset.astype("timedelta64[D]")
    weekday = (offset + 0) % 7  # 2025-12-01 is a Monday
    works = (weekday < 5) & (rng.random(people * days) > 0.04)
    overloaded = (person % 10 == 3) & (offset >= days - 21)
    hours = np.where(works, rng.normal(8.0, 0.5, people * days) + overloaded * 3.0, 0.0)
    contacts = np.where(works, rng.poisson(45 + overloaded * 20), 0)
    rows = pd.DataFrame(
        {
            "person_id": person,
            "team_id": person // TEAM_SIZE,
            "date": date,
            "contacts": contacts,
            "handle_time_s": np.where(works, rng.normal(360, 40, people * days), np.nan),
            "after_contact_s": np.where(works, rng.normal(60, 10, people * days), np.nan),
            "occupancy_pct": np.where(
                works, np.clip(rng.normal(80 + overloaded * 8, 5, people * days), 0, 100), np.nan
            ),
            "hours_worked": np.round(hours, 2),
            "overtime_h": np.round(np.clip(hours - 8.0, 0, None), 2),
            "after_hours_min": np.where(works & overloaded, rng.integers(0, 60, people * days), 0),
            "hostile_contacts": rng.binomial(contacts, 0.08 + overloaded * 0.1),
            "absence": ~works & (weekday < 5),
            "csat": np.where(works, rng.normal(4.3, 0.3, people * days), np.nan),
            "quality": np.nan,
        }
    )
    # Days off have no record at all, as in a real export.
    return rows.loc[works | rows["absence"].to_numpy()].reset_index(drop=True)


def synthetic_checkins(teams: int, weeks: list[str], *, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    answers = rng.integers(2, TEAM_SIZE + 1, size=(teams, len(weeks)))
    team = np.repeat(np.repeat(np.arange(teams), len(weeks)), answers.ravel())
    week = np.repeat(np.tile(np.asarray(weeks, dtype=object), teams), answers.ravel())
    return pd.DataFrame(
        {
            "team_id": team,
            "period": week,
            "sib": rng.choice(
                [1.0, 2.0, 3.0, 4.0, 5.0], len(team), p=[0.35, 0.4, 0.15, 0.07, 0.03]
            ),
            "cbi_work_pulse": rng.choice([0.0, 25.0, 37.5, 50.0, 62.5, 75.0, 100.0], len(team)),
        }
    )


def timed(figures: dict[str, list[float]], name: str, call: Callable[..., Any], *args, **kwargs):
    started = time.perf_counter()
    result = call(*args, **kwargs)
    figures.setdefault(name, []).append(time.perf_counter() - started)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    workload = synthetic_workload(options.people, options.days)
    as_of = (pd.Timestamp("2025-12-01") + pd.Timedelta(days=options.days - 1)).date()
    teams = -(-options.people // TEAM_SIZE)
    weeks = sorted({periods.week_label(as_of - dt.timedelta(days=7 * n)) for n in range(1, 13)})
    checkins = synthetic_checkins(teams, weeks)
    parents = {team: "org" for team in range(teams)}
    team_sizes = pd.DataFrame({"team_id": range(teams), "size": TEAM_SIZE})
    today = as_of + dt.timedelta(days=1)

    figures: dict[str, list[float]] = {}
    for _ in range(options.repeat):
        started = time.perf_counter()
        signals = timed(
            figures, "person_day_signals", metrics.person_day_signals, workload, as_of=as_of
        )
        weeks_frame = timed(figures, "person_week_flags", metrics.person_week_flags, signals)
        strain = timed(figures, "team_week_strain", metrics.team_week_strain, weeks_frame)
        scores = timed(
            figures,
            "team_checkin_scores",
            metrics.team_checkin_scores,
            checkins,
            team_sizes=team_sizes,
            parents=parents,
        )
        released = timed(figures, "privacy_release", privacy.release, scores, today=today)
        warnings = timed(
            figures, "team_warnings", metrics.team_warnings, strain, released, as_of=as_of
        )
        figures.setdefault("pipeline_total", []).append(time.perf_counter() - started)
        timed(
            figures, "person_weeks_without_day_frame", metrics.person_weeks, workload, as_of=as_of
        )

    print(
        json.dumps(
            {"bench": "metrics", "figure": "workload_rows", "value": len(workload), "unit": "rows"}
        )
    )
    print(
        json.dumps(
            {"bench": "metrics", "figure": "signal_rows", "value": len(signals), "unit": "rows"}
        )
    )
    for name, values in figures.items():
        print(
            json.dumps(
                {
                    "bench": "metrics",
                    "figure": name,
                    "value": round(statistics.median(values), 4),
                    "unit": "s",
                }
            )
        )
    levels = warnings["level"].value_counts().to_dict()
    print(
        json.dumps(
            {"bench": "metrics", "figure": "warning_levels", "value": levels, "unit": "teams"}
        )
    )


if __name__ == "__main__":
    main()
