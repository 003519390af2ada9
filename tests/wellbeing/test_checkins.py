"""Anonymous check-ins: nothing ties an answer to a person; one answer per period; skipping."""

import datetime as dt
import random

import pytest
from django.db import connection

from tests.factories import MembershipFactory, TeamFactory, agent
from wellbeing import instruments
from wellbeing.models import CheckIn, CheckInReceipt, WellbeingSettings
from wellbeing.services import (
    CheckInRefused,
    checkin_pending_for,
    checkin_skip,
    checkin_submit,
    checkins_open,
    checkins_seal,
)

MONDAY = dt.date(2026, 11, 16)  # early in the month: only the weekly pulse is open
WEEK = "2026-W47"
PULSE = {"sib_1": 3, "cbi_w1": 2, "cbi_w4": 3}


@pytest.fixture
def member(db):
    team = TeamFactory()
    person = agent()
    MembershipFactory(team=team, user=person)
    return person


def test_the_pulse_is_open_every_week_and_the_monthly_check_in_at_the_end_of_the_month(db):
    settings = WellbeingSettings.load()
    assert [c.period for c in checkins_open(today=MONDAY, settings=settings)] == [WEEK]
    late = checkins_open(today=dt.date(2026, 11, 27), settings=settings)
    assert [(c.form, c.period) for c in late] == [
        ("monthly_full", "2026-11"),
        ("weekly_pulse", "2026-W48"),
    ]


def test_the_weekly_pulse_items_are_what_the_test_answers():
    assert set(instruments.WEEKLY_PULSE.item_codes) == set(PULSE)


def test_an_answer_is_stored_with_team_period_and_scores_and_a_receipt(member):
    checkin_submit(user=member, form="weekly_pulse", period=WEEK, answers=PULSE, today=MONDAY)
    row = CheckIn.objects.get()
    assert (row.period, row.form, row.sib, row.cbi_work_pulse) == (WEEK, "weekly_pulse", 3, 62.5)
    assert CheckInReceipt.objects.filter(user=member, period=WEEK, skipped=False).exists()
    assert checkin_pending_for(user=member, today=MONDAY) is None


def test_a_second_answer_in_the_same_period_is_refused_plainly(member):
    checkin_submit(user=member, form="weekly_pulse", period=WEEK, answers=PULSE, today=MONDAY)
    with pytest.raises(CheckInRefused, match="already answered"):
        checkin_submit(user=member, form="weekly_pulse", period=WEEK, answers=PULSE, today=MONDAY)
    assert CheckIn.objects.count() == 1


def test_skipping_writes_a_receipt_and_no_answer(member):
    assert checkin_pending_for(user=member, today=MONDAY).period == WEEK
    checkin_skip(user=member, form="weekly_pulse", period=WEEK, today=MONDAY)
    assert CheckIn.objects.count() == 0
    assert checkin_pending_for(user=member, today=MONDAY) is None
    with pytest.raises(CheckInRefused):
        checkin_submit(user=member, form="weekly_pulse", period=WEEK, answers=PULSE, today=MONDAY)


def test_a_closed_or_future_period_is_refused(member):
    with pytest.raises(CheckInRefused, match="closed"):
        checkin_submit(
            user=member, form="weekly_pulse", period="2026-W40", answers=PULSE, today=MONDAY
        )


def test_a_person_in_no_team_cannot_answer(db):
    with pytest.raises(CheckInRefused):
        checkin_submit(user=agent(), form="weekly_pulse", period=WEEK, answers=PULSE, today=MONDAY)
    assert CheckIn.objects.count() == CheckInReceipt.objects.count() == 0


def test_the_answer_table_has_no_column_that_could_point_at_a_person():
    columns = {field.column for field in CheckIn._meta.get_fields() if hasattr(field, "column")}
    assert columns == {
        "id",
        "team_id",
        "period",
        "form",
        "answers",
        "comment",
        "sib",
        "cbi_work_pulse",
        "cbi_work",
        "cbi_client",
        "who5",
        "sealed",
    }
    forbidden = ("user", "person", "created", "updated", "time", "ip", "session", "agent")
    assert not [c for c in columns if any(word in c for word in forbidden)]


def test_the_database_tables_share_no_value_but_the_period(member):
    """What a database owner sees: no shared id, no sequence, no time in either table."""
    others = [agent() for _ in range(3)]
    team = MembershipFactory._meta.model.objects.get(user=member).team
    for person in others:
        MembershipFactory(team=team, user=person)
    for person in [member, *others]:
        checkin_submit(user=person, form="weekly_pulse", period=WEEK, answers=PULSE, today=MONDAY)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {CheckIn._meta.db_table}")
        answer_values = {str(v) for row in cursor.fetchall() for v in row}
        cursor.execute(f"SELECT * FROM {CheckInReceipt._meta.db_table}")
        receipt_values = {str(v) for row in cursor.fetchall() for v in row}
    shared = answer_values & receipt_values
    # The period, and booleans (sealed/skipped) that say nothing about anyone.
    assert shared <= {WEEK, "False", "True", "0", "1"}
    # Primary keys are random UUIDs, not a sequence that orders the rows.
    for model in (CheckIn, CheckInReceipt):
        assert model._meta.pk.get_internal_type() == "UUIDField"


def test_sealing_rewrites_closed_periods_in_a_random_order(member):
    checkin_submit(user=member, form="weekly_pulse", period=WEEK, answers=PULSE, today=MONDAY)
    before = set(CheckIn.objects.values_list("id", flat=True))
    assert checkins_seal(today=MONDAY) == 0  # the week is still open
    assert checkins_seal(today=dt.date(2026, 11, 23), rng=random.Random(1)) == 1
    after = CheckIn.objects.get()
    assert after.sealed and after.id not in before
    assert (after.sib, after.period) == (3, WEEK)


def test_the_checkin_page_shows_the_open_form_and_takes_an_answer(
    client, member, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: MONDAY)
    client.force_login(member)
    with django_assert_max_num_queries(8):
        page = client.get("/checkin/")
    assert page.status_code == 200
    assert "Is your work emotionally exhausting?" in page.content.decode()
    response = client.post(
        "/checkin/", {"form_code": "weekly_pulse", "period": WEEK, **PULSE, "answer": "1"}
    )
    assert response.status_code == 302
    assert CheckIn.objects.count() == 1
    again = client.post(
        "/checkin/", {"form_code": "weekly_pulse", "period": WEEK, **PULSE}, follow=True
    )
    assert "already answered" in again.content.decode()
    assert CheckIn.objects.count() == 1


def test_an_incomplete_answer_is_refused_with_a_message(client, member, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: MONDAY)
    client.force_login(member)
    response = client.post("/checkin/", {"form_code": "weekly_pulse", "period": WEEK, "sib_1": 3})
    assert response.status_code == 400
    assert "Please choose an answer." in response.content.decode()
    assert CheckIn.objects.count() == CheckInReceipt.objects.count() == 0


def test_the_banner_invites_the_agent_until_they_answer_or_skip(client, member, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: MONDAY)
    client.force_login(member)
    assert "checkin-banner" in client.get("/training/").content.decode()
    client.post("/checkin/", {"form_code": "weekly_pulse", "period": WEEK, "skip": "1"})
    assert "checkin-banner" not in client.get("/training/").content.decode()
