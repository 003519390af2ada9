"""Item statistics for question editors (pure, no Django).

For every question: how often it was answered, its *facility* (the mean score,
0 .. 1: high means easy) and its *discrimination*, the point-biserial (Pearson)
correlation between the item's score and the rest of the attempt's score. A good
item is answered better by people who do better overall (discrimination > 0.2);
near 0 or negative means the item does not tell strong from weak.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from math import sqrt


@dataclass(frozen=True)
class ItemScore:
    attempt: int | str
    question: int | str
    fraction: float  # 0 .. 1
    mark: float = 1.0


@dataclass(frozen=True)
class ItemStatistics:
    question: int | str
    answered: int
    facility: float | None
    discrimination: float | None  # None with fewer than 3 attempts or no spread


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / sqrt(sxx * syy)


def item_statistics(scores: Iterable[ItemScore]) -> dict[int | str, ItemStatistics]:
    """Facility and discrimination per question from every scored answer."""
    rows = list(scores)
    totals: dict[int | str, float] = {}
    for row in rows:
        totals[row.attempt] = totals.get(row.attempt, 0.0) + row.fraction * row.mark
    by_question: dict[int | str, list[ItemScore]] = {}
    for row in rows:
        by_question.setdefault(row.question, []).append(row)
    result = {}
    for question, items in by_question.items():
        fractions = [item.fraction for item in items]
        rest = [totals[item.attempt] - item.fraction * item.mark for item in items]
        result[question] = ItemStatistics(
            question=question,
            answered=len(items),
            facility=round(sum(fractions) / len(fractions), 3) if fractions else None,
            discrimination=(
                round(value, 3) if (value := _pearson(fractions, rest)) is not None else None
            ),
        )
    return result
