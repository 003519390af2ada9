"""Release rules for check-in aggregates: the one place they live.

Pure module: no Django imports. Every number or comment derived from
check-ins passes through :func:`release` or :func:`release_comments` before a
person, a template, a chart, an export or :func:`wellbeing.metrics.team_warnings`
sees it.

The rules
---------
1. **Minimum group size.** An aggregate of fewer than ``k`` answers is never
   shown. ``k`` defaults to 5 and is never below 3 (:func:`effective_k`).
2. **Closed periods only.** An aggregate of a period that has not ended yet
   is never shown: watching a running figure change as answers arrive reveals
   the answer that changed it.
3. **Complementary suppression.** Groups form a hierarchy (teams within the
   organisation, or departments within it). When a parent's aggregate is
   shown, subtracting its shown children from it yields the combined
   aggregate of everything hidden below it: its suppressed children plus any
   answers in no child (the *remainder*). That combined group must itself be
   safe, so while a released parent has
     * exactly one suppressed child and no remainder (its value would be
       recovered exactly), or
     * a hidden total (suppressed children's answers + remainder) of
       ``1 .. k-1`` answers,
   the smallest released child is suppressed as well (ties: lowest group id),
   and when no child is left to suppress, the parent is. Conversely, a
   parent hidden as a complement whose children are all shown and cover it
   exactly (no remainder) would be their sum, so its smallest child is hidden
   too. This repeats until nothing changes.

   For a two-level hierarchy (an organisation and its teams) this blocks
   every subtraction. Deeper hierarchies get the same local rules at each
   level, which block the direct subtractions (parent minus children,
   children summed into a hidden parent) but are not a full audit of every
   linear combination across levels.
4. **Suppressed means absent.** The aggregate columns of a suppressed row are
   replaced by NA (NaN in float columns; integer columns become nullable
   ``Int64`` with ``<NA>``), not merely flagged, so nothing downstream can show them by mistake.
5. **Comments** are released only when the feature is enabled, the period is
   closed and the group has at least ``max(min_answers, k)`` answers (10 by
   default: free text identifies people more easily than numbers), shuffled so
   their order says nothing. Show comments at one level of the hierarchy
   only: a parent's comments minus a child's comments are the other
   children's comments.

6. **No certainty about an individual** (:func:`shown_figure`). In a group
   of fewer than ``2k`` answers, a share "beyond the line" of 0% or 100%
   would tell every member where they stand, and so would a mean close
   enough to an end of the scale (the mean of ``n`` answers can only exceed
   ``max - (max - line) / n`` if every answer is beyond the line). So for
   such groups a share is never shown as a number, only as a band ("fewer
   than half" / "half or more"; every band holds at least two possible
   counts once ``n >= 3``), always, whatever its value, so that the band
   itself is no tell; and a mean beyond ``max - 2 (max - line) / n`` (or
   below ``min + 2 (line - min) / n``) is shown as a bound ("at least …",
   "at most …"), for which every member could be on either side of the line.
   Scales without a published line use the middle of the scale. Groups of
   ``2k`` answers or more are shown exactly. Dashboards, warning reasons,
   e-mails and exports all format check-in figures through this rule.
7. **Frozen at release.** A period's release is decided once, when it has
   closed, and stored (``services.checkins_release``); later changes to
   teams, people, memberships, ``k`` or settings never change a released
   figure or its ``n``.

Answer counts (``answers``, ``participation``) are blanked with the rest of a
suppressed row; a hidden group's count may still be bounded from its
parent's, which tells how many answered, never what.

Suppression is decided separately for each scale (``partition_columns``):
different scales are different numbers, and a scale's own answer count is
what protects it. Each scale is assumed to be reported at one period
granularity (the weekly pulse weekly, the monthly check-in monthly); a scale
reported both weekly and monthly would let a month minus its weeks reveal a
week.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wellbeing import periods

MIN_GROUP_SIZE_FLOOR = 3
DEFAULT_MIN_GROUP_SIZE = 5
DEFAULT_MIN_COMMENT_ANSWERS = 10

RELEASED = "released"
SUPPRESSED_BECAUSE = "suppressed_because"

SUPPRESSED_SMALL_GROUP = "small_group"
SUPPRESSED_OPEN_PERIOD = "open_period"
SUPPRESSED_COMPLEMENTARY = "complementary"

#: The aggregate columns of ``metrics.team_checkin_scores`` that :func:`release`
#: blanks by default. ``team_size`` is not check-in data and stays.
DEFAULT_VALUE_COLUMNS: tuple[str, ...] = ("answers", "n", "mean", "share_concern", "participation")


def effective_k(k: int) -> int:
    """The minimum group size actually applied: ``k``, but never below 3."""
    return max(int(k), MIN_GROUP_SIZE_FLOOR)


def release(
    groups: pd.DataFrame,
    *,
    today: dt.date,
    k: int = DEFAULT_MIN_GROUP_SIZE,
    group_column: str = "team_id",
    parent_column: str = "parent_id",
    period_column: str = "period",
    partition_columns: Sequence[str] = ("scale",),
    count_column: str = "n",
    value_columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Decide which group aggregates may be shown, and blank the others.

    ``groups`` has one row per group, period and partition (by default per
    team, period and scale, as ``metrics.team_checkin_scores`` returns it)
    with the number of answers behind the row in ``count_column`` and the
    group's parent in ``parent_column`` (NA for a root). Every group whose
    aggregate may be shown anywhere must be in the frame, parents included:
    a parent left out is treated as never shown.

    ``today`` is the date of the release; a period is closed once ``today`` is
    after its last day.

    Returns a copy with the same rows and order plus ``released`` (bool) and
    ``suppressed_because`` (``"open_period"``, ``"small_group"``,
    ``"complementary"`` or NA), and with ``value_columns`` (default: those of
    :data:`DEFAULT_VALUE_COLUMNS` present, always including ``count_column``)
    set to NA in suppressed rows.
    """
    key_columns = [*partition_columns, period_column]
    required = [group_column, parent_column, count_column, *key_columns]
    missing = [column for column in required if column not in groups.columns]
    if missing:
        raise ValueError(f"release() needs column(s) {', '.join(missing)} in the groups frame.")
    if value_columns is None:
        value_columns = [c for c in DEFAULT_VALUE_COLUMNS if c in groups.columns]
    blanked = list(dict.fromkeys([*value_columns, count_column]))
    absent = [column for column in blanked if column not in groups.columns]
    if absent:
        raise ValueError(f"release() value column(s) not in the frame: {', '.join(absent)}.")

    k_min = effective_k(k)
    size = len(groups)
    counts = pd.to_numeric(groups[count_column]).fillna(0).to_numpy(dtype="int64")

    key_code = groups.groupby(key_columns, sort=False, dropna=False).ngroup().to_numpy()
    group_code, group_ids = pd.factorize(groups[group_column], sort=True)
    parent_code = pd.Index(group_ids).get_indexer(groups[parent_column])
    row_key = key_code * len(group_ids) + group_code
    if pd.Index(row_key).has_duplicates:
        raise ValueError(
            f"release() needs one row per {group_column}, {', '.join(key_columns)}; "
            "found duplicates."
        )
    # Row position of each row's parent in the same period and partition (-1: none shown).
    parent_row = np.where(
        parent_code >= 0,
        pd.Index(row_key).get_indexer(key_code * len(group_ids) + parent_code),
        -1,
    )

    reason = np.full(size, None, dtype=object)
    reason[counts < k_min] = SUPPRESSED_SMALL_GROUP
    reason[~periods.is_closed(groups[period_column], today=today)] = SUPPRESSED_OPEN_PERIOD
    released = np.equal(reason, None)

    _suppress_complements(released, reason, counts, parent_row, group_code, k_min)

    result = groups.copy()
    mask = pd.Series(released, index=groups.index)
    for column in blanked:
        values = groups[column]
        if pd.api.types.is_integer_dtype(values) and not pd.api.types.is_bool_dtype(values):
            values = values.astype("Int64")  # a count stays a count, with <NA>
        result[column] = values.where(mask)
    result[RELEASED] = released
    result[SUPPRESSED_BECAUSE] = pd.Series(reason, index=groups.index, dtype="str")
    return result


def _suppress_complements(
    released: np.ndarray,
    reason: np.ndarray,
    counts: np.ndarray,
    parent_row: np.ndarray,
    order: np.ndarray,
    k_min: int,
) -> None:
    """Rule 3, in place. Each pass is vectorised over all parents; every pass
    suppresses at least one more row, so it ends after at most ``len(rows)``."""
    size = len(released)
    children = np.flatnonzero(parent_row >= 0)
    child_parent = parent_row[children]
    has_children = np.bincount(child_parent, minlength=size) > 0
    child_total = np.bincount(child_parent, weights=counts[children], minlength=size)
    remainder = np.where(has_children, np.maximum(counts - child_total, 0), 0)
    while True:
        # A child with no answers hides nothing.
        hidden = ~released[children] & (counts[children] > 0)
        hidden_children = np.bincount(child_parent, weights=hidden, minlength=size)
        hidden_total = (
            np.bincount(child_parent, weights=counts[children] * hidden, minlength=size) + remainder
        )
        exposed = (
            released
            & has_children
            & (
                ((hidden_children == 1) & (remainder == 0))
                | ((hidden_total > 0) & (hidden_total < k_min))
            )
        )
        # A suppressed parent whose children are all shown and cover it is
        # their sum: hide one child too (it only matters when the parent was
        # itself hidden as a complement; a small parent has small children).
        exposed |= ~released & has_children & (hidden_children == 0) & (remainder == 0)
        if not exposed.any():
            return
        candidates = children[released[children] & exposed[child_parent]]
        if not len(candidates) and not (exposed & released).any():
            return
        # Smallest released child of each exposed parent (ties: lowest group id).
        ranked = candidates[
            np.lexsort((order[candidates], counts[candidates], parent_row[candidates]))
        ]
        ranked_parents = parent_row[ranked]
        first = ranked[np.diff(ranked_parents, prepend=-1) != 0]
        covered = np.zeros(size, dtype=bool)
        covered[parent_row[first]] = True
        lone_parents = np.flatnonzero(exposed & ~covered & released)
        for rows in (first, lone_parents):
            released[rows] = False
            reason[rows] = SUPPRESSED_COMPLEMENTARY


def release_comments(
    comments: Sequence[str],
    *,
    n_answers: int,
    period: str,
    today: dt.date,
    enabled: bool,
    rng: random.Random,
    k: int = DEFAULT_MIN_GROUP_SIZE,
    min_answers: int = DEFAULT_MIN_COMMENT_ANSWERS,
) -> list[str]:
    """The comments of one group and period that may be shown, shuffled; else ``[]``.

    Empty unless ``enabled``, the period is closed (it ended before ``today``)
    and ``n_answers`` (all answers of the group in the period, with or without
    a comment) is at least ``max(min_answers, effective_k(k))``. Blank comments
    are dropped. ``rng`` shuffles, so tests can pin the order.
    """
    if not enabled:
        return []
    if not periods.is_closed(pd.Series([period]), today=today)[0]:
        return []
    if n_answers < max(int(min_answers), effective_k(k)):
        return []
    shown = [comment.strip() for comment in comments if comment and comment.strip()]
    rng.shuffle(shown)
    return shown


# --- rule 6: no certainty about an individual ---------------------------------------

#: Exact shares and means near an end of the scale are shown only for groups
#: of at least CERTAINTY_FACTOR * k answers.
CERTAINTY_FACTOR = 2

BAND_UNDER_HALF = "under_half"
BAND_HALF_OR_MORE = "half_or_more"
BOUND_AT_LEAST = "at_least"
BOUND_AT_MOST = "at_most"


@dataclass(frozen=True)
class ShownFigure:
    """What may be said about one released cell.

    Exactly one of ``mean`` / (``mean_bound``, ``mean_limit``) is set, and
    exactly one of ``share`` / ``share_band`` when the scale has a line
    (neither when it has none or the share is unknown).
    """

    n: int
    mean: float | None = None
    mean_bound: str | None = None
    mean_limit: float | None = None
    share: float | None = None
    share_band: str | None = None

    @property
    def exact(self) -> bool:
        return self.mean_bound is None and self.share_band is None


def exact_group_size(k: int) -> int:
    """The smallest group whose shares and means are shown exactly."""
    return CERTAINTY_FACTOR * effective_k(k)


def shown_figure(
    *,
    n: int,
    mean: float,
    share: float | None,
    k: int,
    minimum: float,
    maximum: float,
    line: float | None,
) -> ShownFigure:
    """Rule 6 for one released cell: exact numbers, or a band and a bound.

    ``line`` is the scale's published line (None: the middle of the scale).
    The bounds are rounded outwards to whole points (1 decimal on scales of
    fewer than 10 points), which only widens them.
    """
    n = int(n)
    if n >= exact_group_size(k):
        return ShownFigure(n=n, mean=float(mean), share=share)
    centre = (minimum + maximum) / 2 if line is None else float(line)
    upper = maximum - 2 * (maximum - centre) / n
    lower = minimum + 2 * (centre - minimum) / n
    digits = 1 if maximum - minimum < 10 else 0
    scale = 10**digits
    shown = ShownFigure(n=n, mean=float(mean))
    if mean >= upper:
        shown = ShownFigure(
            n=n, mean_bound=BOUND_AT_LEAST, mean_limit=math.floor(upper * scale) / scale
        )
    elif mean <= lower:
        shown = ShownFigure(
            n=n, mean_bound=BOUND_AT_MOST, mean_limit=math.ceil(lower * scale) / scale
        )
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return shown
    band = BAND_HALF_OR_MORE if share * n >= n / 2 else BAND_UNDER_HALF
    return ShownFigure(
        n=n,
        mean=shown.mean,
        mean_bound=shown.mean_bound,
        mean_limit=shown.mean_limit,
        share_band=band,
    )
