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

from .columns import *  # noqa: F403 — the column lists and issue codes
from .columns import COLUMN_ALIASES, Issue, normalise_header
from .reading import UnreadableFile, decode, read_table
from .validation import Checked, validate

__all__ = [  # noqa: F405 — plus every name of .columns
    "COLUMN_ALIASES",
    "Checked",
    "Issue",
    "UnreadableFile",
    "decode",
    "normalise_header",
    "read_table",
    "validate",
]
