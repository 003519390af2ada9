"""The wellbeing admin's workload import in the Wagtail admin: upload, preview, confirm."""

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.spreadsheets import csv_response
from wellbeing.forms import WorkloadConfirmForm, WorkloadUploadForm
from wellbeing.importing import COLUMN_ALIASES, PERSON_COLUMNS, REQUIRED_COLUMNS
from wellbeing.models import WorkloadImport
from wellbeing.permissions import require_wellbeing_admin
from wellbeing.services import (
    import_report_rows,
    issue_message,
    workload_import_create,
    workload_import_start,
)

SHOWN_ISSUES = 200


def _page(request, template: str, title: str, context: dict, status: int = 200):
    return TemplateResponse(
        request,
        f"wellbeing/admin/{template}",
        {"page_title": title, "header_title": title, "header_icon": "upload", **context},
        status=status,
    )


def upload(request):
    require_wellbeing_admin(request.user)
    form = WorkloadUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        workload_import = workload_import_create(
            upload=file,
            file_name=file.name,
            uploaded_by=request.user,
            today=timezone.localdate(),
        )
        return redirect("wellbeing_admin:import_preview", workload_import.pk)
    recent = WorkloadImport.objects.select_related("uploaded_by")[:10]
    columns = [
        {
            "name": name,
            "aliases": ", ".join(aliases),
            "required": name in REQUIRED_COLUMNS,
            "person": name in PERSON_COLUMNS,
        }
        for name, aliases in COLUMN_ALIASES.items()
    ]
    return _page(
        request,
        "import_upload.html",
        _("Import workload"),
        {"form": form, "recent": recent, "columns": columns},
        status=400 if request.method == "POST" else 200,
    )


def _issues(workload_import: WorkloadImport) -> list[dict]:
    return [
        {"row": row, "column": column, "message": issue_message(code, params)}
        for row, column, code, params in workload_import.errors[:SHOWN_ISSUES]
    ]


def preview(request, import_id: int):
    require_wellbeing_admin(request.user)
    workload_import = get_object_or_404(WorkloadImport, pk=import_id)
    if workload_import.status != WorkloadImport.Status.PREVIEWED:
        return redirect("wellbeing_admin:import_status", workload_import.pk)
    return _page(
        request,
        "import_preview.html",
        _("Check the file before importing"),
        {
            "item": workload_import,
            "issues": _issues(workload_import),
            "more_issues": max(workload_import.errors_total - SHOWN_ISSUES, 0),
            "form": WorkloadConfirmForm(),
            "can_apply": workload_import.can_import_valid_rows,
        },
    )


#: An import may be applied from its preview, or again after a refusal ("only the valid rows").
APPLICABLE = {WorkloadImport.Status.PREVIEWED, WorkloadImport.Status.REFUSED}


@require_POST
def apply(request, import_id: int):
    require_wellbeing_admin(request.user)
    workload_import = get_object_or_404(WorkloadImport, pk=import_id)
    if workload_import.status not in APPLICABLE or not workload_import.can_import_valid_rows:
        return redirect("wellbeing_admin:import_status", workload_import.pk)
    form = WorkloadConfirmForm(request.POST)
    valid_only = form.is_valid() and form.cleaned_data["valid_only"]
    workload_import_start(
        workload_import=workload_import, valid_only=valid_only, today=timezone.localdate()
    )
    return redirect("wellbeing_admin:import_status", workload_import.pk)


def status(request, import_id: int):
    require_wellbeing_admin(request.user)
    workload_import = get_object_or_404(WorkloadImport, pk=import_id)
    if workload_import.status == WorkloadImport.Status.PREVIEWED:
        return redirect("wellbeing_admin:import_preview", workload_import.pk)
    return _page(
        request,
        "import_status.html",
        _("Workload import"),
        {
            "item": workload_import,
            "issues": _issues(workload_import),
            "more_issues": max(workload_import.errors_total - SHOWN_ISSUES, 0),
            "can_import_valid_rows": workload_import.status == WorkloadImport.Status.REFUSED
            and workload_import.can_import_valid_rows,
        },
    )


def status_json(request, import_id: int):
    require_wellbeing_admin(request.user)
    workload_import = get_object_or_404(WorkloadImport, pk=import_id)
    return JsonResponse(
        {
            "status": workload_import.status,
            "progress": workload_import.progress,
            # A finished check (previewed) ends the waiting too: the page reloads to the preview.
            "finished": workload_import.is_finished
            or workload_import.status == WorkloadImport.Status.PREVIEWED,
        }
    )


def report(request, import_id: int):
    require_wellbeing_admin(request.user)
    workload_import = get_object_or_404(WorkloadImport, pk=import_id)
    return csv_response(
        filename=f"import-{import_id}-report",
        headings=[_("row"), _("column"), _("message")],
        rows=import_report_rows(workload_import=workload_import),
    )


def download(request, import_id: int):
    """The uploaded file itself: personal data, for the wellbeing admin only."""
    require_wellbeing_admin(request.user)
    workload_import = get_object_or_404(WorkloadImport, pk=import_id)
    if not workload_import.file:
        raise Http404(_("The file was deleted after the retention period."))
    response = FileResponse(
        workload_import.file.open("rb"), as_attachment=True, filename=workload_import.file_name
    )
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("imports/", upload, name="import_upload"),
    path("imports/<int:import_id>/", preview, name="import_preview"),
    path("imports/<int:import_id>/apply/", apply, name="import_apply"),
    path("imports/<int:import_id>/status/", status, name="import_status"),
    path("imports/<int:import_id>/status.json", status_json, name="import_status_json"),
    path("imports/<int:import_id>/report.csv", report, name="import_report"),
    path("imports/<int:import_id>/file/", download, name="import_download"),
]
