"""Moodle's other question types — short answer, numerical, matching, missing word,
description — read, written and scored without a database; dialogue and rephrasing
questions kept whole in Moodle XML."""

import pytest

from courses.formats import (
    DialogueData,
    DialogueLine,
    DialogueReply,
    FormatError,
    OptionData,
    QuestionData,
    parse_gift,
    parse_moodle_xml,
    write_gift,
    write_moodle_xml,
)
from courses.lib.numbers import parse_number
from courses.scoring.quiz import QuestionSpec, aggregate, score_answer

# --- GIFT ---------------------------------------------------------------------------


def test_gift_reads_a_short_answer_with_partial_credit():
    (question,) = parse_gift("::Courier::Who delivers next day?{=FastShip =%50%Fast*}")

    assert question.kind == "short_answer"
    assert question.options == (OptionData("FastShip", 1.0), OptionData("Fast*", 0.5))


def test_gift_reads_numerical_answers_with_tolerance_range_and_several_answers():
    single, ranged, several = parse_gift(
        "::A::Refund?{#35:0.5}\n\n::B::Days?{#1..5}\n\n::C::Pi?{#=3.14:0.01#close =%50%3:0.2}"
    )

    assert single.kind == "numerical"
    assert single.options == (OptionData("35", 1.0, tolerance=0.5),)
    assert ranged.options == (OptionData("3", 1.0, tolerance=2.0),)
    assert several.options == (
        OptionData("3.14", 1.0, "close", tolerance=0.01),
        OptionData("3", 0.5, tolerance=0.2),
    )


def test_gift_refuses_a_numerical_answer_that_is_not_a_number():
    with pytest.raises(FormatError) as caught:
        parse_gift("::Bad::Days?{#five}")

    assert "not a number" in caught.value.issues[0].message
    assert caught.value.readable == []


def test_gift_reads_matching_pairs():
    (question,) = parse_gift("::M::Match.{\n=Express -> next day\n=Standard -> 3 to 5 days\n}")

    assert question.kind == "matching"
    assert [(o.text, o.match) for o in question.options] == [
        ("Express", "next day"),
        ("Standard", "3 to 5 days"),
    ]


def test_gift_reads_a_missing_word_with_the_gap_inside_the_sentence():
    (question,) = parse_gift("::F::A refund takes {=3 to 5 ~30} working days.")

    assert question.kind == "missing_word"
    assert question.text == "A refund takes _____ working days."
    assert [o.fraction for o in question.options] == [1.0, 0.0]


def test_gift_refuses_a_missing_word_without_a_right_answer():
    with pytest.raises(FormatError) as caught:
        parse_gift("::F::A refund takes {~3 ~30} working days.")

    assert "missing-word" in caught.value.issues[0].message


def test_gift_reads_a_description_without_marks():
    (question,) = parse_gift("::Intro::The next questions are about damaged parcels.")

    assert question.kind == "description"
    assert question.default_mark == 0.0


def test_gift_keeps_the_readable_questions_of_a_broken_file():
    with pytest.raises(FormatError) as caught:
        parse_gift("::Good::Say sorry first? {T}\n\n::Bad::Which reply? {=Sorry ~Wait\n")

    assert [issue.line for issue in caught.value.issues] == [3]
    assert [q.name for q in caught.value.readable] == ["Good"]


def test_gift_round_trips_every_new_kind_and_the_rephrasing_original():
    questions = [
        QuestionData("short_answer", "S", "Who?", (OptionData("FastShip", 1.0),)),
        QuestionData("numerical", "N", "How much?", (OptionData("35", 1.0, tolerance=0.5),)),
        QuestionData(
            "matching",
            "M",
            "Match.",
            (OptionData("A", 1.0, match="1"), OptionData("B", 1.0, match="2")),
        ),
        QuestionData(
            "missing_word",
            "W",
            "A refund takes _____ days.",
            (OptionData("5", 1.0), OptionData("30", 0.0)),
        ),
        QuestionData("description", "D", "Section intro.", default_mark=0.0),
        QuestionData("rephrasing", "R", "Say it kindly.", original="We can't refund you."),
    ]

    assert parse_gift(write_gift(questions)) == questions


# --- Moodle XML -----------------------------------------------------------------------

SHORT_NUMERICAL_MATCHING = """<quiz>
<question type="shortanswer"><name><text>Courier</text></name>
  <questiontext><text>Who delivers next day?</text></questiontext><usecase>1</usecase>
  <answer fraction="100"><text>FastShip</text></answer></question>
<question type="numerical"><name><text>Refund</text></name>
  <questiontext><text>How much?</text></questiontext>
  <answer fraction="100"><text>35</text><tolerance>0.5</tolerance></answer></question>
<question type="matching"><name><text>Match</text></name>
  <questiontext><text>Match.</text></questiontext>
  <subquestion><text>Express</text><answer><text>next day</text></answer></subquestion>
  <subquestion><text>Standard</text><answer><text>3 to 5 days</text></answer></subquestion>
  <subquestion><text></text><answer><text>never</text></answer></subquestion></question>
<question type="description"><name><text>Intro</text></name>
  <questiontext><text>About parcels.</text></questiontext></question>
<question type="multianswer"><name><text>Cloze</text></name>
  <questiontext><text>{1:MULTICHOICE:=a~b}</text></questiontext></question>
</quiz>"""


def test_xml_reads_short_answer_numerical_matching_and_description():
    with pytest.raises(FormatError) as caught:
        parse_moodle_xml(SHORT_NUMERICAL_MATCHING)
    short, numerical, matching, description = caught.value.readable

    assert [(i.line, i.message) for i in caught.value.issues] == [
        (15, "unsupported question type: multianswer")
    ]
    assert short.kind == "short_answer" and short.case_sensitive
    assert numerical.options == (OptionData("35", 1.0, tolerance=0.5),)
    assert [(o.text, o.match, o.fraction) for o in matching.options] == [
        ("Express", "next day", 1.0),
        ("Standard", "3 to 5 days", 1.0),
        ("", "never", 0.0),
    ]
    assert description.kind == "description" and description.default_mark == 0.0


def test_xml_reads_a_single_choice_with_a_gap_as_missing_word():
    document = (
        '<quiz><question type="multichoice"><name><text>W</text></name>'
        "<questiontext><text>Refunds take _____ days.</text></questiontext><single>true</single>"
        '<answer fraction="100"><text>5</text></answer><answer fraction="0"><text>30</text>'
        "</answer></question></quiz>"
    )

    (question,) = parse_moodle_xml(document)

    assert question.kind == "missing_word"


DIALOGUE = QuestionData(
    "dialogue",
    "Late parcel",
    "The customer writes in about a late parcel.",
    dialogue=DialogueData(
        lines=(
            DialogueLine("start", "Where is my parcel?!", "angry"),
            DialogueLine("calm", "Thank you, that helps.", "calm", "resolved"),
            DialogueLine("lost", "I'm done with you.", "angry", "lost"),
        ),
        replies=(
            DialogueReply("start", "I'm sorry, let me check now.", "calm", (("empathy", 2.0),)),
            DialogueReply("start", "Read the tracking page.", "lost", (("courtesy", -1.0),)),
        ),
    ),
)


def test_xml_round_trips_dialogue_and_rephrasing_without_loss():
    rephrasing = QuestionData(
        "rephrasing", "Refund", "Rewrite kindly.", original="We can't refund you, policy."
    )
    questions = [DIALOGUE, rephrasing]

    written = write_moodle_xml(questions)

    assert parse_moodle_xml(written) == questions
    assert 'type="essay"' in written and "<text>steady:dialogue</text>" in written


def test_xml_round_trips_every_new_kind():
    questions = [
        QuestionData(
            "short_answer", "S", "Who?", (OptionData("FastShip", 1.0),), case_sensitive=True
        ),
        QuestionData("numerical", "N", "How much?", (OptionData("35", 1.0, tolerance=0.5),)),
        QuestionData(
            "matching",
            "M",
            "Match.",
            (OptionData("A", 1.0, match="1"), OptionData("", 0.0, match="2")),
        ),
        QuestionData(
            "missing_word",
            "W",
            "Refunds take _____ days.",
            (OptionData("5", 1.0), OptionData("30", 0.0)),
        ),
        QuestionData("description", "D", "Intro.", default_mark=0.0),
    ]

    with pytest.raises(FormatError):  # one prompt only: a matching question needs two
        parse_moodle_xml(write_moodle_xml(questions))
    questions[2] = QuestionData(
        "matching",
        "M",
        "Match.",
        (OptionData("A", 1.0, match="1"), OptionData("B", 1.0, "", 0, "2")),
    )
    assert parse_moodle_xml(write_moodle_xml(questions)) == questions


def test_xml_refuses_a_dialogue_whose_reply_leads_nowhere():
    document = write_moodle_xml([DIALOGUE]).replace('to="lost"', 'to="nowhere"')

    with pytest.raises(FormatError) as caught:
        parse_moodle_xml(document)

    assert "'nowhere'" in caught.value.issues[0].message


# --- scoring ----------------------------------------------------------------------------


def short(*answers, case_sensitive=False):
    return QuestionSpec(
        1,
        "short_answer",
        weights=tuple(w for _, w in answers),
        answers=tuple(a for a, _ in answers),
        case_sensitive=case_sensitive,
    )


@pytest.mark.parametrize(
    ("text", "fraction"),
    [
        ("FastShip", 1.0),
        ("  fastship ", 1.0),
        ("Fast ship", 0.5),
        ("Slow ship", 0.0),
        ("FastCourier", 0.5),
        ("", 0.0),
    ],
)
def test_short_answer_ignores_case_and_spaces_and_honours_wildcards(text, fraction):
    spec = short(("FastShip", 1.0), ("Fast*", 0.5))

    assert score_answer(spec, {"text": text}).fraction == fraction


def test_short_answer_can_be_case_sensitive():
    spec = short(("FastShip", 1.0), case_sensitive=True)

    assert score_answer(spec, {"text": "fastship"}).fraction == 0.0
    assert score_answer(spec, {"text": "FastShip"}).fraction == 1.0


def test_short_answer_wildcard_does_not_turn_into_a_regex():
    spec = short(("a.b", 1.0))

    assert score_answer(spec, {"text": "axb"}).fraction == 0.0
    assert score_answer(spec, {"text": "a.b"}).fraction == 1.0


@pytest.mark.parametrize(
    ("text", "fraction"),
    [("35", 1.0), ("35,4", 1.0), ("34.5", 1.0), ("36", 0.5), ("40", 0.0), ("35 EUR", 0.0)],
)
def test_numerical_accepts_answers_within_tolerance_and_a_decimal_comma(text, fraction):
    spec = QuestionSpec(
        1, "numerical", weights=(1.0, 0.5), answers=("35", "35"), tolerances=(0.5, 1.5)
    )

    assert score_answer(spec, {"text": text}).fraction == fraction


def test_numerical_without_tolerance_takes_float_sums_as_equal():
    spec = QuestionSpec(1, "numerical", weights=(1.0,), answers=("0.3",), tolerances=(0.0,))

    assert score_answer(spec, {"text": str(0.1 + 0.2)}).fraction == 1.0


def test_matching_scores_the_share_of_right_pairs_by_answer_text():
    spec = QuestionSpec(
        1,
        "matching",
        weights=(1.0, 1.0, 1.0, 0.0),
        answers=("Express", "Standard", "Economy", ""),
        matches=("next day", "3 to 5 days", "3 to 5 days", "never"),
    )

    # Economy's pick is option 1, whose answer is the same text: right.
    response = {"matches": {"0": 0, "1": 3, "2": 1}}

    assert score_answer(spec, response).fraction == pytest.approx(2 / 3)
    assert score_answer(spec, {"matches": {"0": True}}).fraction == 0.0


def test_missing_word_scores_like_a_single_choice():
    spec = QuestionSpec(1, "missing_word", weights=(1.0, 0.0))

    assert score_answer(spec, {"choice": 0}).fraction == 1.0
    assert score_answer(spec, {"choice": 1}).fraction == 0.0


def test_a_description_adds_neither_marks_nor_competencies():
    description = QuestionSpec(1, "description", competencies=("empathy",), mark=1.0)
    right = QuestionSpec(2, "true_false", weights=(1.0, 0.0), competencies=("empathy",))

    total = aggregate(
        [
            (description, score_answer(description, {})),
            (right, score_answer(right, {"choice": 0})),
        ],
        pass_mark=50,
    )

    assert total.percent == 100.0
    assert total.competencies == {"empathy": 100.0}


@pytest.mark.parametrize(
    ("text", "number"),
    [("3.5", 3.5), ("3,5", 3.5), (" -2 ", -2.0), ("1 000", 1000.0), ("1e3", 1000.0)],
)
def test_numbers_are_read_as_people_type_them(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["", "abc", "inf", "nan", "1e999", "3 EUR", "1.2.3"])
def test_anything_else_is_not_a_number(text):
    assert parse_number(text) is None
