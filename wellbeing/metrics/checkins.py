"""Check-in aggregation: anonymous scores per team (and ancestor group), period and scale."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import numpy as np
import pandas as pd

from wellbeing import instruments, periods

from .columns import CHECKIN_SCORE_COLUMNS, require


def beyond_published_line(scales: pd.Series, values: pd.Series) -> pd.Series:
    """Per row: 1.0 if the value is on the concerning side of its scale's published
    line (:func:`wellbeing.instruments.beyond_line`), 0.0 if not, NaN for a scale
    without a line (the pulse)."""
    numbers = values.to_numpy(dtype="float64")
    result = np.full(len(numbers), np.nan)
    for code in pd.unique(scales):
        spec = instruments.SCALES[code]
        if spec.line is None:
            continue
        rows = (scales == code).to_numpy()
        result[rows] = instruments.beyond_line(spec, numbers[rows])
    return pd.Series(result, index=values.index)


def _ancestor_pairs(teams: pd.Series, parents: Mapping[Hashable, Hashable]) -> pd.DataFrame:
    """(team_id, group_id) for each team and each of its ancestors, itself included."""
    pairs = pd.DataFrame({"team_id": teams.unique(), "group_id": teams.unique()})
    frontier = pairs
    seen = 0
    while len(frontier) and seen <= len(parents):
        frontier = frontier.assign(group_id=frontier["group_id"].map(parents)).dropna(
            subset=["group_id"]
        )
        pairs = pd.concat([pairs, frontier], ignore_index=True)
        seen += 1
    if len(frontier):
        raise ValueError("parents mapping has a cycle.")
    return pairs


def team_checkin_scores(
    checkins: pd.DataFrame,
    *,
    team_sizes: pd.DataFrame | None = None,
    parents: Mapping[Hashable, Hashable] | None = None,
) -> pd.DataFrame:
    """Aggregate anonymous check-ins per team (and ancestor group), period and scale.

    ``checkins`` has ``team_id``, ``period`` (``"2026-W47"`` or ``"2026-11"``)
    and one column per scale the form yields, named by the scale code in
    :data:`wellbeing.instruments.SCALES` (``cbi_work``, ``cbi_client``,
    ``who5``, ``sib``, ``cbi_work_pulse``); NaN where a respondent has no score
    for the scale. Other columns are ignored.

    ``parents`` (optional) maps a team or group id to its parent's id; each
    ancestor then gets rows of its own aggregated from every check-in below
    it (so an organisation row is computed from the raw scores, not from
    rounded team means). ``team_sizes`` (optional) has ``team_id`` and
    ``size`` (and ``period`` if sizes vary by period); an ancestor missing
    from it gets the sum of its descendant teams.

    Returns :data:`CHECKIN_SCORE_COLUMNS`, one row per group, period and scale
    that has at least one score: ``answers`` = check-ins of the group in the
    period, ``n`` = those with a score on the scale, ``mean``,
    ``share_concern`` = share of those scores on the concerning side of the
    scale's published line (CBI >= 50, single item >= 3, WHO-5 <= 50; NaN for
    the pulse, which has none), ``participation = answers / team_size``.
    The result is NOT fit to show: pass it through ``privacy.release``.
    """
    require(checkins, ["team_id", "period"], "checkins")
    scale_columns = [code for code in instruments.SCALES if code in checkins.columns]
    if not scale_columns:
        raise ValueError(
            "checkins frame has no scale column; expected one of "
            + ", ".join(instruments.SCALES)
            + "."
        )
    periods.period_bounds(checkins["period"])  # validates the labels
    parents = dict(parents or {})
    rows = checkins.loc[:, ["team_id", "period", *scale_columns]].reset_index(drop=True)
    rows = rows.assign(checkin=np.arange(len(rows)))
    pairs = _ancestor_pairs(rows["team_id"], parents)
    rows = (
        rows.merge(pairs, on="team_id")
        .drop(columns="team_id")
        .rename(columns={"group_id": "team_id"})
    )

    answers = rows.groupby(["team_id", "period"], sort=False).size().rename("answers")
    long = rows.melt(
        id_vars=["team_id", "period"],
        value_vars=scale_columns,
        var_name="scale",
        value_name="value",
    ).dropna(subset=["value"])
    value = long["value"].astype("float64")
    minimum = long["scale"].map({c: instruments.SCALES[c].minimum for c in scale_columns})
    maximum = long["scale"].map({c: instruments.SCALES[c].maximum for c in scale_columns})
    out_of_range = (value < minimum) | (value > maximum)
    if out_of_range.any():
        bad = long.loc[out_of_range, ["scale", "value"]].drop_duplicates().head(5)
        shown = ", ".join(f"{s}={v}" for s, v in bad.itertuples(index=False))
        raise ValueError(f"checkins frame has scores outside their scale: {shown}.")
    long = long.assign(value=value, concern=beyond_published_line(long["scale"], value))
    scores = (
        long.groupby(["team_id", "period", "scale"], sort=True)
        .agg(n=("value", "size"), mean=("value", "mean"), share_concern=("concern", "mean"))
        .reset_index()
        .join(answers, on=["team_id", "period"])
    )

    if team_sizes is not None:
        require(team_sizes, ["team_id", "size"], "team_sizes")
        size_keys = ["team_id", "period"] if "period" in team_sizes.columns else ["team_id"]
        sizes = team_sizes.loc[:, [*size_keys, "size"]]
        rolled = (
            sizes.merge(_ancestor_pairs(sizes["team_id"], parents), on="team_id")
            .groupby([*(["period"] if "period" in size_keys else []), "group_id"], sort=False)[
                "size"
            ]
            .sum()
            .reset_index()
            .rename(columns={"group_id": "team_id", "size": "rolled_size"})
        )
        scores = scores.merge(sizes, on=size_keys, how="left").merge(
            rolled, on=size_keys, how="left"
        )
        team_size = scores["size"].fillna(scores["rolled_size"])
    else:
        team_size = pd.Series(np.nan, index=scores.index)
    scores = scores.assign(
        parent_id=scores["team_id"].map(parents),
        team_size=team_size.astype("float64"),
        participation=scores["answers"] / team_size.astype("float64"),
        n=scores["n"].astype("int64"),
        answers=scores["answers"].astype("int64"),
    )
    return scores.loc[:, list(CHECKIN_SCORE_COLUMNS)].reset_index(drop=True)
