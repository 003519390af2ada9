"""Release rules for check-in aggregates, without a database."""

import datetime as dt
import random

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from wellbeing import privacy
from wellbeing.privacy import effective_k, release, release_comments

CLOSED = dt.date(2026, 11, 23)  # the Monday after 2026-W47


def groups(rows, period="2026-W47", scale="sib") -> pd.DataFrame:
    """rows: (group, parent, n, mean)."""
    return pd.DataFrame(
        {
            "team_id": [row[0] for row in rows],
            "parent_id": [row[1] for row in rows],
            "period": period,
            "scale": scale,
            "n": [row[2] for row in rows],
            "mean": [row[3] for row in rows],
        }
    )


def shown(result: pd.DataFrame) -> dict:
    return dict(zip(result["team_id"], result["released"], strict=True))


def test_k_is_never_below_three():
    assert privacy.MIN_GROUP_SIZE_FLOOR == 3
    assert privacy.DEFAULT_MIN_GROUP_SIZE == 5
    assert [effective_k(k) for k in (0, 1, 2, 3, 5, 12)] == [3, 3, 3, 3, 5, 12]


def test_a_group_below_k_is_hidden_and_its_values_blanked():
    result = release(groups([("a", None, 4, 2.5), ("b", None, 5, 1.8)]), today=CLOSED)
    expected = groups([("a", None, 4, 2.5), ("b", None, 5, 1.8)]).assign(
        n=pd.array([pd.NA, 5], dtype="Int64"),
        mean=[np.nan, 1.8],
        released=[False, True],
        suppressed_because=pd.Series([privacy.SUPPRESSED_SMALL_GROUP, np.nan], dtype="str"),
    )
    assert_frame_equal(result, expected)


def test_a_k_below_the_floor_still_hides_groups_of_two():
    result = release(groups([("a", None, 2, 1.0), ("b", None, 3, 1.0)]), today=CLOSED, k=2)
    assert shown(result) == {"a": False, "b": True}


def test_a_larger_k_hides_more():
    result = release(groups([("a", None, 9, 1.0), ("b", None, 10, 1.0)]), today=CLOSED, k=10)
    assert shown(result) == {"a": False, "b": True}


def test_an_open_period_is_hidden_until_the_day_after_it_ends():
    frame = groups([("a", None, 50, 2.0)])
    sunday = dt.date(2026, 11, 22)
    assert release(frame, today=sunday)["suppressed_because"].tolist() == ["open_period"]
    assert np.isnan(release(frame, today=sunday)["mean"].iloc[0])
    assert release(frame, today=sunday + dt.timedelta(days=1))["released"].tolist() == [True]
    month = groups([("a", None, 50, 2.0)], period="2026-11")
    assert not release(month, today=dt.date(2026, 11, 30))["released"].any()
    assert release(month, today=dt.date(2026, 12, 1))["released"].all()


def test_subtracting_released_teams_from_the_organisation_cannot_reveal_a_small_team():
    # org = a + b + c. Hiding only "a" (2 answers) would leave it as org - b - c.
    frame = groups(
        [("org", None, 20, 2.0), ("a", "org", 2, 4.0), ("b", "org", 8, 2.0), ("c", "org", 10, 1.7)]
    )
    result = release(frame, today=CLOSED)
    assert shown(result) == {"org": True, "a": False, "b": False, "c": True}
    assert result["suppressed_because"].tolist()[1:3] == ["small_group", "complementary"]
    assert result.loc[result["team_id"] == "b", ["n", "mean"]].isna().all(axis=None)
    hidden = result.loc[~result["released"] & (result["team_id"] != "org")]
    assert frame.set_index("team_id").loc[hidden["team_id"], "n"].sum() >= 5


def test_two_hidden_teams_that_together_stay_below_k_hide_a_third():
    frame = groups(
        [
            ("org", None, 24, 2.0),
            ("a", "org", 1, 4.0),
            ("b", "org", 2, 4.0),
            ("c", "org", 9, 2.0),
            ("d", "org", 12, 1.5),
        ]
    )
    assert shown(release(frame, today=CLOSED)) == {
        "org": True,
        "a": False,
        "b": False,
        "c": False,
        "d": True,
    }


def test_hidden_teams_that_together_reach_k_are_enough():
    frame = groups(
        [("org", None, 20, 2.0), ("a", "org", 2, 4.0), ("b", "org", 3, 4.0), ("c", "org", 15, 2.0)]
    )
    assert shown(release(frame, today=CLOSED)) == {"org": True, "a": False, "b": False, "c": True}


def test_answers_in_no_team_count_as_a_hidden_group():
    # 3 answers of the organisation belong to no team: org - a - b would show them.
    frame = groups([("org", None, 23, 2.0), ("a", "org", 10, 2.0), ("b", "org", 10, 2.0)])
    assert shown(release(frame, today=CLOSED)) == {"org": True, "a": False, "b": True}


def test_a_parent_with_a_single_small_child_left_is_hidden_itself():
    frame = groups([("org", None, 6, 2.0), ("a", "org", 2, 4.0), ("b", "org", 4, 1.0)])
    # Both teams are small; together they reach k, so the organisation may show.
    assert shown(release(frame, today=CLOSED)) == {"org": True, "a": False, "b": False}


def test_a_parent_hidden_as_complement_is_not_rebuilt_from_its_children():
    # org -> d1 (3 answers), d2 -> t3 + t4. Hiding d1 forces d2 out; t3 + t4
    # would add back up to d2, so one of them goes too.
    frame = groups(
        [
            ("org", None, 30, 2.0),
            ("d1", "org", 3, 4.0),
            ("d2", "org", 27, 1.9),
            ("t3", "d2", 12, 1.5),
            ("t4", "d2", 15, 2.2),
        ]
    )
    result = release(frame, today=CLOSED)
    assert shown(result) == {"org": True, "d1": False, "d2": False, "t3": False, "t4": True}
    assert result["suppressed_because"].tolist()[1:4] == [
        "small_group",
        "complementary",
        "complementary",
    ]


def test_suppression_is_decided_per_scale_and_period():
    frame = pd.concat(
        [
            groups([("org", None, 12, 2.0), ("a", "org", 2, 4.0), ("b", "org", 10, 1.6)]),
            groups(
                [("org", None, 12, 40.0), ("a", "org", 6, 4.0), ("b", "org", 6, 1.6)], scale="x"
            ),
            groups(
                [("org", None, 12, 2.0), ("a", "org", 6, 4.0), ("b", "org", 6, 1.6)], "2026-W46"
            ),
        ],
        ignore_index=True,
    )
    assert release(frame, today=CLOSED)["released"].tolist() == [True, False, False] + [True] * 6


def test_release_keeps_rows_order_and_other_columns():
    frame = groups([("b", None, 2, 1.0), ("a", None, 7, 1.0)]).assign(team_size=[10.0, 12.0])
    result = release(frame, today=CLOSED)
    assert result["team_id"].tolist() == ["b", "a"]
    assert result["team_size"].tolist() == [10.0, 12.0]  # not check-in data


def test_release_refuses_duplicate_rows_and_missing_columns():
    with pytest.raises(ValueError, match="one row per"):
        release(groups([("a", None, 5, 1.0), ("a", None, 6, 1.0)]), today=CLOSED)
    with pytest.raises(ValueError, match="parent_id"):
        release(groups([("a", None, 5, 1.0)]).drop(columns="parent_id"), today=CLOSED)


def test_integer_group_ids_with_a_root_work():
    frame = groups([(1, None, 20, 2.0), (2, 1, 2, 4.0), (3, 1, 8, 2.0), (4, 1, 10, 1.0)])
    assert release(frame, today=CLOSED)["released"].tolist() == [True, False, False, True]


# --- comments -------------------------------------------------------------------------

COMMENTS = ["Too many chats at once", "  ", "Thanks for the new macro", "", "More breaks please"]


def comments(**overrides):
    arguments = {
        "n_answers": 10,
        "period": "2026-W47",
        "today": CLOSED,
        "enabled": True,
        "rng": random.Random(1),
    } | overrides
    return release_comments(COMMENTS, **arguments)


def test_comments_are_shown_shuffled_when_enough_people_answered():
    result = comments()
    assert sorted(result) == sorted(
        ["Too many chats at once", "Thanks for the new macro", "More breaks please"]
    )
    assert result == comments()  # the rng pins the order in tests
    orders = {tuple(comments(rng=random.Random(seed))) for seed in range(20)}
    assert len(orders) > 1


def test_comments_are_hidden_below_ten_answers():
    assert comments(n_answers=9) == []
    assert comments(n_answers=5, min_answers=5) != []


def test_comments_never_show_below_k():
    assert comments(n_answers=4, min_answers=1) == []  # k = 5 by default
    assert comments(n_answers=3, min_answers=1, k=1) != []
    assert comments(n_answers=2, min_answers=1, k=1) == []  # the floor of 3
    assert comments(n_answers=11, k=12) == []


def test_comments_are_hidden_when_disabled_or_the_period_is_open():
    assert comments(enabled=False) == []
    assert comments(today=dt.date(2026, 11, 22)) == []


# --- rule 6: no certainty about an individual in a small group ----------------------

import itertools as _itertools  # noqa: E402

from wellbeing.privacy import (  # noqa: E402
    BAND_HALF_OR_MORE,
    BAND_UNDER_HALF,
    exact_group_size,
    shown_figure,
)


def _display(values, *, k=3, line=50.0):
    mean = sum(values) / len(values)
    share = sum(v >= line for v in values) / len(values)
    return shown_figure(
        n=len(values), mean=mean, share=share, k=k, minimum=0, maximum=100, line=line
    )


def test_a_small_group_where_everyone_is_beyond_the_line_is_not_shown_as_100_percent():
    # 7 answers, k = 5: under 2k = 10
    shown = shown_figure(n=7, mean=89.3, share=1.0, k=5, minimum=0, maximum=100, line=50)
    assert shown.share is None and shown.share_band == BAND_HALF_OR_MORE
    assert shown.mean is None and shown.mean_limit <= 100 - 2 * 50 / 7


def test_a_group_of_2k_is_shown_exactly():
    shown = shown_figure(n=10, mean=92.5, share=1.0, k=5, minimum=0, maximum=100, line=50)
    assert (shown.mean, shown.share, shown.exact) == (92.5, 1.0, True)
    assert exact_group_size(2) == 6  # k is never below 3


def test_a_small_group_s_share_is_always_a_band_whatever_its_value():
    for share, band in ((0.0, BAND_UNDER_HALF), (0.4, BAND_UNDER_HALF), (0.6, BAND_HALF_OR_MORE)):
        shown = shown_figure(n=5, mean=50, share=share, k=5, minimum=0, maximum=100, line=50)
        assert (shown.share, shown.share_band) == (None, band)


@pytest.mark.parametrize("n", [3, 4, 5])
def test_no_display_of_a_small_group_tells_anyone_which_side_of_the_line_they_are_on(n):
    """Every way n people can answer on a 0..100 scale in steps of 25: for each thing
    that may be shown, each person could be on either side of the line."""
    sides: dict = {}
    for values in _itertools.product((0, 25, 50, 75, 100), repeat=n):
        shown = _display(list(values))
        key = (shown.mean, shown.mean_bound, shown.mean_limit, shown.share_band)
        seen = sides.setdefault(key, [set() for _ in range(n)])
        for person, value in enumerate(values):
            seen[person].add(value >= 50)
    certain = [key for key, people in sides.items() if any(len(s) == 1 for s in people)]
    assert certain == []
