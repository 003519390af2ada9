"""Column names and aliases, issue codes and the Issue record of a workload file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
DUPLICATE_ROW = "duplicate_row"
FILE_TOO_LARGE = "file_too_large"
TOO_MANY_ROWS = "too_many_rows"
XLSX_TOO_LARGE = "xlsx_too_large"
OVER_MAXIMUM = "over_maximum"
DATE_TOO_OLD = "date_too_old"

#: The largest value a PositiveIntegerField holds on every database.
INTEGER_MAX = 2_147_483_647
SECONDS_PER_DAY = 86_400
MINUTES_PER_DAY = 1_440


@dataclass(frozen=True)
class Limits:
    """How much of a file Steady reads: beyond these the file is refused, not parsed.

    `max_xlsx_unpacked_bytes` bounds the sum of the sizes an XLSX (a zip) declares
    for its members; `zipfile` never inflates a member past its declared size, so a
    small file that would unpack to millions of cells is refused before parsing.
    """

    max_bytes: int = 50 * 1024 * 1024
    max_rows: int = 1_000_000
    max_xlsx_unpacked_bytes: int = 200 * 1024 * 1024
    chunk_rows: int = 50_000


@dataclass(frozen=True)
class Ranges:
    """Plausible values of a person's day; a value beyond them is an error in the file."""

    max_contacts: int = 2_000
    past_days: int = 3 * 366
    future_days: int = 0

    def maxima(self) -> dict[str, float]:
        """Column -> the largest plausible value (hours per day, seconds per contact...)."""
        return {
            "contacts": min(self.max_contacts, INTEGER_MAX),
            "handle_time_s": SECONDS_PER_DAY,
            "after_contact_s": SECONDS_PER_DAY,
            "after_hours_min": MINUTES_PER_DAY,
            "hostile_contacts": INTEGER_MAX,
        }


@dataclass(frozen=True)
class Issue:
    """One problem: the spreadsheet row (1 = header, 0 = the whole file), the column, why."""

    row: int
    column: str
    code: str
    params: dict = field(default_factory=dict)


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
