"""The words of the impact report and the forecast, in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wellbeing.reasons import SCALE_NAMES

SIGNAL_NAMES = {
    "hostile_share": gettext_lazy("share of hostile or complaint contacts"),
    "after_contact_s": gettext_lazy("after-contact work per contact (s)"),
    "after_hours_min": gettext_lazy("after-hours work per person (min a week)"),
    "overtime_streak": gettext_lazy("overtime streak per person (weeks)"),
    "csat": gettext_lazy("CSAT"),
    "quality": gettext_lazy("quality score"),
    **SCALE_NAMES,
}
VERDICTS = {
    "improved": gettext_lazy("improved"),
    "worsened": gettext_lazy("worsened"),
    "no_clear_change": gettext_lazy("no clear change"),
    "not_enough_data": gettext_lazy("not enough data yet"),
}
VERDICT_BADGES = {
    "improved": "badge-ok",
    "worsened": "badge-bad",
    "no_clear_change": "badge-info",
    "not_enough_data": "badge",
}
STATUSES = {
    "few_before": gettext_lazy("too few weeks before the course"),
    "few_after": gettext_lazy("too few weeks since the course"),
    "no_controls": gettext_lazy("no team without the course to compare with"),
}
LIKELIHOOD = {
    "very_likely": gettext_lazy("Very likely to reach %(level)s by %(week)s: %(about)s"),
    "likely": gettext_lazy("Likely to reach %(level)s by %(week)s: %(about)s"),
    "possible": gettext_lazy("Could reach %(level)s by %(week)s: %(about)s"),
    "unlikely": gettext_lazy("Unlikely to reach %(level)s by %(week)s: %(about)s"),
    "very_unlikely": gettext_lazy("Very unlikely to reach %(level)s by %(week)s: %(about)s"),
}
REASON_NAMES = {
    "occupancy_high_2w": gettext_lazy("high occupancy over two weeks"),
    "occupancy_very_high_3d": gettext_lazy("very high occupancy shifts in a row"),
    "consecutive_days": gettext_lazy("too many days in a row"),
    "long_week": gettext_lazy("very long weeks"),
    "hostile_share": gettext_lazy("many hostile contacts"),
    "overtime_streak": gettext_lazy("overtime streaks"),
    "after_hours": gettext_lazy("after-hours work"),
    "hours_above_baseline": gettext_lazy("hours far above their usual"),
    "contacts_above_baseline": gettext_lazy("contacts far above their usual"),
    "hostile_share_above_baseline": gettext_lazy("a hostile share far above their usual"),
}
LEVEL_NAMES = {
    "watch": gettext_lazy("Watch"),
    "warning": gettext_lazy("Warning"),
    "critical": gettext_lazy("Critical"),
}


def number(value, signal: str) -> str:
    if value is None:
        return "–"
    if signal == "hostile_share":
        return f"{value * 100:.1f}%"
    if signal in ("csat", "sib", "overtime_streak"):
        return f"{value:.2f}"
    return f"{value:.1f}"


def effect_text(row: dict) -> str:
    """ "−3.1 points (95% interval −4.8 to −1.4)" in the signal's unit."""
    signal = row["signal"]
    if row.get("estimate") is None:
        return str(STATUSES.get(row.get("status"), VERDICTS["not_enough_data"]))
    scale = 100 if signal == "hostile_share" else 1
    unit = _(" points") if signal == "hostile_share" else ""
    return _("%(estimate)s%(unit)s (95%% interval %(low)s to %(high)s)") % {
        "estimate": f"{row['estimate'] * scale:+.2f}",
        "unit": unit,
        "low": f"{row['low'] * scale:+.2f}",
        "high": f"{row['high'] * scale:+.2f}",
    }


def week_short(label: str) -> str:
    return _("W%(week)s") % {"week": label[-2:]}


def _about(p: float) -> str:
    """Rounded to 5 %; never "0 %" or "100 %": a simulation is not a certainty."""
    rounded = int(round(p * 20) * 5)
    if rounded == 0:
        return _("under 5%")
    if rounded == 100:
        return _("over 95%")
    return _("about %(pct)s%%") % {"pct": rounded}


def stay_sentence(level: str, p: float | None, by_week: str) -> str:
    """ "Likely to stay at Critical through W51: over 95%" for the level the team is at."""
    if p is None:
        return ""
    return _("Chance of still being at %(level)s or above by %(week)s: %(about)s") % {
        "level": LEVEL_NAMES[level],
        "week": week_short(by_week),
        "about": _about(p),
    }


def forecast_sentence(level: str, p: float | None, by_week: str) -> str:
    """ "likely to reach Warning by W51: about 70%"."""
    from wellbeing.forecast import plain_probability

    if p is None:
        return ""
    return str(LIKELIHOOD[plain_probability(p)]) % {
        "level": LEVEL_NAMES[level],
        "week": week_short(by_week),
        "about": _about(p),
    }


def driver_text(driver: dict) -> str:
    code, p = driver["code"], driver.get("params", {})
    if code == "share_flagged_rising":
        return _(
            "People with workload flags: %(share)s of the team now, rising about "
            "%(step)s points a week (the warning line is %(line)s)."
        ) % {
            "share": f"{p['share'] * 100:.0f}%",
            "step": f"{p['per_week'] * 100:.0f}",
            "line": f"{p['line'] * 100:.0f}%",
        }
    if code in ("hours_trend", "contacts_trend"):
        what = _("Hours per person") if code == "hours_trend" else _("Contacts per person")
        return _("%(what)s %(pct)s%% above the team's usual level (watch from %(line)s%%).") % {
            "what": what,
            "pct": f"{p['pct']:.0f}",
            "line": f"{p['line']:.0f}",
        }
    if code == "occupancy_rising":
        return _(
            "Occupancy over two weeks: %(now)s%%, %(points)s points above the team's usual "
            "level. In this organisation, flags have followed such a rise."
        ) % {"now": f"{p['now']:.0f}", "points": f"{p['points']:.1f}"}
    if code == "reason_rising":
        return _("People with %(reason)s: %(before)s three weeks ago, %(now)s now.") % {
            "reason": REASON_NAMES.get(p["reason"], p["reason"]),
            "before": p["before"],
            "now": p["now"],
        }
    return code
