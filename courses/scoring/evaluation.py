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


def load_abuse_items(*, language: str, split: str | None = None) -> list[dict]:
    """Items of ``data/abuse_<language>.jsonl``: ``{"text", "abusive", "split"}``."""
    path = DATA_DIR / f"abuse_{language}.jsonl"
    with path.open(encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    return [item for item in items if split is None or item["split"] == split]


def abuse_rates(items: Iterable[Mapping], *, language: str) -> dict:
    """Recall and precision of the abuse finding on items labelled ``abusive`` or not.

    Recall counts abusive texts that also fail (score below the pass mark), so an
    abusive reply that is found but still passes is a miss.
    """
    found = true_found = abusive = 0
    misses: list[str] = []
    false_alarms: list[str] = []
    for item in items:
        result = score_reply(item["text"], language=language, original=item.get("original"))
        flagged = any(f.code == "abuse" for f in result.findings)
        caught = flagged and not result.passed
        found += flagged
        abusive += bool(item["abusive"])
        true_found += bool(item["abusive"]) and caught
        if item["abusive"] and not caught:
            misses.append(item["text"])
        if flagged and not item["abusive"]:
            false_alarms.append(item["text"])
    return {
        "abusive": abusive,
        "recall": true_found / abusive if abusive else 0.0,
        "precision": (found - len(false_alarms)) / found if found else 1.0,
        "misses": misses,
        "false_alarms": false_alarms,
    }


def clean_texts(*, language: str) -> list[dict]:
    """Every original, good and bad reply of the rewrite set, as not-abusive items."""
    return [
        {"text": item[key], "abusive": False}
        for item in load_items(language=language)
        for key in ("original", "good", "bad")
    ]


FRAMES_FILES = {"train": "wholetrain.csv", "dev": "wholedev.csv", "test": "wholetest.csv"}


def load_frames(folder: Path, *, split: str, limit: int | None = None) -> list[tuple[str, str]]:
    """(original, reframe) pairs of the Positive Psychology Frames data (Ziems et al. 2022).

    The data (CC BY-SA 4.0) is not shipped with Steady: ``folder`` holds the
    ``whole{train,dev,test}.csv`` files of github.com/SALT-NLP/positive-frames.
    """
    import csv

    with (folder / FRAMES_FILES[split]).open(encoding="utf-8", newline="") as fh:
        rows = [(row["original_text"], row["reframed_text"]) for row in csv.DictReader(fh)]
    return rows[:limit] if limit else rows


def reframes_above(pairs: Iterable[tuple[str, str]], *, language: str = "en") -> dict:
    """Share of pairs whose reframe scores strictly above its original (each scored alone).

    Both texts are scored as replies on their own: the outside data are not rewrites
    of a support reply, so the facts check has nothing to compare.
    """
    n = above = ties = 0
    for original, reframe in pairs:
        a = score_reply(original, language=language).score
        b = score_reply(reframe, language=language).score
        n += 1
        above += b > a
        ties += b == a
    return {
        "pairs": n,
        "above": above / n if n else 0.0,
        "ties": ties / n if n else 0.0,
    }


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
