"""Release rules in every view: never fewer than k answers, never recoverable by subtraction."""

import datetime as dt
import itertools

import pandas as pd
import pytest

from courses.models import TeamMembership
from tests.factories import MembershipFactory, TeamFactory, lead_of, wellbeing_admin
from tests.wellbeing.checkin_data import release, sealed_answers
from wellbeing.models import ReleasedCheckInFigure, WellbeingSettings
from wellbeing.selectors import ORGANISATION_ID, checkin_scores_released

TODAY = dt.date(2026, 11, 27)
CLOSED = "2026-10"
OPEN = "2026-11"


def answers(team, count: int, *, period: str = CLOSED, cbi: float = 40.0, comment: str = ""):
    sealed_answers(team, count, period=period, cbi_work=cbi, who5=60.0, comment=comment)


@pytest.fixture
def three_teams(db):
    teams = [TeamFactory(name=name) for name in ("Alpha", "Bravo", "Charlie")]
    for team in teams:
        for _ in range(8):
            MembershipFactory(team=team)
    answers(teams[0], 7, cbi=40.0)
    answers(teams[1], 6, cbi=44.0)
    answers(teams[2], 2, cbi=93.75)  # too few: never shown, never recoverable
    release(TODAY, k=5)
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
        ReleasedCheckInFigure.objects.all().delete()
        for team, count in zip(teams, counts, strict=True):
            answers(team, count)
        release(TODAY, k=5)
        released = checkin_scores_released(today=TODAY)
        rows = released.loc[released["scale"] == "cbi_work"]
        org = rows.loc[rows["team_id"] == ORGANISATION_ID]
        if org.empty or not bool(org["released"].iloc[0]):
            continue
        shown_children = rows.loc[
            rows["team_id"].isin([t.pk for t in teams]) & rows["released"].astype(bool), "n"
        ].sum()
        hidden = int(org["n"].iloc[0]) - int(shown_children)
        assert hidden == 0 or hidden >= 5, counts


def test_an_open_period_is_never_released(three_teams):
    answers(three_teams[0], 9, period=OPEN)
    assert release(TODAY) == 0
    released = checkin_scores_released(today=dt.date(2026, 12, 5))
    assert OPEN not in set(released["period"])


def test_k_comes_from_the_settings_and_is_never_below_three(db):
    team = TeamFactory()
    answers(team, 2)
    settings = WellbeingSettings.load()
    settings.min_group_size = 2  # a bad value slipped past the form
    settings.save()
    release(TODAY)
    released = checkin_scores_released(today=TODAY)
    assert _cell(released, team.pk)["suppressed_because"] == "small_group"


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
    assert "hidden to protect another group" in page
    assert "complementary suppression" in page
    assert "(n=7" in page and "(n=15" in page  # Alpha and the whole organisation
    assert "(n=6" not in page and "(n=2" not in page and "93.8" not in page
    assert "62%" in page  # participation of the organisation: 15 answers of 24 members


def test_comments_are_released_only_when_enabled_closed_and_with_ten_answers(db, settings):
    from wellbeing.selectors import checkin_comments_released

    quiet, busy, disabled = TeamFactory(), TeamFactory(), TeamFactory()
    settings.STEADY_CHECKIN_COMMENTS_ENABLED = True
    answers(quiet, 9, comment="quiet note")
    for n in range(10):
        answers(busy, 1, comment=f"note {n}")
    answers(busy, 12, period=OPEN, comment="x")
    release(TODAY)
    shown = checkin_comments_released(team_ids=[quiet.pk, busy.pk])
    assert [(block["team_id"], block["period"]) for block in shown] == [(busy.pk, CLOSED)]
    assert sorted(shown[0]["comments"]) == sorted(f"note {n}" for n in range(10))

    settings.STEADY_CHECKIN_COMMENTS_ENABLED = False
    answers(disabled, 12, period="2026-09", comment="never kept")
    release(TODAY)
    assert checkin_comments_released(team_ids=[disabled.pk]) == []


def test_leads_see_their_team_s_released_comments_apart_from_figures(
    client, db, settings, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    settings.STEADY_CHECKIN_COMMENTS_ENABLED = True
    team, other = TeamFactory(), TeamFactory()
    for n in range(10):
        answers(team, 1, comment=f"We need more breaks {n}")
    answers(other, 10, comment="Not for this lead")
    release(TODAY)
    client.force_login(lead_of(team))
    client.get("/team/")
    with django_assert_max_num_queries(40):
        page = client.get("/team/").content.decode()
    assert "We need more breaks 3" in page
    assert "Not for this lead" not in page
    client.force_login(wellbeing_admin())
    assert "Not for this lead" in client.get("/organisation/").content.decode()


# --- released figures never change (one test per path) ------------------------------


@pytest.fixture
def released_october(three_teams):
    """Alpha 7, Bravo 6, Charlie 2 answers in October, released on TODAY."""
    before = checkin_scores_released(today=TODAY)
    assert len(before) and bool(_cell(before, ORGANISATION_ID)["released"])
    return three_teams, before


def _unchanged(before):
    release(TODAY + dt.timedelta(days=3))  # the nightly release runs again
    after = checkin_scores_released(today=TODAY)
    pd.testing.assert_frame_equal(
        before.reset_index(drop=True), after.reset_index(drop=True), check_dtype=False
    )


def test_deleting_a_team_changes_no_released_figure(released_october):
    (alpha, bravo, charlie), before = released_october
    charlie.delete()  # the 2-answer team: its mean must not be recoverable from the org
    _unchanged(before)


def test_renaming_a_team_changes_no_released_figure(released_october):
    (alpha, bravo, charlie), before = released_october
    alpha.name = "Alpha renamed"
    alpha.save()
    _unchanged(before)


def test_merging_two_teams_changes_no_released_figure(released_october):
    (alpha, bravo, charlie), before = released_october
    TeamMembership.objects.filter(team=charlie).update(team=bravo)
    charlie.delete()
    _unchanged(before)


def test_moving_a_team_s_people_elsewhere_changes_no_released_figure(released_october):
    (alpha, bravo, charlie), before = released_october
    TeamMembership.objects.filter(team=bravo).update(team=alpha)
    _unchanged(before)


def test_deleting_a_person_changes_no_released_figure(released_october):
    (alpha, bravo, charlie), before = released_october
    TeamMembership.objects.filter(team=charlie).first().user.delete()
    _unchanged(before)


def test_moving_a_person_changes_no_released_figure(released_october):
    (alpha, bravo, charlie), before = released_october
    TeamMembership.objects.filter(team=charlie).update(team=alpha)
    _unchanged(before)


def test_changing_membership_changes_no_released_figure(released_october):
    (alpha, bravo, charlie), before = released_october
    for _ in range(5):
        MembershipFactory(team=charlie)  # participation and sizes stay as released
    _unchanged(before)


def test_changing_k_changes_no_released_figure(released_october):
    (alpha, bravo, charlie), before = released_october
    settings = WellbeingSettings.load()
    settings.min_group_size = 3  # Charlie's 2 answers would still be hidden; Bravo would show
    settings.save()
    _unchanged(before)
    settings.min_group_size = 8
    settings.save()
    _unchanged(before)


def test_changing_period_settings_changes_no_released_figure(released_october):
    (alpha, bravo, charlie), before = released_october
    settings = WellbeingSettings.load()
    settings.monthly_open_days = 10
    settings.weekly_pulse_enabled = False
    settings.save()
    _unchanged(before)


def test_a_late_answer_to_a_released_period_is_dropped_unread(released_october):
    (alpha, bravo, charlie), before = released_october
    answers(charlie, 4, cbi=0.0)  # would lift Charlie to 6 answers
    _unchanged(before)
