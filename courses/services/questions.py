"""Import and export of question banks (GIFT, Moodle XML) into and out of the models."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from ..formats import (
    FormatError,
    FormatIssue,
    OptionData,
    QuestionData,
    parse_gift,
    parse_moodle_xml,
    write_gift,
    write_moodle_xml,
)
from ..models import Competency, Question, QuestionCategory

COMPETENCY_TAG = "competency:"
EXPORTABLE_KINDS = ("single", "multiple", "true_false", "situational", "rephrasing", "free_text")


def questions_parse(*, data: bytes, filename: str = "") -> list[QuestionData]:
    """Read a GIFT or Moodle XML file (by name, else by content); ``FormatError`` if bad."""
    name = filename.lower()
    looks_like_xml = data.lstrip()[:5] in (b"<?xml", b"<quiz")
    if name.endswith(".xml") or (not name.endswith((".gift", ".txt")) and looks_like_xml):
        return parse_moodle_xml(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(
            [FormatIssue(None, None, f"the file is not UTF-8 text ({error.reason})")]
        ) from error
    return parse_gift(text)


@dataclass(frozen=True)
class ImportReport:
    created: list[Question]
    categories: list[str]


def questions_import(*, questions: Sequence[QuestionData], category_name: str = "") -> ImportReport:
    """Create every question in one transaction; ``category_name`` overrides the file's."""
    competencies = {_squash(c.code): c for c in Competency.objects.all()}
    created: list[Question] = []
    categories: dict[str, QuestionCategory] = {}
    with transaction.atomic():
        for data in questions:
            path = category_name or data.category
            category = None
            if path:
                if path not in categories:
                    categories[path] = QuestionCategory.objects.get_or_create(name=path)[0]
                category = categories[path]
            codes = [
                _squash(t[len(COMPETENCY_TAG) :]) for t in data.tags if t.startswith(COMPETENCY_TAG)
            ]
            plain_tags = [t for t in data.tags if not t.startswith(COMPETENCY_TAG)]
            question = Question(
                kind=data.kind,
                title=data.name[:255],
                text=data.text,
                category=category,
                options=[
                    {"text": o.text, "weight": o.fraction, "feedback": o.feedback}
                    for o in data.options
                ],
                general_feedback=data.general_feedback,
                mark=data.default_mark,
                source_key="import",
            )
            # Tags and competencies are parental relations: written by save().
            question.tags.add(*plain_tags)
            question.competencies.set([competencies[c] for c in codes if c in competencies])
            question.save()
            created.append(question)
    return ImportReport(created, sorted(categories))


def _squash(code: str) -> str:
    """'e-commerce-law', 'ecommerce_law' -> 'ecommercelaw': files spell codes freely."""
    return "".join(ch for ch in code.lower() if ch.isalnum())


def question_data(question: Question) -> QuestionData:
    """A stored question in the neutral shape the writers take."""
    tags = [tag.name for tag in question.tags.all()]
    tags += [f"{COMPETENCY_TAG}{c.code}" for c in question.competencies.all()]
    return QuestionData(
        kind=question.kind,
        name=question.title,
        text=question.text,
        options=tuple(
            OptionData(
                str(o.get("text", "")), float(o.get("weight", 0)), str(o.get("feedback", ""))
            )
            for o in question.options or []
        ),
        category=question.category.name if question.category else "",
        tags=tuple(tags),
        general_feedback=question.general_feedback,
        default_mark=question.mark,
    )


def questions_export(*, questions: Iterable[Question], fmt: str) -> tuple[str, list[Question]]:
    """The file text (``gift`` or ``xml``) and the questions left out (dialogues)."""
    kept, skipped = [], []
    for question in questions:
        (kept if question.kind in EXPORTABLE_KINDS else skipped).append(question)
    data = [question_data(question) for question in kept]
    text = write_gift(data) if fmt == "gift" else write_moodle_xml(data)
    return text, skipped
