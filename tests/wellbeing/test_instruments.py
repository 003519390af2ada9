"""Published scoring of the built-in instruments, without a database."""

import pytest

from wellbeing import instruments
from wellbeing.instruments import (
    CBI,
    INSTRUMENTS,
    MONTHLY_FULL,
    WEEKLY_PULSE,
    WHO5,
    get,
    is_high,
    score,
)

CBI_WORK = [f"cbi_w{n}" for n in range(1, 8)]
CBI_CLIENT = [f"cbi_c{n}" for n in range(1, 7)]
WHO5_ITEMS = [f"who5_{n}" for n in range(1, 6)]


def test_cbi_items_and_options_follow_the_published_form():
    assert [item.code for item in CBI.items] == CBI_WORK + CBI_CLIENT
    degree = {"cbi_w1", "cbi_w2", "cbi_w3", "cbi_c1", "cbi_c2", "cbi_c3", "cbi_c4"}
    for item in CBI.items:
        expected = instruments.CBI_DEGREE if item.code in degree else instruments.CBI_FREQUENCY
        assert item.options is expected, item.code
    assert [item.code for item in CBI.items if item.reverse] == ["cbi_w7"]
    assert CBI.item("cbi_w7").texts["en"] == (
        "Do you have enough energy for family and friends during leisure time?"
    )
    assert "customers" in CBI.item("cbi_c1").texts["en"]


def test_cbi_scores_each_option_100_75_50_25_0():
    for value, points in [(4, 100.0), (3, 75.0), (2, 50.0), (1, 25.0), (0, 0.0)]:
        answers = {code: value for code in CBI_CLIENT}
        assert score("cbi", answers)["cbi_client"] == points


def test_cbi_reverse_scores_the_energy_for_family_item():
    # "Always" (4) has enough energy: 0 points; the six others "Always": 100 each.
    answers = {code: 4 for code in CBI_WORK}
    assert score("cbi", answers)["cbi_work"] == pytest.approx(600 / 7)
    answers["cbi_w7"] = 0  # "Never/almost never" enough energy: 100 points
    assert score("cbi", answers)["cbi_work"] == 100.0


def test_cbi_scale_is_the_mean_of_answered_items():
    answers = {"cbi_w1": 4, "cbi_w2": 3, "cbi_w3": 2, "cbi_w4": 2}
    assert score(CBI, answers)["cbi_work"] == pytest.approx((100 + 75 + 50 + 50) / 4)


def test_cbi_needs_at_least_half_the_items_answered():
    # Work-related: 7 items, so 4 needed; customer-related: 6 items, so 3.
    three_work = {"cbi_w1": 4, "cbi_w2": 4, "cbi_w3": 4}
    assert score("cbi", three_work)["cbi_work"] is None
    assert score("cbi", {**three_work, "cbi_w7": None})["cbi_work"] is None
    assert score("cbi", {**three_work, "cbi_w4": 4})["cbi_work"] == 100.0
    assert score("cbi", {"cbi_c1": 1, "cbi_c2": 1})["cbi_client"] is None
    assert score("cbi", {"cbi_c1": 1, "cbi_c2": 1, "cbi_c6": 1})["cbi_client"] == 25.0


def test_who5_is_the_raw_sum_times_four():
    assert score("who5", dict.fromkeys(WHO5_ITEMS, 5)) == {"who5": 100.0}
    assert score("who5", dict.fromkeys(WHO5_ITEMS, 0)) == {"who5": 0.0}
    answers = {"who5_1": 3, "who5_2": 2, "who5_3": 4, "who5_4": 1, "who5_5": 3}
    assert score(WHO5, answers) == {"who5": 52.0}


def test_who5_needs_every_item():
    answers = dict.fromkeys(WHO5_ITEMS[:4], 5)
    assert score("who5", answers) == {"who5": None}
    assert score("who5", {**answers, "who5_5": None}) == {"who5": None}


def test_single_item_keeps_its_published_1_to_5_score():
    assert score("sib", {"sib_1": 3}) == {"sib": 3.0}
    assert instruments.single_item_to_100(1) == 0.0
    assert instruments.single_item_to_100(3) == 50.0
    assert instruments.single_item_to_100(5) == 100.0


def test_it_refuses_an_unknown_item_code():
    with pytest.raises(ValueError, match="Unknown item code.*who5_6"):
        score("who5", {"who5_6": 3})
    with pytest.raises(ValueError, match="Unknown item code.*who5_1"):
        score("cbi", {"who5_1": 3})


@pytest.mark.parametrize(
    ("instrument", "item", "value"),
    [
        ("cbi", "cbi_w1", 5),
        ("cbi", "cbi_w1", -1),
        ("who5", "who5_1", 6),
        ("sib", "sib_1", 0),
        ("sib", "sib_1", 6),
        ("sib", "sib_1", 2.5),
        ("sib", "sib_1", "3"),
        ("cbi", "cbi_w1", True),
    ],
)
def test_it_refuses_an_answer_out_of_range(instrument, item, value):
    with pytest.raises(ValueError, match=f"item '{item}' is out of range"):
        score(instrument, {item: value})


def test_it_refuses_an_unknown_instrument():
    with pytest.raises(ValueError, match="Unknown instrument 'mbi'"):
        get("mbi")


def test_published_lines_sit_at_the_boundary():
    assert is_high("cbi_work", 50.0) and not is_high("cbi_work", 49.99)
    assert is_high("cbi_client", 50.0) and not is_high("cbi_client", 49.99)
    assert is_high("who5", 50.0) and not is_high("who5", 52.0)
    assert is_high("sib", 3) and not is_high("sib", 2)
    assert not is_high("cbi_work", None)
    assert instruments.WHO5_DEPRESSION_LINE == 28.0


def test_the_pulse_has_no_published_line():
    with pytest.raises(ValueError, match="no published cut-off"):
        is_high("cbi_work_pulse", 80.0)
    with pytest.raises(ValueError, match="Unknown scale"):
        is_high("mbi_ee", 80.0)


def test_weekly_pulse_scores_the_single_item_and_a_labelled_cbi_pulse():
    assert [item.code for item in WEEKLY_PULSE.items] == ["sib_1", "cbi_w1", "cbi_w4"]
    answers = {"sib_1": 3, "cbi_w1": 3, "cbi_w4": 2}
    assert score("weekly_pulse", answers) == {"sib": 3.0, "cbi_work_pulse": 62.5}
    assert score("weekly_pulse", {"sib_1": 2, "cbi_w1": 3}) == {
        "sib": 2.0,
        "cbi_work_pulse": None,
    }
    assert not instruments.SCALES["cbi_work_pulse"].published


def test_monthly_check_in_scores_the_full_published_scales():
    answers = {
        **dict.fromkeys(CBI_WORK, 2),
        **dict.fromkeys(CBI_CLIENT, 1),
        **dict.fromkeys(WHO5_ITEMS, 3),
    }
    assert score(MONTHLY_FULL, answers) == {"cbi_work": 50.0, "cbi_client": 25.0, "who5": 60.0}


def test_every_text_and_option_label_exists_in_en_ru_pl():
    forms = [*INSTRUMENTS.values(), WEEKLY_PULSE, MONTHLY_FULL]
    for instrument in forms:
        assert set(instrument.instructions) == set(instruments.LANGUAGES)
        for item in instrument.items:
            assert set(item.texts) == set(instruments.LANGUAGES), item.code
            assert all(text.strip() for text in item.texts.values()), item.code
            for option in item.options.options:
                assert set(option.labels) == set(instruments.LANGUAGES), item.code
                assert all(label.strip() for label in option.labels.values()), item.code
    # Translations are ours, so they differ from the English.
    assert CBI.item("cbi_w1").texts["ru"] != CBI.item("cbi_w1").texts["en"]


def test_every_instrument_cites_its_source():
    assert "Work & Stress" in INSTRUMENTS["cbi"].citation
    assert "Psychother Psychosom" in INSTRUMENTS["who5"].citation
    assert "Stress and Health" in INSTRUMENTS["sib"].citation


def test_instruments_are_frozen():
    with pytest.raises(AttributeError):
        CBI.code = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        CBI.item("cbi_w1").texts["en"] = "changed"  # type: ignore[index]
