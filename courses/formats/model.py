"""The neutral shape of a question bank, shared by the GIFT and Moodle XML modules.

Parsers turn a file into ``QuestionData``; writers turn ``QuestionData`` back into a
file; the Django layer maps ``QuestionData`` onto its own models. Nothing here knows
about Django.

How Steady's kinds map onto Moodle's question types (GIFT follows Moodle):

================  ===========================================================
Steady kind       Moodle XML / GIFT
================  ===========================================================
``single``        ``multichoice`` with ``<single>true</single>``;
                  GIFT ``{=right ~wrong}`` (any ``=`` answer).
``multiple``      ``multichoice`` with ``<single>false</single>``;
                  GIFT ``{~%50%a ~%50%b ~%-100%c}`` (only ``~`` answers).
``true_false``    ``truefalse``; GIFT ``{T}`` / ``{F}`` / ``{TRUE}`` / ``{FALSE}``.
                  Options are always ``("true", …), ("false", …)`` in that order.
``short_answer``  ``shortanswer`` (``<usecase>`` is ``case_sensitive``);
                  GIFT ``{=five =%50%fiv}`` (only ``=`` answers, not true/false).
                  ``*`` in an accepted answer matches any characters.
``numerical``     ``numerical`` with ``<tolerance>`` per answer;
                  GIFT ``{#3.14:0.01}``, ``{#1..5}``, ``{#=3.14:0.01 =%50%3:1}``.
``matching``      ``matching`` with ``<subquestion>`` pairs; GIFT
                  ``{=prompt -> answer ...}``. Each option is a pair: ``text``
                  is the prompt, ``match`` the answer; a pair without a prompt
                  is an extra (wrong) answer.
``missing_word``  ``multichoice`` (single) whose text holds ``_____`` where the
                  answers go, as Moodle stores GIFT's missing-word questions;
                  GIFT ``Text {=right ~wrong} more text``.
``description``   ``description``; GIFT: a question with no ``{…}``. Not answered,
                  not scored.
``free_text``     ``essay``; GIFT ``{}``.
``situational``   No native type: ``multichoice`` (single) tagged
                  ``steady:situational``; each option's fraction is the
                  effectiveness weight of that reply (-1.0 .. 1.0).
``rephrasing``    No native type: ``essay`` tagged ``steady:rephrasing``; the reply
                  to rephrase is kept in an ``<original>`` element (Moodle skips
                  elements it does not know), in GIFT in an ``// original:`` comment.
``dialogue``      No native type: ``essay`` tagged ``steady:dialogue`` (Moodle
                  users get an essay showing the opening line); the graph is kept
                  in a ``<dialogue>`` element::

                      <dialogue>
                        <line key="start" mood="angry" ending=""><text>…</text></line>
                        <reply from="start" to="calm">
                          <text>…</text><score competency="empathy">2</score>
                        </reply>
                      </dialogue>

                  Not written to GIFT (it has no place for the graph).
================  ===========================================================

The ``steady:*`` marker tags live only in files: parsers remove them from
``QuestionData.tags`` once they have set ``kind``, and writers add them back.
Competency tags are ordinary tags, e.g. ``competency:empathy``.

Fractions follow Moodle: 1.0 is full marks, 0.5 half, -0.25 a penalty. Files store
them as percentages ("100", "50", "-25", "33.33333").

Categories are stored as a plain path "Refunds/Late delivery"; Moodle's context
prefixes ("$course$/top/") are removed on import and added back on export.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..lib.numbers import parse_number

QuestionKind = Literal[
    "single",
    "multiple",
    "true_false",
    "short_answer",
    "numerical",
    "matching",
    "missing_word",
    "description",
    "free_text",
    "situational",
    "rephrasing",
    "dialogue",
]

SITUATIONAL_TAG = "steady:situational"
REPHRASING_TAG = "steady:rephrasing"
DIALOGUE_TAG = "steady:dialogue"
MISSING_WORD_GAP = "_____"

# The Moodle question type each of Steady's kinds is written as (and read from).
MOODLE_TYPES: dict[str, str] = {
    "single": "multichoice",
    "multiple": "multichoice",
    "situational": "multichoice",
    "missing_word": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "numerical": "numerical",
    "matching": "matching",
    "description": "description",
    "free_text": "essay",
    "rephrasing": "essay",
    "dialogue": "essay",
}

# Positive weights of a multiple-choice question must add up to 100 %; Moodle writes
# thirds as 33.33333, so allow for rounding.
_WEIGHT_TOLERANCE = 0.005


@dataclass(frozen=True)
class OptionData:
    text: str
    fraction: float  # -1.0 .. 1.0, as Moodle: 1.0, 0.5, -0.25
    feedback: str = ""
    tolerance: float = 0.0  # numerical: accepted error either side of ``text``
    match: str = ""  # matching: the answer paired with the prompt ``text``


@dataclass(frozen=True)
class DialogueLine:
    key: str
    text: str  # what the customer says
    mood: str = "neutral"
    ending: str = ""  # resolved / escalated / lost, or "" while it goes on


@dataclass(frozen=True)
class DialogueReply:
    from_key: str
    text: str  # what the agent says
    next_key: str
    scores: tuple[tuple[str, float], ...] = ()  # (competency code, points)


@dataclass(frozen=True)
class DialogueData:
    lines: tuple[DialogueLine, ...]
    replies: tuple[DialogueReply, ...] = ()


@dataclass(frozen=True)
class QuestionData:
    kind: QuestionKind
    name: str
    text: str
    options: tuple[OptionData, ...] = ()
    category: str = ""
    tags: tuple[str, ...] = ()
    general_feedback: str = ""
    default_mark: float = 1.0
    original: str = ""  # rephrasing: the reply to rewrite
    case_sensitive: bool = False  # short answer
    dialogue: DialogueData | None = None


@dataclass(frozen=True)
class FormatIssue:
    line: int | None  # 1-based line in the source file
    question: str | None  # the question's name, when known
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "file"
        if self.question:
            where += f" ({self.question})"
        return f"{where}: {self.message}"


class FormatError(Exception):
    """A question bank could not be read; ``issues`` lists every problem found.

    Parsers raise it after looking at the whole file, so one import shows the trainer
    all that needs fixing, and nothing is imported from a file with any problem unless
    the trainer asks for the rest: ``readable`` holds the questions that could be read
    (empty when the file as a whole could not be read).
    """

    issues: list[FormatIssue]
    readable: list[QuestionData]

    def __init__(
        self, issues: Iterable[FormatIssue], readable: Iterable[QuestionData] = ()
    ) -> None:
        self.issues: list[FormatIssue] = sorted(
            issues, key=lambda issue: (issue.line is None, issue.line or 0)
        )
        self.readable: list[QuestionData] = list(readable)
        count = len(self.issues)
        summary = f"{count} problem{'s' if count != 1 else ''} found; nothing was imported"
        super().__init__("\n".join([summary, *(f"  {issue}" for issue in self.issues)]))

    def __reduce__(self):
        # Keeps the error intact when a task queue pickles it.
        return type(self), (self.issues, self.readable)


_NATIVE_KINDS_FOR_MARKER = {
    SITUATIONAL_TAG: ("single", "multiple"),
    REPHRASING_TAG: ("free_text",),
    DIALOGUE_TAG: ("free_text",),
}
_KIND_FOR_MARKER: dict[str, QuestionKind] = {
    SITUATIONAL_TAG: "situational",
    REPHRASING_TAG: "rephrasing",
    DIALOGUE_TAG: "dialogue",
}
_MARKER_FOR_KIND: dict[str, str] = {kind: tag for tag, kind in _KIND_FOR_MARKER.items()}


def apply_marker_tags(
    native_kind: QuestionKind, tags: Iterable[str]
) -> tuple[QuestionKind, tuple[str, ...], str | None]:
    """Turn a native kind plus file tags into (kind, tags without markers, problem).

    Blank and repeated tags are dropped; marker tags are matched in any letter case.
    """
    plain: list[str] = []
    markers: list[str] = []
    for raw_tag in tags:
        tag = raw_tag.strip()
        if tag.lower() in _NATIVE_KINDS_FOR_MARKER:
            if tag.lower() not in markers:
                markers.append(tag.lower())
        elif tag and tag not in plain:
            plain.append(tag)
    if not markers:
        return native_kind, tuple(plain), None
    if len(markers) > 1:
        return native_kind, tuple(plain), f"tags {' and '.join(markers)} cannot be combined"
    marker = markers[0]
    if native_kind not in _NATIVE_KINDS_FOR_MARKER[marker]:
        expected = "a choice question" if marker == SITUATIONAL_TAG else "an essay question"
        return native_kind, tuple(plain), f"tag {marker} can only be used on {expected}"
    return _KIND_FOR_MARKER[marker], tuple(plain), None


def file_tags(question: QuestionData) -> tuple[str, ...]:
    """The tags to write for a question: its marker tag first, then its own tags."""
    marker = _MARKER_FOR_KIND.get(question.kind)
    return (marker, *question.tags) if marker else question.tags


def option_problems(
    kind: QuestionKind, options: Sequence[OptionData]
) -> list[tuple[int | None, str]]:
    """What is wrong with a question's options, as (option index or None, message).

    None means the problem is with the options as a whole. Both parsers use this so
    that GIFT and Moodle XML files are held to the same rules.
    """
    if kind in ("free_text", "rephrasing", "dialogue", "description"):
        return []
    if kind == "matching":
        return _matching_problems(options)
    problems: list[tuple[int | None, str]] = []
    for index, option in enumerate(options):
        if not option.text:
            problems.append((index, "answer text is empty"))
        if (
            kind == "numerical"
            and option.text not in ("", "*")
            and parse_number(option.text) is None
        ):
            problems.append((index, f"answer is not a number: {option.text!r}"))
        if option.tolerance < 0 or not math.isfinite(option.tolerance):
            problems.append((index, "the tolerance must be a number of 0 or more"))
        if not -1.0 <= option.fraction <= 1.0:
            problems.append(
                (index, f"answer weight {format_percent(option.fraction)}% is outside -100%..100%")
            )
    if kind == "true_false":
        texts = [option.text.lower() for option in options]
        if texts != ["true", "false"]:
            problems.append((None, "a true/false question needs one 'true' and one 'false'"))
        elif sorted(option.fraction for option in options) != [0.0, 1.0]:
            problems.append((None, "a true/false question needs exactly one correct answer"))
        return problems
    if kind in ("short_answer", "numerical"):
        if not options:
            problems.append((None, "no accepted answer"))
        elif not any(option.fraction == 1.0 for option in options):
            problems.append((None, "no correct answer (one answer must be worth 100%)"))
        return problems
    if len(options) < 2:
        problems.append((None, "a choice question needs at least two answers"))
    if kind in ("single", "missing_word") and not any(option.fraction == 1.0 for option in options):
        problems.append((None, "no correct answer (a single choice needs one answer worth 100%)"))
    if kind == "multiple":
        total = sum(option.fraction for option in options if option.fraction > 0)
        if total == 0:
            problems.append((None, "no correct answer (no answer has a positive weight)"))
        elif abs(total - 1.0) > _WEIGHT_TOLERANCE:
            message = f"weights of the correct answers add up to {format_percent(total)}%, not 100%"
            problems.append((None, message))
    return problems


def _matching_problems(options: Sequence[OptionData]) -> list[tuple[int | None, str]]:
    problems: list[tuple[int | None, str]] = []
    for index, option in enumerate(options):
        if not option.match:
            problems.append((index, "a matching pair needs an answer after '->'"))
    if sum(1 for option in options if option.text) < 2:
        problems.append((None, "a matching question needs at least two pairs"))
    return problems


def dialogue_problems(dialogue: DialogueData | None) -> list[str]:
    """What keeps a dialogue from being stored: no lines, repeated keys, loose replies."""
    if dialogue is None or not dialogue.lines:
        return ["a dialogue needs at least one customer line"]
    problems: list[str] = []
    keys = [line.key for line in dialogue.lines]
    if any(not key for key in keys):
        problems.append("every dialogue line needs a key")
    if len(set(keys)) != len(keys):
        problems.append("dialogue line keys must be unique")
    for reply in dialogue.replies:
        for key in (reply.from_key, reply.next_key):
            if key not in keys:
                problems.append(f"a reply refers to a line that does not exist: {key!r}")
    return problems


_CONTEXT_PREFIX = re.compile(r"^\$[a-z0-9_]+\$(?:/|$)", re.IGNORECASE)
_TOP_PREFIX = re.compile(r"^top(?:/|$)")


def category_from_path(path: str) -> str:
    """'$course$/top/Refunds/Late' -> 'Refunds/Late'; also accepts plain paths."""
    path = _CONTEXT_PREFIX.sub("", path.strip(), count=1)
    path = _TOP_PREFIX.sub("", path, count=1)
    return "/".join(part.strip() for part in path.split("/") if part.strip())


def category_to_path(category: str) -> str:
    return f"$course$/top/{category}" if category else "$course$/top"


_TAG = re.compile(r"<[^>]*>")


def default_name(text: str) -> str:
    """A name for a question that has none: its text without markup, shortened."""
    plain = " ".join(_TAG.sub(" ", text).split())
    return plain if len(plain) <= 60 else plain[:59].rstrip() + "…"


def parse_percent(value: str) -> float:
    """'50' -> 0.5, '-33.33333' -> -0.3333333; raises ValueError on anything else."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    # Moodle keeps fractions to 7 decimals; rounding keeps 33.33333 % from becoming 0.33333329999.
    return round(number / 100, 7)


def format_percent(fraction: float) -> str:
    """0.5 -> '50', 1/3 -> '33.33333': the way Moodle writes weights."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
