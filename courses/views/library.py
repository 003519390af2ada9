"""The "Good replies" page: approved rewrites to search, filter and copy."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from ..models import Topic
from ..models.library import LANGUAGES
from ..permissions import can_view_reply_library
from ..services.library import library_search


@login_required
def reply_library(request):
    if not can_view_reply_library(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "")[:200]
    language = request.GET.get("language", "")
    language = language if language in dict(LANGUAGES) else ""
    try:
        topic_id = int(request.GET.get("topic") or 0) or None
    except ValueError:
        topic_id = None
    entries = library_search(query=query, language=language, topic_id=topic_id)
    context = {
        "entries": entries,
        "query": query,
        "language": language,
        "topic_id": topic_id,
        "languages": LANGUAGES,
        "topics": list(Topic.objects.all()),
    }
    return TemplateResponse(request, "courses/reply_library.html", context)
