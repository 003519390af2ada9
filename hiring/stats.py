"""Pure helpers for hiring: integrity summaries, percentiles, the comparison chart.

No Django here: plain numbers in, plain numbers out, tested without a database.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

# A careful reader needs about this long per word to read a question and its options;
# an answer saved faster than that was most likely not read. Information, not a verdict.
SECONDS_PER_WORD = 0.2
MIN_READ_SECONDS = 3.0


def reading_seconds(word_count: int) -> float:
    return max(MIN_READ_SECONDS, word_count * SECONDS_PER_WORD)


@dataclass(frozen=True)
class IntegritySummary:
    total_seconds: int
    focus_lost: int
    pastes: int
    too_fast: int
    answered: int


def integrity_summary(
    *,
    question_seconds: dict[str, float],
    word_counts: dict[str, int],
    answered: set[str],
    focus_lost: int,
    pastes: int,
) -> IntegritySummary:
    """Counts for the recruiter: time spent, focus lost, pastes, answers too fast to be read.

    An answered question with no time recorded at all is not counted as too fast:
    missing timings (an old browser, JS blocked) prove nothing.
    """
    too_fast = 0
    for key in answered:
        seconds = question_seconds.get(key)
        if seconds is None:
            continue
        if seconds < reading_seconds(word_counts.get(key, 0)):
            too_fast += 1
    return IntegritySummary(
        total_seconds=int(sum(question_seconds.values())),
        focus_lost=focus_lost,
        pastes=pastes,
        too_fast=too_fast,
        answered=len(answered),
    )


def percentile_rank(score: float, scores: list[float]) -> int:
    """The share of `scores` below `score`, counting ties as half (0..100)."""
    if not scores:
        return 0
    ordered = sorted(scores)
    below = bisect_left(ordered, score)
    equal = bisect_right(ordered, score) - below
    return round(100 * (below + 0.5 * equal) / len(ordered))


# --- the comparison chart: a radar of up to four candidates ------------------------------

CHART_SIZE = 420
CHART_RADIUS = 140


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    centre = CHART_SIZE / 2
    return (
        round(centre + CHART_RADIUS * fraction * math.cos(angle), 1),
        round(centre + CHART_RADIUS * fraction * math.sin(angle), 1),
    )


def radar_geometry(*, axes: list[str], series: list[list[float | None]]) -> dict:
    """Coordinates of a radar chart: axes (labels at the rim), rings, one polygon a series.

    Values are percentages (0..100); a missing value is drawn at the centre.
    """
    count = len(axes)
    if count < 3:
        return {}
    rings = []
    for fraction in (0.25, 0.5, 0.75, 1.0):
        points = [_point(i, count, fraction) for i in range(count)]
        rings.append(" ".join(f"{x},{y}" for x, y in points))
    spokes = []
    for i, label in enumerate(axes):
        x, y = _point(i, count, 1.0)
        lx, ly = _point(i, count, 1.16)
        anchor = (
            "middle"
            if abs(lx - CHART_SIZE / 2) < 10
            else ("start" if lx > CHART_SIZE / 2 else "end")
        )
        spokes.append({"x": x, "y": y, "label": label, "lx": lx, "ly": ly, "anchor": anchor})
    polygons = []
    for values in series:
        points = [
            _point(i, count, max(0.0, min(100.0, value or 0.0)) / 100)
            for i, value in enumerate(values)
        ]
        polygons.append({"points": " ".join(f"{x},{y}" for x, y in points), "dots": points})
    centre = CHART_SIZE / 2
    return {
        "size": CHART_SIZE,
        "centre": centre,
        "rings": rings,
        "spokes": spokes,
        "polygons": polygons,
    }
