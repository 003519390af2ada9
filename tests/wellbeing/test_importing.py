"""Reading and checking workload files: pure code, no database (runs with ``-p no:django``).

Large and hostile files (a zip bomb, a huge CSV) are generated here at test
time, never committed.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from wellbeing import importing

TODAY = dt.date(2026, 11, 27)
PEOPLE = {"anna@example.com": 1, "ivan.petrov": 2, "ivan@example.com": 2}
PRIMARY = {1: 10, 2: 10}
TEAMS = {"returns": 10}
HEADER = "email,date,contacts,hours_worked,occupancy_pct,overtime_h,hostile_contacts\n"
GOOD = "anna@example.com,2026-11-23,40,8,80,0,2\n"


def checker(ranges: importing.Ranges | None = None) -> importing.Checker:
    return importing.Checker(
        people=PEOPLE, primary_teams=PRIMARY, teams=TEAMS, today=TODAY, ranges=ranges
    )


def check(data: str | bytes, *, limits=None, ranges=None) -> list[importing.Checked]:
    raw = data.encode() if isinstance(data, str) else data
    one = checker(ranges)
    return [one.check(chunk) for chunk in importing.read_chunks(raw, limits=limits)]


def codes(parts: list[importing.Checked]) -> list[tuple[int, str, str]]:
    return sorted({(i.row, i.column, i.code) for p in parts for i in [*p.file_issues, *p.issues]})


def refusal(data: bytes | io.BytesIO, limits=None) -> importing.Issue:
    with pytest.raises(importing.UnreadableFile) as refused:
        list(importing.read_chunks(data, limits=limits))
    return refused.value.issue


# The header ---------------------------------------------------------------


def test_a_column_named_twice_is_refused_not_silently_dropped():
    issue = refusal(
        b"email,date,contacts,hours_worked,contacts\nanna@example.com,2026-11-23,4,8,9\n"
    )
    assert (issue.code, issue.params["column"]) == (importing.DUPLICATE_COLUMN, "contacts")


def test_two_aliases_of_one_column_count_as_the_same_column_twice():
    issue = refusal("Email;Дата;Часы;Hours worked;Contacts\n".encode())
    assert issue.code == importing.DUPLICATE_COLUMN
    assert issue.params == {"column": "hours_worked", "other": "Часы"}
    assert issue.column == "Hours worked"


def test_an_xlsx_with_a_column_twice_is_refused_too():
    workbook = openpyxl.Workbook()
    workbook.active.append(["E-mail", "Date", "Contacts", "Hours", "Godziny"])
    workbook.active.append(["anna@example.com", "2026-11-23", 4, 8, 8])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert refusal(buffer.getvalue()).code == importing.DUPLICATE_COLUMN


# Plausible ranges ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("anna@example.com,2026-11-23,2001,8,80,0,2", ("contacts", importing.OVER_MAXIMUM)),
        ("anna@example.com,2026-11-23,99999999999,8,80,0,2", ("contacts", importing.OVER_MAXIMUM)),
        ("anna@example.com,2026-11-23,40,24.5,80,0,2", ("hours_worked", importing.HOURS_OVER_24)),
        ("anna@example.com,2026-11-23,40,8,80,25,2", ("overtime_h", importing.HOURS_OVER_24)),
        ("anna@example.com,2026-11-28,40,8,80,0,2", ("date", importing.FUTURE_DATE)),
        ("anna@example.com,2020-01-01,40,8,80,0,2", ("date", importing.DATE_TOO_OLD)),
        (
            "anna@example.com,2026-11-23,40,8,100.5,0,2",
            ("occupancy_pct", importing.OCCUPANCY_OVER_100),
        ),
        ("anna@example.com,2026-11-23,-1,8,80,0,0", ("contacts", importing.NEGATIVE)),
    ],
)
def test_a_value_beyond_its_plausible_range_is_an_error_of_its_row(line, expected):
    parts = check(HEADER + line + "\n")
    assert (2, *expected) in codes(parts)
    assert not parts[0].valid.any()


def test_the_ranges_are_configurable():
    line = "anna@example.com,2024-01-01,300,8,80,0,2\n"
    strict = importing.Ranges(max_contacts=200, past_days=30)
    assert {c for _r, _col, c in codes(check(HEADER + line, ranges=strict))} == {
        importing.OVER_MAXIMUM,
        importing.DATE_TOO_OLD,
    }
    lenient = importing.Ranges(max_contacts=500, past_days=3 * 366)
    assert check(HEADER + line, ranges=lenient)[0].ok


def test_the_maximum_is_given_to_the_message():
    (issue,) = check(HEADER + "anna@example.com,2026-11-23,2001,8,80,0,2\n")[0].issues
    assert issue.params == {"max": 2000}


# Reading in chunks --------------------------------------------------------


def test_chunks_keep_spreadsheet_row_numbers_across_blank_lines():
    data = HEADER + GOOD + "\n,,,,,,\n" + "ivan@example.com,2026-11-23,x,8,80,0,2\n"
    parts = check(data, limits=importing.Limits(chunk_rows=2))
    assert codes(parts) == [(5, "contacts", importing.NOT_A_NUMBER)]
    assert sum(p.total for p in parts) == 2


def test_a_person_and_day_seen_in_an_earlier_chunk_is_a_duplicate_of_that_row():
    rows = [f"anna@example.com,2026-11-{day:02d},40,8,80,0,2\n" for day in range(1, 6)]
    data = HEADER + "".join(rows) + rows[1] + rows[1]
    parts = check(data, limits=importing.Limits(chunk_rows=2))
    duplicates = [i for p in parts for i in p.issues]
    assert [(i.row, i.code, i.params) for i in duplicates] == [
        (7, importing.DUPLICATE_ROW, {"first_row": 3}),
        (8, importing.DUPLICATE_ROW, {"first_row": 3}),
    ]


def test_a_typed_fast_column_and_a_messy_text_column_give_the_same_values():
    typed = check("email;date;contacts;hours_worked\nanna@example.com;23.11.2026;40;7,5\n")
    messy = check("email;date;contacts;hours_worked\nanna@example.com;23.11.2026; 40 ;7.5 \n")
    for parts in (typed, messy):
        assert parts[0].ok, codes(parts)
        row = parts[0].valid_rows.iloc[0]
        assert (row["contacts"], row["hours_worked"], row["date"]) == (
            40,
            7.5,
            dt.date(2026, 11, 23),
        )


# Limits -------------------------------------------------------------------


def test_a_file_over_the_byte_limit_is_refused_before_reading():
    issue = refusal((HEADER + GOOD * 100).encode(), importing.Limits(max_bytes=1024))
    assert issue.code == importing.FILE_TOO_LARGE


def test_a_file_over_the_row_limit_is_refused():
    lines = [f"anna@example.com,2026-11-{day:02d},40,8,80,0,2\n" for day in range(1, 21)]
    issue = refusal((HEADER + "".join(lines)).encode(), importing.Limits(max_rows=10, chunk_rows=4))
    assert (issue.code, issue.params) == (importing.TOO_MANY_ROWS, {"max_rows": 10})


def _xlsx_bomb(cells: int, dimension: str = "") -> bytes:
    """A real workbook whose one sheet holds `cells` cells: tiny zipped, huge unpacked."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["email", "date", "contacts", "hours_worked"])
    template = io.BytesIO()
    workbook.save(template)
    row = '<row r="{n}">' + '<c t="n"><v>1</v></c>' * 100 + "</row>"
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for member in source.infolist():
            if not member.filename.startswith("xl/worksheets/"):
                out.writestr(member, source.read(member))
                continue
            with out.open(member.filename, "w") as sheet_xml:
                sheet_xml.write(
                    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main">' + dimension.encode() + b"<sheetData>"
                )
                for n in range(cells // 100):
                    sheet_xml.write(row.format(n=n + 1).encode())
                sheet_xml.write(b"</sheetData></worksheet>")
    return bomb.getvalue()


def test_an_xlsx_that_unpacks_to_millions_of_cells_is_refused_within_seconds():
    bomb = _xlsx_bomb(cells=1_500_000)
    assert len(bomb) < 1024 * 1024  # it is small on the wire
    limits = importing.Limits(max_xlsx_unpacked_bytes=20 * 1024 * 1024)
    started = time.monotonic()
    issue = refusal(bomb, limits)
    assert issue.code == importing.XLSX_TOO_LARGE
    assert time.monotonic() - started < 3
    assert importing.xlsx_unpacked_bytes(bomb) > limits.max_xlsx_unpacked_bytes


def test_an_xlsx_declaring_more_rows_than_allowed_is_refused_before_its_cells_are_read():
    # Excel declares the used range; a sheet without one costs openpyxl a scan, which
    # the unpacked-size limit bounds and the task worker (not a request) pays.
    bomb = _xlsx_bomb(cells=2_000_000, dimension='<dimension ref="A1:CV20000"/>')
    started = time.monotonic()
    issue = refusal(bomb, importing.Limits(max_rows=1_000))
    assert issue.code == importing.TOO_MANY_ROWS
    assert time.monotonic() - started < 3


def _huge_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("email;date;contacts;hours_worked;occupancy_pct\n")
        first = TODAY - dt.timedelta(days=rows // 2 + 1)
        for n in range(rows):
            who = "anna@example.com" if n % 2 else "ivan.petrov"
            day = first + dt.timedelta(days=n // 2)
            out.write(f"{who};{day:%d.%m.%Y};{n % 90};7,5;{n % 100}\n")


def _peak_while_checking(path: Path) -> int:
    one = checker(importing.Ranges(past_days=400_000))
    tracemalloc.start()
    total = 0
    with path.open("rb") as handle:
        for chunk in importing.read_chunks(handle, limits=importing.Limits(chunk_rows=10_000)):
            total += one.check(chunk).total
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert total == sum(1 for _line in path.open()) - 1
    return peak


def test_a_huge_csv_is_checked_in_memory_bounded_by_the_chunk_not_the_file(tmp_path: Path):
    """Three times the rows cost far less than three times the memory: what grows is
    only the set of person-days seen (12 bytes a row), to find duplicates."""
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    _huge_csv(small, rows=100_000)
    _huge_csv(large, rows=300_000)
    assert large.stat().st_size > 10 * 1024 * 1024
    growth = _peak_while_checking(large) - _peak_while_checking(small)
    assert growth < (large.stat().st_size - small.stat().st_size) / 2
    assert growth < 200_000 * 20


# Files that are not tables ------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", importing.EMPTY_FILE),
        (b"   \n\n", importing.EMPTY_FILE),
        (HEADER.encode(), importing.EMPTY_FILE),
        (b"PK\x03\x04 this is not really a workbook", importing.UNREADABLE),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", importing.UNREADABLE),
    ],
)
def test_files_that_are_not_tables_give_one_clear_problem(data, code):
    assert refusal(data).code == code


def test_importing_imports_no_django():
    import subprocess
    import sys

    probe = (
        "import sys, wellbeing.importing; print(any(m.startswith('django') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    assert result.stdout.strip() == "False"
