"""Typed, checked rows: every problem as (row, column, code, params)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .columns import (
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
    PERSON_COLUMNS,
    RECORD_COLUMNS,
    REQUIRED,
    REQUIRED_COLUMNS,
    UNKNOWN_PERSON,
    UNKNOWN_TEAM,
    YES,
    Issue,
)


@dataclass
class Checked:
    """The outcome of `validate`: typed rows, which are valid, and the issues."""

    rows: pd.DataFrame  # RECORD_COLUMNS + "row" + "who" (as the file names the person)
    valid: np.ndarray  # bool per row
    issues: list[Issue]
    file_issues: list[Issue]  # problems with the whole file: nothing can be imported

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def valid_rows(self) -> pd.DataFrame:
        return self.rows.loc[self.valid, list(RECORD_COLUMNS)].reset_index(drop=True)

    @property
    def ok(self) -> bool:
        return not self.issues and not self.file_issues


def _numbers(text: pd.Series) -> pd.Series:
    cleaned = (
        text.str.replace(r"[\s\u00a0\u202f%]", "", regex=True)
        .str.replace(",", ".", regex=False)
        .replace("", np.nan)
    )
    return pd.to_numeric(cleaned, errors="coerce")


def _dates(text: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    for fmt in ("%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d.%m.%y"):
        parsed = parsed.fillna(pd.to_datetime(text, format=fmt, errors="coerce"))
    return parsed


def validate(
    table: pd.DataFrame,
    *,
    people: Mapping[str, int],
    primary_teams: Mapping[int, int],
    teams: Mapping[str, int],
    today: dt.date,
) -> Checked:
    """Convert and check every row of `read_table`'s frame.

    `people` maps lower-cased e-mails and employee ids to person ids;
    `primary_teams` a person id to the team used when the file has no team
    column (or a blank team); `teams` lower-cased team names and slugs to ids.
    """
    file_issues: list[Issue] = []
    if not any(column in table.columns for column in PERSON_COLUMNS):
        file_issues.append(Issue(1, "email", MISSING_PERSON_COLUMN))
    for column in REQUIRED_COLUMNS:
        if column not in table.columns:
            file_issues.append(Issue(1, column, MISSING_COLUMN))
    rows_number = table["row"].to_numpy()
    size = len(table)
    if file_issues:
        empty = pd.DataFrame({column: [] for column in [*RECORD_COLUMNS, "row", "who"]})
        return Checked(empty, np.zeros(0, dtype=bool), [], file_issues)

    def text(column: str) -> pd.Series:
        if column in table.columns:
            return table[column]
        return pd.Series("", index=table.index, dtype=str)

    problems: list[tuple[np.ndarray, str, str, dict | pd.Series]] = []

    def flag(mask, column: str, code: str, params=None) -> None:
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            problems.append((mask, column, code, params or {}))

    out = pd.DataFrame({"row": rows_number})

    # The person
    email = text("email").str.lower()
    employee = text("employee_id").str.lower()
    by_email = email.map(people)
    by_id = employee.map(people)
    person = by_email.where(email != "", by_id)
    no_person = (email == "") & (employee == "")
    flag(no_person, "email" if "email" in table.columns else "employee_id", REQUIRED)
    unknown = ~no_person & person.isna()
    for index in np.flatnonzero(unknown.to_numpy()):
        column = "email" if email.iloc[index] else "employee_id"
        problems.append(
            (_one(size, index), column, UNKNOWN_PERSON, {"value": table[column].iloc[index]})
        )
    out["person_id"] = person.astype("Int64").to_numpy()
    out["who"] = text("email").where(email != "", text("employee_id")).to_numpy()

    # The date
    raw_date = text("date")
    date = _dates(raw_date)
    flag(raw_date == "", "date", REQUIRED)
    bad_date = (raw_date != "") & date.isna()
    for index in np.flatnonzero(bad_date.to_numpy()):
        problems.append((_one(size, index), "date", NOT_A_DATE, {"value": raw_date.iloc[index]}))
    future = date > pd.Timestamp(today)
    flag(future, "date", FUTURE_DATE, {"today": today.isoformat()})
    out["date"] = date.dt.date.to_numpy()

    # Numbers
    for column in (*INTEGER_COLUMNS, *FLOAT_COLUMNS):
        raw = text(column)
        value = _numbers(raw)
        if column in REQUIRED_COLUMNS:
            flag(raw == "", column, REQUIRED)
        not_number = (raw != "") & value.isna()
        for index in np.flatnonzero(not_number.to_numpy()):
            problems.append((_one(size, index), column, NOT_A_NUMBER, {"value": raw.iloc[index]}))
        flag(value < 0, column, NEGATIVE)
        if column in INTEGER_COLUMNS:
            flag(value.notna() & (value % 1 != 0), column, NOT_WHOLE)
        out[column] = value.to_numpy()
    flag(out["occupancy_pct"] > 100, "occupancy_pct", OCCUPANCY_OVER_100)
    flag(out["hours_worked"] > 24, "hours_worked", HOURS_OVER_24)
    flag(out["overtime_h"] > 24, "overtime_h", HOURS_OVER_24)
    flag(
        out["hostile_contacts"].fillna(0) > out["contacts"].fillna(0),
        "hostile_contacts",
        HOSTILE_OVER_CONTACTS,
    )

    # Absence
    absence_text = text("absence").str.lower()
    absent = absence_text.isin(YES)
    not_yes_no = ~absent & ~absence_text.isin(NO)
    for index in np.flatnonzero(not_yes_no.to_numpy()):
        problems.append(
            (_one(size, index), "absence", NOT_YES_NO, {"value": table["absence"].iloc[index]})
        )
    out["absence"] = absent.to_numpy()

    # The team: the file's, else the person's primary team
    team_text = text("team").str.lower()
    team = team_text.map(teams)
    for index in np.flatnonzero(((team_text != "") & team.isna()).to_numpy()):
        problems.append(
            (_one(size, index), "team", UNKNOWN_TEAM, {"value": table["team"].iloc[index]})
        )
    fallback = pd.Series(out["person_id"].to_numpy(), index=team.index).map(dict(primary_teams))
    team = team.where(team_text != "", fallback)
    out["team_id"] = pd.array(team.to_numpy(), dtype="Int64")

    # Duplicates: the same person and day twice in the file
    known = out["person_id"].notna() & out["date"].notna()
    keys = pd.DataFrame({"p": out["person_id"], "d": out["date"]}).loc[known]
    duplicated = keys.duplicated(keep="first")
    if duplicated.any():
        first_rows = (
            pd.DataFrame({"p": keys["p"], "d": keys["d"], "row": out.loc[known, "row"]})
            .groupby(["p", "d"], sort=False)["row"]
            .transform("first")
        )
        for index in duplicated.index[duplicated.to_numpy()]:
            problems.append(
                (_one(size, index), "date", DUPLICATE_ROW, {"first_row": int(first_rows[index])})
            )

    issues: list[Issue] = []
    invalid = np.zeros(size, dtype=bool)
    for mask, column, code, params in problems:
        invalid |= mask
        for index in np.flatnonzero(mask):
            issues.append(Issue(int(rows_number[index]), column, code, dict(params)))
    issues.sort(key=lambda issue: (issue.row, issue.column))

    for column in INTEGER_COLUMNS:
        out[column] = out[column].fillna(0)
    for column in ("hours_worked", "overtime_h"):
        out[column] = out[column].fillna(0.0)
    out = out.loc[:, [*RECORD_COLUMNS, "row", "who"]]
    return Checked(out, ~invalid, issues, [])


def _one(size: int, index: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[index] = True
    return mask
