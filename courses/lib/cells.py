"""Spreadsheet cells that cannot run: text that a spreadsheet would take for a formula.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read
by Excel, LibreOffice and Google Sheets as a formula (CSV injection, e.g.
`=HYPERLINK(...)` in a person's name). Such text is written with a leading `'`,
which every spreadsheet shows as text. Numbers, dates and empty cells are left alone.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text_safe(value: object) -> object:
    """`value` as it may be written to a cell: formula-like text prefixed with `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row_safe(row) -> list:
    """A row of cells, each neutralised, with None written as an empty cell."""
    return ["" if value is None else cell_text_safe(value) for value in row]
