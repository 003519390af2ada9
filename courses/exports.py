"""The team training matrix as CSV and XLSX files (written by `courses.spreadsheets`)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .labels import STATUS_LABELS
from .spreadsheets import csv_response, xlsx_response

WIDTHS = (24, 26, 18, 40, 14, 12, 14, 12)
DATE_COLUMNS = (5, 6, 7)


def _table(lines: list[dict]) -> tuple[list[str], list[list]]:
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
            str(STATUS_LABELS[line["status"]]),
            line["due_on"],
            line["completed_on"],
            line["valid_until"],
        ]
        for line in lines
    ]
    return headings, rows


def matrix_csv(lines: list[dict], *, filename: str) -> HttpResponse:
    headings, rows = _table(lines)
    return csv_response(filename=filename, headings=headings, rows=rows)


def matrix_xlsx(lines: list[dict], *, filename: str) -> HttpResponse:
    headings, rows = _table(lines)
    return xlsx_response(
        filename=filename,
        sheet_title=_("Team training"),
        headings=headings,
        rows=rows,
        widths=WIDTHS,
        date_columns=DATE_COLUMNS,
    )
