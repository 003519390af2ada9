"""What a matrix cell says about one person and one course, from plain values."""

from datetime import date, timedelta

NOT_ASSIGNED = "not_assigned"
NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
OVERDUE = "overdue"
EXPIRING = "expiring"

CELL_STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, OVERDUE, EXPIRING)
EXPIRING_WITHIN_DAYS = 30


def cell_status(
    *,
    status: str | None,
    due_on: date | None,
    valid_until: date | None,
    today: date,
    expiring_within_days: int = EXPIRING_WITHIN_DAYS,
) -> str:
    """One of the cell statuses; `status` is the enrolment's (not_started/in_progress/completed)."""
    if status is None:
        return NOT_ASSIGNED
    if status == "completed":
        if valid_until is not None and valid_until <= today + timedelta(days=expiring_within_days):
            return EXPIRING
        return DONE
    if due_on is not None and due_on < today:
        return OVERDUE
    return IN_PROGRESS if status == "in_progress" else NOT_STARTED


def iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"
