"""Moodle XML question banks: ``parse_moodle_xml`` and ``write_moodle_xml``.

Read: ``multichoice`` (``<single>true</single>`` -> single, ``false`` -> multiple; a
single choice whose text holds ``_____`` -> missing word), ``truefalse``,
``shortanswer``, ``numerical``, ``matching``, ``description``, ``essay`` (free text)
and ``category`` entries, with their tags, general and per-answer feedback and default
mark. Every other type (cloze, calculated, drag and drop, …) is reported as unsupported
with its line; the questions that could be read are kept in ``FormatError.readable``.
See ``model`` for how Steady's own kinds are written, including the ``<original>`` and
``<dialogue>`` elements that keep rephrasing and dialogue questions whole.

Texts are kept as given: HTML stays HTML, CDATA sections are unwrapped, nothing is
sanitised here (the Django layer does that before anything is shown). Embedded files
(``<file>`` elements) are not read.

Files are parsed with the standard library's expat, but any DOCTYPE or ENTITY
declaration stops the parse as soon as it is seen, before an entity can be expanded or
an external resource fetched ("billion laughs", XXE). Moodle never writes either.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from xml.parsers import expat

from .model import (
    MISSING_WORD_GAP,
    MOODLE_TYPES,
    DialogueData,
    DialogueLine,
    DialogueReply,
    FormatError,
    FormatIssue,
    OptionData,
    QuestionData,
    QuestionKind,
    apply_marker_tags,
    category_from_path,
    category_to_path,
    default_name,
    dialogue_problems,
    file_tags,
    format_percent,
    option_problems,
    parse_percent,
)

__all__ = ["parse_moodle_xml", "write_moodle_xml"]

_READABLE_TYPES = set(MOODLE_TYPES.values())
_ANSWERED_TYPES = {"multichoice", "truefalse", "shortanswer", "numerical"}


class _DeclarationRefused(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def parse_moodle_xml(data: bytes | str) -> list[QuestionData]:
    """Read every question in a Moodle XML file, or raise ``FormatError`` listing all problems."""
    root, lines = _parse_tree(data)
    if root.tag != "quiz":
        message = f"the root element must be <quiz>, not <{root.tag}>"
        raise FormatError([FormatIssue(lines.get(root), None, message)])
    questions: list[QuestionData] = []
    issues: list[FormatIssue] = []
    category = ""
    for element in root.findall("question"):
        line = lines.get(element)
        question_type = (element.get("type") or "").strip()
        if question_type == "category":
            category = category_from_path(_text(element, "category"))
            continue
        name = _text(element, "name") or default_name(_text(element, "questiontext")) or None
        if question_type not in _READABLE_TYPES:
            message = f"unsupported question type: {question_type or '(no type attribute)'}"
            issues.append(FormatIssue(line, name, message))
            continue
        question = _read_question(element, question_type, category, lines, issues, name)
        if question is not None:
            questions.append(question)
    if issues:
        raise FormatError(issues, readable=questions)
    return questions


def write_moodle_xml(questions: Iterable[QuestionData]) -> str:
    """Write questions as a pretty-printed Moodle XML document (declared UTF-8)."""
    quiz = ET.Element("quiz")
    category = ""
    for question in questions:
        if question.category != category:
            entry = ET.SubElement(quiz, "question", type="category")
            _add_text(entry, "category", category_to_path(question.category))
            category = question.category
        _add_question(quiz, question)
    ET.indent(quiz, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def _parse_tree(data: bytes | str) -> tuple[ET.Element, dict[ET.Element, int]]:
    """The document's root and the line each element starts on; FormatError if unreadable."""
    parser = expat.ParserCreate()
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}

    def start(tag: str, attributes: dict[str, str]) -> None:
        lines[builder.start(tag, attributes)] = parser.CurrentLineNumber

    def refuse(*_args: object) -> None:
        raise _DeclarationRefused(parser.CurrentLineNumber)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except _DeclarationRefused as refused:
        message = (
            "DOCTYPE and ENTITY declarations are not allowed: Moodle never writes them and "
            "they can be used to attack the server (billion laughs, XXE); the file was not read"
        )
        raise FormatError([FormatIssue(refused.line, None, message)]) from None
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code)
        message = f"the file is not well-formed XML: {reason} (column {error.offset + 1})"
        raise FormatError([FormatIssue(error.lineno, None, message)]) from None
    return builder.close(), lines


def _text(element: ET.Element, path: str) -> str:
    return (element.findtext(f"{path}/text") or "").strip()


def _read_question(
    element: ET.Element,
    question_type: str,
    category: str,
    lines: dict[ET.Element, int],
    issues: list[FormatIssue],
    name: str | None,
) -> QuestionData | None:
    line = lines.get(element)
    before = len(issues)
    text = _text(element, "questiontext")
    if not text:
        issues.append(FormatIssue(line, name, "question text is empty"))
    default_mark = 1.0
    grade = element.find("defaultgrade")
    if grade is not None and (grade.text or "").strip():
        try:
            default_mark = float(grade.text or "")
        except ValueError:
            default_mark = math.nan
        if not math.isfinite(default_mark) or default_mark < 0:
            message = f"default grade must be a number of 0 or more: {(grade.text or '').strip()!r}"
            issues.append(FormatIssue(lines.get(grade), name, message))
            default_mark = 1.0

    answers: list[tuple[int | None, OptionData]] = []
    if question_type in _ANSWERED_TYPES:
        for answer in element.findall("answer"):
            raw_fraction = answer.get("fraction", "0")
            try:
                fraction = parse_percent(raw_fraction)
            except ValueError:
                message = f"answer fraction is not a number: {raw_fraction!r}"
                issues.append(FormatIssue(lines.get(answer), name, message))
                fraction = 0.0
            tolerance = 0.0
            if question_type == "numerical":
                tolerance = _number(answer, "tolerance", name, lines, issues)
            option = OptionData(_text(answer, "."), fraction, _text(answer, "feedback"), tolerance)
            answers.append((lines.get(answer), option))
    if question_type == "matching":
        for pair in element.findall("subquestion"):
            prompt = _text(pair, ".")
            option = OptionData(prompt, 1.0 if prompt else 0.0, match=_text(pair, "answer"))
            answers.append((lines.get(pair), option))

    if question_type == "essay":
        native_kind: QuestionKind = "free_text"
    elif question_type in ("shortanswer", "numerical", "matching", "description"):
        native_kind = {
            "shortanswer": "short_answer",
            "numerical": "numerical",
            "matching": "matching",
            "description": "description",
        }[question_type]
    elif question_type == "truefalse":
        native_kind = "true_false"
        order = {"true": 0, "false": 1}
        answers.sort(key=lambda pair: order.get(pair[1].text.lower(), 2))
        answers = [
            (answer_line, OptionData(option.text.lower(), option.fraction, option.feedback))
            for answer_line, option in answers
        ]
    else:
        single = (element.findtext("single") or "true").strip().lower() in ("true", "1")
        native_kind = "single" if single else "multiple"
        if single and MISSING_WORD_GAP in text:
            native_kind = "missing_word"

    tags = [(tag.findtext("text") or "") for tag in element.findall("tags/tag")]
    kind, tags_without_markers, problem = apply_marker_tags(native_kind, tags)
    if problem:
        issues.append(FormatIssue(line, name, problem))
    options = [option for _, option in answers]
    for index, message in option_problems(kind, options):
        where = answers[index][0] if index is not None else line
        issues.append(FormatIssue(where, name, message))
    dialogue = None
    if kind == "dialogue":
        dialogue = _read_dialogue(element.find("dialogue"))
        for message in dialogue_problems(dialogue):
            issues.append(FormatIssue(line, name, message))
    if len(issues) > before:
        return None
    if kind == "description" and grade is None:
        default_mark = 0.0
    return QuestionData(
        kind=kind,
        name=name or "",
        text=text,
        options=tuple(options),
        category=category,
        tags=tags_without_markers,
        general_feedback=_text(element, "generalfeedback"),
        default_mark=default_mark,
        original=_text(element, "original") if kind == "rephrasing" else "",
        case_sensitive=(element.findtext("usecase") or "0").strip() == "1",
        dialogue=dialogue,
    )


def _number(
    parent: ET.Element,
    tag: str,
    name: str | None,
    lines: dict[ET.Element, int],
    issues: list[FormatIssue],
) -> float:
    raw = (parent.findtext(tag) or "0").strip() or "0"
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        issues.append(FormatIssue(lines.get(parent), name, f"{tag} must be a number: {raw!r}"))
        return 0.0
    return value


def _read_dialogue(element: ET.Element | None) -> DialogueData | None:
    if element is None:
        return None
    lines = tuple(
        DialogueLine(
            key=(line.get("key") or "").strip(),
            text=_text(line, "."),
            mood=(line.get("mood") or "neutral").strip(),
            ending=(line.get("ending") or "").strip(),
        )
        for line in element.findall("line")
    )
    replies = []
    for reply in element.findall("reply"):
        scores = []
        for score in reply.findall("score"):
            try:
                points = float((score.text or "0").strip())
            except ValueError:
                points = 0.0
            scores.append(((score.get("competency") or "").strip(), points))
        replies.append(
            DialogueReply(
                from_key=(reply.get("from") or "").strip(),
                text=_text(reply, "."),
                next_key=(reply.get("to") or "").strip(),
                scores=tuple(scores),
            )
        )
    return DialogueData(lines, tuple(replies))


def _add_text(parent: ET.Element, tag: str, value: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    ET.SubElement(element, "text").text = value
    return element


def _add_question(quiz: ET.Element, question: QuestionData) -> None:
    native_type = MOODLE_TYPES[question.kind]
    element = ET.SubElement(quiz, "question", type=native_type)
    _add_text(element, "name", question.name or default_name(question.text))
    _add_text(element, "questiontext", question.text, format="html")
    _add_text(element, "generalfeedback", question.general_feedback, format="html")
    ET.SubElement(element, "defaultgrade").text = f"{question.default_mark:.7f}"
    ET.SubElement(element, "hidden").text = "0"
    if native_type == "multichoice":
        ET.SubElement(element, "single").text = "false" if question.kind == "multiple" else "true"
        ET.SubElement(element, "shuffleanswers").text = "true"
        ET.SubElement(element, "answernumbering").text = "abc"
    if native_type == "shortanswer":
        ET.SubElement(element, "usecase").text = "1" if question.case_sensitive else "0"
    if native_type == "matching":
        ET.SubElement(element, "shuffleanswers").text = "true"
        for option in question.options:
            pair = _add_text(element, "subquestion", option.text, format="html")
            _add_text(pair, "answer", option.match)
    elif native_type == "description":
        pass
    elif native_type == "essay":
        ET.SubElement(element, "responseformat").text = "editor"
        ET.SubElement(element, "responserequired").text = "1"
        ET.SubElement(element, "responsefieldlines").text = "10"
        ET.SubElement(element, "attachments").text = "0"
        ET.SubElement(element, "attachmentsrequired").text = "0"
        _add_text(element, "graderinfo", "", format="html")
        _add_text(element, "responsetemplate", "", format="html")
        if question.kind == "rephrasing":
            _add_text(element, "original", question.original)
        if question.kind == "dialogue" and question.dialogue is not None:
            _add_dialogue(element, question.dialogue)
    else:
        text_format = "moodle_auto_format" if native_type == "truefalse" else "html"
        for option in question.options:
            answer = _add_text(
                element,
                "answer",
                option.text,
                fraction=format_percent(option.fraction),
                format=text_format,
            )
            _add_text(answer, "feedback", option.feedback, format="html")
            if native_type == "numerical":
                ET.SubElement(answer, "tolerance").text = repr(option.tolerance)
    tags = file_tags(question)
    if tags:
        container = ET.SubElement(element, "tags")
        for tag in tags:
            _add_text(container, "tag", tag)


def _add_dialogue(parent: ET.Element, dialogue: DialogueData) -> None:
    graph = ET.SubElement(parent, "dialogue")
    for line in dialogue.lines:
        entry = _add_text(graph, "line", line.text, key=line.key, mood=line.mood)
        entry.set("ending", line.ending)
    for reply in dialogue.replies:
        entry = _add_text(
            graph, "reply", reply.text, **{"from": reply.from_key, "to": reply.next_key}
        )
        for code, points in reply.scores:
            ET.SubElement(entry, "score", competency=code).text = repr(points)
