"""Reading and checking workload files: pure pandas, no Django.

`read_table(data)` turns the bytes of a CSV or XLSX file into a frame of text
cells with canonical column names; `validate(table, ...)` converts and checks
every row and returns the rows fit to store plus a list of `Issue`s (row,
column, code, params). Messages are rendered by the caller, in the reader's
language, from the codes (`wellbeing.services.imports.ISSUE_MESSAGES`).

What a file may look like
-------------------------
* CSV (`,`, `;` or tab separated, sniffed from the header line) or XLSX (first
  sheet). CSV text in UTF-8 with or without BOM, or in the Windows code pages
  that Russian and Polish Excel write (cp1251, cp1250; told apart by which
  decoding gives Polish letters).
* Header names are matched case-insensitively, ignoring spaces, `_`, `-`,
  brackets, `%` and dots; `COLUMN_ALIASES` lists the English, Russian and
  Polish names accepted for each column. Unknown columns are ignored.
* Numbers may use a decimal comma ("7,5") and spaces as thousand separators;
  a comma is always a decimal separator, never a thousands one.
* Dates as `2026-11-23`, `23.11.2026` or `23/11/2026`, or Excel dates.
* The person is found by e-mail (`email`) or by employee id (`employee_id`),
  which Steady matches to the user name; one of the two columns is required.

Row numbers in issues are the ones a spreadsheet shows: the header is row 1,
the first data row is row 2.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

#: Canonical column -> accepted header names (en, ru, pl), compared normalised.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "email": (
        "email",
        "e-mail",
        "mail",
        "email address",
        "электронная почта",
        "почта",
        "адрес почты",
        "adres e-mail",
        "adres email",
        "poczta",
    ),
    "employee_id": (
        "employee_id",
        "employee id",
        "employee",
        "employee number",
        "login",
        "username",
        "user",
        "табельный номер",
        "таб номер",
        "логин",
        "сотрудник",
        "id pracownika",
        "numer pracownika",
        "pracownik",
    ),
    "team": ("team", "команда", "отдел", "zespół", "zespol", "dział"),
    "date": ("date", "day", "дата", "день", "data", "dzień", "dzien"),
    "contacts": (
        "contacts",
        "contacts handled",
        "handled",
        "calls",
        "обращения",
        "контакты",
        "обработано обращений",
        "kontakty",
        "obsłużone kontakty",
        "liczba kontaktów",
    ),
    "handle_time_s": (
        "handle_time_s",
        "handle time",
        "aht",
        "aht s",
        "average handle time",
        "среднее время обработки",
        "время обработки",
        "średni czas obsługi",
        "czas obsługi",
    ),
    "after_contact_s": (
        "after_contact_s",
        "after contact work",
        "after-contact work",
        "acw",
        "acw s",
        "wrap up",
        "постобработка",
        "время постобработки",
        "praca po kontakcie",
    ),
    "occupancy_pct": (
        "occupancy_pct",
        "occupancy",
        "загрузка",
        "занятость",
        "obłożenie",
        "oblozenie",
        "zajętość",
    ),
    "hours_worked": (
        "hours_worked",
        "hours worked",
        "hours",
        "часы",
        "отработано часов",
        "часов отработано",
        "godziny",
        "przepracowane godziny",
        "godziny pracy",
    ),
    "overtime_h": (
        "overtime_h",
        "overtime",
        "overtime hours",
        "переработка",
        "сверхурочные",
        "сверхурочные часы",
        "nadgodziny",
    ),
    "after_hours_min": (
        "after_hours_min",
        "after hours",
        "after-hours minutes",
        "after hours min",
        "работа после смены",
        "работа вне смены мин",
        "praca po godzinach",
        "praca po godzinach min",
    ),
    "hostile_contacts": (
        "hostile_contacts",
        "hostile contacts",
        "hostile",
        "complaints",
        "жалобы",
        "конфликтные обращения",
        "skargi",
        "trudne kontakty",
    ),
    "absence": (
        "absence",
        "absent",
        "unplanned absence",
        "отсутствие",
        "неявка",
        "nieobecność",
        "nieobecnosc",
    ),
    "csat": ("csat", "удовлетворённость", "удовлетворенность", "satysfakcja"),
    "quality": ("quality", "quality score", "качество", "jakość", "jakosc"),
}

PERSON_COLUMNS = ("email", "employee_id")
REQUIRED_COLUMNS = ("date", "contacts", "hours_worked")
INTEGER_COLUMNS = (
    "contacts",
    "handle_time_s",
    "after_contact_s",
    "after_hours_min",
    "hostile_contacts",
)
FLOAT_COLUMNS = ("occupancy_pct", "hours_worked", "overtime_h", "csat", "quality")
#: Columns written to the database, in the order of `wellbeing.metrics.WORKLOAD_COLUMNS`.
RECORD_COLUMNS = (
    "person_id",
    "team_id",
    "date",
    "contacts",
    "handle_time_s",
    "after_contact_s",
    "occupancy_pct",
    "hours_worked",
    "overtime_h",
    "after_hours_min",
    "hostile_contacts",
    "absence",
    "csat",
    "quality",
)
NULLABLE_COLUMNS = ("occupancy_pct", "csat", "quality")

YES = {"1", "yes", "y", "true", "x", "да", "д", "tak", "t"}
NO = {"", "0", "no", "n", "false", "нет", "н", "nie"}
POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
XLSX_MAGIC = b"PK\x03\x04"

# Issue codes ---------------------------------------------------------------
EMPTY_FILE = "empty_file"
UNREADABLE = "unreadable"
MISSING_COLUMN = "missing_column"
MISSING_PERSON_COLUMN = "missing_person_column"
DUPLICATE_COLUMN = "duplicate_column"
REQUIRED = "required"
NOT_A_NUMBER = "not_a_number"
NOT_WHOLE = "not_whole"
NOT_A_DATE = "not_a_date"
NOT_YES_NO = "not_yes_no"
FUTURE_DATE = "future_date"
NEGATIVE = "negative"
OCCUPANCY_OVER_100 = "occupancy_over_100"
HOURS_OVER_24 = "hours_over_24"
HOSTILE_OVER_CONTACTS = "hostile_over_contacts"
UNKNOWN_PERSON = "unknown_person"
UNKNOWN_TEAM = "unknown_team"
NO_TEAM = "no_team"
DUPLICATE_ROW = "duplicate_row"


@dataclass(frozen=True)
class Issue:
    """One problem: the spreadsheet row (1 = header, 0 = the whole file), the column, why."""

    row: int
    column: str
    code: str
    params: dict = field(default_factory=dict)


class UnreadableFile(ValueError):
    """The bytes are not a CSV or XLSX table we can read; `issue` says why."""

    def __init__(self, issue: Issue):
        super().__init__(issue.code)
        self.issue = issue


@dataclass
class Checked:
    """The outcome of `validate`: typed rows, which are valid, and the issues."""

    rows: pd.DataFrame  # RECORD_COLUMNS + "row", one per data row of the file
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


def normalise_header(name: object) -> str:
    text = str(name).replace("\ufeff", "").strip().lower()
    text = re.sub(r"\(.*?\)|%|\.|:|,", " ", text)
    text = re.sub(r"[\s_\-]+", " ", text)
    return text.strip()


_ALIAS_TO_COLUMN = {
    normalise_header(alias): column
    for column, aliases in COLUMN_ALIASES.items()
    for alias in (column, *aliases)
}


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (BOM or not), else cp1251 or cp1250, whichever fits."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    as_1250 = data.decode("cp1250", errors="replace")
    non_ascii = [ch for ch in as_1250 if ord(ch) > 127]
    polish = sum(ch in POLISH_LETTERS for ch in non_ascii)
    if non_ascii and polish / len(non_ascii) > 0.5:
        return as_1250
    return data.decode("cp1251", errors="replace")


def _sniff_separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ";"))


def read_table(data: bytes) -> pd.DataFrame:
    """The file as text cells with canonical column names (unknown ones dropped).

    Raises `UnreadableFile` for an empty file, a file that is neither CSV nor
    XLSX, or a header with a column given twice.
    """
    if not data or not data.strip():
        raise UnreadableFile(Issue(0, "", EMPTY_FILE))
    try:
        if data.startswith(XLSX_MAGIC):
            raw = pd.read_excel(io.BytesIO(data), dtype=object, header=0)
            raw = raw.map(_excel_cell)
        else:
            if b"\x00" in data[:4096]:
                raise ValueError("binary")
            text = decode(data)
            raw = pd.read_csv(
                io.StringIO(text),
                sep=_sniff_separator(text),
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=True,
                quoting=csv.QUOTE_MINIMAL,
            )
    except UnreadableFile:
        raise
    except Exception as error:  # pandas, openpyxl and csv raise many kinds
        raise UnreadableFile(Issue(0, "", UNREADABLE, {"detail": str(error)[:200]})) from error

    names = [_ALIAS_TO_COLUMN.get(normalise_header(c)) for c in raw.columns]
    seen: dict[str, str] = {}
    for original, name in zip(raw.columns, names, strict=True):
        if name is None:
            continue
        if name in seen:
            raise UnreadableFile(
                Issue(1, str(original), DUPLICATE_COLUMN, {"other": seen[name], "column": name})
            )
        seen[name] = str(original)
    keep = [i for i, name in enumerate(names) if name is not None]
    table = raw.iloc[:, keep].copy()
    table.columns = [names[i] for i in keep]
    table = table.astype(str).apply(lambda col: col.str.strip())
    # A row with every cell blank is a spreadsheet's leftover, not a record.
    blank = (table == "").all(axis=1) if len(table.columns) else pd.Series(True, index=table.index)
    table = table.assign(row=np.arange(len(table)) + 2).loc[~blank.to_numpy()]
    if table.empty:
        raise UnreadableFile(Issue(0, "", EMPTY_FILE))
    return table.reset_index(drop=True)


def _excel_cell(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
        empty = pd.DataFrame({column: [] for column in [*RECORD_COLUMNS, "row"]})
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
        problems.append(
            (
                _one(size, index),
                "email" if email.iloc[index] else "employee_id",
                UNKNOWN_PERSON,
                {"value": table["email" if email.iloc[index] else "employee_id"].iloc[index]},
            )
        )
    out["person_id"] = person.astype("Int64").to_numpy()

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

    for column in (
        "contacts",
        "handle_time_s",
        "after_contact_s",
        "after_hours_min",
        "hostile_contacts",
    ):
        out[column] = out[column].fillna(0)
    for column in ("hours_worked", "overtime_h"):
        out[column] = out[column].fillna(0.0)
    out = out.loc[:, [*RECORD_COLUMNS, "row"]]
    return Checked(out, ~invalid, issues, [])


def _one(size: int, index: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[index] = True
    return mask
