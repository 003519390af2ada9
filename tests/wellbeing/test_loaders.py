"""The workload loader: typed columns straight from the database, and the nightly window."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from tests.factories import TeamFactory, agent
from wellbeing import loaders, metrics
from wellbeing.models import BurnoutWarning, WellbeingSettings, WorkloadRecord
from wellbeing.services import warnings as warning_service
from wellbeing.services import warnings_compute

AS_OF = dt.date(2026, 11, 22)  # a Sunday


@pytest.fixture
def two_people(db):
    team = TeamFactory()
    first, second = agent(), agent()
    WorkloadRecord.objects.bulk_create(
        [
            WorkloadRecord(
                person=first,
                team=team,
                date=dt.date(2026, 11, 2),
                contacts=41,
                hours_worked=7.5,
                overtime_h=0.5,
                occupancy_pct=None,
                after_hours_min=30,
                hostile_contacts=3,
                absence=False,
                csat=4.25,
            ),
            WorkloadRecord(person=second, team=None, date=dt.date(2026, 11, 3), absence=True),
        ]
    )
    return team, first, second


@pytest.mark.parametrize("fetch_rows", [1, 50_000], ids=["a-row-per-fetch", "one-fetch"])
def test_it_reads_typed_columns_with_missing_values_kept(two_people, monkeypatch, fetch_rows):
    monkeypatch.setattr(loaders, "_FETCH_ROWS", fetch_rows)  # the columns grow fetch by fetch
    team, first, second = two_people
    frame = loaders.workload_frame().sort_values("date", ignore_index=True)
    assert list(frame.columns) == list(metrics.WORKLOAD_COLUMNS)
    assert frame["person_id"].tolist() == [first.pk, second.pk]
    assert frame["team_id"].dtype == "Int64"
    assert frame["team_id"].iloc[0] == team.pk and pd.isna(frame["team_id"].iloc[1])
    assert frame["date"].dtype == "datetime64[ns]"
    assert frame["date"].tolist() == [pd.Timestamp("2026-11-02"), pd.Timestamp("2026-11-03")]
    assert frame["contacts"].dtype == "int64" and frame["contacts"].tolist() == [41, 0]
    assert frame["hours_worked"].tolist() == [7.5, 0.0]
    assert np.isnan(frame["occupancy_pct"]).all()
    assert frame["csat"].iloc[0] == 4.25 and np.isnan(frame["csat"].iloc[1])
    assert frame["absence"].dtype == bool and frame["absence"].tolist() == [False, True]
    assert frame["after_hours_min"].tolist() == [30, 0]


def test_it_filters_by_team_person_and_dates(two_people):
    team, first, second = two_people
    assert loaders.workload_frame(team_ids=[team.pk])["person_id"].tolist() == [first.pk]
    assert loaders.workload_frame(person_ids=[second.pk])["person_id"].tolist() == [second.pk]
    assert len(loaders.workload_frame(since=dt.date(2026, 11, 3))) == 1
    assert len(loaders.workload_frame(until=dt.date(2026, 11, 2))) == 1
    assert loaders.workload_frame(until=dt.date(2026, 11, 1)).empty


def _year_of_work(team, people):
    start = AS_OF - dt.timedelta(days=364)
    rows = []
    for index, person in enumerate(people):
        for offset in range(365):
            day = start + dt.timedelta(days=offset)
            late = index == 0 and day > AS_OF - dt.timedelta(days=21)
            if day.weekday() >= 5 and not late:
                continue
            rows.append(
                WorkloadRecord(
                    person=person,
                    team=team,
                    date=day,
                    contacts=40 + (offset * 7 + index) % 9,
                    hours_worked=11.0 if late else 8.0 + (offset % 3) / 10,
                    overtime_h=3.0 if late else 0.0,
                    occupancy_pct=80.0 + offset % 5,
                    hostile_contacts=2,
                )
            )
    WorkloadRecord.objects.bulk_create(rows)


@pytest.mark.django_db
def test_the_nightly_run_reads_only_its_window_and_history_before_it_changes_nothing(
    monkeypatch,
):
    team = TeamFactory()
    _year_of_work(team, [agent() for _ in range(3)])
    seen = []
    real = metrics.person_weeks

    def spy(workload, **kwargs):
        seen.append((len(workload), workload["date"].min()))
        return real(workload, **kwargs)

    monkeypatch.setattr(warning_service.metrics, "person_weeks", spy)
    warnings_compute(as_of=AS_OF, notify=False)
    with_history = BurnoutWarning.objects.get(team=team)

    t = WellbeingSettings.load().thresholds()
    window = dt.timedelta(weeks=t.baseline_weeks + warning_service.HISTORY_WEEKS_EXTRA)
    rows, first_day = seen[0]
    assert first_day >= pd.Timestamp(AS_OF - window)
    assert rows < WorkloadRecord.objects.count() / 2  # a year is kept, a window is read

    WorkloadRecord.objects.filter(date__lt=AS_OF - window).delete()
    BurnoutWarning.objects.all().delete()
    warnings_compute(as_of=AS_OF, notify=False)
    window_only = BurnoutWarning.objects.get(team=team)
    assert seen[1][0] == rows
    assert with_history.level == window_only.level != "none"
    assert with_history.reasons == window_only.reasons
    assert with_history.flagged_people == window_only.flagged_people
