"""Workload rows from a frame into the database in bulk, keyed on person and day.

No model object per row: the stored rows of the same people and days are read
with one raw query per batch of people, compared column by column with numpy,
and only new or changed rows are written — new ones by `executemany` (SQLite)
or `COPY` (PostgreSQL, psycopg 3), changed ones by `executemany` of an UPDATE
by id. Re-importing the same rows therefore writes nothing. Call inside a
transaction: a failure leaves nothing half written.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from django.db import connection

from wellbeing.importing import FLOAT_COLUMNS, INTEGER_COLUMNS, NULLABLE_COLUMNS, RECORD_COLUMNS
from wellbeing.models import WorkloadRecord

VALUE_COLUMNS = tuple(c for c in RECORD_COLUMNS if c not in ("person_id", "date"))
#: People per lookup query: under SQLite's oldest limit of 999 bound parameters.
PEOPLE_PER_QUERY = 900
_DAY_BITS = 21


def _keys(person: np.ndarray, days: np.ndarray) -> np.ndarray:
    return (person.astype("int64") << _DAY_BITS) | (days.astype("int64") + (1 << 20))


def _days(dates) -> np.ndarray:
    return np.asarray(pd.to_datetime(pd.Series(dates)).to_numpy().astype("datetime64[D]"))


def _stored(person: np.ndarray, first: str, last: str) -> pd.DataFrame:
    """The stored rows of these people between two ISO days, as typed columns."""
    table = connection.ops.quote_name(WorkloadRecord._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(c) for c in ("id", "person_id", "date", *VALUE_COLUMNS)
    )
    people = np.unique(person).tolist()
    found: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(people), PEOPLE_PER_QUERY):
            batch = people[start : start + PEOPLE_PER_QUERY]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(
                f"SELECT {columns} FROM {table} WHERE person_id IN ({marks})"
                " AND date >= %s AND date <= %s",
                [*batch, first, last],
            )
            found.extend(cursor.fetchall())
    return pd.DataFrame.from_records(found, columns=["id", "person_id", "date", *VALUE_COLUMNS])


def _nullable(values: np.ndarray) -> list:
    """Floats with NaN as None (NULL), as Python objects."""
    out = values.astype(object)
    out[np.isnan(values)] = None
    return out.tolist()


def _parameters(frame: dict[str, np.ndarray], columns: tuple[str, ...]) -> list[list]:
    lists = []
    for column in columns:
        values = frame[column]
        if column in NULLABLE_COLUMNS or column == "team_id":
            lists.append(
                _nullable(values.astype("float64")) if column != "team_id" else _team(values)
            )
        elif column in INTEGER_COLUMNS or column == "person_id" or column == "id":
            lists.append(values.astype("int64").tolist())
        elif column == "absence":
            lists.append(values.astype(bool).tolist())
        elif column == "date":
            lists.append(values.tolist())
        else:
            lists.append(values.astype("float64").tolist())
    return lists


def _team(values: np.ndarray) -> list:
    as_float = values.astype("float64")
    out = np.where(np.isnan(as_float), 0, as_float).astype("int64").astype(object)
    out[np.isnan(as_float)] = None
    return out.tolist()


def workload_records_write(records: pd.DataFrame) -> tuple[int, int, int]:
    """Write RECORD_COLUMNS rows (one per person and day); returns (created, updated, unchanged)."""
    if records.empty:
        return 0, 0, 0
    person = records["person_id"].to_numpy(dtype="int64")
    days = _days(records["date"])
    incoming = {
        "person_id": person,
        "date": np.datetime_as_string(days, unit="D"),
        "team_id": records["team_id"].to_numpy(dtype="float64", na_value=np.nan),
        "absence": records["absence"].to_numpy(dtype=bool),
    }
    for column in (*INTEGER_COLUMNS, *FLOAT_COLUMNS):
        incoming[column] = records[column].to_numpy(dtype="float64", na_value=np.nan)

    stored = _stored(person, str(days.min()), str(days.max()))
    at = np.full(len(person), -1, dtype="int64")
    if len(stored):
        stored_keys = _keys(stored["person_id"].to_numpy(dtype="int64"), _days(stored["date"]))
        at = pd.Index(stored_keys).get_indexer(_keys(person, days.astype("int64")))
    is_new = at < 0
    changed = np.zeros(len(person), dtype=bool)
    ids = np.zeros(len(person), dtype="int64")
    if (~is_new).any():
        old_rows = stored.iloc[np.where(is_new, 0, at)]
        for column in VALUE_COLUMNS:
            if column == "absence":
                old = old_rows[column].astype(bool).to_numpy()
                changed |= incoming[column] != old
                continue
            new = incoming[column].astype("float64")
            old = pd.to_numeric(old_rows[column]).to_numpy(dtype="float64", na_value=np.nan)
            same = np.isclose(new, old, rtol=0, atol=1e-9) | (np.isnan(new) & np.isnan(old))
            changed |= ~same
        changed &= ~is_new
        ids = stored["id"].to_numpy(dtype="int64")[np.where(is_new, 0, at)]
    created = int(is_new.sum())
    updated = int(changed.sum())
    if created:
        _insert({name: values[is_new] for name, values in incoming.items()})
    if updated:
        _update({name: values[changed] for name, values in incoming.items()}, ids[changed])
    return created, updated, int(len(person) - created - updated)


def _insert(rows: dict[str, np.ndarray]) -> None:
    table = connection.ops.quote_name(WorkloadRecord._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in RECORD_COLUMNS)
    if connection.vendor == "postgresql":
        _copy(table, names, rows)
        return
    marks = ", ".join(["%s"] * len(RECORD_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})",
            list(zip(*_parameters(rows, RECORD_COLUMNS), strict=True)),
        )


def _copy(table: str, names: str, rows: dict[str, np.ndarray]) -> None:
    """New rows through PostgreSQL's COPY (psycopg 3), as CSV text built by pandas."""
    frame = pd.DataFrame(
        {
            column: (
                pd.array(rows[column], dtype="Int64")
                if column in (*INTEGER_COLUMNS, "person_id", "team_id")
                else rows[column]
            )
            for column in RECORD_COLUMNS
        }
    )
    buffer = io.StringIO()
    frame.to_csv(buffer, header=False, index=False, na_rep="")
    statement = f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv)"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        copy.write(buffer.getvalue())


def _update(rows: dict[str, np.ndarray], ids: np.ndarray) -> None:
    table = connection.ops.quote_name(WorkloadRecord._meta.db_table)
    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in VALUE_COLUMNS)
    parameters = _parameters(rows, VALUE_COLUMNS) + [ids.tolist()]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {assignments} WHERE id = %s",
            list(zip(*parameters, strict=True)),
        )
