"""Warnings in plain words: reason and action codes rendered in the reader's language.

A `BurnoutWarning` stores codes and numbers (`{"code", "params"}`); these
functions turn them into sentences at display time, so a Russian lead reads
Russian and a re-translation needs no recomputation.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wellbeing import instruments, metrics, privacy

SCALE_NAMES = {
    "cbi_work": gettext_lazy("work-related burnout (CBI)"),
    "cbi_client": gettext_lazy("customer-related burnout (CBI)"),
    "who5": gettext_lazy("wellbeing (WHO-5)"),
    "sib": gettext_lazy("single-item burnout"),
    "cbi_work_pulse": gettext_lazy("weekly exhaustion pulse"),
}

ACTION_TEXTS = {
    metrics.ACTION_TALK_ABOUT_OVERTIME: gettext_lazy(
        "Talk one to one with the people on long overtime streaks."
    ),
    metrics.ACTION_SCHEDULE_REST_DAYS: gettext_lazy(
        "Schedule rest days for those who worked many days in a row."
    ),
    metrics.ACTION_REBALANCE_WORKLOAD: gettext_lazy(
        "Rebalance the workload: queues, shifts and who takes the hardest contacts."
    ),
    metrics.ACTION_DEBRIEF_DIFFICULT_CONTACTS: gettext_lazy(
        "Hold a debrief on difficult and hostile contacts; rotate people off complaints."
    ),
    metrics.ACTION_REVIEW_STAFFING: gettext_lazy(
        "Review staffing: the team handles more than its usual volume."
    ),
    metrics.ACTION_ASSIGN_STRESS_COURSE: gettext_lazy(
        "Assign the stress-management course to the team."
    ),
    metrics.ACTION_OFFER_SUPPORT: gettext_lazy(
        "Remind the team of the support available (counselling, the employee assistance line)."
    ),
}


def _n(value, digits: int = 0) -> str:
    if value is None:
        return "–"
    number = float(value)
    if digits == 0:
        return str(round(number))
    return f"{number:.{digits}f}"


def _pct(share) -> str:
    return _n(float(share) * 100) if share is not None else "–"


def render_reason(code: str, params: dict, *, total: int, t: metrics.Thresholds) -> str:
    """One reason as a sentence with its numbers."""
    p = dict(params)
    people = int(p.get("people") or 0)
    common = {"people": people, "total": total}
    if code == metrics.REASON_PEOPLE_FLAGGED:
        flagged = int(p.get("flagged") or 0)
        return ngettext(
            "%(flagged)s of %(total)s person had at least one workload flag this week (%(pct)s%%).",
            "%(flagged)s of %(total)s people had at least one workload flag this week (%(pct)s%%).",
            int(p.get("people") or total),
        ) % {
            "flagged": flagged,
            "total": int(p.get("people") or total),
            "pct": _pct(p.get("share")),
        }
    if code == metrics.REASON_CONSECUTIVE_DAYS:
        return ngettext(
            "%(people)s of %(total)s person worked %(line)s or more days in a row "
            "(longest: %(max)s days).",
            "%(people)s of %(total)s people worked %(line)s or more days in a row "
            "(longest: %(max)s days).",
            total,
        ) % {**common, "line": t.max_consecutive_days, "max": _n(p.get("max_days"))}
    if code == metrics.REASON_LONG_WEEK:
        return ngettext(
            "%(people)s of %(total)s person worked %(line)s hours or more in 7 days "
            "(most: %(max)s h).",
            "%(people)s of %(total)s people worked %(line)s hours or more in 7 days "
            "(most: %(max)s h).",
            total,
        ) % {**common, "line": _n(t.weekly_hours), "max": _n(p.get("max_hours"), 1)}
    if code == metrics.REASON_OVERTIME_STREAK:
        return ngettext(
            "%(people)s of %(total)s person has had overtime %(line)s or more weeks in a row "
            "(longest: %(max)s weeks).",
            "%(people)s of %(total)s people have had overtime %(line)s or more weeks in a row "
            "(longest: %(max)s weeks).",
            total,
        ) % {**common, "line": t.overtime_streak_weeks, "max": _n(p.get("max_weeks"))}
    simple = {
        metrics.REASON_OCCUPANCY_HIGH: ngettext(
            "%(people)s of %(total)s person averaged %(line)s%% occupancy or more over two weeks.",
            "%(people)s of %(total)s people averaged %(line)s%% occupancy or more over two weeks.",
            total,
        ),
        metrics.REASON_OCCUPANCY_VERY_HIGH: ngettext(
            "%(people)s of %(total)s person had %(line)s%% occupancy or more "
            "on several shifts in a row.",
            "%(people)s of %(total)s people had %(line)s%% occupancy or more "
            "on several shifts in a row.",
            total,
        ),
        metrics.REASON_HOSTILE_SHARE: ngettext(
            "For %(people)s of %(total)s person, %(line)s%% or more of the contacts "
            "in 7 days were hostile or complaints.",
            "For %(people)s of %(total)s people, %(line)s%% or more of the contacts "
            "in 7 days were hostile or complaints.",
            total,
        ),
        metrics.REASON_AFTER_HOURS: ngettext(
            "%(people)s of %(total)s person worked %(line)s minutes or more after hours this week.",
            "%(people)s of %(total)s people worked %(line)s minutes or more after hours this week.",
            total,
        ),
        metrics.REASON_HOURS_ABOVE_BASELINE: ngettext(
            "%(people)s of %(total)s person worked far more hours than their own usual.",
            "%(people)s of %(total)s people worked far more hours than their own usual.",
            total,
        ),
        metrics.REASON_CONTACTS_ABOVE_BASELINE: ngettext(
            "%(people)s of %(total)s person handled far more contacts than their own usual.",
            "%(people)s of %(total)s people handled far more contacts than their own usual.",
            total,
        ),
        metrics.REASON_HOSTILE_ABOVE_BASELINE: ngettext(
            "%(people)s of %(total)s person met far more hostile contacts than their own usual.",
            "%(people)s of %(total)s people met far more hostile contacts than their own usual.",
            total,
        ),
    }
    lines = {
        metrics.REASON_OCCUPANCY_HIGH: _n(t.occupancy_high),
        metrics.REASON_OCCUPANCY_VERY_HIGH: _n(t.occupancy_very_high),
        metrics.REASON_HOSTILE_SHARE: _pct(t.hostile_share),
        metrics.REASON_AFTER_HOURS: _n(t.after_hours_week_min),
    }
    if code in simple:
        return simple[code] % {**common, "line": lines.get(code, "")}
    if code == metrics.REASON_HOURS_TREND:
        return _(
            "Hours per person were %(value)s a week, %(pct)s%% above the team's usual %(base)s."
        ) % {
            "value": _n(p.get("per_person"), 1),
            "pct": _n(p.get("pct")),
            "base": _n(p.get("baseline"), 1),
        }
    if code == metrics.REASON_CONTACTS_TREND:
        return _(
            "Contacts per person were %(value)s a week, %(pct)s%% above the team's usual %(base)s."
        ) % {
            "value": _n(p.get("per_person")),
            "pct": _n(p.get("pct")),
            "base": _n(p.get("baseline")),
        }
    if code == metrics.REASON_CHECKIN_CONCERN:
        return render_checkin_concern(p)
    return code


def checkin_figure(*, scale: str, n: int, mean: float, share: float | None, k: int):
    """`privacy.shown_figure` for one check-in cell of a scale (rule 6: no certainty)."""
    spec = instruments.SCALES[scale]
    return privacy.shown_figure(
        n=n,
        mean=mean,
        share=share,
        k=k,
        minimum=spec.minimum,
        maximum=spec.maximum,
        line=spec.line,
    )


def checkin_mean_text(shown: privacy.ShownFigure, *, scale: str) -> str:
    """The mean as it may be shown: a number, or a bound for a small group."""
    digits = 1 if scale == "sib" else 0
    if shown.mean_bound == privacy.BOUND_AT_LEAST:
        return _("at least %(value)s") % {"value": _n(shown.mean_limit, digits)}
    if shown.mean_bound == privacy.BOUND_AT_MOST:
        return _("at most %(value)s") % {"value": _n(shown.mean_limit, digits)}
    return _n(shown.mean, 1)


def checkin_share_text(shown: privacy.ShownFigure) -> str | None:
    """The share beyond the line as it may be shown: a percentage, or a band."""
    if shown.share_band == privacy.BAND_UNDER_HALF:
        return _("fewer than half of the answers beyond the line")
    if shown.share_band == privacy.BAND_HALF_OR_MORE:
        return _("half of the answers or more beyond the line")
    if shown.share is None:
        return None
    return _("%(pct)s%% of the answers beyond the line") % {"pct": _pct(shown.share)}


def render_checkin_concern(p: dict) -> str:
    """The check-in reason of a warning, under the small-group rule (privacy rule 6)."""
    scale = str(p.get("scale"))
    n = int(p.get("n") or 0)
    k = max(int(p.get("k") or 0), privacy.DEFAULT_MIN_GROUP_SIZE)
    shown = checkin_figure(
        scale=scale, n=n, mean=float(p.get("mean") or 0.0), share=p.get("share"), k=k
    )
    digits = 1 if scale == "sib" else 0
    mean = (
        _n(shown.mean, digits)
        if shown.mean_bound is None
        else checkin_mean_text(shown, scale=scale)
    )
    return ngettext(
        "Check-in %(period)s: average %(scale)s %(mean)s (line %(line)s), %(share)s, %(n)s answer.",
        "Check-in %(period)s: average %(scale)s %(mean)s (line %(line)s), %(share)s, "
        "%(n)s answers.",
        n,
    ) % {
        "period": p.get("period"),
        "scale": SCALE_NAMES.get(scale, scale),
        "mean": mean,
        "line": _n(p.get("line")),
        "share": checkin_share_text(shown) or "–",
        "n": n,
    }


def render_action(code: str) -> str:
    return str(ACTION_TEXTS.get(code, code))


def render_person_reasons(reasons: list[dict], *, t: metrics.Thresholds) -> list[str]:
    """One person's workload signals, for their lead: never anything from check-ins."""
    out = []
    for reason in reasons:
        code, p = reason["code"], reason.get("params", {})
        if code == metrics.REASON_OVERTIME_STREAK:
            weeks = int(p.get("overtime_weeks") or 0)
            out.append(
                ngettext(
                    "%(n)s week of overtime in a row", "%(n)s weeks of overtime in a row", weeks
                )
                % {"n": weeks}
            )
        elif code == metrics.REASON_CONSECUTIVE_DAYS:
            days = int(p.get("consecutive_days_max") or 0)
            out.append(ngettext("%(n)s day in a row", "%(n)s days in a row", days) % {"n": days})
        elif code == metrics.REASON_LONG_WEEK:
            out.append(_("%(n)s h in 7 days") % {"n": _n(p.get("hours_7d_max"), 1)})
        elif code == metrics.REASON_OCCUPANCY_HIGH:
            out.append(_("occupancy %(n)s%% over two weeks") % {"n": _n(p.get("occ_mean_14d_max"))})
        elif code == metrics.REASON_OCCUPANCY_VERY_HIGH:
            runs = int(p.get("occ_very_high_run_max") or 0)
            out.append(
                ngettext(
                    "%(n)s shift in a row at very high occupancy",
                    "%(n)s shifts in a row at very high occupancy",
                    runs,
                )
                % {"n": runs}
            )
        elif code == metrics.REASON_HOSTILE_SHARE:
            out.append(
                _("%(n)s%% hostile contacts in 7 days") % {"n": _pct(p.get("hostile_share_7d_max"))}
            )
        elif code == metrics.REASON_AFTER_HOURS:
            out.append(_("%(n)s min after hours") % {"n": _n(p.get("after_hours_min"))})
        elif code == metrics.REASON_HOURS_ABOVE_BASELINE:
            out.append(
                _("%(n)s h in 7 days against a usual %(base)s h")
                % {"n": _n(p.get("hours_7d_end"), 1), "base": _n(p.get("hours_baseline"), 1)}
            )
        elif code == metrics.REASON_CONTACTS_ABOVE_BASELINE:
            out.append(
                _("%(n)s contacts in 7 days against a usual %(base)s")
                % {"n": _n(p.get("contacts_7d_end")), "base": _n(p.get("contacts_baseline"))}
            )
        elif code == metrics.REASON_HOSTILE_ABOVE_BASELINE:
            out.append(
                _("%(n)s%% hostile contacts against a usual %(base)s%%")
                % {
                    "n": _pct(p.get("hostile_share_7d_end")),
                    "base": _pct(p.get("hostile_share_baseline")),
                }
            )
    return out
