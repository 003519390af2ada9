"""Typed, checked rows: every problem as (row, column, code, params).

`Checker` checks a file chunk by chunk and remembers what it needs across
chunks (which person-days it has seen), so a file of any length is checked in
bounded memory. Text cells repeat (a few hundred people, a few hundred days),
so they are parsed once per distinct value (`pd.factorize`), not once per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .columns import (
    DATE_TOO_OLD,
    DUPLICATE_ROW,
    FLOAT_COLUMNS,
    FUTURE_DATE,
    HOSTILE_OVER_CONTACTS,
    HOURS_OVER_24,
    INTEGER_COLUMNS,
    MISSING_COLUMN,
    MISSING_PERSON_COLUMN,
    NEGATIVE,
    NO,
    NOT_A_DATE,
    NOT_A_NUMBER,
    NOT_WHOLE,
    NOT_YES_NO,
    OCCUPANCY_OVER_100,
    OVER_MAXIMUM,
    PERSON_COLUMNS,
    RECORD_COLUMNS,
    REQUIRED,
    REQUIRED_COLUMNS,
    UNKNOWN_PERSON,
    UNKNOWN_TEAM,
    YES,
    Issue,
    Ranges,
)

_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d.%m.%y")
_DAY_BITS = 21  # a person-day key: person id above, days since 1970 (+2**20) below


@dataclass
class Checked:
    """The outcome of a check: typed rows, which are valid, and the issues."""

    rows: pd.DataFrame  # RECORD_COLUMNS + "row" + "who"; "date" as datetime64
    valid: np.ndarray  # bool per row
    issues: list[Issue]
    file_issues: list[Issue]  # problems with the whole file: nothing can be imported

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def rows_with_problems(self) -> int:
        return int(len(self.valid) - self.valid.sum())

    @property
    def valid_records(self) -> pd.DataFrame:
        """The valid rows as RECORD_COLUMNS, dates as datetime64 (the writer's input)."""
        return self.rows.loc[self.valid, list(RECORD_COLUMNS)].reset_index(drop=True)

    @property
    def valid_rows(self) -> pd.DataFrame:
        """The valid rows as RECORD_COLUMNS, dates as `datetime.date`."""
        records = self.valid_records
        return records.assign(date=records["date"].dt.date)

    @property
    def ok(self) -> bool:
        return not self.issues and not self.file_issues


def empty_checked(file_issues: list[Issue]) -> Checked:
    rows = pd.DataFrame({column: [] for column in [*RECORD_COLUMNS, "row", "who"]})
    rows = rows.assign(date=pd.Series([], dtype="datetime64[s]"))
    return Checked(rows, np.zeros(0, dtype=bool), [], list(file_issues))


def header_issues(columns: Iterable[str]) -> list[Issue]:
    """Problems with the file's columns: a person column and the required ones."""
    present = set(columns)
    found: list[Issue] = []
    if not present.intersection(PERSON_COLUMNS):
        found.append(Issue(1, "email", MISSING_PERSON_COLUMN))
    found.extend(Issue(1, c, MISSING_COLUMN) for c in REQUIRED_COLUMNS if c not in present)
    return found


def _factor(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Codes per row and the distinct cells, stripped ("" for a missing cell)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    cleaned = pd.Index(uniques).fillna("").astype(str).str.strip()
    return codes, cleaned


def _numbers(series: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values, blank, not a number) per row; a typed column skips the text parsing."""
    if series.dtype.kind in "iufb":
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        blank = np.isnan(values)
        return values, blank, np.zeros(len(values), dtype=bool)
    codes, cells = _factor(series)
    cleaned = cells.str.replace(r"[\s\u00a0\u202f%]", "", regex=True).str.replace(
        ",", ".", regex=False
    )
    parsed = pd.to_numeric(pd.Series(cleaned).replace("", np.nan), errors="coerce").to_numpy(
        dtype="float64", na_value=np.nan
    )
    blank_cell = np.asarray(cleaned == "") if len(cleaned) else np.zeros(0, dtype=bool)
    values = parsed[codes]
    blank = blank_cell[codes]
    return values, blank, np.isnan(values) & ~blank


def _dates(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(datetime64[s] per row, NaT where not a date; blank per row)."""
    codes, cells = _factor(series)
    parsed = np.full(len(cells), np.datetime64("NaT"), dtype="datetime64[s]")
    pending = np.flatnonzero(np.asarray(cells != "")) if len(cells) else np.zeros(0, dtype=int)
    for fmt in _DATE_FORMATS:
        if not len(pending):
            break
        attempt = pd.to_datetime(cells[pending], format=fmt, errors="coerce")
        hit = ~attempt.isna()
        parsed[pending[hit]] = attempt[hit].to_numpy().astype("datetime64[s]")
        pending = pending[~hit]
    blank_cell = np.asarray(cells == "") if len(cells) else np.zeros(0, dtype=bool)
    return parsed[codes], blank_cell[codes]


class Checker:
    """Checks the chunks of one file in order; a person and day met again is a duplicate.

    `people` maps lower-cased e-mails and employee ids to person ids;
    `primary_teams` a person id to the team used when the file has no team
    column (or a blank team); `teams` lower-cased team names and slugs to ids.
    """

    def __init__(
        self,
        *,
        people: Mapping[str, int],
        primary_teams: Mapping[int, int],
        teams: Mapping[str, int],
        today: dt.date,
        ranges: Ranges | None = None,
    ):
        self.people = people
        self.primary_teams = primary_teams
        self.teams = teams
        self.today = today
        self.ranges = ranges or Ranges()
        #: Per chunk: the person-day keys first seen there (sorted) and their rows.
        self._seen: list[tuple[np.ndarray, np.ndarray]] = []

    def check(self, table: pd.DataFrame) -> Checked:
        """Convert and check every row of one chunk of `reading.read_chunks`."""
        file_issues = header_issues(table.columns)
        if file_issues:
            return empty_checked(file_issues)
        size = len(table)
        rows_number = table["row"].to_numpy(dtype="int64")
        problems: list[tuple[np.ndarray, str, str, dict]] = []

        def flag(mask, column: str, code: str, params: dict | None = None) -> None:
            mask = np.asarray(mask, dtype=bool)
            if mask.any():
                problems.append((mask, column, code, params or {}))

        def each(mask: np.ndarray, column: str, code: str, values: pd.Series) -> None:
            for index in np.flatnonzero(mask):
                problems.append(
                    (_one(size, index), column, code, {"value": str(values.iloc[index])})
                )

        def text(column: str) -> pd.Series:
            if column in table.columns:
                return table[column]
            return pd.Series("", index=table.index, dtype=str)

        out: dict[str, object] = {"row": rows_number}

        # The person: by e-mail, else by employee id
        email_codes, emails = _factor(text("email"))
        id_codes, ids = _factor(text("employee_id"))
        has_email = np.asarray(emails != "")[email_codes]
        has_id = np.asarray(ids != "")[id_codes]
        by_email = (
            pd.Series(emails.str.lower())
            .map(self.people)
            .to_numpy(dtype="float64", na_value=np.nan)[email_codes]
        )
        by_id = (
            pd.Series(ids.str.lower())
            .map(self.people)
            .to_numpy(dtype="float64", na_value=np.nan)[id_codes]
        )
        person = np.where(has_email, by_email, by_id)
        no_person = ~has_email & ~has_id
        flag(no_person, "email" if "email" in table.columns else "employee_id", REQUIRED)
        unknown = ~no_person & np.isnan(person)
        if unknown.any():
            each(unknown & has_email, "email", UNKNOWN_PERSON, text("email"))
            each(unknown & ~has_email, "employee_id", UNKNOWN_PERSON, text("employee_id"))
        out["person_id"] = pd.array(person, dtype="Int64")
        out["who"] = np.where(has_email, emails[email_codes], ids[id_codes])

        # The date, within a window around today
        date, blank_date = _dates(text("date"))
        flag(blank_date, "date", REQUIRED)
        each(~blank_date & np.isnat(date), "date", NOT_A_DATE, text("date"))
        today = np.datetime64(self.today, "s")
        latest = today + np.timedelta64(self.ranges.future_days, "D")
        earliest = today - np.timedelta64(self.ranges.past_days, "D")
        flag(date > latest, "date", FUTURE_DATE, {"today": self.today.isoformat()})
        flag(
            date < earliest,
            "date",
            DATE_TOO_OLD,
            {"earliest": (self.today - dt.timedelta(days=self.ranges.past_days)).isoformat()},
        )
        out["date"] = date

        # Numbers, each within its plausible range
        maxima = self.ranges.maxima()
        for column in (*INTEGER_COLUMNS, *FLOAT_COLUMNS):
            values, blank, not_number = _numbers(text(column))
            if column in REQUIRED_COLUMNS:
                flag(blank, column, REQUIRED)
            if not_number.any():
                each(not_number, column, NOT_A_NUMBER, text(column))
            with np.errstate(invalid="ignore"):
                flag(values < 0, column, NEGATIVE)
                if column in INTEGER_COLUMNS:
                    flag(~np.isnan(values) & (values % 1 != 0), column, NOT_WHOLE)
                if column in maxima:
                    flag(values > maxima[column], column, OVER_MAXIMUM, {"max": maxima[column]})
            out[column] = values
        with np.errstate(invalid="ignore"):
            flag(out["occupancy_pct"] > 100, "occupancy_pct", OCCUPANCY_OVER_100)
            flag(out["hours_worked"] > 24, "hours_worked", HOURS_OVER_24)
            flag(out["overtime_h"] > 24, "overtime_h", HOURS_OVER_24)
        with np.errstate(invalid="ignore"):  # unknown contacts: already an error of its own
            flag(
                out["hostile_contacts"] > out["contacts"], "hostile_contacts", HOSTILE_OVER_CONTACTS
            )

        # Absence
        absence_codes, absence_cells = _factor(text("absence"))
        lowered = absence_cells.str.lower()
        absent = np.asarray(lowered.isin(YES))[absence_codes]
        yes_or_no = np.asarray(lowered.isin(YES) | lowered.isin(NO))[absence_codes]
        each(~yes_or_no, "absence", NOT_YES_NO, text("absence"))
        out["absence"] = absent

        # The team: the file's, else the person's primary team
        team_codes, team_cells = _factor(text("team"))
        named = (
            pd.Series(team_cells.str.lower())
            .map(self.teams)
            .to_numpy(dtype="float64", na_value=np.nan)[team_codes]
        )
        has_team = np.asarray(team_cells != "")[team_codes]
        each(has_team & np.isnan(named), "team", UNKNOWN_TEAM, text("team"))
        fallback = (
            pd.Series(person)
            .map(dict(self.primary_teams))
            .to_numpy(dtype="float64", na_value=np.nan)
        )
        team = np.where(has_team, named, fallback)
        out["team_id"] = pd.array(team, dtype="Int64")

        # Duplicates: the same person and day again, in this chunk or an earlier one
        self._duplicates(person, date, rows_number, problems)

        issues: list[Issue] = []
        invalid = np.zeros(size, dtype=bool)
        for mask, column, code, params in problems:
            invalid |= mask
            issues.extend(
                Issue(int(rows_number[index]), column, code, dict(params))
                for index in np.flatnonzero(mask)
            )
        issues.sort(key=lambda issue: (issue.row, issue.column))

        frame = pd.DataFrame(out)
        zeros = {column: frame[column].fillna(0) for column in INTEGER_COLUMNS}
        zeros.update(
            {column: frame[column].fillna(0.0) for column in ("hours_worked", "overtime_h")}
        )
        frame = frame.assign(**zeros).loc[:, [*RECORD_COLUMNS, "row", "who"]]
        return Checked(frame, ~invalid, issues, [])

    def _duplicates(self, person, date, rows_number, problems) -> None:
        known = ~np.isnan(person) & ~np.isnat(date)
        index = np.flatnonzero(known)
        if not len(index):
            return
        days = date[index].astype("datetime64[D]").astype("int64") + (1 << 20)
        keys = (person[index].astype("int64") << _DAY_BITS) | days
        rows = rows_number[index]
        size = len(rows_number)

        first_row = np.full(len(keys), -1, dtype="int64")
        for seen_keys, seen_rows in self._seen:
            at = np.searchsorted(seen_keys, keys).clip(max=len(seen_keys) - 1)
            earlier = seen_keys[at] == keys
            first_row[earlier] = seen_rows[at[earlier]]
        repeated = pd.Series(keys).duplicated(keep="first").to_numpy()
        if repeated.any():
            firsts = pd.Series(rows).groupby(keys).transform("first").to_numpy()
            first_row = np.where((first_row < 0) & repeated, firsts, first_row)
        for position in np.flatnonzero(first_row >= 0):
            problems.append(
                (
                    _one(size, index[position]),
                    "date",
                    DUPLICATE_ROW,
                    {"first_row": int(first_row[position])},
                )
            )
        # The first sight of each person-day: 12 bytes a row, the only state kept across chunks.
        fresh = (first_row < 0) & ~repeated
        order = np.argsort(keys[fresh], kind="stable")
        self._seen.append((keys[fresh][order], rows[fresh][order].astype("int32")))


def validate(
    table: pd.DataFrame,
    *,
    people: Mapping[str, int],
    primary_teams: Mapping[int, int],
    teams: Mapping[str, int],
    today: dt.date,
    ranges: Ranges | None = None,
) -> Checked:
    """Check one whole frame (see `Checker`)."""
    checker = Checker(
        people=people, primary_teams=primary_teams, teams=teams, today=today, ranges=ranges
    )
    return checker.check(table)


def _one(size: int, index: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[index] = True
    return mask
