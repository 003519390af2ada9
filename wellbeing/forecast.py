"""Early forecast: the chance that a team reaches each warning level in the next two weeks.

Pure (pandas/numpy, no Django). Inputs are the pipeline's team-week strain
(``metrics.TEAM_WEEK_COLUMNS``: people, flagged, share flagged, hours and
contacts trend against the team's baseline, people per reason) up to the
latest complete week, and each team's current level and check-in level.

The model mirrors how a level is made (``metrics.team_warnings``): the ladder
on the share of people flagged, at least *watch* when hours or contacts per
person run ``team_trend_pct`` above the baseline, and the check-in level,
which changes at most monthly and is carried forward. For each team:

* each signal (share flagged, the two trend percentages) is split into the
  organisation's part, the typical team's value that week (the median over
  the teams, which a few teams with drifts of their own do not move, and no
  further from 0 than the team's own value: a team left out of a busy week
  has no outlier of its own that week), and the team's own part. A week
  when the whole organisation moved (a busy week everywhere) is not a drift
  of one team and does not last: the future adds back the organisation's
  *usual* part, not this week's: for the share flagged its median over the
  last ``usual_weeks`` weeks, longer than the weeks the lines read, so a run
  of busy weeks is not taken for the usual; for the trends, over the weeks
  their lines read. The
  organisation's part is used only when at least ``org_min_teams`` other
  teams report that week;
* the team's own part is fitted by a weighted line over the last
  ``history_weeks`` weeks (recent weeks weigh more, half-life
  ``half_life_weeks``), giving a slope, its standard error and the scatter
  around the line. A slope counts only as far as it stands out from that
  scatter: it is shrunk by ``1 - (evidence_z / z)**2`` (zero when its
  z = slope / standard error is below ``evidence_z``), so a team whose
  count of flagged people wobbles is forecast to stay where it is, and one
  that rises week after week is forecast to go on rising. The slope is also
  damped (``damping`` per week) because drifts level off;
* the share flagged starts from this week's own part (flags of people last
  for weeks, so where the team is now is the best start), the trends from
  the fitted line (a single week's hours are noisy);
* occupancy leads the flags: a team whose two-week occupancy
  (``occupancy_14d``) rose above its own usual level (the median of the
  ``baseline_weeks`` weeks before the last one), beyond the rise of the
  median team that week, starts that much higher. How much higher is the
  organisation's own link: over its last ``usual_weeks`` weeks, the
  least-squares slope through 0 of how far each team's own share flagged
  rose in the next two weeks on its occupancy rise, over the team-weeks
  where occupancy rose (at least ``lead_min_pairs`` of them; no occupancy
  imported, no lead). A drift shows in occupancy a week or two before it
  shows in flags, while a busy week everywhere does not move it;
* ``draws`` futures are simulated: a slope from its uncertainty, and for
  each week ahead the scatter around the line (at least ``share_floor`` of a
  person for the share; it does not grow with the weeks ahead: what grows is
  the slope's uncertainty times the distance); the share flagged is then
  rounded to whole people of the team's ``people``;
* each future's level in each of the next ``horizon`` weeks follows the
  ladder; the probability of reaching a level is the share of futures in
  which the team is at or above it in at least one of those weeks.

Teams with fewer than ``min_history`` weeks get no forecast (``status``).
The settings were tuned on the backtest's synthetic organisations with
seeds 2, 3, 5 and 7 (``tests/bench/bench_forecast.py --seeds 2,3,5,7``);
other seeds judge them. The yes or no drawn from the probabilities
(:func:`says`) keeps this week's level unless the forecast clearly says
otherwise; its two cut-offs were chosen on the same seeds.
The drivers name the signals that push the forecast up: the slope of the
share flagged, the trends, and the person reasons whose count rose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wellbeing.metrics.numeric import row_nanmedian
from wellbeing.pipeline import LEVELS, PERSON_REASONS

FORECAST_COLUMNS = (
    "team_id",
    "week",  # the latest complete week the forecast starts from
    "by_week",  # the last week of the horizon
    "status",
    "level_rank",
    "p_watch",
    "p_warning",
    "p_critical",
    "drivers",
)
STATUS_OK = "ok"
STATUS_SHORT_HISTORY = "short_history"


@dataclass(frozen=True)
class ForecastSettings:
    horizon: int = 2
    history_weeks: int = 6
    min_history: int = 3
    half_life_weeks: float = 3.0
    damping: float = 0.95
    draws: int = 4000
    seed: int = 20261201
    evidence_z: float = 2.5
    share_floor: float = 0.25
    org_min_teams: int = 5
    usual_weeks: int = 26
    lead_min_pairs: int = 20
    # The yes/no of :func:`says`: a team keeps this week's level unless its chance of
    # staying is below ``stay_unless_below``; it rises to a level above when the chance
    # is at least ``rise_from`` (what the pages call "likely").
    stay_unless_below: float = 0.2
    rise_from: float = 0.6


DEFAULT_SETTINGS = ForecastSettings()


def _week_label(monday: pd.Timestamp) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _fit(values: np.ndarray, weights: np.ndarray, x: np.ndarray):
    """Weighted line through the rows of ``values`` (teams x weeks, NaN = missing).

    Returns the fitted value at x = 0 (the latest week), the slope, its
    standard error and the residual standard deviation, one per team.
    """
    w = np.where(np.isnan(values), 0.0, weights)
    y = np.nan_to_num(values)
    sw = w.sum(axis=1)
    safe = np.where(sw > 0, sw, 1.0)
    mx = (w * x).sum(axis=1) / safe
    my = (w * y).sum(axis=1) / safe
    sxx = (w * (x - mx[:, None]) ** 2).sum(axis=1)
    sxy = (w * (x - mx[:, None]) * (y - my[:, None])).sum(axis=1)
    slope = np.where(sxx > 0, sxy / np.where(sxx > 0, sxx, 1.0), 0.0)
    level = my - slope * mx
    residual = np.where(w > 0, y - (level[:, None] + slope[:, None] * x), 0.0)
    n = (w > 0).sum(axis=1)
    dof = np.maximum(n - 2, 1)
    sigma = np.sqrt((w * residual**2).sum(axis=1) / safe * n / dof)
    se = np.where(sxx > 0, sigma / np.sqrt(np.where(sxx > 0, sxx, 1.0) * n / safe), 0.0)
    return level, slope, se, sigma


def _shrunk(slope: np.ndarray, se: np.ndarray, evidence_z: float) -> np.ndarray:
    """The slope, shrunk toward zero as far as it fails to stand out from its error."""
    z = np.abs(slope) / np.where(se > 0, se, np.inf)
    factor = 1 - (evidence_z / np.maximum(z, 1e-12)) ** 2
    return np.where(se > 0, slope * np.clip(factor, 0.0, 1.0), slope)


def _organisation_part(
    history: pd.DataFrame,
    column: str,
    values: np.ndarray,
    weeks,
    s: ForecastSettings,
    usual_weeks: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Per team and week, the organisation's part of ``column`` (``values``: the
    teams' own, teams x weeks): the typical team's value that week (the median over
    all teams, so a few teams with drifts of their own do not move it; 0 where fewer
    than ``org_min_teams`` other teams report), but no further from 0 than the team's
    value (a busy week everywhere explains the flags a team has, not the ones it
    has not: a team left out of it has no outlier of its own that week); and per
    team the usual value: the median of the typical team's over the last
    ``usual_weeks`` weeks in which enough teams report (a run of busy weeks is not
    the organisation's usual, as it would be in the few weeks the teams' lines read)."""
    latest = weeks[-1]
    span = max(usual_weeks, len(weeks))
    longer = [latest - pd.Timedelta(weeks=k) for k in range(span - 1, -1, -1)]
    everyone = _matrix(history, column, sorted(history["team_id"].unique()), longer)
    typical, enough = _typical(everyone, s)
    usual = np.full(len(values), np.median(typical[enough]) if enough.any() else 0.0)
    typical = typical[-len(weeks) :]
    part = np.clip(typical, np.minimum(values, 0.0), np.maximum(values, 0.0))
    return np.where(np.isnan(values), typical, part), usual


def _typical(values: np.ndarray, s: ForecastSettings) -> tuple[np.ndarray, np.ndarray]:
    """Per week of ``values`` (teams x weeks): the median team's value where more than
    ``org_min_teams`` teams report (0 elsewhere), and whether they do."""
    enough = (~np.isnan(values)).sum(axis=0) > s.org_min_teams
    return np.where(enough, row_nanmedian(values.T), 0.0), enough


def _less_typical(values: np.ndarray, s: ForecastSettings) -> np.ndarray:
    """``values`` (teams x weeks) less each week's typical team (:func:`_typical`)."""
    return values - _typical(values, s)[0]


def _occupancy_rise(
    history: pd.DataFrame, teams, weeks, s: ForecastSettings, t
) -> tuple[np.ndarray, np.ndarray]:
    """Per team and week (teams x weeks): the team's two-week occupancy above its own
    usual level, less the median team's rise that week, and the occupancy itself; NaN
    where unknown.

    The usual level is the median of the ``baseline_weeks`` weeks before the last one
    (at least ``baseline_min_weeks`` known): this week's two-week figure shares a week
    with the last one's.
    """
    span = len(weeks)
    unknown = np.full((len(teams), span), np.nan)
    if "occupancy_14d" not in history.columns:
        return unknown, unknown
    occupancy = _matrix(history, "occupancy_14d", teams, weeks)
    if span <= t.baseline_weeks + 1:
        return unknown, occupancy
    first = t.baseline_weeks + 1  # the first week with a full baseline window before it
    windows = np.lib.stride_tricks.sliding_window_view(occupancy, t.baseline_weeks, axis=1)
    windows = windows[:, : span - first]  # window i ends two weeks before week i + first
    flat = windows.reshape(-1, t.baseline_weeks)
    usual = row_nanmedian(flat).reshape(len(teams), -1)
    known = (~np.isnan(flat)).sum(axis=1).reshape(len(teams), -1) >= t.baseline_min_weeks
    rise = np.full_like(occupancy, np.nan)
    rise[:, first:] = np.where(known, occupancy[:, first:] - usual, np.nan)
    return _less_typical(rise, s), occupancy


def _occupancy_lead(
    history: pd.DataFrame, teams, latest: pd.Timestamp, s: ForecastSettings, t
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per team: how much higher its share flagged starts for its occupancy rise, that
    rise in points (0 where unknown or not a rise), and its two-week occupancy this week
    (NaN where unknown). See the module's docstring."""
    span = s.usual_weeks + t.baseline_weeks + 3
    weeks = [latest - pd.Timedelta(weeks=k) for k in range(span - 1, -1, -1)]
    rise, occupancy = _occupancy_rise(history, teams, weeks, s, t)
    now = np.clip(np.nan_to_num(rise[:, -1]), 0.0, None)
    share = _matrix(history, "share_flagged", teams, weeks)
    own = _less_typical(share, s)
    # Rise of the own share over the next two weeks (the larger of the two), per week
    # whose two weeks ahead are known.
    ahead = np.fmax(own[:, 1:-1], own[:, 2:]) - own[:, :-2]
    before = rise[:, :-2]
    pairs = ~np.isnan(before) & ~np.isnan(ahead) & (before > 0)
    if pairs.sum() < s.lead_min_pairs:
        return np.zeros(len(teams)), now, occupancy[:, -1]
    slope = float((before[pairs] * ahead[pairs]).sum() / (before[pairs] ** 2).sum())
    return max(slope, 0.0) * now, now, occupancy[:, -1]


def _ladder(share: np.ndarray, t) -> np.ndarray:
    return (
        (share >= t.team_watch).astype(int)
        + (share >= t.team_warning).astype(int)
        + (share >= t.team_critical).astype(int)
    )


def _matrix(strain: pd.DataFrame, column: str, teams, weeks) -> np.ndarray:
    table = strain.pivot_table(
        index="team_id", columns="week_start", values=column, aggfunc="first"
    )
    return table.reindex(index=teams, columns=weeks).to_numpy(dtype="float64")


def team_forecasts(
    strain: pd.DataFrame,
    current: pd.DataFrame,
    *,
    week_start: dt.date,
    thresholds,
    settings: ForecastSettings = DEFAULT_SETTINGS,
) -> pd.DataFrame:
    """Per team in ``current``: the probabilities of each level within the horizon.

    ``strain``: team-week strain rows (``week_start`` datetime64, ``people``,
    ``share_flagged``, ``hours_trend_pct``, ``contacts_trend_pct``,
    ``n_<reason>``); only weeks up to ``week_start`` (the latest complete
    week's Monday) are read. ``current``: team_id, level_rank (that week's
    level) and checkin_rank. Returns :data:`FORECAST_COLUMNS`; ``p_<level>``
    is the probability of being at or above that level in at least one of
    the next ``horizon`` weeks; ``drivers`` a list of ``{"code", "params"}``.
    """
    t = thresholds
    s = settings
    latest = pd.Timestamp(week_start)
    weeks = [latest - pd.Timedelta(weeks=k) for k in range(s.history_weeks - 1, -1, -1)]
    x = np.arange(-(s.history_weeks - 1), 1, dtype="float64")
    weights = 0.5 ** (-x / s.half_life_weeks)
    teams = current["team_id"].tolist()
    by_week = _week_label(latest + pd.Timedelta(weeks=s.horizon))
    if not teams:
        return pd.DataFrame({column: [] for column in FORECAST_COLUMNS})
    history = strain.loc[strain["week_start"] <= latest]
    share = _matrix(history, "share_flagged", teams, weeks)
    people = _matrix(history, "people", teams, weeks)
    trend_names = ("hours_trend_pct", "contacts_trend_pct")
    trends = [_matrix(history, name, teams, weeks) for name in trend_names]
    org_share, usual_share = _organisation_part(
        history, "share_flagged", share, weeks, s, s.usual_weeks
    )
    org_trends = [
        _organisation_part(history, name, matrix, weeks, s, s.history_weeks)
        for name, matrix in zip(trend_names, trends, strict=True)
    ]
    seen = (~np.isnan(share)).sum(axis=1)
    team_people = np.nan_to_num(
        people[:, -1], nan=np.nanmax(np.c_[people, np.zeros(len(teams))], axis=1)
    )
    team_people = np.maximum(team_people, 1).astype("int64")

    rng = np.random.default_rng(s.seed)
    d = s.draws
    steps = np.cumsum(s.damping ** np.arange(1, s.horizon + 1))  # damped distance per week ahead

    def futures(level, slope, se, sigma, lower=None, upper=None):
        slopes = slope[:, None] + se[:, None] * rng.standard_normal((len(teams), d))
        out = []
        for step in steps:
            # The line carries the drift (and its uncertainty, in the slopes); a week is
            # the line plus the usual scatter around it, which does not pile up week on week.
            noise = sigma[:, None] * rng.standard_normal((len(teams), d))
            value = level[:, None] + slopes * step + noise
            out.append(np.clip(value, lower, upper) if lower is not None else value)
        return out

    own_share = share - org_share
    level, seen_slope, se, sigma = _fit(own_share, weights, x)
    slope = _shrunk(seen_slope, se, s.evidence_z)
    # Flags of people last: start from where the team's own part is this week.
    level = np.where(np.isnan(own_share[:, -1]), level, own_share[:, -1]) + usual_share
    lead, occupancy_rise, occupancy_now = _occupancy_lead(history, teams, latest, s, t)
    level = level + lead
    # The share of a small team moves in whole people: keep some scatter even when none is seen.
    sigma = np.maximum(sigma, s.share_floor / team_people)
    share_paths = futures(level, slope, se, sigma, 0.0, 1.0)
    trend_paths = []
    for matrix, (org, usual) in zip(trends, org_trends, strict=True):
        t_level, t_slope, t_se, t_sigma = _fit(matrix - org, weights, x)
        t_slope = _shrunk(t_slope, t_se, s.evidence_z)
        known = (~np.isnan(matrix)).sum(axis=1) >= s.min_history
        paths = futures(t_level + usual, t_slope, t_se, np.maximum(t_sigma, 2.0))
        trend_paths.append([np.where(known[:, None], p, -np.inf) for p in paths])

    checkin_rank = current["checkin_rank"].fillna(0).to_numpy(dtype="int64")
    reached = np.zeros((len(teams), d), dtype="int64")
    for h in range(s.horizon):
        flagged = np.round(share_paths[h] * team_people[:, None])
        rank = _ladder(flagged / team_people[:, None], t)
        trend_watch = (trend_paths[0][h] >= t.team_trend_pct) | (
            trend_paths[1][h] >= t.team_trend_pct
        )
        rank = np.maximum.reduce(
            [rank, trend_watch.astype(int), np.broadcast_to(checkin_rank[:, None], rank.shape)]
        )
        reached = np.maximum(reached, rank)

    # A trend names a driver only as far as it is the team's own (not a busy week everywhere).
    own_trends_now = [
        matrix[:, -1] - org[:, -1] + usual
        for matrix, (org, usual) in zip(trends, org_trends, strict=True)
    ]
    drivers = _drivers(
        history,
        teams,
        weeks,
        (seen_slope, slope),
        trends,
        own_trends_now,
        (lead * team_people, occupancy_rise, occupancy_now),
        t,
    )
    rows = []
    for i, team_id in enumerate(teams):
        enough = seen[i] >= s.min_history
        probabilities = [
            float((reached[i] >= rank).mean()) if enough else np.nan for rank in (1, 2, 3)
        ]
        rows.append(
            {
                "team_id": team_id,
                "week": _week_label(latest),
                "by_week": by_week,
                "status": STATUS_OK if enough else STATUS_SHORT_HISTORY,
                "level_rank": int(current["level_rank"].iloc[i]),
                "p_watch": probabilities[0],
                "p_warning": probabilities[1],
                "p_critical": probabilities[2],
                "drivers": drivers[i] if enough else [],
            }
        )
    return pd.DataFrame(rows).loc[:, list(FORECAST_COLUMNS)]


def _drivers(
    history, teams, weeks, slopes, trends, own_trends_now, occupancy, t
) -> list[list[dict]]:
    """Per team, the signals that push the forecast up, strongest first.

    ``slopes``: the slope of the team's own share flagged as seen (the weighted
    line) and as counted (shrunk by its evidence). The share is named when the
    counted slope pushes the forecast up; the figure shown is the seen one, which
    the lead can check against the weeks on the page. ``occupancy``: how many
    people the occupancy rise adds at the start, that rise in points and the
    occupancy this week; named from half a person.
    """
    seen, counted = slopes
    out: list[list[dict]] = [[] for _ in teams]
    share_now = _matrix(history, "share_flagged", teams, weeks)[:, -1]
    for i in range(len(teams)):
        if counted[i] > 0.01 and not np.isnan(share_now[i]) and share_now[i] < 1:
            out[i].append(
                {
                    "code": "share_flagged_rising",
                    "params": {
                        "share": round(float(share_now[i]), 4),
                        "per_week": round(float(seen[i]), 4),
                        "line": t.team_warning,
                    },
                    "weight": 1e6,  # the level is made of this share: name it first
                }
            )
    for name, matrix, own_now in zip(
        ("hours_trend", "contacts_trend"), trends, own_trends_now, strict=True
    ):
        now = matrix[:, -1]
        for i in range(len(teams)):
            if not np.isnan(now[i]) and min(now[i], own_now[i]) >= t.team_trend_pct / 2:
                out[i].append(
                    {
                        "code": name,
                        "params": {"pct": round(float(now[i]), 1), "line": t.team_trend_pct},
                        "weight": float(now[i]) / max(t.team_trend_pct, 1.0),
                    }
                )
    people_added, rise, occupancy_now = occupancy
    for i in range(len(teams)):
        if people_added[i] >= 0.5 and not np.isnan(occupancy_now[i]):
            out[i].append(
                {
                    "code": "occupancy_rising",
                    "params": {
                        "now": round(float(occupancy_now[i]), 1),
                        "points": round(float(rise[i]), 1),
                    },
                    "weight": float(rise[i]),
                }
            )
    back = weeks[-4] if len(weeks) >= 4 else weeks[0]
    for reason in PERSON_REASONS:
        column = f"n_{reason}"
        if column not in history.columns:
            continue
        counts = _matrix(history, column, teams, [back, weeks[-1]])
        for i in range(len(teams)):
            before, now = np.nan_to_num(counts[i, 0]), np.nan_to_num(counts[i, 1])
            if now > before:
                out[i].append(
                    {
                        "code": "reason_rising",
                        "params": {"reason": reason, "before": int(before), "now": int(now)},
                        "weight": float(now - before),
                    }
                )
    for i in range(len(teams)):
        out[i].sort(key=lambda item: -item["weight"])
        out[i] = [{"code": item["code"], "params": item["params"]} for item in out[i][:4]]
    return out


def says(
    probability: np.ndarray,
    current_rank: np.ndarray,
    rank: int,
    settings: ForecastSettings = DEFAULT_SETTINGS,
) -> np.ndarray:
    """The forecast's yes or no to "at ``rank`` or above within the horizon".

    It keeps this week's level unless the trend clearly says otherwise: a team at
    or above ``rank`` this week is forecast to stay there unless its chance of
    staying is below ``stay_unless_below``; a team below is forecast to reach it
    when the chance is at least ``rise_from``. NaN (no forecast) is a no.
    """
    p = np.nan_to_num(np.asarray(probability, dtype="float64"), nan=-1.0)
    at = np.asarray(current_rank) >= rank
    return np.where(at, p >= settings.stay_unless_below, p >= settings.rise_from)


def naive_reach(current_rank: np.ndarray) -> dict[str, np.ndarray]:
    """The naive forecast "the same level as this week", as 0/1 probabilities per level."""
    return {f"p_{LEVELS[rank]}": (current_rank >= rank).astype(float) for rank in (1, 2, 3)}


def plain_probability(p: float) -> str:
    """A word for a probability: the code ``reasons`` turns into a translated phrase."""
    if p >= 0.9:
        return "very_likely"
    if p >= 0.6:
        return "likely"
    if p >= 0.3:
        return "possible"
    if p >= 0.1:
        return "unlikely"
    return "very_unlikely"
