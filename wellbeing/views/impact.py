from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from courses.spreadsheets import csv_response, xlsx_response
from wellbeing.impact_pages import export_table, impact_context
from wellbeing.permissions import require_wellbeing_viewer, sees_every_team


def _table_file(headings: list[str], rows: list[list], *, fmt: str, filename: str):
    """One table as CSV or XLSX through the shared, formula-safe export writer."""
    rows = [["" if value is None else value for value in row] for row in rows]
    if fmt == "xlsx":
        return xlsx_response(filename=filename, sheet_title=filename, headings=headings, rows=rows)
    return csv_response(filename=filename, headings=headings, rows=rows)


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
