"""How well the rephrasing rules separate good rewrites from bad ones.

Each item of a data set holds a negative ``original`` reply, a ``good`` rewrite and a
``bad`` rewrite (and a ``split``: "tune" or "holdout"). A rule set is right about an
item three times over when the good rewrite passes and the original and the bad
rewrite do not. Run ``python -m courses.scoring.evaluation`` for the current figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from courses.scoring.rephrasing import GOOD_REWRITE_THRESHOLD, SUPPORTED_LANGUAGES, score_reply

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_items(*, language: str, split: str | None = None) -> list[dict]:
    """Items of ``data/rephrasing_<language>.jsonl``, optionally of one split only."""
    path = DATA_DIR / f"rephrasing_{language}.jsonl"
    with path.open(encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    return [item for item in items if split is None or item.get("split", "tune") == split]


def evaluate(
    items: Iterable[Mapping[str, str]],
    *,
    language: str,
    threshold: int = GOOD_REWRITE_THRESHOLD,
) -> dict:
    """Pass/fail accuracy of the rules on ``items``, with the misclassified texts."""
    n = good_ok = original_ok = bad_ok = 0
    errors: list[dict] = []
    for item in items:
        n += 1
        original = item["original"]
        good = score_reply(item["good"], language=language, original=original).score
        bad = score_reply(item["bad"], language=language, original=original).score
        negative = score_reply(original, language=language).score
        for label, score, ok in (
            ("good", good, good >= threshold),
            ("original", negative, negative < threshold),
            ("bad", bad, bad < threshold),
        ):
            if not ok:
                errors.append({"which": label, "score": score, "text": item[label]})
        good_ok += good >= threshold
        original_ok += negative < threshold
        bad_ok += bad < threshold
    total = 3 * n
    return {
        "language": language,
        "items": n,
        "good_pass_rate": good_ok / n if n else 0.0,
        "original_fail_rate": original_ok / n if n else 0.0,
        "bad_fail_rate": bad_ok / n if n else 0.0,
        "accuracy": (good_ok + original_ok + bad_ok) / total if total else 0.0,
        "errors": errors,
    }


def ordering_rates(scores: Iterable[tuple[int, int, int]]) -> dict:
    """How often the scores of ``(original, good, bad)`` triples are in the right order.

    ``good_above_original``: the share of pairs where the good rewrite scores strictly
    higher than the original; ``bad_below_good``: the share where the bad rewrite
    scores strictly lower than the good one. Ties count as wrong.
    """
    n = good_above = bad_below = 0
    for original, good, bad in scores:
        n += 1
        good_above += good > original
        bad_below += bad < good
    return {
        "pairs": n,
        "good_above_original": good_above / n if n else 0.0,
        "bad_below_good": bad_below / n if n else 0.0,
    }


def score_triples(
    items: Iterable[Mapping[str, str]], *, language: str
) -> list[tuple[int, int, int]]:
    """``(original, good, bad)`` scores of each item; rewrites are scored against the original."""
    triples = []
    for item in items:
        original = item["original"]
        triples.append(
            (
                score_reply(original, language=language).score,
                score_reply(item["good"], language=language, original=original).score,
                score_reply(item["bad"], language=language, original=original).score,
            )
        )
    return triples


def main() -> None:
    """Print the figures for every language and split."""
    for language in SUPPORTED_LANGUAGES:
        for split in ("tune", "holdout"):
            result = evaluate(load_items(language=language, split=split), language=language)
            print(
                f"{language} {split:8} n={result['items']:3} "
                f"good>={GOOD_REWRITE_THRESHOLD}: {result['good_pass_rate']:.0%}  "
                f"original<: {result['original_fail_rate']:.0%}  "
                f"bad<: {result['bad_fail_rate']:.0%}  "
                f"accuracy: {result['accuracy']:.1%}"
            )


if __name__ == "__main__":
    main()
