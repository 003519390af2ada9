"""Reading and checking workload files: pure pandas, no Django.

`read_chunks(file)` turns a CSV or XLSX file into frames of a bounded number of
rows with canonical column names (`read_table(data)`: all of them at once);
`Checker(...).check(chunk)` converts and checks every row and returns the rows
fit to store plus a list of `Issue`s (row, column, code, params); `Limits`
bound what is read (bytes, rows, unpacked XLSX), `Ranges` what is plausible.
Messages are rendered by the caller, in the reader's language, from the codes
(`wellbeing.services.imports.ISSUE_MESSAGES`).

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
* Dates as `2026-11-23`, `23.11.2026` or `23/11/2026`, or Excel dates, within
  `Ranges.past_days` before today (and not after it).
* A header that names one column twice (the same name, or two aliases of one
  column) is refused: which of the two to keep would be a guess.
* The person is found by e-mail (`email`) or by employee id (`employee_id`),
  which Steady matches to the user name; one of the two columns is required.

Row numbers in issues are the ones a spreadsheet shows: the header is row 1,
the first data row is row 2.
"""

from .columns import *  # noqa: F403 — the column lists and issue codes
from .columns import COLUMN_ALIASES, Issue, Limits, Ranges, normalise_header
from .reading import (
    UnreadableFile,
    check_size,
    decode,
    is_xlsx,
    read_chunks,
    read_table,
    xlsx_unpacked_bytes,
)
from .validation import Checked, Checker, empty_checked, header_issues, validate

__all__ = [  # noqa: F405 — plus every name of .columns
    "COLUMN_ALIASES",
    "Checked",
    "Checker",
    "Issue",
    "Limits",
    "Ranges",
    "UnreadableFile",
    "check_size",
    "decode",
    "empty_checked",
    "header_issues",
    "is_xlsx",
    "normalise_header",
    "read_chunks",
    "read_table",
    "validate",
    "xlsx_unpacked_bytes",
]
