"""Anonymous check-ins: nothing ties an answer to a person; one answer per period; skipping."""

import datetime as dt
import json
import random

import pytest
from django.db import DatabaseError, connection

from tests.factories import MembershipFactory, TeamFactory, agent
from wellbeing import instruments
from wellbeing.models import CheckInReceipt, SealedCheckIn, WellbeingSettings
from wellbeing.services.checkins import (
    CheckInRefused,
    checkin_pending_for,
    checkin_skip,
    checkin_submit,
    checkins_open,
    checkins_release,
    open_answer,
    seal_answer,
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
    row = SealedCheckIn.objects.get()
    answer = open_answer(row.sealed)
    assert row.period == WEEK
    assert (answer["form"], answer["scores"]) == (
        "weekly_pulse",
        {"sib": 3, "cbi_work_pulse": 62.5},
    )
    assert CheckInReceipt.objects.filter(user=member, period=WEEK, skipped=False).exists()
    assert checkin_pending_for(user=member, today=MONDAY) is None


def test_a_second_answer_in_the_same_period_is_refused_plainly(member):
    checkin_submit(user=member, form="weekly_pulse", period=WEEK, answers=PULSE, today=MONDAY)
    with pytest.raises(CheckInRefused, match="already answered"):
        checkin_submit(user=member, form="weekly_pulse", period=WEEK, answers=PULSE, today=MONDAY)
    assert SealedCheckIn.objects.count() == 1


def test_skipping_writes_a_receipt_and_no_answer(member):
    assert checkin_pending_for(user=member, today=MONDAY).period == WEEK
    checkin_skip(user=member, form="weekly_pulse", period=WEEK, today=MONDAY)
    assert SealedCheckIn.objects.count() == 0
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
    assert SealedCheckIn.objects.count() == CheckInReceipt.objects.count() == 0


def test_the_sealed_answer_table_has_no_readable_value_but_the_period():
    columns = {f.column for f in SealedCheckIn._meta.get_fields() if hasattr(f, "column")}
    assert columns == {"id", "period", "sealed"}
    assert SealedCheckIn._meta.pk.get_internal_type() == "UUIDField"


def test_a_closed_period_is_released_once_and_its_answers_and_receipts_are_destroyed(member):
    checkin_submit(user=member, form="weekly_pulse", period=WEEK, answers=PULSE, today=MONDAY)
    assert checkins_release(today=MONDAY) == 0  # the week is still open
    assert SealedCheckIn.objects.count() == CheckInReceipt.objects.count() == 1
    assert checkins_release(today=dt.date(2026, 11, 23), rng=random.Random(1)) == 1
    assert SealedCheckIn.objects.count() == CheckInReceipt.objects.count() == 0
    assert checkins_release(today=dt.date(2026, 11, 24)) == 0


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
    assert SealedCheckIn.objects.count() == 1
    again = client.post(
        "/checkin/", {"form_code": "weekly_pulse", "period": WEEK, **PULSE}, follow=True
    )
    assert "already answered" in again.content.decode()
    assert SealedCheckIn.objects.count() == 1


def test_an_incomplete_answer_is_refused_with_a_message(client, member, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: MONDAY)
    client.force_login(member)
    response = client.post("/checkin/", {"form_code": "weekly_pulse", "period": WEEK, "sib_1": 3})
    assert response.status_code == 400
    assert "Please choose an answer." in response.content.decode()
    assert SealedCheckIn.objects.count() == CheckInReceipt.objects.count() == 0


def test_the_banner_invites_the_agent_until_they_answer_or_skip(client, member, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: MONDAY)
    client.force_login(member)
    assert "checkin-banner" in client.get("/training/").content.decode()
    client.post("/checkin/", {"form_code": "weekly_pulse", "period": WEEK, "skip": "1"})
    assert "checkin-banner" not in client.get("/training/").content.decode()


# --- attacks: pairing an answer with a person from anything stored --------------------

SUNDAY_AFTER = dt.date(2026, 11, 23)  # WEEK has closed
OTHER_WEEK = "2026-W46"
#: Six people answer the pulse with six different single-item values/exhaustion levels.
KNOWN = [
    {"sib_1": 1, "cbi_w1": 0, "cbi_w4": 0},
    {"sib_1": 2, "cbi_w1": 1, "cbi_w4": 1},
    {"sib_1": 3, "cbi_w1": 2, "cbi_w4": 2},
    {"sib_1": 4, "cbi_w1": 3, "cbi_w4": 3},
    {"sib_1": 5, "cbi_w1": 4, "cbi_w4": 4},
    {"sib_1": 5, "cbi_w1": 0, "cbi_w4": 4},
]


@pytest.fixture
def six(db, settings):
    settings.STEADY_CHECKIN_COMMENTS_ENABLED = True
    settings.STEADY_CHECKIN_COMMENTS_MIN_ANSWERS = 5
    team = TeamFactory()
    people = [agent() for _ in KNOWN]
    for person in people:
        MembershipFactory(team=team, user=person)
    return team, people


def _every_stored_cell() -> list[tuple[str, list]]:
    """Every row of every table, with the physical position and (PostgreSQL) the writer's xid."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                cursor.execute(f"SELECT ctid::text, xmin::text, * FROM {quoted} ORDER BY ctid")
            else:
                try:
                    cursor.execute(f"SELECT rowid, * FROM {quoted} ORDER BY rowid")
                except DatabaseError:  # WITHOUT ROWID and virtual tables: read as stored
                    cursor.execute(f"SELECT NULL, * FROM {quoted}")
            rows.extend((table, list(row)) for row in cursor.fetchall())
    return rows


def _cached_values() -> list[str]:
    """Every value in the default cache, local memory or Redis."""
    from django.core.cache import cache

    store = cache._cache
    if isinstance(store, dict):
        return [repr(value) for value in store.values()]
    client = store.get_client(None, write=False)
    return [_as_text(client.get(key) or b"") for key in client.scan_iter()]


def _as_text(value) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("latin-1")
    return str(value)


def _answer_in_known_order(people, *, period=WEEK, today=MONDAY, order=None):
    order = order or range(len(people))
    for i in order:
        checkin_submit(
            user=people[i],
            form="weekly_pulse",
            period=period,
            answers=KNOWN[i],
            today=today,
            comment=f"marker-{i}-{people[i].pk}",
        )


def test_while_the_period_is_open_no_stored_cell_holds_any_answer_or_comment(six, caplog, settings):
    team, people = six
    caplog.set_level("DEBUG")
    _answer_in_known_order(people)
    markers = [f"marker-{i}-{person.pk}" for i, person in enumerate(people)]
    cells = _every_stored_cell()
    for table, row in cells:
        text = " ".join(_as_text(value) for value in row)
        assert not any(marker in text for marker in markers), table
        assert '"sib"' not in text and "cbi_w1" not in text, table
    # Logs and the cache hold nothing of the answers either.
    assert not any(marker in record.getMessage() for record in caplog.records for marker in markers)
    assert not any(marker in value for value in _cached_values() for marker in markers)
    # What pairs by order (rowid/ctid/xmin) with a receipt is ciphertext of one fixed length...
    blobs = [bytes(b) for b in SealedCheckIn.objects.values_list("sealed", flat=True)]
    assert len(blobs) == len(people) and len({len(b) for b in blobs}) == 1
    # ...that no key but the server's opens.
    settings.SECRET_KEY = "a-copy-of-the-database-does-not-hold-this"
    from cryptography.exceptions import InvalidTag

    for blob in blobs:
        with pytest.raises(InvalidTag):
            open_answer(blob)


def test_the_same_answer_twice_is_sealed_into_unrelated_bytes(member, db):
    team = TeamFactory()
    first = seal_answer(team_id=team.pk, form="weekly_pulse", scores={"sib": 3}, comment="")
    second = seal_answer(team_id=team.pk, form="weekly_pulse", scores={"sib": 3}, comment="")
    assert first != second and len(first) == len(second)
    longer = seal_answer(
        team_id=team.pk, form="weekly_pulse", scores={"sib": 3}, comment="x" * 2000
    )
    assert len(longer) == len(first)  # the length of a comment is not readable either


def _released_state(period: str) -> list:
    """Everything stored about a released period, in physical order, ids left out."""
    cells = []
    for table, row in _every_stored_cell():
        if table not in {"wellbeing_releasedcheckinfigure", "wellbeing_releasedcheckincomments"}:
            continue
        text = [_as_text(value) for value in row]
        if period not in text:
            continue
        offset = 2 if connection.vendor == "postgresql" else 1
        values = [value for value in text[offset + 1 :] if value != period]  # no ctid, xmin, pk
        if table.endswith("comments"):
            values = sorted(json.loads(values[-1]))  # shuffled at release: a multiset
        cells.append((table, values))
    # The physical order of aggregate rows is the storage engine's (PostgreSQL reuses
    # free space): it carries no person, so compare what is stored, not where.
    return sorted(cells)


def test_after_release_the_stored_state_is_the_same_whoever_gave_which_answer(six):
    """Two weeks: the same six answers, given by different people in a different order.

    If everything stored about the two weeks is identical, no join (ids, rowid
    or ctid order, xmin, timestamps, counters) can do better than chance.
    """
    team, people = six
    _answer_in_known_order(people, period=OTHER_WEEK, today=dt.date(2026, 11, 9))
    # Next week the answers are swapped between people and given in reverse order.
    swapped = people[3:] + people[:3]
    for i in reversed(range(len(people))):
        checkin_submit(
            user=swapped[i],
            form="weekly_pulse",
            period=WEEK,
            answers=KNOWN[i],
            today=MONDAY,
            comment=f"marker-{i}-{people[i].pk}",
        )
    checkins_release(today=SUNDAY_AFTER)
    assert SealedCheckIn.objects.count() == CheckInReceipt.objects.count() == 0
    first, second = _released_state(OTHER_WEEK), _released_state(WEEK)
    assert first and len(first) == len(second)
    assert first == second


def test_after_release_no_per_person_record_remains_and_deleted_pages_are_wiped(six):
    team, people = six
    _answer_in_known_order(people)
    checkins_release(today=SUNDAY_AFTER)
    assert SealedCheckIn.objects.count() == CheckInReceipt.objects.count() == 0
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete")
            assert cursor.fetchone()[0] == 1
