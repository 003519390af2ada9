"""The one CSV and XLSX writer of every Steady export (training matrix, candidates,
import reports). Every text cell goes through `courses.lib.cells.cell_text_safe`, so
nothing a person typed is ever a live formula in the file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .lib.cells import row_safe

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_text(headings: Sequence, rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(row_safe(headings))
    writer.writerows(row_safe(row) for row in rows)
    return buffer.getvalue()


def csv_response(*, filename: str, headings: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """A UTF-8 CSV download (with a byte-order mark, so Excel reads ru and pl text)."""
    response = HttpResponse(
        "\ufeff" + csv_text(headings, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_bytes(
    *,
    sheet_title: str,
    headings: Sequence,
    rows: Iterable[Sequence],
    widths: Sequence[int] = (),
    date_columns: Sequence[int] = (),
) -> bytes:
    """One sheet: bold headings, then the rows; `date_columns` (0-based) show as dates."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(sheet_title)[:31]
    sheet.append(row_safe(headings))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row_safe(row))
    for cell in sheet.iter_rows():  # text openpyxl would still take for a formula stays text
        for item in cell:
            if item.data_type == "f":
                item.data_type = "s"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for index in date_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            cell.number_format = "yyyy-mm-dd"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def xlsx_response(*, filename: str, **sheet) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(**sheet), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
