"""Rates written as people write them: "30/10m" is 30 per 10 minutes (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {"s": 1, "m": 60, "h": 3600}
RATE_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smh])\s*$")


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int


def rate_parse(text: str) -> Rate:
    """ "30/10m" -> Rate(30, 600); a bad value is a configuration error, said plainly."""
    match = RATE_PATTERN.match(text or "")
    if not match:
        raise ValueError(f"a rate must look like '30/10m' (30 per 10 minutes), not {text!r}")
    count, amount, unit = match.groups()
    return Rate(limit=int(count), seconds=int(amount or 1) * UNITS[unit])
