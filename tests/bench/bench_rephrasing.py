"""Accuracy and speed of the rephrasing scorer on our en/ru/pl test sets.

Run: python tests/bench/bench_rephrasing.py  (no Django needed). One JSON line per figure.
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from courses.scoring.evaluation import evaluate, load_items  # noqa: E402
from courses.scoring.rephrasing import SUPPORTED_LANGUAGES, score_reply  # noqa: E402


def emit(figure: str, value: float, unit: str) -> None:
    print(json.dumps({"bench": "rephrasing", "figure": figure, "value": value, "unit": unit}))


def main() -> None:
    for language in SUPPORTED_LANGUAGES:
        score_reply("warm-up", language=language)  # loads the lemma dictionary once
        for split in ("tune", "holdout"):
            result = evaluate(load_items(language=language, split=split), language=language)
            emit(f"accuracy_{language}_{split}", round(result["accuracy"], 4), "ratio")
        items = load_items(language=language)
        started = time.perf_counter()
        for item in items:
            score_reply(item["good"], language=language, original=item["original"])
        elapsed = time.perf_counter() - started
        emit(f"score_time_{language}", round(elapsed / len(items) * 1000, 2), "ms/reply")


if __name__ == "__main__":
    main()
