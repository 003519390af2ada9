"""The impact report and the forecast cards: who sees what, exports, bounded queries."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import TeamFactory, agent, lead_of, recruiter, wellbeing_admin
from wellbeing.models import TeamForecast, TrainingImpact

RESULT = {
    "event_week": "2026-W30",
    "signal": "hostile_share",
    "status": "ok",
    "verdict": "improved",
    "estimate": -0.031,
    "low": -0.048,
    "high": -0.014,
    "before": 0.12,
    "after": 0.09,
    "n_before": 8,
    "n_after": 8,
    "controls": 2,
}


def _impact(team, course):
    return TrainingImpact.objects.create(
        course=course,
        team=team,
        event_week="2026-W30",
        controls=2,
        results=[
            RESULT,
            {
                **RESULT,
                "signal": "csat",
                "verdict": "not_enough_data",
                "status": "few_after",
                "estimate": None,
                "low": None,
                "high": None,
            },
        ],
        series={"hostile_share": [["2026-W29", -1, 0.12, 0.1], ["2026-W31", 1, 0.09, 0.1]]},
        as_of=dt.date(2026, 11, 29),
        computed_at=timezone.now(),
    )


@pytest.fixture
def stress_course(db):
    from django.core.management import call_command

    from courses.models import CoursePage

    call_command("load_demo", verbosity=0)
    return CoursePage.objects.get(slug="stress-management", locale__language_code="en")


def test_a_lead_sees_the_impact_on_their_team_and_not_on_others(client, stress_course):
    from courses.models import Team

    TrainingImpact.objects.all().delete()
    mine, other = TeamFactory(name="Mine"), TeamFactory(name="Other")
    _impact(mine, stress_course)
    _impact(other, stress_course)
    client.force_login(lead_of(mine))
    body = client.get("/impact/").content.decode()
    assert "Mine" in body and "Other" not in body
    assert "−" in body or "-3.10 points" in body
    assert "not enough data yet" in body
    assert "All trained teams together" not in body
    assert Team.objects.count() >= 2


@pytest.mark.parametrize("make_user", [agent, recruiter])
def test_people_who_are_neither_leads_nor_hr_cannot_open_the_impact_report(client, db, make_user):
    client.force_login(make_user())
    assert client.get("/impact/").status_code == 403
    assert client.get("/impact/?format=csv").status_code == 403


@pytest.mark.parametrize("count", [2, 12])
def test_hr_sees_every_team_and_the_pooled_rows_in_bounded_queries(
    client, stress_course, django_assert_max_num_queries, count
):
    TrainingImpact.objects.all().delete()
    for index in range(count):
        _impact(TeamFactory(name=f"Team {index}"), stress_course)
    client.force_login(wellbeing_admin())
    with django_assert_max_num_queries(10):
        page = client.get("/impact/")
    body = page.content.decode()
    assert "Team 0" in body and f"Team {count - 1}" in body
    assert "All trained teams together" in body
    assert "<svg" in body


def test_the_export_has_one_line_per_team_and_signal_as_csv_and_xlsx(client, stress_course):
    TrainingImpact.objects.all().delete()
    _impact(TeamFactory(name="Orders"), stress_course)
    client.force_login(wellbeing_admin())
    csv = client.get("/impact/?format=csv")
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Course,Team,Completed in week,Signal,Verdict")
    assert len(lines) == 3 and "improved" in lines[1]
    xlsx = client.get("/impact/?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx.content[:2] == b"PK"


def _forecast(team, p_warning=0.7):
    return TeamForecast.objects.create(
        team=team,
        week="2026-W48",
        by_week="2026-W50",
        level_rank=1,
        p_watch=1.0,
        p_warning=p_warning,
        p_critical=0.12,
        drivers=[
            {
                "code": "share_flagged_rising",
                "params": {"share": 0.25, "per_week": 0.06, "line": 0.35},
            }
        ],
        as_of=dt.date(2026, 11, 29),
        computed_at=timezone.now(),
    )


def test_the_lead_sees_the_forecast_in_plain_words_with_its_drivers(client, db):
    team = TeamFactory()
    _forecast(team)
    client.force_login(lead_of(team))
    body = client.get("/team/").content.decode()
    assert "Likely to reach Warning by W50: about 70%" in body
    assert "Unlikely to reach Critical by W50: about 10%" in body
    assert "rising about 6 points a week" in body


def test_hr_sees_every_teams_forecast_on_the_organisation_page(client, db):
    for name in ("North", "South"):
        _forecast(TeamFactory(name=name), p_warning=0.01)
    client.force_login(wellbeing_admin())
    body = client.get("/organisation/").content.decode()
    assert "Forecast for the next two weeks" in body
    assert body.count("Very unlikely to reach Warning by W50: under 5%") == 2
