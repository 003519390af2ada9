"""Every scoring rule of the quiz engine, on tiny hand-made questions (no database)."""

import pytest

from courses.scoring.dialogue import Edge, Node
from courses.scoring.quiz import AnswerScore, QuestionSpec, aggregate, pick_result, score_answer


def single(weights=(1.0, 0.0, 0.0), **kw):
    return QuestionSpec(id=1, kind="single", weights=weights, competencies=("attention",), **kw)


def test_single_choice_earns_the_chosen_options_weight():
    assert score_answer(single(), {"choice": 0}).fraction == 1.0
    assert score_answer(single(), {"choice": 1}).fraction == 0.0


def test_single_choice_never_goes_below_zero_and_ignores_nonsense():
    spec = single((1.0, -0.5))
    assert score_answer(spec, {"choice": 1}).fraction == 0.0
    assert score_answer(spec, {"choice": 7}).fraction == 0.0
    assert score_answer(spec, {"choice": True}).fraction == 0.0
    assert score_answer(spec, {}).fraction == 0.0


def test_true_false_scores_like_a_single_choice():
    spec = QuestionSpec(id=2, kind="true_false", weights=(0.0, 1.0))
    assert score_answer(spec, {"choice": 1}).fraction == 1.0
    assert score_answer(spec, {"choice": 0}).fraction == 0.0


MULTI = QuestionSpec(id=3, kind="multiple", weights=(0.5, 0.5, -1.0, -1.0), competencies=("law",))


@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        ([0, 1], 1.0),  # both right answers: full marks
        ([0], 0.5),  # one of two right answers: half
        ([0, 1, 2], 0.0),  # a wrong answer takes its penalty
        ([0, 2], 0.0),  # never below zero
        ([], 0.0),
        ([0, 0, 1], 1.0),  # a repeated choice counts once
    ],
)
def test_multiple_choice_gives_moodle_partial_credit(choices, expected):
    assert score_answer(MULTI, {"choices": choices}).fraction == pytest.approx(expected)


SJT = QuestionSpec(id=4, kind="situational", weights=(1.0, 0.5, 0.0, -0.5, -1.0))


@pytest.mark.parametrize(
    ("most", "least", "expected"),
    [
        (0, 4, 1.0),  # the key's best and worst: full marks
        (4, 0, 0.0),  # exactly backwards: nothing
        (1, 4, 0.875),  # (0.5 - -1 + 2) / 4
        (2, 4, 0.75),
        (0, 3, 0.875),
        (2, 2, 0.0),  # the same reply twice earns nothing
        (0, None, 0.0),  # half an answer earns nothing
    ],
)
def test_situational_judgement_uses_the_key_weights(most, least, expected):
    assert score_answer(SJT, {"most": most, "least": least}).fraction == pytest.approx(expected)


DIALOGUE = QuestionSpec(
    id=5,
    kind="dialogue",
    nodes=(
        Node("start"),
        Node("calm"),
        Node("angry"),
        Node("ok", "resolved"),
        Node("lost", "lost"),
    ),
    edges=(
        Edge(11, "start", "calm", {"empathy": 2}),
        Edge(12, "start", "angry", {"empathy": -2, "courtesy": -1}),
        Edge(13, "calm", "ok", {"closing": 1}),
        Edge(14, "angry", "lost", {"courtesy": -1}),
        Edge(15, "angry", "ok", {"closing": 1}),
    ),
)


def test_the_best_dialogue_path_scores_full_marks_in_every_competency():
    score = score_answer(DIALOGUE, {"path": [11, 13]})
    assert score.fraction == 1.0
    assert score.detail["ending"] == "resolved"
    assert score.competencies == {
        "closing": (1.0, 1.0),
        "courtesy": (1.0, 1.0),
        "empathy": (1.0, 1.0),
    }


def test_the_lost_ending_scores_each_competency_against_its_range():
    score = score_answer(DIALOGUE, {"path": [12, 14]})
    assert score.detail["ending"] == "lost"
    assert score.fraction == 0.0
    assert score.competencies == {
        "closing": (0.0, 1.0),
        "courtesy": (0.0, 1.0),
        "empathy": (0.0, 1.0),
    }


def test_the_recovered_dialogue_ending_earns_partial_scores():
    score = score_answer(DIALOGUE, {"path": [12, 15]})
    assert score.detail["ending"] == "resolved"
    # total -2 between worst -4 and best 3
    assert score.fraction == pytest.approx(2 / 7)
    assert score.competencies["closing"] == (1.0, 1.0)
    assert score.competencies["courtesy"] == (0.5, 1.0)
    assert score.competencies["empathy"] == (0.0, 1.0)


def test_a_person_overrides_the_dialogue_total_but_keeps_the_competencies():
    score = score_answer(DIALOGUE, {"path": [11, 13]}, manual_fraction=0.4)
    assert score.fraction == 0.4
    assert score.competencies["empathy"] == (1.0, 1.0)


def test_free_text_waits_for_a_person_unless_it_is_empty():
    spec = QuestionSpec(id=6, kind="free_text", competencies=("empathy",))
    assert score_answer(spec, {"text": "Dear Marta"}).pending
    assert score_answer(spec, {"text": "  "}).fraction == 0.0
    assert score_answer(spec, {"text": "Dear Marta"}, manual_fraction=0.8).fraction == 0.8


def test_rephrasing_is_scored_by_the_rules_until_a_person_overrides():
    spec = QuestionSpec(
        id=7,
        kind="rephrasing",
        competencies=("positive_attitude",),
        original="We can't refund you.",
    )
    good = score_answer(
        spec,
        {"text": "I'm sorry about this. I will refund you today and email you by 5 pm."},
        language="en",
    )
    bad = score_answer(spec, {"text": "We can't do that. It's our policy."}, language="en")
    assert good.fraction > bad.fraction
    assert good.detail["rephrasing"]["findings"]
    assert score_answer(spec, {"text": "anything"}, manual_fraction=0.9).fraction == 0.9


def test_aggregate_gives_a_total_and_one_score_per_competency():
    a = QuestionSpec(id=1, kind="single", competencies=("attention", "empathy"), mark=1)
    b = QuestionSpec(id=2, kind="single", competencies=("empathy",), mark=3)
    result = aggregate(
        [
            (a, AnswerScore(1.0, {"attention": (1.0, 1.0), "empathy": (1.0, 1.0)})),
            (b, AnswerScore(0.0, {"empathy": (0.0, 3.0)})),
        ],
        pass_mark=50,
    )
    assert result.percent == 25.0
    assert result.competencies == {"attention": 100.0, "empathy": 25.0}
    assert result.passed is False
    assert result.pending == 0


def test_aggregate_leaves_pass_fail_open_while_answers_wait_for_a_person():
    a = QuestionSpec(id=1, kind="single", competencies=("attention",))
    b = QuestionSpec(id=2, kind="free_text", competencies=("empathy",))
    result = aggregate(
        [(a, AnswerScore(1.0, {"attention": (1.0, 1.0)})), (b, AnswerScore(None))], pass_mark=50
    )
    assert result.percent == 100.0
    assert result.passed is None
    assert result.pending == 1


def test_the_attempt_that_counts_is_the_highest_or_the_last():
    results = [(60.0, "first"), (90.0, "second"), (70.0, "third")]
    assert pick_result(results, method="highest") == "second"
    assert pick_result(results, method="last") == "third"
    assert pick_result([], method="last") is None


# Three endings: the customer is handed to a lead (escalated), helped (resolved) or lost.
# Ranges per competency over complete paths: empathy -1..2, time_management 0..2,
# closing 0..2, courtesy -2..0; the total runs -3..4.
THREE_ENDINGS = QuestionSpec(
    id=6,
    kind="dialogue",
    nodes=(
        Node("start"),
        Node("calm"),
        Node("lead", "escalated"),
        Node("ok", "resolved"),
        Node("gone", "lost"),
    ),
    edges=(
        Edge(21, "start", "lead", {"empathy": 1, "time_management": 2}),
        Edge(22, "start", "calm", {"empathy": 2}),
        Edge(23, "calm", "ok", {"closing": 2}),
        Edge(24, "start", "gone", {"empathy": -1, "courtesy": -2}),
    ),
)


@pytest.mark.parametrize(
    ("path", "ending", "fraction", "competencies"),
    [
        (
            [22, 23],
            "resolved",
            1.0,
            {"empathy": 1.0, "time_management": 0.0, "closing": 1.0, "courtesy": 1.0},
        ),
        (
            [21],
            "escalated",
            6 / 7,
            {"empathy": 2 / 3, "time_management": 1.0, "closing": 0.0, "courtesy": 1.0},
        ),
        (
            [24],
            "lost",
            0.0,
            {"empathy": 0.0, "time_management": 0.0, "closing": 0.0, "courtesy": 0.0},
        ),
    ],
)
def test_each_dialogue_ending_scores_its_competencies(path, ending, fraction, competencies):
    score = score_answer(THREE_ENDINGS, {"path": path})
    assert score.detail["ending"] == ending
    assert score.fraction == pytest.approx(fraction)
    assert {code: got for code, (got, _out_of) in score.competencies.items()} == pytest.approx(
        competencies
    )
    assert all(out_of == 1.0 for _got, out_of in score.competencies.values())
