"""Backtest of the two-week-ahead forecast on a synthetic organisation with known drifts.

Run: ``python tests/bench/bench_forecast.py [--teams 40] [--weeks 36] [--seed 11]``.
No Django, no database. The synthetic organisation (``wellbeing.synthetic``)
drifts some teams toward a warning at random weeks; the burnout pipeline
computes every team's level for every week, as the nightly job would have;
then, for each week, the forecast sees only the weeks up to it and is scored
against the levels of the next two weeks. The naive forecast "the same level
as this week" is scored on the same team-weeks.

A forecast "says yes" for a level when its probability is at least 0.5.
Figures, one JSON line each (``{"bench": "forecast", "figure", "value", "unit"}``):
precision, recall and Brier score of the model and of the naive forecast for
Watch, Warning and Critical; the same for teams below the level this week
(where the naive forecast never says yes); the calibration table (mean
predicted probability and observed frequency per tenth); and the backtest
time. The tuning of the forecast was done on seed 2; the default seed is another.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from wellbeing import forecast, pipeline, synthetic  # noqa: E402


def emit(figure: str, value, unit: str = "") -> None:
    print(json.dumps({"bench": "forecast", "figure": figure, "value": value, "unit": unit}))


def backtest(
    *,
    teams: int,
    weeks: int,
    seed: int,
    settings: forecast.ForecastSettings = forecast.DEFAULT_SETTINGS,
) -> pd.DataFrame:
    org = synthetic.organisation(
        synthetic.mixed_plans(teams, weeks=weeks, seed=seed), weeks=weeks, seed=seed
    )
    as_of = org.week_start(weeks) - dt.timedelta(days=1)
    strain = pipeline.team_strain(pipeline.person_weeks(org.workload, as_of=as_of))
    sundays = [org.week_start(k) + dt.timedelta(days=6) for k in range(weeks)]
    levels = pipeline.team_levels(strain, pipeline.no_checkins(), weeks=sundays)
    rows = []
    for k in range(10, weeks - 2):
        monday = pd.Timestamp(org.week_start(k))
        now = levels.loc[levels["week_start"] == monday, ["team_id", "level_rank", "checkin_rank"]]
        result = forecast.team_forecasts(
            strain,
            now,
            week_start=monday.date(),
            thresholds=pipeline.DEFAULT_THRESHOLDS,
            settings=settings,
        )
        ahead = levels.loc[
            levels["week_start"].isin([monday + pd.Timedelta(weeks=h) for h in (1, 2)])
        ]
        truth = ahead.groupby("team_id")["level_rank"].max()
        rows.append(result.assign(truth=result["team_id"].map(truth)))
    return pd.concat(rows, ignore_index=True).dropna(subset=["truth"])


def scores(said: np.ndarray, happened: np.ndarray) -> tuple[float | None, float | None]:
    """Precision and recall; None where undefined (the forecast never said yes)."""
    hits = int((said & happened).sum())
    precision = round(hits / said.sum(), 4) if said.sum() else None
    recall = round(hits / happened.sum(), 4) if happened.sum() else None
    return precision, recall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=40)
    parser.add_argument("--weeks", type=int, default=36)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    started = time.perf_counter()
    result = backtest(teams=args.teams, weeks=args.weeks, seed=args.seed)
    emit("backtest_time", round(time.perf_counter() - started, 2), "s")
    emit("team_weeks", len(result), "team-weeks")
    for rank, level in ((1, "watch"), (2, "warning"), (3, "critical")):
        happened = (result["truth"] >= rank).to_numpy()
        probability = result[f"p_{level}"].to_numpy(dtype="float64")
        model = probability >= 0.5
        naive = (result["level_rank"] >= rank).to_numpy()
        below = (result["level_rank"] < rank).to_numpy()
        emit(f"{level}_base_rate", round(float(happened.mean()), 4), "share")
        for name, said in (("model", model), ("naive", naive)):
            precision, recall = scores(said, happened)
            emit(f"{level}_{name}_precision", precision, "share")
            emit(f"{level}_{name}_recall", recall, "share")
            brier = float(
                np.mean(((said.astype(float) if name == "naive" else probability) - happened) ** 2)
            )
            emit(f"{level}_{name}_brier", round(brier, 4), "score")
            precision, recall = scores(said & below, happened & below)
            emit(f"{level}_{name}_precision_rising", precision, "share")
            emit(f"{level}_{name}_recall_rising", recall, "share")
        tenth = np.clip((probability * 10).astype(int), 0, 9)
        table = [
            {
                "bin": f"{b / 10:.1f}-{(b + 1) / 10:.1f}",
                "predicted": round(float(probability[tenth == b].mean()), 3),
                "observed": round(float(happened[tenth == b].mean()), 3),
                "n": int((tenth == b).sum()),
            }
            for b in range(10)
            if (tenth == b).any()
        ]
        emit(f"{level}_calibration", table, "bins")
        gap = sum(abs(row["predicted"] - row["observed"]) * row["n"] for row in table) / len(result)
        emit(f"{level}_calibration_error", round(gap, 4), "share")


if __name__ == "__main__":
    main()
