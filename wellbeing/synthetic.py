"""A synthetic contact-centre organisation with known ground truth.

Pure (numpy/pandas, no Django). It plants what the impact report and the
forecast must find: a training effect in some teams and none in others, and a
drift toward a burnout warning in some teams. Tests, the forecast backtest
(``tests/bench/bench_forecast.py``) and anyone checking the methods use it.

Every team shares the same calendar shocks (a seasonal swing and a random
"busy week" factor on hostile contacts and hours), so a before/after
comparison that ignores untrained teams would see changes that no training
caused; a difference in differences removes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wellbeing.pipeline import WORKLOAD_COLUMNS

#: Course code used for the planted training.
COURSE = "stress_management"


@dataclass(frozen=True)
class TeamPlan:
    """One team's story.

    ``trained_week``: index of the week (0 = the first) in which everyone in
    the team completes ``COURSE``; None: never. ``effect``: relative change,
    from the week after, of the strain the course addresses (hostile share,
    after-contact work, after-hours work, overtime; -0.4 = 40 % less), and a
    matching rise in CSAT. ``drift_from``: week index where workload starts to
    climb toward a warning, reaching full strength ``drift_weeks`` later.
    """

    team_id: int
    size: int = 8
    trained_week: int | None = None
    effect: float = 0.0
    drift_from: int | None = None
    drift_weeks: int = 5


@dataclass(frozen=True)
class SyntheticOrg:
    workload: pd.DataFrame  # WORKLOAD_COLUMNS, one row per person and day
    completions: pd.DataFrame  # team_id, person_id, course, completed_on
    team_sizes: pd.DataFrame  # team_id, size
    plans: tuple[TeamPlan, ...] = field(default_factory=tuple)
    start: dt.date = dt.date(2026, 1, 5)
    weeks: int = 0

    def week_start(self, index: int) -> dt.date:
        return self.start + dt.timedelta(weeks=index)


def organisation(
    plans: list[TeamPlan], *, weeks: int, start: dt.date = dt.date(2026, 1, 5), seed: int = 1
) -> SyntheticOrg:
    """Daily workload of every person of every planned team for ``weeks`` ISO weeks.

    ``start`` must be a Monday. Deterministic for a given ``seed``.
    """
    if start.weekday() != 0:
        raise ValueError("start must be a Monday.")
    rng = np.random.default_rng(seed)
    days = weeks * 7
    day = np.arange(days)
    week = day // 7
    weekday = day % 7
    # Calendar shocks shared by every team.
    season = 0.25 * np.sin(2 * np.pi * week / 26)
    busy = rng.normal(0, 0.12, weeks)[week]

    frames, completions = [], []
    person_base = 0
    for plan in plans:
        team_rng = np.random.default_rng([seed, plan.team_id])
        team_hostile = team_rng.uniform(0.07, 0.11)
        team_after_contact = team_rng.uniform(45, 60)
        team_drift = np.zeros(days)
        if plan.drift_from is not None:
            team_drift = np.clip((week - plan.drift_from + 1) / max(plan.drift_weeks, 1), 0, 1)
        after = np.zeros(days)
        if plan.trained_week is not None:
            after = (week > plan.trained_week).astype(float)
        relief = 1 + plan.effect * after
        for person in range(plan.size):
            person_id = person_base + person
            p_rng = np.random.default_rng([seed, plan.team_id, person])
            # People do not all take the same share of a drift: it spreads through a team.
            drift = team_drift * p_rng.uniform(0.1, 1.2)
            worked = (weekday < 5) & (p_rng.random(days) > 0.04)
            worked |= (weekday == 5) & (drift > 0.5) & (p_rng.random(days) < drift)
            absent = ~worked & (weekday < 5)
            extra = drift * p_rng.normal(2.6, 0.5, days) + np.clip(busy, 0, None) * 4
            overtime_extra = np.clip(p_rng.normal(0.5, 0.4, days) + extra, 0, None) * relief
            hours = np.where(worked, 7.6 + overtime_extra, 0.0).clip(0, 14).round(1)
            contacts = np.where(worked, p_rng.poisson(44 * (1 + 0.3 * drift)), 0)
            hostile_rate = np.clip(
                (team_hostile + 0.03 * (season + busy)) * (1 + 1.8 * drift) * relief, 0.005, 0.9
            )
            hostile = p_rng.binomial(contacts, hostile_rate)
            occupancy = np.where(
                worked, np.clip(p_rng.normal(78, 3, days) + 10 * drift, 30, 100), np.nan
            )
            after_hours_p = np.clip((0.08 + 0.5 * drift + np.clip(busy, 0, None)) * relief, 0, 1)
            after_hours = np.where(worked & (p_rng.random(days) < after_hours_p), 35, 0)
            after_contact = (team_after_contact + 10 * season) * (1 + 0.3 * drift) * relief
            csat = 4.4 - 0.6 * drift - 0.8 * busy - 0.6 * plan.effect * after
            frames.append(
                pd.DataFrame(
                    {
                        "person_id": person_id,
                        "team_id": plan.team_id,
                        "date": pd.Timestamp(start) + pd.to_timedelta(day, unit="D"),
                        "contacts": contacts.astype("int64"),
                        "handle_time_s": np.where(worked, p_rng.normal(320, 25, days), 0)
                        .round()
                        .astype("int64"),
                        "after_contact_s": np.where(
                            worked, p_rng.normal(after_contact, 6, days).clip(0), 0
                        )
                        .round()
                        .astype("int64"),
                        "occupancy_pct": occupancy.round(1),
                        "hours_worked": hours,
                        "overtime_h": np.clip(hours - 8, 0, None).round(1),
                        "after_hours_min": after_hours.astype("int64"),
                        "hostile_contacts": hostile.astype("int64"),
                        "absence": absent,
                        "csat": np.where(
                            worked, np.clip(p_rng.normal(csat, 0.25, days), 1, 5), np.nan
                        ).round(2),
                        "quality": np.nan,
                    }
                )
            )
            if plan.trained_week is not None:
                completions.append(
                    {
                        "team_id": plan.team_id,
                        "person_id": person_id,
                        "course": COURSE,
                        "completed_on": start
                        + dt.timedelta(weeks=plan.trained_week, days=int(p_rng.integers(0, 5))),
                    }
                )
        person_base += plan.size
    workload = pd.concat(frames, ignore_index=True)
    workload = workload.assign(date=workload["date"].astype("datetime64[ns]"))
    return SyntheticOrg(
        workload=workload.loc[:, list(WORKLOAD_COLUMNS)],
        completions=pd.DataFrame(
            completions, columns=["team_id", "person_id", "course", "completed_on"]
        ),
        team_sizes=pd.DataFrame(
            {"team_id": [p.team_id for p in plans], "size": [p.size for p in plans]}
        ),
        plans=tuple(plans),
        start=start,
        weeks=weeks,
    )


def mixed_plans(teams: int, *, weeks: int, seed: int = 1, size: int = 9) -> list[TeamPlan]:
    """A varied organisation for backtests: about a third of the teams drift at random
    weeks, a few are trained (with or without effect), the rest stay steady."""
    rng = np.random.default_rng(seed)
    plans = []
    for team_id in range(1, teams + 1):
        drift_from = None
        if rng.random() < 0.4:
            drift_from = int(rng.integers(10, max(weeks - 3, 11)))
        trained = int(rng.integers(6, weeks - 4)) if rng.random() < 0.25 else None
        plans.append(
            TeamPlan(
                team_id=team_id,
                size=size,
                trained_week=trained,
                effect=float(rng.choice([0.0, -0.4])) if trained is not None else 0.0,
                drift_from=drift_from,
                drift_weeks=int(rng.integers(4, 11)),
            )
        )
    return plans
