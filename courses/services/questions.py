"""Import and export of question banks (GIFT, Moodle XML) into and out of the models."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from ..formats import (
    DialogueData,
    DialogueLine,
    DialogueReply,
    FormatError,
    FormatIssue,
    OptionData,
    QuestionData,
    parse_gift,
    parse_moodle_xml,
    write_gift,
    write_moodle_xml,
)
from ..models import Competency, DialogueChoice, DialogueNode, Question, QuestionCategory

COMPETENCY_TAG = "competency:"
# GIFT has no place for a dialogue's graph; Moodle XML keeps it in <dialogue>.
GIFT_SKIPPED_KINDS = ("dialogue",)


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
                options=[_option_json(data.kind, o) for o in data.options],
                general_feedback=data.general_feedback,
                mark=data.default_mark,
                original=data.original,
                case_sensitive=data.case_sensitive,
                source_key="import",
            )
            # Tags, competencies and dialogue lines are parental relations: written by save().
            question.tags.add(*plain_tags)
            question.competencies.set([competencies[c] for c in codes if c in competencies])
            if data.dialogue is not None:
                question.dialogue_nodes = [
                    DialogueNode(
                        key=line.key,
                        customer_line=line.text,
                        mood=line.mood if line.mood in DialogueNode.Mood.values else "neutral",
                        ending=line.ending if line.ending in DialogueNode.Ending.values else "",
                        sort_order=order,
                    )
                    for order, line in enumerate(data.dialogue.lines)
                ]
                question.dialogue_choices = [
                    DialogueChoice(
                        from_key=reply.from_key,
                        text=reply.text,
                        next_key=reply.next_key,
                        scores=dict(reply.scores),
                        sort_order=order,
                    )
                    for order, reply in enumerate(data.dialogue.replies)
                ]
            question.save()
            created.append(question)
    return ImportReport(created, sorted(categories))


def _option_json(kind: str, option: OptionData) -> dict:
    stored = {"text": option.text, "weight": option.fraction, "feedback": option.feedback}
    if kind == "numerical":
        stored["tolerance"] = option.tolerance
    if kind == "matching":
        stored["match"] = option.match
    return stored


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
                str(o.get("text", "")),
                float(o.get("weight", 0)),
                str(o.get("feedback", "")),
                tolerance=float(o.get("tolerance", 0) or 0),
                match=str(o.get("match", "")),
            )
            for o in question.options or []
        ),
        category=question.category.name if question.category else "",
        tags=tuple(tags),
        general_feedback=question.general_feedback,
        default_mark=question.mark,
        original=question.original,
        case_sensitive=question.case_sensitive,
        dialogue=_dialogue_data(question) if question.kind == Question.Kind.DIALOGUE else None,
    )


def _dialogue_data(question: Question) -> DialogueData:
    return DialogueData(
        lines=tuple(
            DialogueLine(node.key, node.customer_line, node.mood, node.ending)
            for node in question.dialogue_nodes.all()
        ),
        replies=tuple(
            DialogueReply(
                choice.from_key,
                choice.text,
                choice.next_key,
                tuple((str(code), float(points)) for code, points in (choice.scores or {}).items()),
            )
            for choice in question.dialogue_choices.all()
        ),
    )


def questions_export(*, questions: Iterable[Question], fmt: str) -> tuple[str, list[Question]]:
    """The file text (``gift`` or ``xml``) and the questions left out (dialogues in GIFT)."""
    kept, skipped = [], []
    for question in questions:
        left_out = fmt == "gift" and question.kind in GIFT_SKIPPED_KINDS
        (skipped if left_out else kept).append(question)
    data = [question_data(question) for question in kept]
    text = write_gift(data) if fmt == "gift" else write_moodle_xml(data)
    return text, skipped
