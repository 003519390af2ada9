"""Objects loaded from database rows, kept per process while the rows say the same.

A caller reads a few cheap columns of the rows an object was built from (its
*signature*: revision, publication, path…) on every use, and the memo hands back
the object built last time when the signature is unchanged, or builds it again.
Another process's change therefore shows on the next use without any shared
cache; a change in this process clears every memo at once (`forget_all`, called
by the courses app when a page or topic is saved or deleted).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

_MEMOS: list[RowMemo] = []


class RowMemo:
    """Up to ``limit`` objects by key, each with the signature it was built under."""

    def __init__(self, limit: int = 2048) -> None:
        self._kept: dict[Hashable, tuple[Any, Any]] = {}
        self._limit = limit
        _MEMOS.append(self)

    def get(self, key: Hashable, signature: Any, build: Callable[[], Any]) -> Any:
        kept = self._kept.get(key)
        if kept is not None and kept[0] == signature:
            return kept[1]
        value = build()
        if len(self._kept) >= self._limit:
            self._kept.clear()
        self._kept[key] = (signature, value)
        return value

    def clear(self) -> None:
        self._kept.clear()


def forget_all() -> None:
    """Drop what every memo keeps (a row changed in this process)."""
    for memo in _MEMOS:
        memo.clear()
