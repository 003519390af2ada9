"""Accuracy and speed of the rephrasing scorer: our en/ru/pl sets and outside data.

Run: python tests/bench/bench_rephrasing.py  (no Django needed). One JSON line per figure.

- ``accuracy_<lang>_<split>``: pass/fail right three times per item (good passes,
  original and bad fail) on the development ("tune") and held-out splits;
- ``good_above_original_<lang>_holdout`` / ``bad_below_good_<lang>_holdout``: ordering
  of the held-out support-reply triples;
- ``abuse_recall_<lang>_holdout``: held-out abusive replies that fail with an abuse
  finding; ``abuse_precision_<lang>_holdout``: abuse findings that are right, on the
  held-out abuse set plus every clean reply of the rewrite set;
- ``frames_reframe_above_<split>``: Positive Psychology Frames (Ziems et al. 2022) pairs
  whose reframe scores above its original. The data is not shipped (CC BY-SA): set
  ``POSITIVE_FRAMES_DIR`` to a folder with its whole{train,dev,test}.csv; the test split is
  read only when ``POSITIVE_FRAMES_SPLITS`` names it (a single final report);
- ``score_time_<lang>``: mean milliseconds per reply.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from courses.scoring.evaluation import (  # noqa: E402
    abuse_rates,
    clean_texts,
    evaluate,
    load_abuse_items,
    load_frames,
    load_items,
    ordering_rates,
    reframes_above,
    score_triples,
)
from courses.scoring.rephrasing import SUPPORTED_LANGUAGES, score_reply  # noqa: E402


def emit(figure: str, value: float, unit: str, **extra) -> None:
    line = {"bench": "rephrasing", "figure": figure, "value": value, "unit": unit, **extra}
    print(json.dumps(line), flush=True)


def main() -> None:
    for language in SUPPORTED_LANGUAGES:
        score_reply("warm-up", language=language)  # loads the lemma dictionary once
        for split in ("tune", "holdout"):
            items = load_items(language=language, split=split)
            result = evaluate(items, language=language)
            emit(
                f"accuracy_{language}_{split}", round(result["accuracy"], 4), "ratio", n=len(items)
            )
        held_out = load_items(language=language, split="holdout")
        rates = ordering_rates(score_triples(held_out, language=language))
        for figure in ("good_above_original", "bad_below_good"):
            emit(
                f"{figure}_{language}_holdout",
                round(rates[figure], 4),
                "ratio",
                pairs=rates["pairs"],
            )
        abuse = load_abuse_items(language=language, split="holdout")
        recall = abuse_rates(abuse, language=language)
        precision = abuse_rates(abuse + clean_texts(language=language), language=language)
        emit(
            f"abuse_recall_{language}_holdout",
            round(recall["recall"], 4),
            "ratio",
            abusive=recall["abusive"],
        )
        emit(f"abuse_precision_{language}_holdout", round(precision["precision"], 4), "ratio")
        items = load_items(language=language)
        started = time.perf_counter()
        for item in items:
            score_reply(item["good"], language=language, original=item["original"])
        elapsed = time.perf_counter() - started
        emit(f"score_time_{language}", round(elapsed / len(items) * 1000, 2), "ms/reply")

    folder = os.environ.get("POSITIVE_FRAMES_DIR", "")
    if not folder or not Path(folder).is_dir():
        emit(
            "frames_reframe_above_dev",
            None,
            "ratio",
            note="skipped: set POSITIVE_FRAMES_DIR to the positive-frames data folder",
        )
        return
    for split in os.environ.get("POSITIVE_FRAMES_SPLITS", "dev").split(","):
        rates = reframes_above(load_frames(Path(folder), split=split.strip()))
        emit(
            f"frames_reframe_above_{split.strip()}",
            round(rates["above"], 4),
            "ratio",
            pairs=rates["pairs"],
            ties=round(rates["ties"], 4),
        )


if __name__ == "__main__":
    main()
