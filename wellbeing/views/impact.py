import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.response import TemplateResponse

from wellbeing.impact_pages import export_table, impact_context
from wellbeing.permissions import require_wellbeing_viewer, sees_every_team

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _table_file(headings: list[str], rows: list[list], *, fmt: str, filename: str):
    """One table as CSV or XLSX; the one call to swap for the shared export writer."""
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(headings)
        for row in rows:
            sheet.append(row)
        output = io.BytesIO()
        book.save(output)
        response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headings)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
def impact_report(request):
    """Did the training help? Leads see their teams, HR every team; CSV/XLSX on request."""
    require_wellbeing_viewer(request.user)
    every_team = sees_every_team(request.user)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        headings, rows = export_table(user=request.user, every_team=every_team)
        return _table_file(headings, rows, fmt=fmt, filename="training-impact")
    context = impact_context(user=request.user, every_team=every_team)
    return TemplateResponse(request, "wellbeing/impact.html", context)
