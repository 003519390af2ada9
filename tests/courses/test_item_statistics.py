"""Item statistics (facility, discrimination, times answered) without a database."""

import pytest

from courses.scoring.statistics import ItemScore, item_statistics


def scores(rows):
    return [ItemScore(attempt, question, fraction) for attempt, question, fraction in rows]


def test_facility_is_the_mean_score_and_answered_counts_the_answers():
    stats = item_statistics(scores([(1, "a", 1.0), (2, "a", 0.0), (3, "a", 0.5), (1, "b", 1.0)]))
    assert stats["a"].answered == 3
    assert stats["a"].facility == 0.5
    assert stats["b"].facility == 1.0


def test_an_item_strong_takers_get_right_discriminates_positively():
    rows = []
    for attempt in range(10):
        strong = attempt >= 5
        rows += [(attempt, "good", 1.0 if strong else 0.0)]
        rows += [(attempt, f"other{i}", 1.0 if strong else 0.0) for i in range(3)]
        rows += [(attempt, "reversed", 0.0 if strong else 1.0)]
    stats = item_statistics(scores(rows))
    assert stats["good"].discrimination > 0.8
    assert stats["reversed"].discrimination < -0.8


def test_no_discrimination_without_spread_or_with_too_few_attempts():
    stats = item_statistics(scores([(1, "a", 1.0), (2, "a", 1.0), (3, "a", 1.0), (1, "b", 0.0)]))
    assert stats["a"].discrimination is None
    assert stats["b"].discrimination is None


def test_marks_weigh_the_rest_of_the_attempt():
    rows = [
        ItemScore(1, "a", 1.0),
        ItemScore(1, "b", 1.0, mark=3),
        ItemScore(2, "a", 0.0),
        ItemScore(2, "b", 0.0, mark=3),
        ItemScore(3, "a", 1.0),
        ItemScore(3, "b", 0.5, mark=3),
    ]
    assert item_statistics(rows)["a"].discrimination == pytest.approx(0.866, abs=0.001)
