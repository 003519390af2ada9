"""Question bank tools in the Wagtail admin: import, export, item statistics, graphs."""

from __future__ import annotations

import base64
import binascii

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..formats import FormatError
from ..models import Answer, Attempt, Question, QuestionCategory
from ..scoring.dialogue import check_graph
from ..scoring.statistics import ItemScore, item_statistics
from ..services.attempts import dialogue_graph
from ..services.questions import questions_export, questions_import, questions_parse

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _titles(title: str) -> dict:
    return {"header_title": title, "page_title": title}


def _require(request, permission: str) -> None:
    if not request.user.is_authenticated or not request.user.has_perm(permission):
        raise PermissionDenied


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("GIFT or Moodle XML file"), required=False)
    category = forms.CharField(
        label=gettext_lazy("Put every question in this category"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Leave empty to keep the categories in the file."),
    )
    content = forms.CharField(widget=forms.HiddenInput, required=False)
    filename = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(_("The file is larger than 5 MB."))
            cleaned["data"] = upload.read()
            cleaned["filename"] = upload.name
        elif cleaned.get("content"):
            try:
                cleaned["data"] = base64.b64decode(cleaned["content"], validate=True)
            except (binascii.Error, ValueError) as error:
                raise forms.ValidationError(_("The file could not be read again.")) from error
        else:
            raise forms.ValidationError(_("Choose a file to import."))
        return cleaned


def question_import(request):
    """Upload → preview (nothing saved) → import (one transaction)."""
    _require(request, "courses.add_question")
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, **_titles(_("Import questions"))}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["data"]
        filename = form.cleaned_data.get("filename") or ""
        try:
            parsed = questions_parse(data=data, filename=filename)
        except FormatError as error:
            context["issues"] = error.issues
            if not error.readable:
                return TemplateResponse(request, "courses/admin/question_import.html", context)
            # The editor may take the questions that could be read and leave the rest.
            parsed = error.readable
            context["partial"] = True
            if "confirm" in request.POST and request.POST.get("partial") != "1":
                return TemplateResponse(request, "courses/admin/question_import.html", context)
        if "confirm" in request.POST:
            report = questions_import(
                questions=parsed, category_name=form.cleaned_data.get("category", "")
            )
            from django.contrib import messages

            messages.success(
                request,
                ngettext(
                    "%(count)s question imported.",
                    "%(count)s questions imported.",
                    len(report.created),
                )
                % {"count": len(report.created)},
            )
            return redirect("wagtailsnippets_courses_question:list")
        labels = dict(Question.Kind.choices)
        context["preview"] = [
            {
                "name": q.name,
                "kind_label": labels.get(q.kind, q.kind),
                "category": q.category,
                "options": q.options,
                "tags": q.tags,
            }
            for q in parsed
        ]
        context["confirm_form"] = ImportForm(
            initial={
                "content": base64.b64encode(data).decode("ascii"),
                "filename": filename,
                "category": form.cleaned_data.get("category", ""),
            }
        )
    return TemplateResponse(request, "courses/admin/question_import.html", context)


def question_export(request):
    """Export a category (or the whole bank) as GIFT or Moodle XML."""
    _require(request, "courses.view_question")
    fmt = request.GET.get("format")
    if fmt not in ("gift", "xml"):
        context = {
            "categories": QuestionCategory.objects.all(),
            **_titles(_("Export questions")),
        }
        return TemplateResponse(request, "courses/admin/question_export.html", context)
    questions = Question.objects.select_related("category").prefetch_related(
        "tags", "competencies", "dialogue_nodes", "dialogue_choices"
    )
    name = "question-bank"
    if request.GET.get("category"):
        category = get_object_or_404(QuestionCategory, pk=request.GET["category"])
        questions = questions.filter(category=category)
        name = slugify(category.name) or name
    text, _skipped = questions_export(questions=questions, fmt=fmt)
    response = HttpResponse(
        text,
        content_type="application/xml; charset=utf-8"
        if fmt == "xml"
        else "text/plain; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{name}.{fmt if fmt == "xml" else "gift"}"'
    )
    return response


def item_statistics_view(request):
    """Facility, discrimination and times answered per question, over closed attempts."""
    _require(request, "courses.view_item_statistics")
    rows = Answer.objects.exclude(attempt__status=Attempt.Status.OPEN).values_list(
        "attempt_id", "question_id", "manual_score", "auto_score", "question__mark"
    )
    scores = [
        ItemScore(attempt, question, manual if manual is not None else auto, mark)
        for attempt, question, manual, auto, mark in rows
        if manual is not None or auto is not None
    ]
    stats = item_statistics(scores)
    questions = Question.objects.filter(pk__in=list(stats)).select_related("category")
    table = sorted(
        ({"question": q, "stats": stats[q.pk]} for q in questions),
        key=lambda row: (row["stats"].discrimination is None, row["stats"].discrimination or 0),
    )
    context = {"rows": table, **_titles(_("Item statistics"))}
    return TemplateResponse(request, "courses/admin/item_statistics.html", context)


def dialogue_graph_view(request, pk: int):
    """A dialogue's lines and replies as a graph, with its dead ends and unreachable lines."""
    _require(request, "courses.view_question")
    question = get_object_or_404(
        Question.objects.prefetch_related("dialogue_nodes", "dialogue_choices"),
        pk=pk,
        kind=Question.Kind.DIALOGUE,
    )
    nodes, edges = dialogue_graph(question)
    issues = check_graph(nodes, edges)
    context = {
        "question": question,
        "issues": issues,
        "svg": graph_layout(question, issues),
        **_titles(_("Dialogue graph")),
    }
    return TemplateResponse(request, "courses/admin/dialogue_graph.html", context)


def graph_layout(question: Question, issues) -> dict:
    """Columns by distance from the start; unreachable lines in a last column."""
    nodes = list(question.dialogue_nodes.all())
    choices = list(question.dialogue_choices.all())
    if not nodes:
        return {"nodes": [], "edges": [], "width": 0, "height": 0}
    depth = {nodes[0].key: 0}
    frontier = [nodes[0].key]
    while frontier:
        following = []
        for key in frontier:
            for choice in choices:
                if choice.from_key == key and choice.next_key not in depth:
                    depth[choice.next_key] = depth[key] + 1
                    following.append(choice.next_key)
        frontier = following
    last = max(depth.values()) + 1
    columns: dict[int, list] = {}
    for node in nodes:
        columns.setdefault(depth.get(node.key, last), []).append(node)
    flagged = {issue.node for issue in issues}
    width, height, gap_x, gap_y = 150, 46, 60, 24
    placed = {}
    for column, members in columns.items():
        for row, node in enumerate(members):
            placed[node.key] = {
                "key": node.key,
                "x": 10 + column * (width + gap_x),
                "y": 10 + row * (height + gap_y),
                "ending": node.ending,
                "mood": node.mood,
                "flagged": node.key in flagged,
                "unreachable": node.key not in depth,
            }
    drawn_edges = []
    for choice in choices:
        start, end = placed.get(choice.from_key), placed.get(choice.next_key)
        if start and end:
            drawn_edges.append(
                {
                    "x1": start["x"] + width,
                    "y1": start["y"] + height / 2,
                    "x2": end["x"],
                    "y2": end["y"] + height / 2,
                    "title": choice.text,
                }
            )
    return {
        "nodes": list(placed.values()),
        "edges": drawn_edges,
        "node_width": width,
        "node_height": height,
        "width": 20 + (max(columns) + 1) * (width + gap_x),
        "height": 20 + max(len(m) for m in columns.values()) * (height + gap_y),
    }
