"""The learner's pages: my training, a path, starting a course, lessons and checks."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import CoursePage, LearningPath, LessonPage
from ..models.pages import check_result
from ..selectors import (
    course_progress_for,
    my_training_for,
    path_detail_for,
    team_list_of_member,
)
from ..services.progress import (
    ProgressError,
    course_start,
    knowledge_check_answer,
    lesson_complete,
)


@login_required
def my_training(request):
    """The learner's own training: what is due, overdue, in progress and done."""
    return TemplateResponse(
        request,
        "courses/my_training.html",
        {
            "training": my_training_for(user=request.user),
            "teams": team_list_of_member(user=request.user),
        },
    )


@login_required
def path_detail(request, path_id: int):
    """One learning path: its courses in order, with status and what unlocks what."""
    path = get_object_or_404(LearningPath, pk=path_id)
    detail = path_detail_for(path=path, user=request.user)
    if not any(row.enrolment for row in detail.rows) and not request.user.is_superuser:
        return TemplateResponse(
            request,
            "courses/refused.html",
            {"message": _("This learning path is not assigned to you.")},
            status=403,
        )
    return TemplateResponse(request, "courses/path_detail.html", {"detail": detail})


@login_required
@require_POST
def course_begin(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        course_start(user=request.user, course=course)
    except ProgressError as refusal:
        messages.error(request, refusal.message)
        return redirect(course.url)
    progress = course_progress_for(course=course, user=request.user)
    if progress.resume is not None:
        return redirect(progress.resume.url)
    return redirect(course.url)


@login_required
@require_POST
def lesson_done(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        enrolment = lesson_complete(user=request.user, lesson=lesson)
    except ProgressError as refusal:
        messages.error(request, refusal.message)
        return redirect(lesson.get_parent().url)
    following = lesson.get_next_siblings().type(LessonPage).live().first()
    if enrolment.is_completed:
        messages.success(request, _("Course completed. Well done! Your certificate is ready."))
        return redirect(lesson.get_parent().url)
    if following is not None:
        return redirect(following.url)
    messages.success(request, _("Lesson done."))
    return redirect(lesson.get_parent().url)


@login_required
@require_POST
def knowledge_check(request, lesson_id: int):
    """Answer one knowledge check; JSON in, JSON out (the lesson page calls it with fetch)."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        payload = json.loads(request.body or b"{}")
        block_id = str(payload["block"])
        option = int(payload["option"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": _("Choose one of the answers.")}, status=400)
    try:
        knowledge_check_answer(
            user=request.user, lesson=lesson, block_id=block_id, option_index=option
        )
    except ProgressError as refusal:
        return JsonResponse({"error": str(refusal.message)}, status=403)
    return JsonResponse(check_result(lesson.knowledge_check(block_id), option))
