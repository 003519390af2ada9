"""What the lead's and HR's dashboards show, assembled from selectors (no writes).

Check-in numbers come only from `selectors.checkin_scores_released`; a
suppressed cell carries its reason and never a number.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from courses.conf import steady_setting
from courses.models import Team
from wellbeing import instruments, loaders, privacy, reasons, selectors
from wellbeing.charts import Series, line_chart
from wellbeing.models import BurnoutWarning, WellbeingSettings
from wellbeing.reasons import SCALE_NAMES

CHART_WEEKS = 12
MONTHLY_SCALES = ("cbi_work", "cbi_client", "who5")
WEEKLY_SCALES = ("cbi_work_pulse", "sib")
LEVEL_BADGES = {
    "none": "badge-ok",
    "watch": "badge-info",
    "warning": "badge-warn",
    "critical": "badge-bad",
}


def _week_labels(starts: pd.Series) -> list[str]:
    return [f"{d.isocalendar()[1]:02d}" for d in pd.to_datetime(starts)]


def workload_charts(*, team_ids: list[int] | None, today: dt.date, t) -> list:
    # Up to the last complete week: a half-finished week would look like a sudden drop.
    last_sunday = today - dt.timedelta(days=today.weekday() + 1)
    weekly = loaders.weekly_workload(team_ids=team_ids, weeks=CHART_WEEKS, as_of=last_sunday)
    labels = [_("W%(week)s") % {"week": w} for w in _week_labels(weekly["week_start"])]

    def values(column: str) -> list[float | None]:
        return [None if pd.isna(v) else float(v) for v in weekly[column]]

    return [
        line_chart(
            title=_("Hours per person per week"),
            labels=labels,
            series=[Series(_("hours per person"), values("hours_per_person"), "s1")],
            width=520,
        ),
        line_chart(
            title=_("Contacts per person per week"),
            labels=labels,
            series=[Series(_("contacts per person"), values("contacts_per_person"), "s2")],
            width=520,
        ),
        line_chart(
            title=_("Average occupancy"),
            labels=labels,
            series=[Series(_("occupancy %"), values("occupancy_pct"), "s3")],
            y_max=100,
            line=t.occupancy_high,
            line_label=_("limit %(value)s%%") % {"value": f"{t.occupancy_high:g}"},
            width=520,
        ),
    ]


def shown_cell(cell: dict) -> dict:
    """A released cell with what may be said of it (privacy rule 6: no certainty).

    Adds ``mean_text``, ``share_text`` and ``chart_value`` (the mean, or the
    bound shown instead of it); the exact mean of a small group stays out of
    the page.
    """
    shown = reasons.checkin_figure(
        scale=cell["scale"],
        n=cell["n"],
        mean=cell["mean"],
        share=cell.get("share_concern"),
        k=cell["k"],
    )
    return {
        "period": cell["period"],
        "scale": cell["scale"],
        "released": True,
        "n": cell["n"],
        "participation": cell.get("participation"),
        "mean_text": reasons.checkin_mean_text(shown, scale=cell["scale"]),
        "share_text": reasons.checkin_share_text(shown),
        "chart_value": shown.mean if shown.mean is not None else shown.mean_limit,
        "exact": shown.exact,
    }


def checkin_view(*, released: pd.DataFrame, team_id: int, k: int) -> dict:
    """Released check-in trends of one group: a chart of the monthly scales and a table."""
    trend = [
        shown_cell(row) if row["released"] else row
        for row in selectors.checkin_trend_for_team(
            released=released, team_id=team_id, scales=MONTHLY_SCALES + WEEKLY_SCALES
        )
    ]
    months = sorted({row["period"] for row in trend if row["scale"] in MONTHLY_SCALES})
    by_key = {(row["period"], row["scale"]): row for row in trend}
    chart = None
    if any(row["released"] for row in trend if row["scale"] in MONTHLY_SCALES):
        chart = line_chart(
            title=_("Monthly check-in scores (0–100)"),
            labels=months,
            series=[
                Series(
                    str(SCALE_NAMES[scale]),
                    [by_key.get((m, scale), {}).get("chart_value") for m in months],
                    css,
                )
                for scale, css in zip(MONTHLY_SCALES, ("s1", "s2", "s3"), strict=True)
            ],
            y_max=100,
            line=instruments.CBI_HIGH_LINE,
            line_label=_("high burnout line"),
        )
    rows = []
    for period in sorted({row["period"] for row in trend}, reverse=True)[:8]:
        cells = []
        for scale in MONTHLY_SCALES + WEEKLY_SCALES:
            cells.append(by_key.get((period, scale)))
        shown = [c for c in cells if c and c["released"] and c.get("participation") is not None]
        participation = shown[0]["participation"] if shown else None
        rows.append({"period": period, "cells": cells, "participation": participation})
    return {
        "chart": chart,
        "rows": rows,
        "scales": [SCALE_NAMES[s] for s in MONTHLY_SCALES + WEEKLY_SCALES],
        "k": k,
        "any": bool(trend),
        "complementary": any(row.get("why") == "complementary" for row in trend),
        "bands": any(row["released"] and not row["exact"] for row in trend),
        "exact_size": privacy.exact_group_size(k),
    }


def warning_view(warning: BurnoutWarning | None, *, t, names: dict[int, str]) -> dict | None:
    if warning is None:
        return None
    return {
        "object": warning,
        "badge": LEVEL_BADGES.get(warning.level, "badge"),
        "reasons": [
            reasons.render_reason(r["code"], r.get("params", {}), total=warning.people, t=t)
            for r in warning.reasons
        ],
        "actions": [
            {"code": code, "text": reasons.render_action(code)} for code in warning.actions
        ],
        "people": [
            {
                "name": names.get(p["person_id"], "?"),
                "signals": reasons.render_person_reasons(p["reasons"], t=t),
            }
            for p in warning.flagged_people
        ],
    }


def _names(person_ids: set[int]) -> dict[int, str]:
    users = get_user_model().objects.filter(pk__in=person_ids)
    return {u.pk: u.get_full_name() or u.get_username() for u in users}


def team_context(*, team: Team, today: dt.date) -> dict:
    preferences = WellbeingSettings.load()
    t = preferences.thresholds()
    latest = selectors.warnings_latest(team_ids=[team.pk]).get(team.pk)
    person_ids = {p["person_id"] for p in (latest.flagged_people if latest else [])}
    names = _names(person_ids) if person_ids else {}
    released = selectors.checkin_scores_released(today=today, k=preferences.min_group_size)
    history = list(selectors.warning_history(team_id=team.pk))
    return {
        "team": team,
        "warning": warning_view(latest, t=t, names=names),
        "history": [{"object": w, "badge": LEVEL_BADGES.get(w.level, "badge")} for w in history],
        "charts": workload_charts(team_ids=[team.pk], today=today, t=t),
        "checkins": checkin_view(released=released, team_id=team.pk, k=preferences.k),
        **comments_context(teams=[team]),
    }


def organisation_context(*, today: dt.date) -> dict:
    preferences = WellbeingSettings.load()
    t = preferences.thresholds()
    teams = list(Team.objects.order_by("name"))
    team_ids = [team.pk for team in teams]
    first_monday = today - dt.timedelta(days=today.weekday(), weeks=CHART_WEEKS)
    warnings = list(
        BurnoutWarning.objects.filter(team_id__in=team_ids, week_start__gte=first_monday)
        .order_by("week_start")
        .only("team_id", "week", "week_start", "level", "people", "flagged")
    )
    weeks = sorted({(w.week_start, w.week) for w in warnings})
    cells = {(w.team_id, w.week): w for w in warnings}
    heat = [
        {
            "team": team,
            "cells": [
                {
                    "week": label,
                    "level": cells[(team.pk, label)].level if (team.pk, label) in cells else "",
                    "flagged": cells[(team.pk, label)].flagged
                    if (team.pk, label) in cells
                    else None,
                    "people": cells[(team.pk, label)].people if (team.pk, label) in cells else None,
                }
                for _start, label in weeks
            ],
        }
        for team in teams
    ]
    released = selectors.checkin_scores_released(today=today, k=preferences.min_group_size)
    groups = [(_("Whole organisation"), selectors.ORGANISATION_ID)] + [
        (team.label, team.pk) for team in teams
    ]
    latest_rows = _latest_released_table(released, groups, k=preferences.k)
    return {
        "teams": teams,
        "weeks": [label for _start, label in weeks],
        "heat": heat,
        "charts": workload_charts(team_ids=None, today=today, t=t),
        "org_checkins": checkin_view(
            released=released, team_id=selectors.ORGANISATION_ID, k=preferences.k
        ),
        "latest": latest_rows,
        **comments_context(teams=teams),
        "k": preferences.k,
        "scales": [SCALE_NAMES[s] for s in MONTHLY_SCALES],
    }


def comments_context(*, teams: list[Team]) -> dict:
    """Released check-in comments of these teams (issue: comments shown to leads and HR)."""
    enabled = bool(steady_setting("CHECKIN_COMMENTS_ENABLED"))
    names = {team.pk: team.name for team in teams}
    blocks = selectors.checkin_comments_released(team_ids=list(names)) if enabled and names else []
    for block in blocks:
        block["team_name"] = names.get(block["team_id"], "") if len(names) > 1 else ""
    minimum = max(
        int(steady_setting("CHECKIN_COMMENTS_MIN_ANSWERS")),
        WellbeingSettings.load().k,
    )
    return {"comments_enabled": enabled, "comments": blocks, "comments_min": minimum}


def _latest_released_table(released: pd.DataFrame, groups, *, k: int) -> dict:
    """The latest closed month: one row per group, a cell per monthly scale."""
    monthly = released.loc[released["scale"].isin(MONTHLY_SCALES)] if len(released) else released
    closed = (
        monthly.loc[monthly["suppressed_because"] != "open_period"] if len(monthly) else monthly
    )
    if not len(closed):
        return {"period": None, "rows": []}
    exact_size = privacy.exact_group_size(k)
    period = max(closed["period"])
    rows = []
    for name, group_id in groups:
        cells = []
        for scale in MONTHLY_SCALES:
            match = closed.loc[
                (closed["team_id"] == group_id)
                & (closed["scale"] == scale)
                & (closed["period"] == period)
            ]
            if match.empty:
                cells.append(None)
                continue
            row = match.iloc[0]
            if row["released"]:
                cells.append(
                    shown_cell(
                        {
                            "period": period,
                            "scale": scale,
                            "n": int(row["n"]),
                            "mean": float(row["mean"]),
                            "share_concern": float(row["share_concern"])
                            if pd.notna(row["share_concern"])
                            else None,
                            "participation": None,
                            "k": int(row["k"]),
                        }
                    )
                )
            else:
                cells.append({"released": False, "why": row["suppressed_because"]})
        rows.append({"name": name, "is_org": group_id == selectors.ORGANISATION_ID, "cells": cells})
    shown = [cell for row in rows for cell in row["cells"] if cell]
    return {
        "period": period,
        "rows": rows,
        "complementary": any(cell.get("why") == "complementary" for cell in shown),
        "bands": any(cell["released"] and not cell["exact"] for cell in shown),
        "exact_size": exact_size,
    }
