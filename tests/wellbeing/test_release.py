"""Release rules in every view: never fewer than k answers, never recoverable by subtraction."""

import datetime as dt
import itertools

import pytest

from tests.factories import MembershipFactory, TeamFactory, lead_of, wellbeing_admin
from wellbeing.models import CheckIn, WellbeingSettings
from wellbeing.selectors import ORGANISATION_ID, checkin_scores_released

TODAY = dt.date(2026, 11, 27)
CLOSED = "2026-10"
OPEN = "2026-11"


def answers(team, count: int, *, period: str = CLOSED, cbi: float = 40.0):
    CheckIn.objects.bulk_create(
        CheckIn(team=team, period=period, form="monthly_full", cbi_work=cbi, who5=60.0)
        for _ in range(count)
    )


@pytest.fixture
def three_teams(db):
    teams = [TeamFactory(name=name) for name in ("Alpha", "Bravo", "Charlie")]
    for team in teams:
        for _ in range(8):
            MembershipFactory(team=team)
    answers(teams[0], 7, cbi=40.0)
    answers(teams[1], 6, cbi=44.0)
    answers(teams[2], 2, cbi=93.75)  # too few: never shown, never recoverable
    return teams


def _cell(released, team_id, scale="cbi_work", period=CLOSED):
    rows = released.loc[
        (released["team_id"] == team_id)
        & (released["scale"] == scale)
        & (released["period"] == period)
    ]
    return rows.iloc[0]


def test_a_small_team_is_hidden_and_its_smallest_sibling_too(three_teams):
    alpha, bravo, charlie = three_teams
    released = checkin_scores_released(today=TODAY, k=5)
    assert _cell(released, charlie.pk)["suppressed_because"] == "small_group"
    assert _cell(released, bravo.pk)["suppressed_because"] == "complementary"
    assert bool(_cell(released, alpha.pk)["released"])
    org = _cell(released, ORGANISATION_ID)
    assert bool(org["released"]) and org["n"] == 15
    for team in (bravo, charlie):
        cell = _cell(released, team.pk)
        assert cell["mean"] != cell["mean"]  # NaN: the number is gone, not just flagged


def test_no_difference_of_released_numbers_reveals_a_group_below_k(db):
    """Many splits of answers over three teams: parent minus released children is 0 or >= k."""
    teams = [TeamFactory() for _ in range(3)]
    for counts in itertools.product((0, 1, 2, 4, 6), repeat=3):
        CheckIn.objects.all().delete()
        for team, count in zip(teams, counts, strict=True):
            answers(team, count)
        released = checkin_scores_released(today=TODAY, k=5)
        rows = released.loc[released["scale"] == "cbi_work"]
        org = rows.loc[rows["team_id"] == ORGANISATION_ID]
        if org.empty or not bool(org["released"].iloc[0]):
            continue
        shown_children = rows.loc[
            rows["team_id"].isin([t.pk for t in teams]) & rows["released"].astype(bool), "n"
        ].sum()
        hidden = int(org["n"].iloc[0]) - int(shown_children)
        assert hidden == 0 or hidden >= 5, counts


def test_an_open_period_is_never_shown(three_teams):
    answers(three_teams[0], 9, period=OPEN)
    released = checkin_scores_released(today=TODAY, k=5)
    assert _cell(released, three_teams[0].pk, period=OPEN)["suppressed_because"] == "open_period"


def test_k_comes_from_the_settings_and_is_never_below_three(three_teams):
    settings = WellbeingSettings.load()
    settings.min_group_size = 2  # a bad value slipped past the form
    settings.save()
    released = checkin_scores_released(today=TODAY)
    assert _cell(released, three_teams[2].pk)["suppressed_because"] == "small_group"


def test_the_lead_of_a_small_team_sees_hidden_not_numbers(client, three_teams, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    charlie = three_teams[2]
    client.force_login(lead_of(charlie))
    page = client.get("/team/").content.decode()
    assert "hidden: fewer than 5 answers" in page
    assert "93.8" not in page and "(n=2" not in page


def test_the_organisation_page_hides_the_small_team_and_its_complement(
    client, three_teams, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    client.force_login(wellbeing_admin())
    page = client.get("/organisation/").content.decode()
    assert "hidden: fewer than 5 answers" in page
    assert "hidden to protect a small group" in page
    assert "(n=7" in page and "(n=15" in page  # Alpha and the whole organisation
    assert "(n=6" not in page and "(n=2" not in page and "93.8" not in page
    assert "62%" in page  # participation of the organisation: 15 answers of 24 members


def test_comments_are_released_only_when_enabled_closed_and_with_ten_answers(db, settings):
    from wellbeing.selectors import checkin_comments_released

    team = TeamFactory()
    CheckIn.objects.bulk_create(
        CheckIn(team=team, period=CLOSED, form="monthly_full", comment=f"note {n}")
        for n in range(9)
    )
    assert checkin_comments_released(team_id=team.pk, period=CLOSED, today=TODAY) == []
    settings.STEADY_CHECKIN_COMMENTS_ENABLED = True
    assert checkin_comments_released(team_id=team.pk, period=CLOSED, today=TODAY) == []
    CheckIn.objects.create(team=team, period=CLOSED, form="monthly_full", comment="note 9")
    shown = checkin_comments_released(team_id=team.pk, period=CLOSED, today=TODAY)
    assert sorted(shown) == sorted(f"note {n}" for n in range(10))
    CheckIn.objects.bulk_create(
        CheckIn(team=team, period=OPEN, form="monthly_full", comment="x") for _ in range(12)
    )
    assert checkin_comments_released(team_id=team.pk, period=OPEN, today=TODAY) == []
