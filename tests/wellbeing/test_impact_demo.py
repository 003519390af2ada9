"""The demo tells three stories: a course that helped, one that did not, a team near a warning."""

import datetime as dt

import pytest
from django.core.management import call_command

from wellbeing.forecast import DEFAULT_SETTINGS
from wellbeing.models import BurnoutWarning, TeamForecast, TrainingImpact

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch):
    # The workload story is written backwards from the day the demo is loaded: pin that day.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2026, 12, 1))
    call_command("load_demo", verbosity=0)


def _verdicts(slug: str) -> dict[str, str]:
    item = TrainingImpact.objects.get(team__slug=slug, course__slug="stress-management")
    return {row["signal"]: row["verdict"] for row in item.results}


def test_the_stress_course_visibly_helped_technical_help(demo):
    verdicts = _verdicts("technical")
    assert verdicts["hostile_share"] == "improved"
    assert verdicts["after_contact_s"] == "improved"


def test_the_stress_course_changed_nothing_for_orders(demo):
    verdicts = _verdicts("orders")
    assert set(verdicts.values()) <= {"no_clear_change", "not_enough_data"}


def test_orders_is_forecast_to_reach_a_warning_it_has_not_reached_yet(demo):
    forecast = TeamForecast.objects.get(team__slug="orders")
    current = BurnoutWarning.objects.filter(team__slug="orders").order_by("-week_start").first()
    assert current.level_rank < 2
    assert forecast.p_warning >= DEFAULT_SETTINGS.rise_from  # "likely": flagged on the page
    others = TeamForecast.objects.filter(team__slug="technical").get()
    assert others.p_warning < 0.2
