"""Demo wellbeing data: six months of daily workload, anonymous check-ins, warnings.

Deterministic (a fixed seed per person) and idempotent: workload goes through
the same upsert as an import, check-ins are written only for team-periods that
have none, receipts are inserted ignoring conflicts, warnings are upserts.

The story: "Returns & complaints" drifts into overload over the last six weeks
(overtime, Saturday shifts that make 6-day streaks, occupancy above 90 %, many
hostile contacts) and its monthly check-ins show high work-related burnout.
"Orders & delivery" and "Technical help" stay steady. Technical help has too
few check-in answers, so its results are hidden; Orders is then hidden too, by
complementary suppression, while the organisation total stays visible.

Did the training help? "Technical help" went through a summer of angry
customers (hostile contacts, long wrap-ups, after-hours work, lower CSAT) and
its experienced people completed the stress-management course 16 weeks ago:
from the week after, those signals fell back while Returns, not trained yet,
stayed where it was. "Orders & delivery" completed the course 15 weeks ago and
nothing changed. Over the last four weeks Orders' workload has been creeping
up for most of the team (longer days, more contacts, high occupancy): its
forecast says it is likely to reach a warning within two weeks.
"""

from __future__ import annotations

import datetime as dt
import zlib

import numpy as np
import pandas as pd
from django.utils import timezone

from courses.models import CoursePage, Enrolment, Team, TeamMembership
from training.demo import read_fixture
from wellbeing import instruments, periods
from wellbeing.loaders import workload_upsert
from wellbeing.models import CheckInReceipt, ReleasedCheckInFigure
from wellbeing.services import checkin_seal_store, checkins_release, warnings_compute
from wellbeing.services.impact import forecasts_compute, impact_compute

DAYS = 182
STRAINED = "returns"
OVERLOAD_DAYS = 42
CLOSED_MONTHS = 3
CLOSED_WEEKS = 6
WARNING_WEEKS = 8
#: Check-in answers per period and team: enough in two teams, too few in one.
ANSWERS = {"orders": 6, "returns": 7, "technical": 2}
#: Typical option value (0..4) a team's people choose on CBI items, and on WHO-5 (0..5),
#: per closed month from the oldest; the weekly pulses use the latest.
#: Weeks ago (counted from the current week) in which each team completed the stress course.
STRESS_COURSE_WEEKS_AGO = {"technical": 16, "orders": 15}
HELPED = "technical"
DRIFTING = "orders"
DRIFT_DAYS = 28
#: Who in Orders takes on more, and how much of the full drift.
DRIFTING_PEOPLE = {
    "maria.nowak": 1.0,
    "tom.harris": 0.85,
    "elena.smirnova": 0.7,
    "piotr.wisniewski": 0.6,
    "sara.jones": 0.45,
}
MOOD = {
    "orders": ((1.4, 3.2), (1.3, 3.3), (1.4, 3.2)),
    "returns": ((1.3, 3.3), (1.9, 2.6), (2.7, 1.7)),
    "technical": ((1.2, 3.4), (1.2, 3.4), (1.3, 3.3)),
}


def _rng(*parts: object) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32("/".join(map(str, parts)).encode()))


def _last_sunday(end: dt.date) -> dt.date:
    """The last day of the latest complete week on ``end``: the demo's weeks count from it."""
    return end - dt.timedelta(days=(end.weekday() + 1) % 7)


def _person_days(slug: str, username: str, person_id: int, team_id: int, end: dt.date):
    """``DAYS`` days of one person's workload up to ``end``.

    Everything, the random draws included, is laid out from the latest complete week
    (the Sunday on or before ``end``), never from ``end`` itself: loaded on any day, the
    demo's complete weeks hold the same figures, so its stories read the same.
    """
    last_sunday = pd.Timestamp(_last_sunday(end))
    # Days drawn: DAYS complete ones up to that Sunday and the whole week after it.
    span = DAYS + 7
    dates = pd.date_range(end=last_sunday + pd.Timedelta(days=7), periods=span, freq="D")
    rng = _rng("workload", username)
    weekday = dates.day_of_week.to_numpy()
    overload = np.zeros(span, dtype=bool)
    since_sunday = (dates - last_sunday).days.to_numpy()
    if slug == STRAINED:
        overload = since_sunday > -OVERLOAD_DAYS
    ramp = np.clip((since_sunday + OVERLOAD_DAYS) / 14, 0, 1) * overload
    if slug == DRIFTING and username in DRIFTING_PEOPLE:
        # Most of Orders takes on more and more over the last four weeks (no Saturdays yet).
        ramp = np.clip((since_sunday + DRIFT_DAYS) / DRIFT_DAYS, 0, 1)
        ramp = ramp * DRIFTING_PEOPLE[username]
    # Technical help before its stress course: angry customers, long wrap-ups, evenings.
    this_monday = last_sunday + pd.Timedelta(days=1)
    weeks_ago = ((this_monday - dates).days + 6) // 7
    rough = (slug == HELPED) & (weeks_ago.to_numpy() > STRESS_COURSE_WEEKS_AGO[HELPED] - 1)
    worked = weekday < 5
    worked &= rng.random(span) > 0.03  # the odd day off
    # Overloaded people cover Saturdays: six days in a row.
    worked |= overload & (weekday == 5) & (rng.random(span) < 0.85)
    absent = ~worked & (weekday < 5) & (rng.random(span) < 0.5)
    hours = np.where(worked, rng.normal(8.0, 0.3, span) + ramp * rng.normal(2.2, 0.4, span), 0)
    hours = np.clip(hours, 0, 13).round(1)
    overtime = np.clip(hours - 8, 0, None).round(1)
    contacts = np.where(worked, rng.normal(46, 5, span) * (1 + 0.25 * ramp), 0).round()
    hostile_rate = 0.06 + 0.26 * ramp if slug == STRAINED else np.where(rough, 0.1, 0.05)
    hostile = np.minimum(rng.binomial(contacts.astype(int), hostile_rate), contacts)
    occupancy = np.where(worked, np.clip(rng.normal(78, 3, span) + 14 * ramp, 40, 99), np.nan)
    after_hours = np.where(worked & (rng.random(span) < 0.05 + 0.5 * ramp + 0.25 * rough), 30, 0)
    frame = pd.DataFrame(
        {
            "person_id": person_id,
            "team_id": team_id,
            "date": dates.date,
            "contacts": contacts.astype(int),
            "handle_time_s": np.where(worked, rng.normal(310, 25, span), 0).round().astype(int),
            "after_contact_s": np.where(worked, rng.normal(45 + 15 * rough, 8, span), 0)
            .round()
            .astype(int),
            "occupancy_pct": occupancy.round(1),
            "hours_worked": hours,
            "overtime_h": overtime,
            "after_hours_min": after_hours.astype(int),
            "hostile_contacts": hostile.astype(int),
            "absence": absent,
            "csat": np.where(
                worked, np.clip(rng.normal(4.5 - 0.6 * ramp - 0.3 * rough, 0.2), 1, 5), np.nan
            ).round(2),
            "quality": np.nan,
        }
    )
    kept = (dates > pd.Timestamp(end) - pd.Timedelta(days=DAYS)) & (dates <= pd.Timestamp(end))
    return frame.loc[kept].reset_index(drop=True)


def _answers(form: instruments.Instrument, rng: np.random.Generator, cbi: float, who5: float):
    answers = {}
    for item in form.items:
        top = max(item.options.values)
        if item.code.startswith("who5"):
            centre = who5
        elif item.code.startswith("sib"):
            centre = 1 + cbi  # 1..5
        else:
            centre = top - cbi if item.reverse else cbi
        low = min(item.options.values)
        answers[item.code] = int(np.clip(round(rng.normal(centre, 0.7)), low, top))
    return answers


def _month_labels(end: dt.date, count: int) -> list[str]:
    first = end.replace(day=1)
    labels = []
    for _ in range(count):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        labels.append(f"{first.year}-{first.month:02d}")
    return labels


def _week_labels(end: dt.date, count: int) -> list[str]:
    monday = end - dt.timedelta(days=end.weekday())
    return [periods.week_label(monday - dt.timedelta(weeks=n)) for n in range(1, count + 1)]


def _checkins(teams: dict[str, Team], members: dict[str, list[int]], today: dt.date) -> None:
    """Answers of closed periods, sealed and then released as the nightly task would."""
    released = set(ReleasedCheckInFigure.objects.values_list("period", flat=True).distinct())
    receipts = []
    months = _month_labels(today, CLOSED_MONTHS)[::-1]
    plan = [(label, instruments.MONTHLY_FULL, n) for n, label in enumerate(months)]
    plan += [
        (label, instruments.WEEKLY_PULSE, CLOSED_MONTHS - 1)
        for label in _week_labels(today, CLOSED_WEEKS)
    ]
    for slug, team in teams.items():
        people = members.get(slug, [])
        for label, form, month in plan:
            cbi, who5 = MOOD.get(slug, ((1.5, 3.0),) * CLOSED_MONTHS)[month]
            if label in released:
                continue
            rng = _rng("checkin", slug, label)
            count = min(ANSWERS.get(slug, 5), len(people))
            answering = rng.choice(people, size=count, replace=False) if count else []
            for _person in answering:
                answers = _answers(form, rng, cbi, who5)
                checkin_seal_store(
                    team_id=team.pk,
                    period=label,
                    form=form.code,
                    scores=instruments.score(form, answers),
                )
            receipts.extend(
                CheckInReceipt(user_id=int(user_id), period=label)
                for user_id in sorted(int(u) for u in answering)
            )
    CheckInReceipt.objects.bulk_create(receipts, ignore_conflicts=True)
    checkins_release(today=today)


def _stress_course_completions(end: dt.date) -> None:
    """The experienced people of two teams completed the stress course weeks ago (once)."""
    from courses.services.progress import enrolment_create, lesson_complete, progress_quiz_passed

    course = CoursePage.objects.filter(slug="stress-management", locale__language_code="en").first()
    if course is None:
        return
    people = TeamMembership.objects.filter(
        team__slug__in=list(STRESS_COURSE_WEEKS_AGO), role=TeamMembership.Role.MEMBER
    ).select_related("user", "team")
    if Enrolment.objects.filter(
        course=course, user__in=[m.user for m in people], completed_at__isnull=False
    ).exists():
        return
    new_hires = {
        member["username"]
        for team in read_fixture("people.json")["teams"]
        for member in team["members"]
        if member["new_hire"]
    }
    lessons = list(course.lesson_pages())
    monday = _last_sunday(end) + dt.timedelta(days=1)  # the week the workload story counts from
    for index, membership in enumerate(people.order_by("team__slug", "user__username")):
        if membership.user.username in new_hires:
            continue
        week = monday - dt.timedelta(weeks=STRESS_COURSE_WEEKS_AGO[membership.team.slug])
        done = timezone.make_aware(
            dt.datetime.combine(week + dt.timedelta(days=index % 4), dt.time(15))
        )
        enrolment_create(user=membership.user, course=course, now=done - dt.timedelta(days=6))
        for lesson in lessons:
            lesson_complete(user=membership.user, lesson=lesson, now=done)
        progress_quiz_passed(user=membership.user, course=course, now=done)


def load_wellbeing(*, today: dt.date | None = None) -> None:
    """Workload up to yesterday, check-ins of closed periods, and warnings for 12 weeks."""
    today = today or timezone.localdate()
    end = today - dt.timedelta(days=1)
    teams = {team.slug: team for team in Team.objects.filter(slug__in=list(ANSWERS))}
    memberships = (
        TeamMembership.objects.filter(team__in=teams.values(), role=TeamMembership.Role.MEMBER)
        .select_related("user", "team")
        .order_by("team__slug", "user__username")
    )
    frames = []
    members: dict[str, list[int]] = {}
    for membership in memberships:
        slug = membership.team.slug
        members.setdefault(slug, []).append(membership.user_id)
        frames.append(
            _person_days(
                slug, membership.user.username, membership.user_id, membership.team_id, end
            )
        )
    if frames:
        workload_upsert(pd.concat(frames, ignore_index=True))
    _checkins(teams, members, today)
    last_sunday = _last_sunday(end)
    for weeks_back in range(WARNING_WEEKS - 1, 0, -1):
        warnings_compute(as_of=last_sunday - dt.timedelta(weeks=weeks_back), notify=False)
    warnings_compute(as_of=end, notify=False)
    _stress_course_completions(end)
    forecasts_compute(as_of=end)
    impact_compute(as_of=end)
