"""GIFT, Moodle's plain-text question format: ``parse_gift`` and ``write_gift``.

Read: ``::title::`` names; ``{T}``, ``{F}``, ``{TRUE}``, ``{FALSE}`` (true/false, with
``#feedback if wrong#feedback if right`` as in Moodle); ``{=right ~wrong}`` single choice;
``{~%50%a ~%50%b ~%-100%c}`` multiple choice (no ``=`` answer); ``#feedback`` after any
answer; ``{}`` essay (free text); ``####general feedback`` inside the braces; the escapes
``\\~ \\= \\# \\{ \\} \\: \\\\`` and ``\\n`` (new line); ``$CATEGORY: path``; ``[html]``,
``[moodle]``, ``[markdown]`` and ``[plain]`` prefixes (dropped, the text is kept as is);
``//`` comment lines; questions over several lines, separated by a blank line.

Also read: ``{=five =%50%fiv}`` short answer (only ``=`` answers); ``{#3.14:0.01}``,
``{#1..5}`` and ``{#=3.14:0.01 =%50%3:1}`` numerical; ``{=prompt -> answer ...}``
matching; ``Text {=right ~wrong} more text`` missing word (answers inside the
sentence); a question without ``{…}`` is a description.

Refused with a line number: an unclosed ``{``, a single choice without a 100 %
answer, multiple-choice weights that do not add up to 100 %, an empty question
text, a number that is not a number. The readable questions of a file with problems
are kept in ``FormatError.readable``. See ``model`` for how Steady's kinds are
written; a rephrasing question's reply to rewrite goes in an ``// original:``
comment above it.

Steady's additions, written as comments so that Moodle ignores them::

    // tags: competency:empathy, refund
    // mark: 2
    ::Late parcel::The parcel is a week late. What do you say first? {...}

``// tags:`` lists the question's tags, comma-separated (so a tag cannot contain a comma);
Moodle's own ``// [tag:name]`` comments are read as well. ``// mark:`` is the default mark
when it is not 1. ``// original:`` is a rephrasing question's reply to rewrite (escaped
like any GIFT text). They apply to the next question in the file: put them right above it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace

from .model import (
    MISSING_WORD_GAP,
    FormatError,
    FormatIssue,
    OptionData,
    QuestionData,
    QuestionKind,
    apply_marker_tags,
    category_from_path,
    category_to_path,
    default_name,
    file_tags,
    format_percent,
    option_problems,
    parse_number,
    parse_percent,
)

__all__ = ["parse_gift", "write_gift"]

_FORMAT_PREFIX = re.compile(r"^\s*\[(?:html|moodle|markdown|plain)\]", re.IGNORECASE)
_TAGS_COMMENT = re.compile(r"^//\s*tags\s*:(.*)$", re.IGNORECASE)
_MOODLE_TAG = re.compile(r"\[tag:(.*?)\]")
_MARK_COMMENT = re.compile(r"^//\s*mark\s*:(.*)$", re.IGNORECASE)
_ORIGINAL_COMMENT = re.compile(r"^//\s*original\s*:(.*)$", re.IGNORECASE)
_WEIGHT = re.compile(r"\s*%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_ESCAPED = {"~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "\\": "\\", "n": "\n"}


def parse_gift(text: str) -> list[QuestionData]:
    """Read every question in a GIFT file, or raise ``FormatError`` listing all problems."""
    questions: list[QuestionData] = []
    issues: list[FormatIssue] = []
    category = ""
    tags: list[str] = []
    mark = 1.0
    original = ""
    for block in _blocks(text):
        content: list[tuple[int, str]] = []
        for number, line in block:
            stripped = line.strip()
            if stripped.startswith("//"):
                if match := _TAGS_COMMENT.match(stripped):
                    tags.extend(match.group(1).split(","))
                tags.extend(_MOODLE_TAG.findall(stripped))
                if match := _MARK_COMMENT.match(stripped):
                    mark = _parse_mark(match.group(1), number, issues)
                if match := _ORIGINAL_COMMENT.match(stripped):
                    original = _clean(match.group(1))
            elif stripped[:10].upper() == "$CATEGORY:":
                category = category_from_path(stripped[10:])
            else:
                content.append((number, line))
        if content:
            reader = _QuestionReader(content, issues)
            before = len(issues)
            question = reader.read(category=category, tags=tags, default_mark=mark)
            if question is not None and len(issues) == before:
                if original and question.kind == "rephrasing":
                    question = replace(question, original=original)
                questions.append(question)
            tags, mark, original = [], 1.0, ""
    if issues:
        raise FormatError(issues, readable=questions)
    return questions


def write_gift(questions: Iterable[QuestionData]) -> str:
    """Write questions as GIFT that ``parse_gift`` and Moodle both read."""
    chunks: list[str] = []
    category = ""
    for question in questions:
        if question.category != category:
            chunks.append(f"$CATEGORY: {category_to_path(question.category)}")
            category = question.category
        chunks.append(_write_question(question))
    return "\n\n".join(chunks) + "\n" if chunks else ""


def _blocks(text: str) -> Iterator[list[tuple[int, str]]]:
    """Groups of (line number, line) separated by blank lines."""
    block: list[tuple[int, str]] = []
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        if line.strip():
            block.append((number, line))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _parse_mark(value: str, line: int, issues: list[FormatIssue]) -> float:
    try:
        mark = float(value)
    except ValueError:
        mark = math.nan
    if not math.isfinite(mark) or mark < 0:
        message = f"mark must be a number of 0 or more: {value.strip()!r}"
        issues.append(FormatIssue(line, None, message))
        return 1.0
    return mark


class _QuestionReader:
    """Reads one question block, reporting problems with the line they are on."""

    def __init__(self, content: list[tuple[int, str]], issues: list[FormatIssue]) -> None:
        self.numbers = [number for number, _ in content]
        self.source = "\n".join(line for _, line in content)
        self.starts: list[int] = []
        offset = 0
        for _, line in content:
            self.starts.append(offset)
            offset += len(line) + 1
        self.issues = issues
        self.name: str | None = None
        # Problems with the question as a whole are reported where it starts.
        self.start = len(self.source) - len(self.source.lstrip())

    def line_at(self, offset: int) -> int:
        return self.numbers[bisect_right(self.starts, offset) - 1]

    def report(self, offset: int, message: str) -> None:
        self.issues.append(FormatIssue(self.line_at(offset), self.name, message))

    def read(self, *, category: str, tags: list[str], default_mark: float) -> QuestionData | None:
        source = self.source
        start = self.start
        position = start
        if source.startswith("::", position):
            end = _find(source, "::", position + 2)
            if end == -1:
                self.report(position, "the title is not closed with '::'")
                return None
            self.name = _unescape(source[position + 2 : end]).strip() or None
            position = end + 2
        opening = _find(source, "{", position)
        text = _clean(source[position : opening if opening != -1 else len(source)])
        self.name = self.name or default_name(text) or None
        if opening == -1:
            if not text:
                self.report(start, "question text is empty")
                return None
            kind, plain_tags, problem = apply_marker_tags("description", tags)
            if problem:
                self.report(start, problem)
                return None
            return QuestionData(
                kind="description",
                name=self.name or "",
                text=text,
                category=category,
                tags=plain_tags,
                default_mark=0.0,
            )
        closing = _find(source, "}", opening + 1)
        nested = _find(source, "{", opening + 1)
        if closing == -1 or (nested != -1 and nested < closing):
            self.report(opening, "unclosed brace: '{' has no matching '}'")
            return None
        after = _clean(source[closing + 1 :])
        missing_word = bool(after)
        if missing_word:
            text = f"{text} {MISSING_WORD_GAP} {after}".strip()
        if not text:
            self.report(start, "question text is empty")
        answers = source[opening + 1 : closing]
        general_feedback = ""
        split = _find(answers, "####")
        if split != -1:
            general_feedback = _clean(answers[split + 4 :])
            answers = answers[:split]
        parsed = self.read_answers(answers, opening + 1)
        if parsed is None:
            return None
        native_kind, options = parsed
        if missing_word:
            if native_kind != "single":
                self.report(start, "a missing-word question needs one right answer ('=') in {…}")
                return None
            native_kind = "missing_word"
        kind, tags_without_markers, problem = apply_marker_tags(native_kind, tags)
        if problem:
            self.report(start, problem)
        option_offsets = [offset for offset, _ in options]
        for index, message in option_problems(kind, [option for _, option in options]):
            self.report(option_offsets[index] if index is not None else opening, message)
        return QuestionData(
            kind=kind,
            name=self.name or "",
            text=text,
            options=tuple(option for _, option in options),
            category=category,
            tags=tags_without_markers,
            general_feedback=general_feedback,
            default_mark=default_mark,
        )

    def read_answers(
        self, answers: str, base: int
    ) -> tuple[QuestionKind, list[tuple[int, OptionData]]] | None:
        """The native kind and (offset, option) pairs of an answer block, or None."""
        stripped = answers.strip()
        first = base + len(answers) - len(answers.lstrip())
        if not stripped:
            return "free_text", []
        if stripped.startswith("#"):
            return self.read_numerical(answers, base)
        markers = [i for i in _unescaped_positions(answers) if answers[i] in "=~"]
        has_wrong = any(answers[i] == "~" for i in markers)
        if not has_wrong:
            if markers and _find(answers, "->") != -1:
                return self.read_matching(answers, base, markers)
            true_false = self.read_true_false(answers, base)
            if true_false is not None:
                return "true_false", true_false
            if markers and not answers[: markers[0]].strip():
                short = self.read_choices(answers, base, markers)
                return ("short_answer", short) if short is not None else None
        if not markers or answers[: markers[0]].strip():
            self.report(first, "answers must start with '=' (right) or '~' (wrong)")
            return None
        options = self.read_choices(answers, base, markers)
        if options is None:
            return None
        # As in Moodle: one '=' answer makes it single choice, only '~' answers multiple.
        kind: QuestionKind = "single" if any(answers[i] == "=" for i in markers) else "multiple"
        return kind, options

    def read_choices(
        self, answers: str, base: int, markers: list[int]
    ) -> list[tuple[int, OptionData]] | None:
        options: list[tuple[int, OptionData]] = []
        for marker, end in zip(markers, [*markers[1:], len(answers)], strict=True):
            offset = base + marker
            body = answers[marker + 1 : end]
            fraction = 1.0 if answers[marker] == "=" else 0.0
            if weight := _WEIGHT.match(body):
                fraction = parse_percent(weight.group(1))
                body = body[weight.end() :]
            elif body.lstrip().startswith("%"):
                self.report(offset, "answer weight must look like %50% or %-25%")
            hash_at = _find(body, "#")
            feedback = _clean(body[hash_at + 1 :]) if hash_at != -1 else ""
            text = _clean(body[:hash_at] if hash_at != -1 else body)
            options.append((offset, OptionData(text=text, fraction=fraction, feedback=feedback)))
        return options

    def read_numerical(
        self, answers: str, base: int
    ) -> tuple[QuestionKind, list[tuple[int, OptionData]]] | None:
        """``#3.14:0.01``, ``#1..5``, or ``#=3.14:0.01#feedback =%50%3:1`` (several answers)."""
        body = answers.strip()[1:]
        offset = base + len(answers) - len(answers.lstrip())
        markers = [i for i in _unescaped_positions(body) if body[i] == "="]
        if not markers or body[: markers[0]].strip():
            parts = [(0, body)]
        else:
            parts = [
                (marker + 1, body[marker + 1 : end])
                for marker, end in zip(markers, [*markers[1:], len(body)], strict=True)
            ]
        options: list[tuple[int, OptionData]] = []
        for start, part in parts:
            fraction = 1.0
            if weight := _WEIGHT.match(part):
                fraction = parse_percent(weight.group(1))
                part = part[weight.end() :]
            hash_at = _find(part, "#")
            feedback = _clean(part[hash_at + 1 :]) if hash_at != -1 else ""
            value = _clean(part[:hash_at] if hash_at != -1 else part)
            answer = _numerical_answer(value)
            if answer is None:
                self.report(
                    offset + start, f"not a number, a number:tolerance or a range: {value!r}"
                )
                return None
            text, tolerance = answer
            options.append((offset + start, OptionData(text, fraction, feedback, tolerance)))
        return "numerical", options

    def read_matching(
        self, answers: str, base: int, markers: list[int]
    ) -> tuple[QuestionKind, list[tuple[int, OptionData]]] | None:
        options: list[tuple[int, OptionData]] = []
        for marker, end in zip(markers, [*markers[1:], len(answers)], strict=True):
            body = answers[marker + 1 : end]
            arrow = _find(body, "->")
            if answers[marker] != "=" or arrow == -1:
                self.report(base + marker, "every matching pair must look like '=prompt -> answer'")
                return None
            prompt, match = _clean(body[:arrow]), _clean(body[arrow + 2 :])
            options.append((base + marker, OptionData(prompt, 1.0 if prompt else 0.0, match=match)))
        return "matching", options

    def read_true_false(self, answers: str, base: int) -> list[tuple[int, OptionData]] | None:
        hash_at = _find(answers, "#")
        head = answers[:hash_at] if hash_at != -1 else answers
        correct = _TRUE_FALSE.get(head.strip().upper())
        if correct is None:
            return None
        wrong_feedback = right_feedback = ""
        if hash_at != -1:
            rest = answers[hash_at + 1 :]
            second = _find(rest, "#")
            wrong_feedback = _clean(rest[:second] if second != -1 else rest)
            right_feedback = _clean(rest[second + 1 :]) if second != -1 else ""
        true_feedback, false_feedback = (
            (right_feedback, wrong_feedback) if correct else (wrong_feedback, right_feedback)
        )
        offset = base + len(answers) - len(answers.lstrip())
        return [
            (offset, OptionData("true", 1.0 if correct else 0.0, true_feedback)),
            (offset, OptionData("false", 0.0 if correct else 1.0, false_feedback)),
        ]


def _numerical_answer(value: str) -> tuple[str, float] | None:
    """'3.14:0.01' -> ('3.14', 0.01); '1..5' -> ('3', 2.0); '*' -> ('*', 0); else None."""
    if value == "*":
        return "*", 0.0
    if ".." in value:
        low, _, high = value.partition("..")
        low_number, high_number = parse_number(low), parse_number(high)
        if low_number is None or high_number is None or high_number < low_number:
            return None
        middle = (low_number + high_number) / 2
        return _number_text(middle), (high_number - low_number) / 2
    number, _, tolerance = value.partition(":")
    parsed = parse_number(number)
    spread = parse_number(tolerance) if tolerance else 0.0
    if parsed is None or spread is None or spread < 0:
        return None
    return number.strip(), spread


def _number_text(number: float) -> str:
    return repr(int(number)) if number == int(number) else repr(number)


def _unescaped_positions(source: str) -> Iterator[int]:
    """Offsets of the characters of ``source`` that are not escaped by a backslash."""
    index = 0
    while index < len(source):
        if source[index] == "\\":
            index += 2
            continue
        yield index
        index += 1


def _find(source: str, token: str, start: int = 0) -> int:
    """Offset of the first unescaped ``token`` at or after ``start``, or -1."""
    for index in _unescaped_positions(source):
        if index >= start and source.startswith(token, index):
            return index
    return -1


def _unescape(source: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source) and source[index + 1] in _ESCAPED:
            out.append(_ESCAPED[source[index + 1]])
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _clean(source: str) -> str:
    """Raw GIFT text -> plain value: format prefix dropped, escapes undone, trimmed."""
    return _unescape(_FORMAT_PREFIX.sub("", source, count=1)).strip()


def _escape(value: str) -> str:
    escaped = value.replace("\\", "\\\\")
    for char in "~=#{}:":
        escaped = escaped.replace(char, "\\" + char)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _escape_text(value: str) -> str:
    escaped = _escape(value)
    # A text that itself starts like a format prefix would lose it on reading back.
    return "[moodle]" + escaped if _FORMAT_PREFIX.match(escaped) else escaped


def _write_question(question: QuestionData) -> str:
    lines: list[str] = []
    tags = file_tags(question)
    if tags:
        lines.append("// tags: " + ", ".join(tags))
    if question.default_mark != (0.0 if question.kind == "description" else 1.0):
        lines.append(f"// mark: {question.default_mark!r}")
    if question.kind == "rephrasing" and question.original:
        lines.append(f"// original: {_escape(question.original)}")
    name = question.name or default_name(question.text)
    head = f"::{_escape(name)}::{_escape_text(question.text)}"
    general = f"####{_escape_text(question.general_feedback)}" if question.general_feedback else ""
    if question.kind == "description":
        lines.append(head)
    elif question.kind in ("free_text", "rephrasing"):
        lines.append(f"{head}{{{general}}}")
    elif question.kind == "missing_word" and MISSING_WORD_GAP in question.text:
        before, _, after = question.text.partition(MISSING_WORD_GAP)
        answers = " ".join(_choice_answer("single", option) for option in question.options)
        lines.append(
            f"::{_escape(name)}::{_escape_text(before.rstrip())} {{{answers}{general}}}"
            f" {_escape(after.lstrip())}".rstrip()
        )
    elif question.kind == "numerical":
        answers = " ".join(_numerical_write(option) for option in question.options)
        lines.append(f"{head}{{#{answers}{general}}}")
    elif question.kind == "matching":
        lines.append(head + "{")
        lines.extend(
            f"={_escape_text(option.text)} -> {_escape(option.match)}"
            for option in question.options
        )
        if general:
            lines.append(general)
        lines.append("}")
    elif question.kind == "short_answer":
        lines.append(head + "{")
        lines.extend(_short_answer(option) for option in question.options)
        if general:
            lines.append(general)
        lines.append("}")
    elif question.kind == "true_false":
        lines.append(f"{head}{{{_true_false_answer(question.options)}{general}}}")
    else:
        lines.append(head + "{")
        lines.extend(_choice_answer(question.kind, option) for option in question.options)
        if general:
            lines.append(general)
        lines.append("}")
    return "\n".join(lines)


def _true_false_answer(options: tuple[OptionData, ...]) -> str:
    by_text = {option.text.lower(): option for option in options}
    true = by_text.get("true", OptionData("true", 1.0))
    false = by_text.get("false", OptionData("false", 0.0))
    correct = true.fraction >= false.fraction
    right, wrong = (true, false) if correct else (false, true)
    answer = "TRUE" if correct else "FALSE"
    if wrong.feedback or right.feedback:
        answer += f"#{_escape_text(wrong.feedback)}"
    if right.feedback:
        answer += f"#{_escape_text(right.feedback)}"
    return answer


def _numerical_write(option: OptionData) -> str:
    answer = "="
    if option.fraction != 1.0:
        answer += f"%{format_percent(option.fraction)}%"
    answer += option.text if option.text == "*" else f"{option.text}:{option.tolerance!r}"
    if option.feedback:
        answer += f"#{_escape_text(option.feedback)}"
    return answer


def _short_answer(option: OptionData) -> str:
    answer = "=" if option.fraction == 1.0 else f"=%{format_percent(option.fraction)}%"
    answer += _escape_text(option.text)
    if option.feedback:
        answer += f"#{_escape_text(option.feedback)}"
    return answer


def _choice_answer(kind: QuestionKind, option: OptionData) -> str:
    if kind == "single" and option.fraction == 1.0:
        answer = "="
    elif option.fraction:
        answer = f"~%{format_percent(option.fraction)}%"
    else:
        answer = "~"
    answer += _escape_text(option.text)
    if option.feedback:
        answer += f"#{_escape_text(option.feedback)}"
    return answer
