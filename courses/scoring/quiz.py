"""Scoring of quiz answers and attempts (pure, no Django).

Each answer earns a *fraction* of its question's marks, 0.0 .. 1.0, or ``None``
while a person still has to grade it. An attempt's total is the marks earned over
the marks available; each competency gets its own 0-100 score from the questions
tagged with it (a dialogue scores the competencies its replies name).

Rules, kind by kind:

- ``single`` / ``true_false``: the chosen option's weight, never below 0.
- ``multiple``: Moodle's partial credit, the sum of the chosen options' weights
  (wrong options carry negative weights), clamped to 0 .. 1.
- ``situational``: the candidate names the most and the least effective reply;
  the key gives every reply a weight in -1 .. 1. The answer earns
  ``(w[most] - w[least] + spread) / (2 * spread)`` where ``spread`` is the best
  possible difference; picking the same reply twice earns 0.
- ``dialogue``: the path of replies walked from the start; each competency scores
  where its points fall between the worst and the best path, the question scores
  the same on the sum of all points.
- ``rephrasing``: the rephrasing scorer's 0-100, until a person overrides it.
- ``free_text``: pending until a person grades it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .dialogue import Edge, Node, follow_path, point_ranges, total_range


@dataclass(frozen=True)
class QuestionSpec:
    """What scoring needs to know about a question."""

    id: int | str
    kind: str
    weights: tuple[float, ...] = ()  # per option; situational weights in -1 .. 1
    competencies: tuple[str, ...] = ()
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    original: str = ""  # rephrasing: the reply to rewrite
    mark: float = 1.0


@dataclass(frozen=True)
class AnswerScore:
    fraction: float | None  # None: waiting for a person
    # competency -> (earned, available) in marks; a pending answer contributes nothing
    competencies: dict[str, tuple[float, float]] = field(default_factory=dict)
    detail: dict = field(default_factory=dict)

    @property
    def pending(self) -> bool:
        return self.fraction is None


@dataclass(frozen=True)
class AttemptScore:
    percent: float  # 0 .. 100 over the questions scored so far
    competencies: dict[str, float]  # code -> 0 .. 100
    pending: int  # answers waiting for a person
    passed: bool | None  # None while answers are pending


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def _choice(response: Mapping, key: str = "choice") -> int | None:
    value = response.get(key) if isinstance(response, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def score_answer(
    spec: QuestionSpec,
    response: Mapping | None,
    *,
    language: str = "en",
    manual_fraction: float | None = None,
) -> AnswerScore:
    """Score one answer; ``manual_fraction`` (a person's grade) wins over any rule."""
    response = response or {}
    detail: dict = {}
    if manual_fraction is not None:
        fraction: float | None = clamp(float(manual_fraction))
        if spec.kind == "dialogue":
            return _dialogue_score(spec, response, override=fraction)
    elif spec.kind in ("single", "true_false"):
        index = _choice(response)
        valid = index is not None and 0 <= index < len(spec.weights)
        fraction = clamp(spec.weights[index]) if valid else 0.0
    elif spec.kind == "multiple":
        chosen = response.get("choices") if isinstance(response, Mapping) else None
        picked = {
            i
            for i in (chosen or [])
            if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(spec.weights)
        }
        fraction = clamp(sum(spec.weights[i] for i in picked))
    elif spec.kind == "situational":
        fraction = _situational_fraction(
            spec.weights, _choice(response, "most"), _choice(response, "least")
        )
    elif spec.kind == "dialogue":
        return _dialogue_score(spec, response)
    elif spec.kind == "rephrasing":
        text = str(response.get("text") or "").strip()
        if not text:
            fraction = 0.0
        else:
            from .rephrasing import score_reply

            result = score_reply(text, language=language, original=spec.original or None)
            fraction = result.score / 100
            detail = {"rephrasing": result.as_dict()}
    elif spec.kind == "free_text":
        text = str(response.get("text") or "").strip()
        fraction = None if text else 0.0  # nothing written: nothing to grade
    else:
        raise ValueError(f"unknown question kind {spec.kind!r}")
    return AnswerScore(fraction, _spread(spec, fraction), detail)


def _spread(spec: QuestionSpec, fraction: float | None) -> dict[str, tuple[float, float]]:
    if fraction is None:
        return {}
    return {code: (fraction * spec.mark, spec.mark) for code in spec.competencies}


def _situational_fraction(weights: Sequence[float], most: int | None, least: int | None) -> float:
    count = len(weights)
    if most is None or least is None or most == least:
        return 0.0
    if not (0 <= most < count and 0 <= least < count):
        return 0.0
    spread = max(weights) - min(weights)
    if spread <= 0:
        return 0.0
    return clamp((weights[most] - weights[least] + spread) / (2 * spread))


def _normalise(value: float, low: float, high: float) -> float:
    if high <= low:
        return 1.0
    return clamp((value - low) / (high - low))


def _dialogue_score(
    spec: QuestionSpec, response: Mapping, *, override: float | None = None
) -> AnswerScore:
    path = response.get("path") if isinstance(response, Mapping) else None
    walk = follow_path(spec.nodes, spec.edges, path if isinstance(path, list) else [])
    ranges = point_ranges(spec.nodes, spec.edges)
    low, high = total_range(spec.nodes, spec.edges)
    total = sum(walk.points.values())
    fraction = _normalise(total, low, high) if override is None else override
    competencies = {
        code: (_normalise(walk.points.get(code, 0.0), lo, hi) * spec.mark, spec.mark)
        for code, (lo, hi) in ranges.items()
    }
    detail = {
        "ending": walk.ending,
        "node": walk.node,
        "steps": len(walk.edges),
        "points": walk.points,
    }
    return AnswerScore(fraction, competencies, detail)


def aggregate(
    scored: Sequence[tuple[QuestionSpec, AnswerScore]], *, pass_mark: float
) -> AttemptScore:
    """The attempt's total and per-competency scores; pass/fail once nothing is pending.

    Every question of the attempt counts, answered or not (an unanswered question
    is scored as an empty answer by the caller).
    """
    earned = available = 0.0
    by_code: dict[str, list[float]] = {}
    pending = 0
    for spec, score in scored:
        if score.fraction is None:
            pending += 1
            continue
        earned += score.fraction * spec.mark
        available += spec.mark
        for code, (got, out_of) in score.competencies.items():
            pair = by_code.setdefault(code, [0.0, 0.0])
            pair[0] += got
            pair[1] += out_of
    percent = round(100 * earned / available, 1) if available else 0.0
    competencies = {
        code: round(100 * got / out_of, 1) if out_of else 0.0
        for code, (got, out_of) in sorted(by_code.items())
    }
    passed = None if pending else percent >= pass_mark
    return AttemptScore(percent, competencies, pending, passed)


def pick_result(results: Sequence[tuple[float, object]], *, method: str) -> object | None:
    """The attempt that counts: ``highest`` score or ``last`` (results in attempt order)."""
    if not results:
        return None
    if method == "last":
        return results[-1][1]
    best = max(range(len(results)), key=lambda i: (results[i][0], i))
    return results[best][1]
