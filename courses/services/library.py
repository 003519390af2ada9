"""The reply library: what enters it, and how agents find entries.

A learner's rewrite enters only when its author agreed (the consent box on a
rephrasing answer in a training or refresher quiz), it passed the scorer, and
an editor approves the draft. The entry keeps the texts and the findings, never
the author's name or a link to the attempt.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.search.backends import get_search_backend

from ..models import Attempt, GoodReply, QuizPage
from ..scoring.rephrasing import GOOD_REWRITE_THRESHOLD, SUPPORTED_LANGUAGES

PAGE_SIZE = 30


def library_offer_from_attempt(*, attempt: Attempt) -> list[GoodReply]:
    """Draft entries from a closed attempt's shared rephrasing answers that passed."""
    if attempt.quiz.mode == QuizPage.Mode.HIRING:
        return []
    parent = attempt.quiz.get_parent().specific  # a course, or the assessments' index
    topic = getattr(parent, "topic", None)
    language = attempt.language if attempt.language in SUPPORTED_LANGUAGES else "en"
    created = []
    answers = attempt.answers.select_related("question").filter(question__kind="rephrasing")
    for answer in answers:
        response = answer.response or {}
        rephrasing = (answer.auto_detail or {}).get("rephrasing") or {}
        if not response.get("share") or rephrasing.get("score", 0) < GOOD_REWRITE_THRESHOLD:
            continue
        question = answer.question
        translated = question.translated(language)
        entry = GoodReply(
            situation=translated.get("text") or question.text,
            weak_reply=translated.get("original") or question.original,
            good_reply=response["text"].strip(),
            findings=rephrasing.get("findings", []),
            score=rephrasing.get("score"),
            language=language,
            topic=topic,
            source=GoodReply.Source.LEARNER,
            live=False,
        )
        entry.save()
        entry.save_revision()
        created.append(entry)
    return created


def library_search(
    *, query: str = "", language: str = "", topic_id: int | None = None
) -> QuerySet[GoodReply] | list[GoodReply]:
    """Approved entries, filtered by language and topic, matching ``query`` (Wagtail search)."""
    entries = GoodReply.objects.filter(live=True).select_related("topic")
    if language:
        entries = entries.filter(language=language)
    if topic_id:
        entries = entries.filter(topic_id=topic_id)
    query = (query or "").strip()
    if not query:
        return entries[:PAGE_SIZE]
    return list(get_search_backend().search(query, entries, operator="and")[:PAGE_SIZE])
