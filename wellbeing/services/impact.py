"""Nightly: the impact of courses per team, and each team's early forecast; stored for the pages."""

from __future__ import annotations

import datetime as dt
import logging
import math

import pandas as pd
from django.db import transaction
from django.utils import timezone

from courses.models import Enrolment, TeamMembership
from wellbeing import forecast, impact, loaders, periods, pipeline
from wellbeing.models import BurnoutWarning, TeamForecast, TrainingImpact, WellbeingSettings
from wellbeing.selectors import checkin_scores_released, team_member_counts

logger = logging.getLogger(__name__)

#: Weeks of workload read for the impact report: long enough for a course completed
#: half a year ago to keep its before and after windows.
IMPACT_HISTORY_WEEKS = 40
#: Weeks read for the forecast: its history plus the pipeline's baseline.
FORECAST_HISTORY_WEEKS = 16


def _number(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float):
        return round(value, 5)
    return value.item() if hasattr(value, "item") else value


def _completions() -> pd.DataFrame:
    """Each member's first completion of each course, with the team they belong to."""
    members = pd.DataFrame.from_records(
        TeamMembership.objects.filter(role=TeamMembership.Role.MEMBER)
        .order_by()
        .values_list("team_id", "user_id"),
        columns=["team_id", "person_id"],
    )
    done = pd.DataFrame.from_records(
        Enrolment.objects.filter(completed_at__isnull=False)
        .order_by()
        .values_list("user_id", "course_id", "completed_at"),
        columns=["person_id", "course", "completed_at"],
    )
    if members.empty or done.empty:
        return pd.DataFrame(columns=["team_id", "person_id", "course", "completed_on"])
    done = done.assign(completed_on=pd.to_datetime(done["completed_at"], utc=True).dt.date)
    done = done.sort_values("completed_on").drop_duplicates(["person_id", "course"])
    return members.merge(done, on="person_id").loc[
        :, ["team_id", "person_id", "course", "completed_on"]
    ]


def impact_compute(*, as_of: dt.date) -> int:
    """Recompute the impact of every course on every team that completed it; returns rows."""
    preferences = WellbeingSettings.load()
    settings = impact.ImpactSettings(
        overtime_week_hours=preferences.thresholds().overtime_week_hours
    )
    sizes = team_member_counts()
    events = impact.completion_events(
        _completions(),
        pd.DataFrame({"team_id": list(sizes), "size": list(sizes.values())}),
        settings=settings,
    )
    events = events.loc[pd.to_datetime(events["completed_on"]) <= pd.Timestamp(as_of)]
    since = as_of - dt.timedelta(weeks=IMPACT_HISTORY_WEEKS)
    workload = loaders.workload_frame(since=since, until=as_of)
    released = checkin_scores_released(
        today=as_of + dt.timedelta(days=1), k=preferences.min_group_size
    )
    signals = pd.concat(
        [
            impact.team_week_signals(workload, settings=settings),
            impact.checkin_signals(released, periods_bounds=periods.period_bounds),
        ],
        ignore_index=True,
    )
    report = impact.impact_report(signals, events, as_of=as_of, settings=settings)
    rows = []
    for (course, team_id), group in report.groupby(["course", "team_id"], sort=False):
        series = {}
        for code in group["signal"]:
            points = impact.event_series(
                signals,
                events,
                course=course,
                team_id=team_id,
                signal=code,
                as_of=as_of,
                settings=settings,
            )
            series[code] = [
                [p.period, int(p.side), _number(p.team), _number(p.controls)]
                for p in points.itertuples(index=False)
            ]
        results = [
            {key: _number(value) for key, value in item.items() if key not in ("course", "team_id")}
            for item in group.to_dict("records")
        ]
        rows.append(
            TrainingImpact(
                course_id=int(course),
                team_id=int(team_id),
                event_week=str(group["event_week"].iloc[0]),
                controls=int(group["controls"].max()),
                results=results,
                series=series,
                as_of=as_of,
                computed_at=timezone.now(),
            )
        )
    with transaction.atomic():
        TrainingImpact.objects.all().delete()
        TrainingImpact.objects.bulk_create(rows)
    logger.info("Training impact computed for %s course-team pairs as of %s", len(rows), as_of)
    return len(rows)


def forecasts_compute(*, as_of: dt.date) -> int:
    """Each team's chance of reaching each level in the two weeks after the latest stored one."""
    thresholds = WellbeingSettings.load().thresholds()
    latest: dict[int, BurnoutWarning] = {}
    for warning in BurnoutWarning.objects.filter(week_start__lte=as_of).order_by(
        "team_id", "-week_start"
    ):
        latest.setdefault(warning.team_id, warning)
    if not latest:
        return 0
    week_start = max(w.week_start for w in latest.values())
    current_rows = [w for w in latest.values() if w.week_start == week_start]
    current = pd.DataFrame(
        {
            "team_id": [w.team_id for w in current_rows],
            "level_rank": [w.level_rank for w in current_rows],
            "checkin_rank": [pipeline.LEVELS.index(w.checkin_level) for w in current_rows],
        }
    )
    until = week_start + dt.timedelta(days=6)
    workload = loaders.workload_frame(
        since=until - dt.timedelta(weeks=FORECAST_HISTORY_WEEKS), until=until
    )
    if workload.empty:
        return 0
    strain = pipeline.team_strain(
        pipeline.person_weeks(workload, as_of=until, thresholds=thresholds),
        thresholds=thresholds,
    )
    result = forecast.team_forecasts(strain, current, week_start=week_start, thresholds=thresholds)
    now = timezone.now()
    with transaction.atomic():
        for row in result.to_dict("records"):
            TeamForecast.objects.update_or_create(
                team_id=int(row["team_id"]),
                defaults={
                    "week": row["week"],
                    "by_week": row["by_week"],
                    "level_rank": int(row["level_rank"]),
                    "p_watch": _number(row["p_watch"]),
                    "p_warning": _number(row["p_warning"]),
                    "p_critical": _number(row["p_critical"]),
                    "drivers": [
                        {
                            "code": d["code"],
                            "params": {k: _number(v) for k, v in d["params"].items()},
                        }
                        for d in row["drivers"]
                    ],
                    "as_of": as_of,
                    "computed_at": now,
                },
            )
    return len(result)
