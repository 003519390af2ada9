"""Accuracy and speed of the rephrasing scorer on our en/ru/pl test sets.

Run: python tests/bench/bench_rephrasing.py  (no Django needed). One JSON line per figure.
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from courses.scoring.evaluation import (  # noqa: E402
    evaluate,
    load_items,
    ordering_rates,
    score_triples,
)
from courses.scoring.rephrasing import SUPPORTED_LANGUAGES, score_reply  # noqa: E402


def emit(figure: str, value: float, unit: str, **extra) -> None:
    line = {"bench": "rephrasing", "figure": figure, "value": value, "unit": unit, **extra}
    print(json.dumps(line))


def main() -> None:
    for language in SUPPORTED_LANGUAGES:
        score_reply("warm-up", language=language)  # loads the lemma dictionary once
        for split in ("tune", "holdout"):
            result = evaluate(load_items(language=language, split=split), language=language)
            emit(f"accuracy_{language}_{split}", round(result["accuracy"], 4), "ratio")
        items = load_items(language=language)
        rates = ordering_rates(score_triples(items, language=language))
        for figure in ("good_above_original", "bad_below_good"):
            emit(f"{figure}_{language}", round(rates[figure], 4), "ratio", pairs=rates["pairs"])
        started = time.perf_counter()
        for item in items:
            score_reply(item["good"], language=language, original=item["original"])
        elapsed = time.perf_counter() - started
        emit(f"score_time_{language}", round(elapsed / len(items) * 1000, 2), "ms/reply")


if __name__ == "__main__":
    main()
