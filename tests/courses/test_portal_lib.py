"""Pure helpers of the portal: prerequisite cycles, matrix statuses, certificate codes."""

from datetime import date

from courses.lib.codes import ALPHABET, LENGTH, display_code, new_code, normalise_code
from courses.lib.graph import prerequisite_cycle
from courses.lib.status import cell_status, iso_week

TODAY = date(2026, 11, 27)


def test_a_chain_of_prerequisites_is_no_cycle():
    assert prerequisite_cycle({1: {2}, 2: {3}}, start=1) == []


def test_it_finds_the_circle_back_to_the_course():
    assert prerequisite_cycle({1: {2}, 2: {3}, 3: {1}}, start=1) == [1, 2, 3, 1]


def test_a_cycle_elsewhere_is_not_this_courses_problem():
    assert prerequisite_cycle({1: {2}, 2: {3}, 3: {2}}, start=1) == []


def test_cell_without_enrolment_is_not_assigned():
    assert cell_status(status=None, due_on=None, valid_until=None, today=TODAY) == "not_assigned"


def test_cell_past_due_and_unfinished_is_overdue():
    cell = cell_status(
        status="in_progress", due_on=date(2026, 11, 1), valid_until=None, today=TODAY
    )
    assert cell == "overdue"


def test_cell_completed_close_to_expiry_is_expiring():
    soon = cell_status(status="completed", due_on=None, valid_until=date(2026, 12, 10), today=TODAY)
    later = cell_status(status="completed", due_on=None, valid_until=date(2027, 6, 1), today=TODAY)
    assert (soon, later) == ("expiring", "done")


def test_cell_not_started_and_in_progress():
    assert cell_status(status="not_started", due_on=None, valid_until=None, today=TODAY) == (
        "not_started"
    )
    assert cell_status(status="in_progress", due_on=TODAY, valid_until=None, today=TODAY) == (
        "in_progress"
    )


def test_iso_week_is_the_reminder_period():
    assert iso_week(date(2026, 11, 27)) == "2026-W48"


def test_codes_are_ten_characters_of_the_safe_alphabet_and_differ():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == LENGTH and set(c) <= set(ALPHABET) for c in codes)
    assert not set("01OIL") & set(ALPHABET)


def test_typed_codes_are_normalised_and_displayed_in_two_groups():
    assert normalise_code(" abcde-fgh23 ") == "ABCDEFGH23"
    assert display_code("ABCDEFGH23") == "ABCDE-FGH23"
