"""GIFT and Moodle XML question banks: reading, writing, refusing bad files.

Pure code, no database: run with ``-p no:django`` if the settings are in flux.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from courses.formats import (
    FormatError,
    FormatIssue,
    OptionData,
    QuestionData,
    option_problems,
    parse_gift,
    parse_moodle_xml,
    write_gift,
    write_moodle_xml,
)

DATA = Path(__file__).parent / "data"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


Reported = tuple[int | None, str | None, str]  # (line, question, message)


def issues_of(parse: Callable[[Any], object], text: str | bytes) -> list[Reported]:
    with pytest.raises(FormatError) as caught:
        parse(text)
    return [(issue.line, issue.question, issue.message) for issue in caught.value.issues]


# Every kind, with the characters each format has to escape, for the round trips.
BANK = [
    QuestionData(
        kind="single",
        name="Late parcel: first reply",
        text='The customer says: "Where is my parcel?" {order #1042}\nPick the best reply.',
        options=(
            OptionData(
                "I'm sorry it's late; let me check = look it up now.", 1.0, "Empathy + action."
            ),
            OptionData("Ask the courier~", 0.0, "Shifts the blame\\deflects."),
            OptionData("[html] is not a tag here", -0.25),
        ),
        category="Deliveries/Late parcels",
        tags=("competency:empathy", "delivery"),
        general_feedback="Person first, then parcel.",
    ),
    QuestionData(
        kind="multiple",
        name="Return channels",
        text="<p>Which channels can start a <b>return</b>?</p>",
        options=(
            OptionData("Account form", 0.5),
            OptionData("Support chat", 0.5, "Needs the order number."),
            OptionData("Posting it back without a note", -1.0),
        ),
        category="Returns",
        tags=("competency:product-knowledge",),
        default_mark=2.5,
    ),
    QuestionData(
        kind="multiple",
        name="Apology parts",
        text="Tick the three parts of a good apology.",
        options=(
            OptionData("Name the problem", 0.3333333),
            OptionData("Own it", 0.3333333),
            OptionData("Next step", 0.3333333),
            OptionData("Long excuse", 0.0),
        ),
        category="Returns",
    ),
    QuestionData(
        kind="true_false",
        name="Cooling-off",
        text="EU buyers usually have 14 days to withdraw from an online purchase.",
        options=(
            OptionData("true", 1.0, "Right: 14 days."),
            OptionData("false", 0.0, "Check again."),
        ),
        general_feedback="See the consumer rights summary.",
    ),
    QuestionData(
        kind="true_false",
        name="Exact date promise",
        text="Promise an exact date when tracking shows nothing.",
        options=(OptionData("true", 0.0, ""), OptionData("false", 1.0, "Give a range instead.")),
    ),
    QuestionData(
        kind="true_false",
        name="Plain true/false",
        text="A refund goes back to the original payment method.",
        options=(OptionData("true", 1.0), OptionData("false", 0.0)),
    ),
    QuestionData(
        kind="free_text",
        name="Broken mug",
        text="Describe how you would handle a broken mug, greeting to closing.",
        general_feedback="Photo, choice of refund or replacement, time frame.",
        tags=("competency:closing",),
    ),
    QuestionData(
        kind="situational",
        name="One-star threat",
        text='"Not here tomorrow = one-star review." Rate each reply.',
        options=(
            OptionData("I hear you; I've asked for a priority update and will write by noon.", 1.0),
            OptionData("Review as you like.", 0.0, "Cold."),
            OptionData("Threats won't help.", -1.0),
        ),
        category="Deliveries",
        tags=("competency:composure",),
        default_mark=2.0,
    ),
    QuestionData(
        kind="rephrasing",
        name="Out of stock",
        text='Rewrite positively, with a next step: "Out of stock, nothing we can do."',
        tags=("competency:positive-attitude",),
    ),
]


# --- GIFT: reading ------------------------------------------------------------------


def test_gift_sample_holds_one_question_of_every_kind():
    questions = parse_gift(read("sample.gift"))

    assert [question.kind for question in questions] == [
        "single",
        "multiple",
        "true_false",
        "free_text",
        "situational",
        "rephrasing",
    ]


def test_gift_reads_single_choice_with_feedback_tags_and_category():
    late_parcel = parse_gift(read("sample.gift"))[0]

    assert late_parcel.name == "Late parcel opener"
    assert late_parcel.text == (
        'A customer writes: "My parcel is a week late and nobody tells me\n'
        'anything." What is the best first reply?'
    )
    assert [(option.fraction, option.feedback) for option in late_parcel.options] == [
        (1.0, "Acknowledges the feeling and promises a concrete action."),
        (0.0, "Shifts the blame; the customer still has no answer."),
        (0.0, "No empathy and no next step."),
    ]
    assert late_parcel.general_feedback == "Start with the person, then the parcel."
    assert late_parcel.category == "Deliveries/Late parcels"
    assert late_parcel.tags == ("competency:empathy", "delivery")


def test_gift_reads_multiple_choice_weights_and_drops_the_format_prefix():
    channels = parse_gift(read("sample.gift"))[1]

    assert channels.text == "Which of these can a customer use to <b>start a return</b>?"
    assert [option.fraction for option in channels.options] == [0.5, 0.5, -1.0]


def test_gift_reads_true_false_feedback_the_moodle_way():
    # {TRUE#shown when wrong#shown when right}: each option keeps the feedback for picking it.
    cooling_off = parse_gift(read("sample.gift"))[2]

    assert cooling_off.options == (
        OptionData("true", 1.0, "Right: 14 days is the usual cooling-off period."),
        OptionData("false", 0.0, "Check the consumer rights summary again."),
    )


@pytest.mark.parametrize(
    ("answer", "true_fraction"), [("T", 1.0), ("TRUE", 1.0), ("F", 0.0), ("false", 0.0)]
)
def test_gift_reads_every_spelling_of_true_and_false(answer, true_fraction):
    (question,) = parse_gift(f"Refunds need a receipt. {{{answer}}}")

    assert question.kind == "true_false"
    assert question.options == (
        OptionData("true", true_fraction),
        OptionData("false", 1.0 - true_fraction),
    )


def test_gift_reads_an_empty_answer_block_as_free_text_with_general_feedback():
    broken_mug = parse_gift(read("sample.gift"))[3]

    assert broken_mug.kind == "free_text"
    assert broken_mug.options == ()
    assert broken_mug.general_feedback.startswith("Mention a photo")
    assert broken_mug.category == "Returns"


def test_gift_turns_marker_tags_into_situational_and_rephrasing():
    *_, angry_caller, rephrase = parse_gift(read("sample.gift"))

    assert angry_caller.kind == "situational"
    assert angry_caller.tags == ("competency:composure",)
    assert [option.fraction for option in angry_caller.options] == [1.0, 0.25, -0.5]
    assert angry_caller.default_mark == 2.0
    assert rephrase.kind == "rephrasing"
    assert rephrase.tags == ("competency:positive-attitude",)


def test_gift_undoes_escapes():
    (question,) = parse_gift(
        r"::Order\: 1042::Refund \{partial\} \= 50\% \~ ok\#1 \\ done\nnext line{=yes#a\:b ~no}"
    )

    assert question.name == "Order: 1042"
    assert question.text == "Refund {partial} = 50\\% ~ ok#1 \\ done\nnext line"
    assert question.options[0] == OptionData("yes", 1.0, "a:b")


def test_gift_strips_moodle_context_from_categories():
    text = "$CATEGORY: $course$/top/Returns/Damaged\n\nIs a photo needed? {T}\n"

    assert parse_gift(text)[0].category == "Returns/Damaged"


def test_gift_reads_moodle_tag_comments_too():
    text = "// [id:7] [tag:competency:empathy] [tag:refund]\nSay sorry first? {T}"

    assert parse_gift(text)[0].tags == ("competency:empathy", "refund")


def test_gift_tags_apply_to_the_next_question_only():
    text = "// tags: refund\nFirst? {T}\n\nSecond? {F}"

    first, second = parse_gift(text)

    assert (first.tags, second.tags) == (("refund",), ())


def test_gift_names_an_untitled_question_from_its_text():
    (question,) = parse_gift("[html]<p>Is a <i>late</i> parcel always lost?</p> {F}")

    assert question.name == "Is a late parcel always lost?"


def test_gift_ignores_comments_inside_a_question():
    text = "::Q::Which reply?{\n// the right one first\n=Sorry for the wait.\n~Not our fault.\n}"

    assert [option.text for option in parse_gift(text)[0].options] == [
        "Sorry for the wait.",
        "Not our fault.",
    ]


# --- GIFT: refusing -----------------------------------------------------------------


def test_gift_reports_every_problem_in_a_broken_file_with_its_line():
    assert issues_of(parse_gift, read("broken.gift")) == [
        (20, "Unclosed", "unclosed brace: '{' has no matching '}'"),
        (24, "No right answer", "no correct answer (no answer has a positive weight)"),
        (29, "Weights", "weights of the correct answers add up to 80%, not 100%"),
        (35, "Empty text", "question text is empty"),
        (42, "Bad weight", "answer weight must look like %50% or %-25%"),
        (48, "Wrong marker", "tag steady:rephrasing can only be used on an essay question"),
    ]


def test_gift_imports_nothing_when_one_question_of_two_is_bad():
    text = "::Good::Say sorry first? {T}\n\n::Bad::Which reply? {=Sorry ~Wait\n"
    result = None

    with pytest.raises(FormatError) as caught:
        result = parse_gift(text)

    assert result is None
    assert [issue.line for issue in caught.value.issues] == [3]


def test_gift_points_a_missing_full_mark_answer_at_the_opening_brace():
    text = "::Half right::Best closing?\n{\n=%50%Anything else?\n~Bye.\n}"

    assert issues_of(parse_gift, text) == [
        (2, "Half right", "no correct answer (a single choice needs one answer worth 100%)")
    ]


def test_gift_reports_an_unclosed_title_and_a_bad_mark():
    text = "// mark: lots\n::Refund policy Which reply? {T}"

    assert issues_of(parse_gift, text) == [
        (1, None, "mark must be a number of 0 or more: 'lots'"),
        (2, None, "the title is not closed with '::'"),
    ]


def test_gift_points_answer_problems_at_the_answer_line():
    text = "::Blank answer::Which reply?{\n=Sorry for the wait.\n~\n}"

    assert issues_of(parse_gift, text) == [(3, "Blank answer", "answer text is empty")]


# --- GIFT: writing ------------------------------------------------------------------


def test_gift_write_then_parse_gives_back_the_same_questions():
    assert parse_gift(write_gift(BANK)) == BANK


def test_gift_sample_survives_a_round_trip():
    questions = parse_gift(read("sample.gift"))

    assert parse_gift(write_gift(questions)) == questions


def test_gift_writes_a_category_line_only_when_the_category_changes():
    written = write_gift(BANK)

    assert written.count("$CATEGORY:") == 5
    assert written.startswith("$CATEGORY: $course$/top/Deliveries/Late parcels\n\n")


def test_gift_writes_steady_extensions_as_comments():
    situational = next(question for question in BANK if question.kind == "situational")

    assert write_gift([situational]).splitlines()[2:4] == [
        "// tags: steady:situational, competency:composure",
        "// mark: 2.0",
    ]


# --- Moodle XML: reading ------------------------------------------------------------


def test_xml_sample_holds_one_question_of_every_kind():
    questions = parse_moodle_xml((DATA / "sample.xml").read_bytes())

    assert [(question.kind, question.category) for question in questions] == [
        ("single", "Returns/Refunds"),
        ("multiple", "Returns/Refunds"),
        ("true_false", "Deliveries"),
        ("free_text", "Deliveries"),
        ("situational", "Deliveries"),
        ("rephrasing", "Deliveries"),
    ]


def test_xml_keeps_html_unwraps_cdata_and_decodes_entities():
    refund_timing = parse_moodle_xml(read("sample.xml"))[0]

    assert refund_timing.text.startswith("<p>A customer asks when the refund")
    assert refund_timing.general_feedback == (
        "<p>Give a date range and say what you will do if it slips.</p>"
    )
    assert refund_timing.options[2] == OptionData("It depends on your bank & we cannot say.", 0.0)
    assert refund_timing.tags == ("competency:product-knowledge", "refund")


def test_xml_reads_percent_fractions_as_moodle_writes_them():
    apology = parse_moodle_xml(read("sample.xml"))[1]

    assert [option.fraction for option in apology.options] == [0.3333333] * 3 + [-1.0]
    assert apology.default_mark == 2.0


def test_xml_reads_true_false_with_per_answer_feedback():
    tracking = parse_moodle_xml(read("sample.xml"))[2]

    assert tracking.options == (
        OptionData("true", 0.0, "A promise you cannot keep makes the next contact harder."),
        OptionData("false", 1.0, "Right: give a range and offer to follow up."),
    )


def test_xml_turns_marker_tags_into_situational_and_rephrasing():
    *_, review_threat, out_of_stock = parse_moodle_xml(read("sample.xml"))

    assert review_threat.kind == "situational"
    assert [option.fraction for option in review_threat.options] == [1.0, 0.0, -1.0]
    assert review_threat.tags == ("competency:composure",)
    assert out_of_stock.kind == "rephrasing"
    assert out_of_stock.tags == ("competency:positive-attitude",)


def test_xml_reads_text_and_bytes_alike():
    assert parse_moodle_xml(read("sample.xml")) == parse_moodle_xml(
        (DATA / "sample.xml").read_bytes()
    )


def test_xml_honours_a_declared_legacy_encoding():
    document = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<quiz><question type="essay">'
        "<name><text>Caf\xe9</text></name><questiontext><text>Caf\xe9 refund?</text>"
        "</questiontext></question></quiz>"
    )

    (question,) = parse_moodle_xml(document.encode("latin-1"))

    assert question.name == "Caf\xe9"


# --- Moodle XML: refusing -----------------------------------------------------------


def test_xml_reports_every_problem_in_a_broken_file_with_its_line():
    assert issues_of(parse_moodle_xml, read("broken.xml")) == [
        (15, "Match the policy", "a matching question needs at least two pairs"),
        (19, "Days to refund", "no accepted answer"),
        (23, "Cloze reply", "unsupported question type: cloze"),
        (27, "No right answer", "no correct answer (a single choice needs one answer worth 100%)"),
        (34, "Weights", "weights of the correct answers add up to 75%, not 100%"),
        (41, "Empty text", "question text is empty"),
        (51, "Bad fraction", "answer fraction is not a number: 'lots'"),
        (53, "Yes or no", "a true/false question needs one 'true' and one 'false'"),
    ]


def test_xml_imports_nothing_when_one_question_of_two_is_bad():
    document = (
        "<quiz>\n"
        '<question type="essay"><name><text>Good</text></name>'
        "<questiontext><text>Describe a good apology.</text></questiontext></question>\n"
        '<question type="shortanswer"><name><text>Bad</text></name>'
        "<questiontext><text>Courier?</text></questiontext></question>\n"
        "</quiz>"
    )
    result = None

    with pytest.raises(FormatError) as caught:
        result = parse_moodle_xml(document)

    assert result is None
    assert [(issue.line, issue.question) for issue in caught.value.issues] == [(3, "Bad")]


def test_xml_reports_malformed_xml_with_the_parser_line():
    document = "<quiz>\n  <question type='essay'>\n    <name><text>Oops</name>\n</quiz>\n"

    assert issues_of(parse_moodle_xml, document) == [
        (3, None, "the file is not well-formed XML: mismatched tag (column 23)")
    ]


def test_xml_reports_an_empty_file():
    assert issues_of(parse_moodle_xml, b"") == [
        (1, None, "the file is not well-formed XML: no element found (column 1)")
    ]


def test_xml_refuses_billion_laughs_without_expanding_it():
    laughs = "\n".join(
        f'  <!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    document = (
        '<?xml version="1.0"?>\n<!DOCTYPE quiz [\n  <!ENTITY lol0 "lol">\n'
        f"{laughs}\n]>\n<quiz><question type='essay'><questiontext><text>&lol9;</text>"
        "</questiontext></question></quiz>"
    )
    started = time.perf_counter()

    issues = issues_of(parse_moodle_xml, document)

    assert time.perf_counter() - started < 1
    assert len(issues) == 1
    line, question, message = issues[0]
    assert (line, question) == (2, None)
    assert message.startswith("DOCTYPE and ENTITY declarations are not allowed")


def test_xml_refuses_external_entities():
    document = (
        '<?xml version="1.0"?>\n\n<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        "<quiz><question type='essay'><questiontext><text>&xxe;</text></questiontext>"
        "</question></quiz>"
    )

    issues = issues_of(parse_moodle_xml, document)

    assert [(line, question) for line, question, _ in issues] == [(3, None)]
    assert "passwd" not in str(issues)


def test_xml_refuses_a_root_that_is_not_quiz():
    assert issues_of(parse_moodle_xml, "<?xml version='1.0'?>\n<questions/>") == [
        (2, None, "the root element must be <quiz>, not <questions>")
    ]


# --- Moodle XML: writing ------------------------------------------------------------


def test_xml_write_then_parse_gives_back_the_same_questions():
    assert parse_moodle_xml(write_moodle_xml(BANK)) == BANK


def test_xml_sample_survives_a_round_trip():
    questions = parse_moodle_xml(read("sample.xml"))

    assert parse_moodle_xml(write_moodle_xml(questions)) == questions


def test_xml_writes_a_declared_indented_document_with_marker_tags():
    written = write_moodle_xml(BANK)

    assert written.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n  <question ')
    assert written.count('type="category"') == 5
    assert "<text>$course$/top/Deliveries/Late parcels</text>" in written
    assert "<text>steady:situational</text>" in written
    assert "<text>steady:rephrasing</text>" in written
    assert "<single>false</single>" in written


def test_both_formats_carry_the_same_bank():
    assert parse_gift(write_gift(parse_moodle_xml(write_moodle_xml(BANK)))) == BANK


# --- the neutral model --------------------------------------------------------------


def test_format_error_summarises_the_count_and_lists_issues_by_line():
    error = FormatError(
        [
            FormatIssue(9, "Weights", "weights add up to 80%"),
            FormatIssue(None, None, "empty file"),
            FormatIssue(2, None, "unclosed brace"),
        ]
    )

    assert str(error).splitlines() == [
        "3 problems found; nothing was imported",
        "  line 2: unclosed brace",
        "  line 9 (Weights): weights add up to 80%",
        "  file: empty file",
    ]


def test_option_problems_allow_thirds_written_with_five_decimals():
    thirds = [OptionData(text, 0.3333333) for text in ("a", "b", "c")]

    assert option_problems("multiple", thirds) == []


def test_option_problems_leave_situational_weights_free():
    replies = [OptionData("calm", 0.5), OptionData("curt", -0.5)]

    assert option_problems("situational", replies) == []


def test_format_error_survives_pickling_for_task_queues():
    error = FormatError([FormatIssue(3, "Bad", "unsupported question type: matching")])

    copy = pickle.loads(pickle.dumps(error))

    assert (copy.issues, str(copy)) == (error.issues, str(error))
