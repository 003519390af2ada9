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
