"""Querysets into DataFrames with fixed columns, and result frames back into rows.

The only place where the ORM and pandas meet: a raw cursor into typed numpy
columns on the way in (the ORM builds the query), `bulk_create` on the way out. Check-ins
are not read here: `wellbeing.selectors` is their only reader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd
from django.db import connection
from django.db.models import Q

from wellbeing.importing import (
    FLOAT_COLUMNS,
    INTEGER_COLUMNS,
    NULLABLE_COLUMNS,
    RECORD_COLUMNS,
)
from wellbeing.metrics import WORKLOAD_COLUMNS
from wellbeing.models import WorkloadRecord

VALUE_FIELDS = tuple(c for c in RECORD_COLUMNS if c not in ("person_id", "date"))
WRITE_BATCH = 2000


def workload_frame(
    *,
    team_ids: Iterable[int] | None = None,
    person_ids: Iterable[int] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> pd.DataFrame:
    """Workload records as `metrics.WORKLOAD_COLUMNS` (one query).

    Read with a raw cursor, a slice of rows at a time, straight into typed numpy
    columns: no model instances, no per-value converters, dates as day numbers
    computed by the database.
    """
    records = WorkloadRecord.objects.all()
    if team_ids is not None:
        records = records.filter(team_id__in=list(team_ids))
    if person_ids is not None:
        records = records.filter(
            person_id__in=person_ids if hasattr(person_ids, "query") else list(person_ids)
        )
    if since is not None:
        records = records.filter(date__gte=since)
    if until is not None:
        records = records.filter(date__lte=until)
    sql, params = records.order_by().values_list(*WORKLOAD_COLUMNS).query.sql_with_params()
    return _read_columns(sql, params)


#: Day number (days since 1970-01-01) of the `date` column, per database.
_DAY_NUMBER = {
    "sqlite": 'CAST(julianday(w."date") - 2440587.5 AS INTEGER)',
    "postgresql": "(w.\"date\" - DATE '1970-01-01')",
}
_FETCH_ROWS = 50_000


def _read_columns(sql: str, params) -> pd.DataFrame:
    day = _DAY_NUMBER.get(connection.vendor)
    # Expressions rather than the declared date/bool columns: the SQLite driver would
    # run a Python converter on every value of those.
    expressions = {"date": day or 'w."date"', "absence": 'CASE WHEN w."absence" THEN 1 ELSE 0 END'}
    selected = ", ".join(expressions.get(column, f'w."{column}"') for column in WORKLOAD_COLUMNS)
    read_as = {
        "person_id": "int64",
        "team_id": "float64",  # NULL -> NaN, split below into values and a mask
        "date": "int64" if day else "datetime64[D]",
        "absence": "bool",
        **{column: "float64" for column in FLOAT_COLUMNS},
        **{column: "int64" for column in INTEGER_COLUMNS},
    }
    stored = {**read_as, "team_id": "int64", "date": "int64"}
    columns = {column: np.empty(0, dtype=stored[column]) for column in WORKLOAD_COLUMNS}
    team_missing = np.empty(0, dtype=bool)
    filled = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selected} FROM ({sql}) w", params)
        while rows := cursor.fetchmany(_FETCH_ROWS):
            end = filled + len(rows)
            # Each column grows in place by the rows just read (realloc: no second copy
            # of what is already there, nothing left behind to fragment the heap).
            for array in (*columns.values(), team_missing):
                array.resize(end, refcheck=False)
            for column, values in zip(WORKLOAD_COLUMNS, zip(*rows, strict=True), strict=True):
                chunk = np.array(values, dtype=read_as[column])
                if column == "team_id":
                    np.isnan(chunk, out=team_missing[filled:end])
                    chunk[team_missing[filled:end]] = 0
                elif column == "date" and not day:
                    chunk = chunk.astype("int64")
                columns[column][filled:end] = chunk
            del rows
            filled = end
    # Days since the epoch -> nanoseconds, in place: the frame's datetime64[ns] column.
    columns["date"] *= 86_400 * 10**9
    columns["date"] = columns["date"].view("datetime64[ns]")
    columns["team_id"] = pd.arrays.IntegerArray(columns["team_id"], team_missing)
    return pd.DataFrame(columns, copy=False).loc[:, list(WORKLOAD_COLUMNS)]


def people_of_teams(*, team_ids: Iterable[int], since: dt.date, until: dt.date):
    """A subquery of the people with a record for one of the teams in the window."""
    return (
        WorkloadRecord.objects.filter(team_id__in=list(team_ids), date__gte=since, date__lte=until)
        .order_by()
        .values("person_id")
        .distinct()
    )


def workload_upsert(rows: pd.DataFrame) -> tuple[int, int, int]:
    """Write `importing.RECORD_COLUMNS` rows, keyed on person and date.

    Returns (created, updated, unchanged). A row equal to the stored one is not
    written at all, so importing the same file twice changes nothing. Call it
    inside a transaction.
    """
    if rows.empty:
        return 0, 0, 0
    incoming = rows.loc[:, list(RECORD_COLUMNS)].reset_index(drop=True)
    incoming = incoming.assign(
        person_id=incoming["person_id"].astype("int64"),
        date=pd.to_datetime(incoming["date"]).dt.date,
    )
    dates = incoming["date"]
    existing_rows = WorkloadRecord.objects.filter(
        Q(person_id__in=incoming["person_id"].unique().tolist()),
        date__gte=dates.min(),
        date__lte=dates.max(),
    ).values_list("id", "person_id", "date", *VALUE_FIELDS)
    existing = pd.DataFrame.from_records(
        existing_rows, columns=["id", "person_id", "date", *VALUE_FIELDS]
    )
    merged = incoming.merge(
        existing, on=["person_id", "date"], how="left", suffixes=("", "_stored")
    )
    is_new = merged["id"].isna().to_numpy()
    changed = np.zeros(len(merged), dtype=bool)
    for column in VALUE_FIELDS:
        new = merged[column]
        old = merged[f"{column}_stored"]
        if column == "absence":
            differs = new.astype(bool).to_numpy() != old.fillna(False).astype(bool).to_numpy()
        elif column == "team_id":
            differs = ~(
                pd.Series(new, dtype="Int64").fillna(-1).to_numpy()
                == pd.Series(old, dtype="Float64").fillna(-1).astype("int64").to_numpy()
            )
        else:
            a = pd.to_numeric(new).astype("float64").to_numpy()
            b = pd.to_numeric(old).astype("float64").to_numpy()
            differs = ~(np.isclose(a, b, rtol=0, atol=1e-9) | (np.isnan(a) & np.isnan(b)))
        changed |= differs
    changed &= ~is_new

    to_create = [_record(row) for row in merged.loc[is_new].itertuples(index=False)]
    to_update = [_record(row) for row in merged.loc[changed].itertuples(index=False)]
    WorkloadRecord.objects.bulk_create(to_create, batch_size=WRITE_BATCH)
    if to_update:
        WorkloadRecord.objects.bulk_create(
            to_update,
            batch_size=WRITE_BATCH,
            update_conflicts=True,
            unique_fields=["person", "date"],
            update_fields=list(VALUE_FIELDS),
        )
    return len(to_create), len(to_update), int((~is_new & ~changed).sum())


def _record(row) -> WorkloadRecord:
    values = {column: getattr(row, column) for column in VALUE_FIELDS}
    for column in NULLABLE_COLUMNS:
        if pd.isna(values[column]):
            values[column] = None
    values["team_id"] = None if pd.isna(values["team_id"]) else int(values["team_id"])
    for column in INTEGER_COLUMNS:
        values[column] = int(values[column])
    for column in ("hours_worked", "overtime_h"):
        values[column] = float(values[column])
    values["absence"] = bool(values["absence"])
    return WorkloadRecord(person_id=int(row.person_id), date=row.date, **values)


def weekly_workload(*, team_ids: list[int] | None, weeks: int, as_of: dt.date) -> pd.DataFrame:
    """Per ISO week of the last `weeks` (all teams when `team_ids` is None): hours and
    contacts per person, mean occupancy.

    Columns: week_start (date), people, hours_per_person, contacts_per_person,
    occupancy_pct. Weeks without records are present with NaN, so a chart keeps
    its time axis. One query.
    """
    last_monday = as_of - dt.timedelta(days=as_of.weekday())
    first_monday = last_monday - dt.timedelta(weeks=weeks - 1)
    records = WorkloadRecord.objects.filter(date__gte=first_monday, date__lte=as_of)
    if team_ids is not None:
        records = records.filter(team_id__in=team_ids)
    frame = pd.DataFrame.from_records(
        records.order_by().values_list(
            "person_id", "date", "hours_worked", "contacts", "occupancy_pct"
        ),
        columns=["person_id", "date", "hours", "contacts", "occupancy_pct"],
    )
    starts = pd.date_range(first_monday, last_monday, freq="7D")
    if frame.empty:
        result = pd.DataFrame(index=starts)
        result = result.assign(
            people=0, hours_per_person=np.nan, contacts_per_person=np.nan, occupancy_pct=np.nan
        )
    else:
        dates = pd.to_datetime(frame["date"])
        frame = frame.assign(
            week_start=(dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).astype(
                "datetime64[ns]"
            ),
            occupancy_pct=pd.to_numeric(frame["occupancy_pct"]).astype("float64"),
            hours=frame["hours"].astype("float64"),
        )
        grouped = frame.groupby("week_start").agg(
            people=("person_id", "nunique"),
            hours=("hours", "sum"),
            contacts=("contacts", "sum"),
            occupancy_pct=("occupancy_pct", "mean"),
        )
        grouped = grouped.assign(
            hours_per_person=grouped["hours"] / grouped["people"],
            contacts_per_person=grouped["contacts"] / grouped["people"],
        )
        result = grouped.reindex(starts.astype("datetime64[ns]"))
    result.index.name = "week_start"
    return result.reset_index().loc[
        :, ["week_start", "people", "hours_per_person", "contacts_per_person", "occupancy_pct"]
    ]
