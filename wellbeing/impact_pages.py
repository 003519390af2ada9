"""What the impact page and the forecast cards show, assembled from stored results (no writes)."""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _

from courses.models import TeamMembership
from wellbeing import impact, impact_texts
from wellbeing.charts import Series, line_chart
from wellbeing.forecast import DEFAULT_SETTINGS
from wellbeing.models import TeamForecast, TrainingImpact

CHART_SIGNAL = "hostile_share"


def impacts_visible(*, user, every_team: bool):
    rows = TrainingImpact.objects.select_related("team", "course").order_by(
        "course__title", "event_week", "team__name"
    )
    if not every_team:
        rows = rows.filter(
            team__memberships__user=user, team__memberships__role=TeamMembership.Role.LEAD
        )
    return list(rows)


def _chart(item: TrainingImpact, signal: str):
    points = item.series.get(signal) or []
    if not points:
        return None
    scale = 100 if signal == "hostile_share" else 1
    labels = [impact_texts.week_short(p[0]) for p in points]

    def values(index):
        return [None if p[index] is None else p[index] * scale for p in points]

    return line_chart(
        title=_("%(signal)s: %(team)s and teams without the course yet (course done in %(week)s)")
        % {
            "signal": str(impact_texts.SIGNAL_NAMES[signal]).capitalize(),
            "team": item.team.name,
            "week": impact_texts.week_short(item.event_week),
        },
        labels=labels,
        series=[
            Series(item.team.name, values(2), "s1"),
            Series(_("teams without the course yet"), values(3), "s2"),
        ],
        width=560,
    )


def impact_context(*, user, every_team: bool) -> dict:
    items = impacts_visible(user=user, every_team=every_team)
    cards = []
    for item in items:
        signals = [
            {
                "name": impact_texts.SIGNAL_NAMES.get(r["signal"], r["signal"]),
                "before": impact_texts.number(r.get("before"), r["signal"]),
                "after": impact_texts.number(r.get("after"), r["signal"]),
                "effect": impact_texts.effect_text(r),
                "verdict": impact_texts.VERDICTS[r["verdict"]],
                "badge": impact_texts.VERDICT_BADGES[r["verdict"]],
                "code": r["signal"],
            }
            for r in item.results
        ]
        cards.append({"object": item, "signals": signals, "chart": _chart(item, CHART_SIGNAL)})
    pooled = []
    if every_team and items:
        frame = pd.DataFrame(
            [
                {**r, "course": item.course_id, "team_id": item.team_id}
                for item in items
                for r in item.results
            ]
        )
        titles = {item.course_id: item.course.title for item in items}
        for row in impact.pooled_report(frame).to_dict("records"):
            if pd.isna(row["estimate"]):
                continue
            pooled.append(
                {
                    "course": titles[row["course"]],
                    "name": impact_texts.SIGNAL_NAMES.get(row["signal"], row["signal"]),
                    "teams": row["teams"],
                    "effect": impact_texts.effect_text(
                        {**row, "estimate": None if pd.isna(row["estimate"]) else row["estimate"]}
                    )
                    if not pd.isna(row["estimate"])
                    else impact_texts.VERDICTS["not_enough_data"],
                    "verdict": impact_texts.VERDICTS[row["verdict"]],
                    "badge": impact_texts.VERDICT_BADGES[row["verdict"]],
                }
            )
    return {
        "cards": cards,
        "pooled": pooled,
        "every_team": every_team,
        "min_pooled_teams": impact.DEFAULT_SETTINGS.min_pooled_teams,
    }


def export_table(*, user, every_team: bool) -> tuple[list[str], list[list]]:
    headings = [
        _("Course"),
        _("Team"),
        _("Completed in week"),
        _("Signal"),
        _("Verdict"),
        _("Change against comparison teams"),
        _("Interval, lower end"),
        _("Interval, upper end"),
        _("Team before"),
        _("Team after"),
        _("Weeks before"),
        _("Weeks after"),
        _("Comparison teams"),
    ]
    rows = [
        [
            item.course.title,
            item.team.name,
            item.event_week,
            str(impact_texts.SIGNAL_NAMES.get(r["signal"], r["signal"])),
            str(impact_texts.VERDICTS[r["verdict"]]),
            r.get("estimate"),
            r.get("low"),
            r.get("high"),
            r.get("before"),
            r.get("after"),
            r.get("n_before"),
            r.get("n_after"),
            r.get("controls"),
        ]
        for item in impacts_visible(user=user, every_team=every_team)
        for r in item.results
    ]
    return headings, rows


def forecast_view(forecast: TeamForecast | None) -> dict | None:
    if forecast is None:
        return None
    sentences = []
    if forecast.p_warning is not None:
        chances = {
            "watch": forecast.p_watch,
            "warning": forecast.p_warning,
            "critical": forecast.p_critical,
        }
        for rank, (level, p) in enumerate(chances.items(), start=1):
            if rank == forecast.level_rank:
                sentences.append(impact_texts.stay_sentence(level, p, forecast.by_week))
            elif rank > forecast.level_rank:
                sentences.append(impact_texts.forecast_sentence(level, p, forecast.by_week))
    return {
        "object": forecast,
        "sentences": sentences,
        "drivers": [impact_texts.driver_text(d) for d in forecast.drivers],
        # As the forecast's yes or no puts it (``forecast.says``): a rise is "likely".
        "likely_warning": forecast.level_rank < 2
        and (forecast.p_warning or 0) >= DEFAULT_SETTINGS.rise_from,
    }
