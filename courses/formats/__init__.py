"""Question banks in the formats trainers already have: GIFT and Moodle XML.

Pure Python, no Django: parsers return neutral ``QuestionData`` or raise ``FormatError``
listing every problem (so a bad file imports nothing), writers turn ``QuestionData``
back into text. ``model`` documents how Steady's kinds map onto Moodle's types.
"""

from .gift import parse_gift, write_gift
from .model import (
    MOODLE_TYPES,
    DialogueData,
    DialogueLine,
    DialogueReply,
    FormatError,
    FormatIssue,
    OptionData,
    QuestionData,
    QuestionKind,
    option_problems,
)
from .moodle_xml import parse_moodle_xml, write_moodle_xml

__all__ = [
    "MOODLE_TYPES",
    "DialogueData",
    "DialogueLine",
    "DialogueReply",
    "FormatError",
    "FormatIssue",
    "OptionData",
    "QuestionData",
    "QuestionKind",
    "option_problems",
    "parse_gift",
    "parse_moodle_xml",
    "write_gift",
    "write_moodle_xml",
]
