"""Reading and checking workload files (pure, no database): bytes in, rows and issues out."""

import datetime as dt

import pytest

from wellbeing.importing import (
    MISSING_COLUMN,
    MISSING_PERSON_COLUMN,
    NOT_A_NUMBER,
    UnreadableFile,
    decode,
    normalise_header,
    read_table,
    validate,
)

TODAY = dt.date(2026, 11, 30)
PEOPLE = {"anna@example.com": 1, "e-7": 2}
TEAMS = {"orders": 10}
PRIMARY = {1: 10, 2: 10}


def _check(text: str):
    return validate(
        read_table(text.encode("utf-8")),
        people=PEOPLE,
        primary_teams=PRIMARY,
        teams=TEAMS,
        today=TODAY,
    )


def test_a_semicolon_file_with_decimal_commas_reads_into_typed_rows():
    checked = _check("email;date;contacts;hours_worked\nanna@example.com;23.11.2026;41;7,5\n")
    assert checked.ok and checked.total == 1
    row = checked.valid_rows.iloc[0]
    assert (row["contacts"], row["hours_worked"]) == (41, 7.5)


def test_a_cell_that_is_no_number_is_an_issue_on_its_spreadsheet_row():
    checked = _check("email,date,contacts,hours_worked\nanna@example.com,2026-11-23,lots,8\n")
    assert not checked.ok
    assert [(i.row, i.column, i.code) for i in checked.issues] == [(2, "contacts", NOT_A_NUMBER)]
    assert checked.valid.tolist() == [False]


def test_a_file_without_its_required_columns_imports_nothing():
    checked = _check("name,date\nAnna,2026-11-23\n")
    codes = {(i.column, i.code) for i in checked.file_issues}
    assert ("email", MISSING_PERSON_COLUMN) in codes
    assert {("contacts", MISSING_COLUMN), ("hours_worked", MISSING_COLUMN)} <= codes
    assert checked.valid_rows.empty


def test_russian_and_polish_excel_code_pages_are_told_apart():
    assert decode("Łódź".encode("cp1250")) == "Łódź"
    assert decode("Ирина".encode("cp1251")) == "Ирина"


def test_headers_match_whatever_their_case_and_punctuation():
    assert normalise_header(" Hours_Worked ") == normalise_header("hours-worked")


def test_bytes_that_are_no_table_are_unreadable():
    with pytest.raises(UnreadableFile):
        read_table(b"")
