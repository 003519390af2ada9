"""Numbers as people type them into answers and files (pure)."""

from __future__ import annotations

import math
import re

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")


def parse_number(text: str) -> float | None:
    """'3.5', '3,5', ' -2 ', '1 000' -> float; units, words and infinities -> None.

    A decimal comma is read as a point (Russian and Polish write 3,5), so a comma
    can never be a thousands separator here; spaces (also non-breaking) are.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(cleaned):
        return None
    number = float(cleaned.replace(",", "."))
    return number if math.isfinite(number) else None
