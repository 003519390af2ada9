"""The team training matrix as CSV and XLSX files."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .lib.status import NOT_ASSIGNED

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _status_labels() -> dict[str, str]:
    return {
        NOT_ASSIGNED: _("Not assigned"),
        "not_started": _("Not started"),
        "in_progress": _("In progress"),
        "done": _("Done"),
        "overdue": _("Overdue"),
        "expiring": _("Expiring"),
    }


def _table(lines: list[dict]) -> tuple[list[str], list[list]]:
    labels = _status_labels()
    headings = [
        _("Team"),
        _("Person"),
        _("Username"),
        _("Course"),
        _("Status"),
        _("Due on"),
        _("Completed on"),
        _("Valid until"),
    ]
    rows = [
        [
            line["team"],
            line["person"],
            line["username"],
            line["course"],
            labels[line["status"]],
            line["due_on"],
            line["completed_on"],
            line["valid_until"],
        ]
        for line in lines
    ]
    return headings, rows


def matrix_csv(lines: list[dict], *, filename: str) -> HttpResponse:
    headings, rows = _table(lines)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def matrix_xlsx(lines: list[dict], *, filename: str) -> HttpResponse:
    headings, rows = _table(lines)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Team training")[:31]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDEFGH", (24, 26, 18, 40, 14, 12, 14, 12), strict=True):
        sheet.column_dimensions[column].width = width
    for column in "FGH":
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    output = io.BytesIO()
    book.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
