"""Burnout warnings: compute them from workload and released check-ins; act on them."""

from __future__ import annotations

import datetime as dt
import logging
import math

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.selectors import course_for_topic
from courses.services.progress import enrolment_assign_team
from wellbeing import loaders, metrics
from wellbeing.models import BurnoutWarning, WellbeingSettings
from wellbeing.selectors import checkin_scores_released

logger = logging.getLogger(__name__)

#: Days of workload read before `as_of`: the baseline weeks plus the longest
#: streaks the rules look back over, with room to spare.
HISTORY_WEEKS_EXTRA = 8


class WarningActionRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _plain(value):
    """A JSON-safe Python number (or None) from a numpy/pandas scalar."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        return None if math.isnan(value) else round(float(value), 4)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def _plain_params(params: dict) -> dict:
    return {key: _plain(value) for key, value in params.items()}


def _flagged_people(person_weeks: pd.DataFrame, week: str) -> dict[int, list[dict]]:
    """Per team: the people flagged in `week` with their reasons and numbers."""
    rows = person_weeks.loc[(person_weeks["week"] == week) & person_weeks["flagged"]]
    by_team: dict[int, list[dict]] = {}
    for row in rows.to_dict("records"):
        reasons = [
            {
                "code": code,
                "params": _plain_params(
                    {column: row[column] for column in metrics.PERSON_REASON_PARAMS[code]}
                ),
            }
            for code in row["reasons"]
        ]
        if pd.isna(row["team_id"]):
            continue
        by_team.setdefault(int(row["team_id"]), []).append(
            {"person_id": int(row["person_id"]), "reasons": reasons}
        )
    return by_team


def warnings_compute(
    *, as_of: dt.date, notify: bool = True, team_ids: list[int] | None = None
) -> int:
    """Compute every team's warning for the latest complete week up to `as_of`.

    Reads workload since the baseline window, the released check-in aggregates
    (closed periods, at least k answers, complementary suppression), runs the
    pure metrics and upserts one `BurnoutWarning` per team and week: a second
    run for the same day replaces the numbers and keeps any acknowledgement.
    Returns the number of team rows written. With `notify`, the leads of a team
    whose warning is new or rose a level get an e-mail (after the commit).

    `team_ids` limits the run to some teams, so that a large organisation can be
    split into several tasks (`tasks.burnout_nightly`): it reads the whole
    history of every person who worked for those teams in the window (a person
    who moved teams keeps their baseline), and writes only those teams' rows,
    so the split gives the same warnings as one run.
    """
    preferences = WellbeingSettings.load()
    thresholds = preferences.thresholds()
    since = as_of - dt.timedelta(weeks=thresholds.baseline_weeks + HISTORY_WEEKS_EXTRA)
    person_ids = None
    if team_ids is not None:
        person_ids = loaders.people_of_teams(team_ids=team_ids, since=since, until=as_of)
    workload = loaders.workload_frame(since=since, until=as_of, person_ids=person_ids)
    released = checkin_scores_released(
        today=as_of + dt.timedelta(days=1), k=preferences.min_group_size
    )
    if workload.empty:
        strain = pd.DataFrame({column: [] for column in metrics.TEAM_WEEK_COLUMNS})
        person_weeks = pd.DataFrame({column: [] for column in metrics.PERSON_WEEK_COLUMNS})
    else:
        person_weeks = metrics.person_weeks(workload, as_of=as_of, thresholds=thresholds)
        strain = metrics.team_week_strain(person_weeks, thresholds=thresholds)
    result = metrics.team_warnings(strain, released, as_of=as_of, thresholds=thresholds)
    if team_ids is not None:
        result = result.loc[result["team_id"].isin(team_ids)]
    if result.empty:
        return 0
    week = str(result["week"].iloc[0])
    people = _flagged_people(person_weeks, week) if not person_weeks.empty else {}
    return _warnings_write(result, people=people, as_of=as_of, notify=notify)


@transaction.atomic
def _warnings_write(
    result: pd.DataFrame, *, people: dict[int, list[dict]], as_of: dt.date, notify: bool
) -> int:
    now = timezone.now()
    written = 0
    before = dict(
        BurnoutWarning.objects.filter(
            team_id__in=result["team_id"].astype(int).tolist(), week__in=result["week"].unique()
        ).values_list("team_id", "level_rank")
    )
    risen: list[int] = []
    for row in result.to_dict("records"):
        team_id = int(row["team_id"])
        if int(row["level_rank"]) > before.get(team_id, 0):
            risen.append(team_id)
        BurnoutWarning.objects.update_or_create(
            team_id=team_id,
            week=row["week"],
            defaults={
                "week_start": pd.Timestamp(row["week_start"]).date(),
                "level": row["level"],
                "level_rank": int(row["level_rank"]),
                "workload_level": row["workload_level"],
                "checkin_level": row["checkin_level"],
                "people": int(row["people"]),
                "flagged": int(row["flagged"]),
                "reasons": [
                    {"code": r["code"], "params": _plain_params(r["params"])}
                    for r in row["reasons"]
                ],
                "actions": list(row["actions"]),
                "flagged_people": people.get(team_id, []),
                "as_of": as_of,
                "computed_at": now,
            },
        )
        written += 1
    if notify and risen:
        week = str(result["week"].iloc[0])
        transaction.on_commit(lambda: warnings_notify_leads(team_ids=risen, week=week))
    logger.info("Burnout warnings computed for %s teams as of %s", written, as_of)
    return written


def warnings_notify_leads(*, team_ids: list[int], week: str) -> int:
    """E-mail each lead of the given teams their team's warning, in their own language."""
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import translation
    from wagtail.users.models import UserProfile

    from courses.lib.urls import absolute_url
    from courses.models import TeamMembership
    from wellbeing import reasons

    t = WellbeingSettings.load().thresholds()
    warnings = {
        w.team_id: w
        for w in BurnoutWarning.objects.filter(team_id__in=team_ids, week=week).select_related(
            "team"
        )
    }
    leads = TeamMembership.objects.filter(
        team_id__in=team_ids, role=TeamMembership.Role.LEAD
    ).select_related("user")
    languages = dict(
        UserProfile.objects.filter(user__in=[m.user for m in leads]).values_list(
            "user_id", "preferred_language"
        )
    )
    sent = 0
    for membership in leads:
        warning = warnings.get(membership.team_id)
        if warning is None or not membership.user.email:
            continue
        with translation.override(languages.get(membership.user_id) or "en"):
            lines = [
                reasons.render_reason(r["code"], r.get("params", {}), total=warning.people, t=t)
                for r in warning.reasons
            ]
            link = absolute_url(reverse("wellbeing:team_detail", args=[warning.team_id]))
            subject = _("%(level)s: burnout warning for %(team)s, week %(week)s") % {
                "level": warning.get_level_display(),
                "team": warning.team.label,
                "week": warning.week,
            }
            body = "\n".join(["- " + line for line in lines] + ["", str(link)])
        send_mail(str(subject), body, None, [membership.user.email], fail_silently=False)
        sent += 1
    return sent


def warning_acknowledge(*, warning: BurnoutWarning, user, note: str) -> BurnoutWarning:
    """The lead has seen the warning and says what they did about it."""
    warning.acknowledged_by = user
    warning.acknowledged_at = timezone.now()
    warning.action_note = note.strip()
    warning.save(update_fields=["acknowledged_by", "acknowledged_at", "action_note"])
    return warning


def stress_management_course():
    """The live stress-management course in the default language (by its topic)."""
    return course_for_topic(topic_code="stress_management")


def warning_assign_stress_course(*, warning: BurnoutWarning, user, today: dt.date):
    """Assign the stress-management course to the warned team, due in two weeks.

    The enrolment itself is the courses app's business (wellbeing -> courses).
    """
    course = stress_management_course()
    if course is None:
        raise WarningActionRefused(_("No stress-management course is published yet."))
    result = enrolment_assign_team(
        team=warning.team, course=course, due_on=today + dt.timedelta(days=14)
    )
    warning.course_assigned_at = timezone.now()
    note = str(_("Stress-management course assigned to the team."))
    if note not in warning.action_note:
        warning.action_note = (warning.action_note + "\n" + note).strip()
    warning.save(update_fields=["course_assigned_at", "action_note"])
    return result
