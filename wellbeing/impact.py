"""Did the training help? Difference in differences per course and team.

Pure (pandas/numpy, no Django, no clock: ``as_of`` is passed in).

The method
----------
A team *completed* a course on the day when ``completion_share`` (half) of
its members had completed it (:func:`completion_events`); the ISO week of
that day is the *event week*, left out of both sides as the transition.

For each event and signal the team's weekly values (or released check-in
periods) in the ``pre_weeks`` before and ``post_weeks`` after the event week
are compared with the mean of the *control teams* over the same periods: the
teams that had not completed the course by the end of that window (not yet
trained, or never). Teams trained before or during the window are no
controls: their own change would leak in. Per period, ``d = team - controls``;
the estimate is ``mean(d after) - mean(d before)``: calendar shocks that hit
every team (a sale week, the season) cancel.

Confidence interval: the estimate is a difference of two means of ``d``, so
its standard error is Welch's, with each side's sample size shrunk to an
effective size ``n (1 - r) / (1 + r)`` for the week-to-week autocorrelation
``r`` of ``d`` (lag 1, clipped to 0..0.8): neighbouring weeks are not
independent draws, and ignoring that would make intervals too narrow. The
same as regressing ``d`` on an after-indicator with autocorrelation-robust
errors. A course's pooled row averages its teams' estimates with a
t-interval over teams (the team is the cluster), once ``min_pooled_teams``
teams have an estimate.

"Not enough data yet" (``status``) when the team has fewer than ``min_pre``
periods before or ``min_post`` after, or no control team has the signal in
those periods (``min_checkin_periods`` for check-in scales, which come
monthly or weekly and only when released).

Privacy: check-in figures enter only as released aggregates
(:func:`checkin_signals` takes the output of ``privacy.release`` and drops
every suppressed row); workload signals are team means, never a person's.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Signal code -> (higher is worse, kind). Kind "workload" is weekly; "checkin" released periods.
SIGNALS: dict[str, tuple[bool, str]] = {
    "hostile_share": (True, "workload"),
    "after_contact_s": (True, "workload"),
    "after_hours_min": (True, "workload"),
    "overtime_streak": (True, "workload"),
    "csat": (False, "workload"),
    "quality": (False, "workload"),
    "cbi_work": (True, "checkin"),
    "cbi_client": (True, "checkin"),
    "who5": (False, "checkin"),
    "sib": (True, "checkin"),
    "cbi_work_pulse": (True, "checkin"),
}

SIGNAL_COLUMNS = ("team_id", "period", "start", "end", "signal", "value")
EVENT_COLUMNS = ("course", "team_id", "completed_on")
REPORT_COLUMNS = (
    "course",
    "team_id",
    "event_week",
    "signal",
    "status",
    "verdict",
    "estimate",
    "low",
    "high",
    "before",
    "after",
    "n_before",
    "n_after",
    "controls",
)

STATUS_OK = "ok"
STATUS_FEW_BEFORE = "few_before"
STATUS_FEW_AFTER = "few_after"
STATUS_NO_CONTROLS = "no_controls"

VERDICT_IMPROVED = "improved"
VERDICT_WORSENED = "worsened"
VERDICT_NO_CHANGE = "no_clear_change"
VERDICT_NOT_ENOUGH = "not_enough_data"


@dataclass(frozen=True)
class ImpactSettings:
    pre_weeks: int = 8
    post_weeks: int = 8
    min_pre: int = 4
    min_post: int = 3
    min_checkin_periods: int = 2
    min_controls: int = 1
    completion_share: float = 0.5
    confidence: float = 0.95
    min_pooled_teams: int = 3
    overtime_week_hours: float = 2.0


DEFAULT_SETTINGS = ImpactSettings()


# === inputs ================================================================================


def _normal_quantile(p: float) -> float:
    """Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1e-9)."""
    a = (-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690)
    a += (-30.66479806614716, 2.506628277459239)
    b = (-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972)
    b += (-13.28068155288572,)
    c = (-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734)
    c += (4.374664141464968, 2.938163982698783)
    d = (0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416)
    low = 0.02425
    if p < low:
        q = math.sqrt(-2 * math.log(p))
        num = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
        return num / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    if p > 1 - low:
        return -_normal_quantile(1 - p)
    q = p - 0.5
    r = q * q
    num = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
    return num / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)


def t_quantile(p: float, df: float) -> float:
    """Student's t quantile by the Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5).

    Within 1 % of the exact value for df >= 3 at the usual confidence levels;
    below that it is widened to the df = 3 value's relative excess, which errs
    on the side of a wider interval.
    """
    z = _normal_quantile(p)
    n = max(float(df), 1.0)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    value = z + g1 / n + g2 / n**2 + g3 / n**3 + g4 / n**4
    if n < 3:  # the expansion undershoots badly for tiny df: use the exact ones
        exact = {1.0: 12.706, 2.0: 4.303} if abs(p - 0.975) < 1e-9 else {}
        return exact.get(round(n), value * (1 + (3 - n)))
    return value


def team_week_signals(
    workload: pd.DataFrame, *, settings: ImpactSettings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """Per team and ISO week, the workload signals a course may move (long format).

    ``workload`` has the pipeline's ``WORKLOAD_COLUMNS``. Signals:
    ``hostile_share`` (hostile / all contacts), ``after_contact_s`` (mean
    after-contact work of worked days: how long contacts take to wrap up),
    ``after_hours_min`` and ``overtime_streak`` per active person (the streak
    is the run of consecutive weeks with ``overtime_week_hours`` or more,
    averaged over the team), ``csat`` and ``quality`` (mean, only where
    imported). Returns :data:`SIGNAL_COLUMNS`; ``period`` is the week's label.
    """
    if workload.empty:
        return pd.DataFrame({column: [] for column in SIGNAL_COLUMNS})
    frame = workload.loc[workload["team_id"].notna()]
    dates = pd.to_datetime(frame["date"])
    worked = frame["hours_worked"].astype("float64") > 0
    frame = frame.assign(
        week_start=(dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).astype(
            "datetime64[ns]"
        ),
        team_id=frame["team_id"].astype("int64"),
        ac_worked=frame["after_contact_s"].astype("float64").where(worked),
        csat=pd.to_numeric(frame["csat"]).astype("float64"),
        quality=pd.to_numeric(frame["quality"]).astype("float64"),
    )
    person = frame.groupby(["team_id", "person_id", "week_start"], sort=True).agg(
        contacts=("contacts", "sum"),
        hostile=("hostile_contacts", "sum"),
        after_hours=("after_hours_min", "sum"),
        overtime=("overtime_h", "sum"),
        hours=("hours_worked", "sum"),
    )
    person = person.reset_index()
    person = person.loc[person["hours"] > 0]
    overtime_week = (person["overtime"] >= settings.overtime_week_hours).to_numpy()
    week_number = (person["week_start"] - pd.Timestamp("1970-01-05")).dt.days.to_numpy() // 7
    person_code = pd.factorize(
        person["person_id"].astype(str) + "/" + person["team_id"].astype(str)
    )[0]
    restart = np.r_[True, (person_code[1:] != person_code[:-1]) | (np.diff(week_number) != 1)]
    streak = _run_length(overtime_week, restart)
    person = person.assign(streak=streak)
    team = person.groupby(["team_id", "week_start"]).agg(
        contacts=("contacts", "sum"),
        hostile=("hostile", "sum"),
        after_hours_min=("after_hours", "mean"),
        overtime_streak=("streak", "mean"),
    )
    daily = frame.groupby(["team_id", "week_start"]).agg(
        after_contact_s=("ac_worked", "mean"), csat=("csat", "mean"), quality=("quality", "mean")
    )
    team = team.join(daily, how="left")
    with np.errstate(invalid="ignore", divide="ignore"):
        team = team.assign(
            hostile_share=np.where(team["contacts"] > 0, team["hostile"] / team["contacts"], np.nan)
        )
    codes = ["hostile_share", "after_contact_s", "after_hours_min", "overtime_streak", "csat"]
    codes.append("quality")
    long = (
        team.loc[:, codes]
        .reset_index()
        .melt(id_vars=["team_id", "week_start"], var_name="signal", value_name="value")
        .dropna(subset=["value"])
    )
    iso = long["week_start"].dt.isocalendar()
    return pd.DataFrame(
        {
            "team_id": long["team_id"].astype("int64").to_numpy(),
            "period": (
                iso["year"].astype(str)
                + "-W"
                + iso["week"].astype("int64").astype(str).str.zfill(2)
            ).to_numpy(),
            "start": long["week_start"].to_numpy(),
            "end": (long["week_start"] + pd.Timedelta(days=6)).to_numpy(),
            "signal": long["signal"].to_numpy(),
            "value": long["value"].astype("float64").to_numpy(),
        }
    )


def _run_length(condition: np.ndarray, restart: np.ndarray) -> np.ndarray:
    """Length of the run of True ending at each position (0 where False)."""
    out = np.zeros(len(condition), dtype="int64")
    run = 0
    for i, (holds, fresh) in enumerate(zip(condition, restart, strict=True)):
        run = (0 if fresh else run) + 1 if holds else 0
        out[i] = run
    return out


def checkin_signals(released: pd.DataFrame, *, periods_bounds) -> pd.DataFrame:
    """Released team check-in means as signals (long format, :data:`SIGNAL_COLUMNS`).

    ``released`` is the output of ``privacy.release`` (a frame without the
    ``released`` column is refused); suppressed rows and ancestor groups
    (ids that appear as a ``parent_id``) are dropped, so nothing below k and
    no organisation figure enters. ``periods_bounds`` is
    ``wellbeing.periods.period_bounds``.
    """
    if "released" not in released.columns:
        raise ValueError("checkin_signals reads only the output of privacy.release().")
    if released.empty:
        return pd.DataFrame({column: [] for column in SIGNAL_COLUMNS})
    rows = released.loc[
        released["released"].astype(bool)
        & released["mean"].notna()
        & released["scale"].isin(
            [code for code, (_w, kind) in SIGNALS.items() if kind == "checkin"]
        )
        & ~released["team_id"].isin(released["parent_id"].dropna())
    ]
    start, end = periods_bounds(rows["period"])
    return pd.DataFrame(
        {
            "team_id": rows["team_id"].astype("int64").to_numpy(),
            "period": rows["period"].astype(str).to_numpy(),
            "start": start.to_numpy(),
            "end": end.to_numpy(),
            "signal": rows["scale"].astype(str).to_numpy(),
            "value": rows["mean"].astype("float64").to_numpy(),
        }
    )


def completion_events(
    completions: pd.DataFrame,
    team_sizes: pd.DataFrame,
    *,
    settings: ImpactSettings = DEFAULT_SETTINGS,
) -> pd.DataFrame:
    """The day each team completed each course: when ``completion_share`` of its members had.

    ``completions``: team_id, person_id, course, completed_on (one row per
    person and course, the first completion); ``team_sizes``: team_id, size.
    Returns :data:`EVENT_COLUMNS`, only for teams that got there.
    """
    if completions.empty:
        return pd.DataFrame({column: [] for column in EVENT_COLUMNS})
    rows = (
        completions.sort_values("completed_on", kind="stable")
        .drop_duplicates(["team_id", "person_id", "course"])
        .merge(team_sizes, on="team_id")
    )
    rows = rows.assign(
        rank=rows.groupby(["team_id", "course"]).cumcount() + 1,
        needed=np.ceil(rows["size"] * settings.completion_share).clip(lower=1),
    )
    reached = rows.loc[rows["rank"] >= rows["needed"]].drop_duplicates(
        ["team_id", "course"], keep="first"
    )
    return (
        reached.loc[:, list(EVENT_COLUMNS)]
        .assign(completed_on=pd.to_datetime(reached["completed_on"]).dt.date)
        .sort_values(["course", "completed_on", "team_id"])
        .reset_index(drop=True)
    )


# === the estimate ==========================================================================


def _lag1(values: np.ndarray) -> float:
    if len(values) < 3:
        return 0.0
    centred = values - values.mean()
    denominator = float(np.sum(centred**2))
    if denominator == 0:
        return 0.0
    return float(np.sum(centred[1:] * centred[:-1]) / denominator)


def _interval(before: np.ndarray, after: np.ndarray, confidence: float):
    """Difference of means of ``after`` and ``before`` with an autocorrelation-aware interval."""
    estimate = float(after.mean() - before.mean())
    pooled = np.concatenate([before - before.mean(), after - after.mean()])
    r = min(max(_lag1(pooled), 0.0), 0.8)
    shrink = (1 - r) / (1 + r)
    n1, n2 = max(len(before) * shrink, 1.0), max(len(after) * shrink, 1.0)
    v1 = float(before.var(ddof=1)) if len(before) > 1 else 0.0
    v2 = float(after.var(ddof=1)) if len(after) > 1 else 0.0
    # A flat series still has rounding noise: floor the variance so an interval is never 0 wide.
    floor = (1e-6 * max(abs(before.mean()), abs(after.mean()), 1.0)) ** 2
    s1, s2 = max(v1, floor) / n1, max(v2, floor) / n2
    se = math.sqrt(s1 + s2)
    df = (s1 + s2) ** 2 / ((s1**2 / max(n1 - 1, 1.0)) + (s2**2 / max(n2 - 1, 1.0)))
    half = t_quantile(0.5 + confidence / 2, df) * se
    return estimate, estimate - half, estimate + half


def _verdict(low: float, high: float, higher_is_worse: bool) -> str:
    if low > 0:
        return VERDICT_WORSENED if higher_is_worse else VERDICT_IMPROVED
    if high < 0:
        return VERDICT_IMPROVED if higher_is_worse else VERDICT_WORSENED
    return VERDICT_NO_CHANGE


def _week_bounds(day: dt.date) -> tuple[pd.Timestamp, pd.Timestamp]:
    monday = pd.Timestamp(day - dt.timedelta(days=day.weekday()))
    return monday, monday + pd.Timedelta(days=6)


def event_window(event_day: dt.date, *, as_of: dt.date, settings: ImpactSettings):
    """(first day before, event week start, event week end, last day after) as Timestamps."""
    week_start, week_end = _week_bounds(event_day)
    first = week_start - pd.Timedelta(weeks=settings.pre_weeks)
    last = min(week_end + pd.Timedelta(weeks=settings.post_weeks), pd.Timestamp(as_of))
    return first, week_start, week_end, last


def control_teams(events: pd.DataFrame, *, course, team_id, last: pd.Timestamp, teams) -> list:
    """Teams with no completion of ``course`` on or before ``last`` (not yet trained)."""
    trained = events.loc[
        (events["course"] == course) & (pd.to_datetime(events["completed_on"]) <= last), "team_id"
    ]
    return [t for t in teams if t != team_id and t not in set(trained)]


def _differences(signals, team_id, controls, first, event_start, event_end, last, settings):
    """Per period in the window: the team's value minus the controls' mean, and the side."""
    inside = signals.loc[(signals["start"] >= first) & (signals["end"] <= last)]
    own = inside.loc[inside["team_id"] == team_id].set_index("period")
    others = inside.loc[inside["team_id"].isin(controls)]
    counts = others.groupby("period")["value"].count()
    means = others.groupby("period")["value"].mean()
    means = means.loc[counts >= settings.min_controls]
    shared = own.index.intersection(means.index)
    own = own.loc[shared]
    side = np.where(own["end"] < event_start, -1, np.where(own["start"] > event_end, 1, 0))
    return pd.DataFrame(
        {
            "period": shared,
            "start": own["start"].to_numpy(),
            "side": side,
            "team": own["value"].to_numpy(dtype="float64"),
            "controls": means.loc[shared].to_numpy(dtype="float64"),
        }
    ).sort_values("start")


def impact_report(
    signals: pd.DataFrame,
    events: pd.DataFrame,
    *,
    as_of: dt.date,
    settings: ImpactSettings = DEFAULT_SETTINGS,
) -> pd.DataFrame:
    """One row per course, trained team and signal: the difference in differences.

    ``signals``: :data:`SIGNAL_COLUMNS` (workload and released check-in signals
    together); ``events``: :func:`completion_events`. ``estimate`` is in the
    signal's own unit (positive = the signal rose relative to the controls);
    ``verdict`` reads it in the signal's direction (a lower hostile share is
    ``improved``, a lower CSAT ``worsened``); ``before``/``after`` are the
    team's own means. Rows with ``status`` other than ``"ok"`` have NaN
    numbers and the verdict ``not_enough_data``.
    """
    teams = sorted(signals["team_id"].unique().tolist()) if len(signals) else []
    by_signal = {code: frame for code, frame in signals.groupby("signal")}
    rows = []
    for event in events.itertuples(index=False):
        first, event_start, event_end, last = event_window(
            event.completed_on, as_of=as_of, settings=settings
        )
        controls = control_teams(
            events, course=event.course, team_id=event.team_id, last=last, teams=teams
        )
        label = f"{event_start.isocalendar()[0]}-W{event_start.isocalendar()[1]:02d}"
        for code, (higher_is_worse, kind) in SIGNALS.items():
            frame = by_signal.get(code)
            if frame is None or not (frame["team_id"] == event.team_id).any():
                continue  # a signal the team does not have (e.g. quality not imported)
            need_pre = settings.min_checkin_periods if kind == "checkin" else settings.min_pre
            need_post = settings.min_checkin_periods if kind == "checkin" else settings.min_post
            diffs = _differences(
                frame, event.team_id, controls, first, event_start, event_end, last, settings
            )
            before, after = diffs.loc[diffs["side"] < 0], diffs.loc[diffs["side"] > 0]
            row = {
                "course": event.course,
                "team_id": event.team_id,
                "event_week": label,
                "signal": code,
                "n_before": len(before),
                "n_after": len(after),
                "controls": len(controls),
                "estimate": np.nan,
                "low": np.nan,
                "high": np.nan,
                "before": float(before["team"].mean()) if len(before) else np.nan,
                "after": float(after["team"].mean()) if len(after) else np.nan,
                "verdict": VERDICT_NOT_ENOUGH,
            }
            if not controls or (len(before) == 0 and len(after) == 0 and len(diffs) == 0):
                row["status"] = STATUS_NO_CONTROLS
            elif len(before) < need_pre:
                row["status"] = STATUS_FEW_BEFORE
            elif len(after) < need_post:
                row["status"] = STATUS_FEW_AFTER
            else:
                d_before = (before["team"] - before["controls"]).to_numpy()
                d_after = (after["team"] - after["controls"]).to_numpy()
                estimate, low, high = _interval(d_before, d_after, settings.confidence)
                row.update(
                    status=STATUS_OK,
                    estimate=estimate,
                    low=low,
                    high=high,
                    verdict=_verdict(low, high, higher_is_worse),
                )
            rows.append(row)
    if not rows:
        return pd.DataFrame({column: [] for column in REPORT_COLUMNS})
    return pd.DataFrame(rows).loc[:, list(REPORT_COLUMNS)]


def pooled_report(report: pd.DataFrame, *, settings: ImpactSettings = DEFAULT_SETTINGS):
    """Per course and signal: the mean effect over its trained teams, team-clustered.

    Columns: course, signal, teams, status, verdict, estimate, low, high.
    With fewer than ``min_pooled_teams`` team estimates: not enough data yet.
    """
    columns = ["course", "signal", "teams", "status", "verdict", "estimate", "low", "high"]
    usable = report.loc[report["status"] == STATUS_OK] if len(report) else report
    rows = []
    for (course, code), group in (
        report.groupby(["course", "signal"], sort=True) if len(report) else []
    ):
        values = usable.loc[
            (usable["course"] == course) & (usable["signal"] == code), "estimate"
        ].to_numpy(dtype="float64")
        row = {"course": course, "signal": code, "teams": len(values)}
        if len(values) < settings.min_pooled_teams:
            row.update(
                status=STATUS_FEW_AFTER if len(group) else STATUS_NO_CONTROLS,
                verdict=VERDICT_NOT_ENOUGH,
                estimate=np.nan,
                low=np.nan,
                high=np.nan,
            )
        else:
            mean = float(values.mean())
            half = (
                t_quantile(0.5 + settings.confidence / 2, len(values) - 1)
                * float(values.std(ddof=1))
                / math.sqrt(len(values))
            )
            row.update(
                status=STATUS_OK,
                estimate=mean,
                low=mean - half,
                high=mean + half,
                verdict=_verdict(mean - half, mean + half, SIGNALS[code][0]),
            )
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def event_series(
    signals: pd.DataFrame,
    events: pd.DataFrame,
    *,
    course,
    team_id,
    signal: str,
    as_of: dt.date,
    settings: ImpactSettings = DEFAULT_SETTINGS,
) -> pd.DataFrame:
    """What the chart draws: per period of the window, the team and its controls' mean.

    Columns period, start, side (-1 before, 0 the event week, 1 after), team, controls.
    """
    event = events.loc[(events["course"] == course) & (events["team_id"] == team_id)].iloc[0]
    first, event_start, event_end, last = event_window(
        event["completed_on"], as_of=as_of, settings=settings
    )
    teams = sorted(signals["team_id"].unique().tolist())
    controls = control_teams(events, course=course, team_id=team_id, last=last, teams=teams)
    frame = signals.loc[signals["signal"] == signal]
    return _differences(
        frame, team_id, controls, first, event_start, event_end, last, settings
    ).reset_index(drop=True)
