"""The person-day rules on dense people x days matrices, a block of people at a time.

Workload records are scattered once into matrices with one row per person and
one column per calendar day (column 0 a Monday, so weeks are reshapes). On such
a matrix a trailing sum is a row-wise cumulative sum, a lag of ``k`` weeks is a
view ``k * 7`` columns to the left, the median of the eight lags a sorting
network of elementwise minima and maxima, and the EWMA a recursion over the
columns done for every person at once. People are taken ``BLOCK_PEOPLE`` at a
time, so the temporaries stay a few megabytes whatever the organisation's size.

:func:`signal_blocks` yields, per block, the day matrices; ``signals.py``
flattens them into the long :data:`SIGNAL_COLUMNS` frame and ``weeks.py``
reduces them to person-weeks without building that frame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .columns import WORKLOAD_COLUMNS, Thresholds, require

#: People per block at most: a float64 day matrix is then about 1.5 MB for a year, and
#: a block's matrices and temporaries about 50 MB. Fewer people than eight full blocks
#: are cut into eight smaller ones (not below ``MIN_BLOCK_PEOPLE``): a small organisation's
#: peak memory then shrinks with it, while a large one keeps blocks big enough that the
#: per-day steps (the EWMA) run over many rows at once.
BLOCK_PEOPLE = 512
MIN_BLOCK_PEOPLE = 64
MAD_TO_SIGMA = 1.4826
#: Rows per pass of the sorting network: its sixteen arrays of a year then fit in a
#: 2 MB L2 cache (measured a third faster than 64 rows, 3-4x faster than 1,024).
_NETWORK_ROWS = 32
_NANOSECONDS_PER_DAY = 86_400 * 10**9
#: 1970-01-01 was a Thursday; day d (since the epoch) is weekday (d + 3) % 7.
_EPOCH_WEEKDAY = 3
#: Comparators of the optimal sorting network for eight inputs (19).
_NETWORK_8 = (
    (0, 2), (1, 3), (4, 6), (5, 7),
    (0, 4), (1, 5), (2, 6), (3, 7),
    (0, 1), (2, 3), (4, 5), (6, 7),
    (2, 4), (3, 5),
    (1, 4), (3, 6),
    (1, 2), (3, 4), (5, 6),
)  # fmt: skip


@dataclass
class Records:
    """Workload records up to ``as_of`` as typed arrays, people coded 0..n-1 in id order."""

    person_ids: pd.Index  # sorted distinct person ids
    code: np.ndarray  # person code per record
    day: np.ndarray  # days since the epoch per record
    team: np.ndarray  # team id per record (any dtype)
    values: dict[str, np.ndarray]  # contacts, hours_worked, ... as float64; absence bool
    first_day: np.ndarray  # per person
    last_day: np.ndarray  # per person: Sunday of the last record's week, not beyond as_of
    grid_start: int  # a Monday on or before every first day
    grid_days: int  # a multiple of 7


@dataclass
class Block:
    """Day matrices (people x days) of ``Records.person_ids[rows]``."""

    rows: slice
    inside: np.ndarray  # bool: the day is in the person's calendar
    record: np.ndarray  # index of the record of that day, -1 without one
    m: dict[str, np.ndarray]  # the signals, by SIGNAL_COLUMNS name


_ADDITIVE = ("contacts", "hours_worked", "hostile_contacts", "overtime_h", "after_hours_min")


def records_of(workload: pd.DataFrame, as_of: dt.date) -> Records:
    """Check and type the workload frame; drop rows after ``as_of``.

    Numeric columns are used as they come (no float copy of a few million rows):
    each block converts its own rows when it spreads them on its grid.
    """
    require(workload, WORKLOAD_COLUMNS, "workload")
    dates = workload["date"]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates)
    instants = dates.to_numpy()
    if instants.dtype == np.dtype("datetime64[ns]"):
        day = instants.view("int64") // _NANOSECONDS_PER_DAY
    else:
        day = instants.astype("datetime64[D]").astype("int64")
    as_of_day = int(np.datetime64(as_of, "D").astype("int64"))
    keep = day <= as_of_day
    everything = bool(keep.all())
    day = day if everything else day[keep]

    def column(name: str) -> np.ndarray:
        values = workload[name].to_numpy()
        return values if everything else values[keep]

    code, person_ids = _person_codes(column("person_id"))
    people = len(person_ids)
    first_day = np.full(people, np.iinfo("int64").max)
    last_record = np.full(people, np.iinfo("int64").min)
    np.minimum.at(first_day, code, day)
    np.maximum.at(last_record, code, day)
    last_day = np.minimum(last_record + 6 - (last_record + _EPOCH_WEEKDAY) % 7, as_of_day)
    grid_start = int(first_day.min()) if people else 0
    grid_start -= (grid_start + _EPOCH_WEEKDAY) % 7
    span = int(last_day.max()) - grid_start + 1 if people else 0
    values = {name: _numbers(column(name)) for name in (*_ADDITIVE, "occupancy_pct")}
    absence = column("absence")
    if absence.dtype != bool:
        absence = pd.Series(absence).fillna(False).to_numpy(dtype=bool)
    values["absence"] = absence
    return Records(
        person_ids=person_ids,
        code=code,
        day=day,
        team=column("team_id"),
        values=values,
        first_day=first_day,
        last_day=last_day,
        grid_start=grid_start,
        grid_days=-(-span // 7) * 7,
    )


def _person_codes(ids: np.ndarray) -> tuple[np.ndarray, pd.Index]:
    """Code 0..n-1 per row in id order, and the ids. Rows already grouped by person in
    ascending order (as the loader reads a table filled person by person) need no hashing."""
    if len(ids) and ids.dtype.kind in "iu" and bool(np.all(ids[1:] >= ids[:-1])):
        starts = np.empty(len(ids), dtype=bool)
        starts[0] = True
        np.not_equal(ids[1:], ids[:-1], out=starts[1:])
        code = np.cumsum(starts, dtype="int64")
        code -= 1
        return code, pd.Index(ids[starts])
    code, person_ids = pd.factorize(ids, sort=True)
    if not isinstance(person_ids, pd.Index):
        person_ids = pd.Index(person_ids)
    return code.astype("int64", copy=False), person_ids


def _numbers(values: np.ndarray) -> np.ndarray:
    """Numbers as they are (ints, floats; NaN kept); anything else parsed to float64."""
    if values.dtype.kind in "iuf":
        return values
    return pd.to_numeric(pd.Series(values)).to_numpy(dtype="float64", na_value=np.nan)


def signal_blocks(
    records: Records, t: Thresholds, *, block_people: int | None = None
) -> Iterator[Block]:
    """Yield the day matrices of every signal, ``block_people`` people at a time
    (by default up to :data:`BLOCK_PEOPLE`, see there)."""
    people = len(records.person_ids)
    if block_people is None:
        block_people = min(BLOCK_PEOPLE, max(MIN_BLOCK_PEOPLE, -(-people // 8)))
    code = records.code
    if np.all(code[1:] >= code[:-1]):
        order = None
    else:  # rows by person: a stable radix sort for up to 65,536 people
        order = np.argsort(code.astype("uint16") if people <= 2**16 else code, kind="stable")
        code = code[order]
    bounds = np.searchsorted(code, np.arange(0, people + block_people, block_people))
    for number, low in enumerate(range(0, people, block_people)):
        # Rows already grouped by person are taken as a slice: views, not copies.
        index = slice(bounds[number], bounds[number + 1])
        if order is not None:
            index = order[index]
        yield _block(records, slice(low, min(low + block_people, people)), index, t)


def _block(records: Records, rows: slice, index: np.ndarray | slice, t: Thresholds) -> Block:
    people = rows.stop - rows.start
    days = records.grid_days
    column = np.arange(days)
    first = records.first_day[rows] - records.grid_start
    last = records.last_day[rows] - records.grid_start
    inside = (column >= first[:, None]) & (column <= last[:, None])
    cell = (records.code[index] - rows.start) * days + (records.day[index] - records.grid_start)

    def spread(name: str, fill: float) -> np.ndarray:
        grid = np.full(people * days, fill)
        values = records.values[name][index]
        if values.dtype.kind == "f" and fill == 0.0:  # an additive quantity not given is 0
            missing = np.isnan(values)
            if missing.any():
                values = np.where(missing, 0.0, values)
        grid[cell] = values
        return grid.reshape(people, days)

    record = np.full(people * days, -1, dtype="int64")
    record[cell] = np.arange(index.start, index.stop) if isinstance(index, slice) else index
    if np.count_nonzero(record >= 0) != len(cell):
        raise ValueError("workload frame has more than one row for a person and date.")
    record = record.reshape(people, days)
    m: dict[str, np.ndarray] = {name: spread(name, 0.0) for name in _ADDITIVE}
    occupancy = spread("occupancy_pct", np.nan)
    absence = np.zeros(people * days, dtype=bool)
    absence[cell] = records.values["absence"][index]
    m["occupancy_pct"] = occupancy
    m["absence"] = absence.reshape(people, days)
    m["has_record"] = record >= 0
    worked = (m["hours_worked"] > 0) | (m["contacts"] > 0)
    m["worked"] = worked

    consecutive = run_length(worked)
    m["consecutive_days"] = consecutive
    m["consecutive_days_high"] = consecutive >= t.max_consecutive_days

    known = worked & ~np.isnan(occupancy)
    window = t.occupancy_high_window_days
    occ_days = trailing_sum(known.astype("float64"), window).astype("int64")
    occ_sum = np.round(trailing_sum(np.where(known, occupancy, 0.0), window), 6)
    with np.errstate(invalid="ignore", divide="ignore"):
        occ_mean = np.round(np.where(occ_days > 0, occ_sum / occ_days, np.nan), 6)
    m["occ_days_14d"] = occ_days
    m["occ_mean_14d"] = occ_mean
    m["occ_high_2w"] = (occ_days >= t.occupancy_high_min_days) & (occ_mean >= t.occupancy_high)
    m["occ_very_high_run"] = _very_high_runs(worked, occupancy, t)
    m["occ_very_high_3d"] = m["occ_very_high_run"] >= t.occupancy_very_high_shifts

    hours_7d = np.round(trailing_sum(m["hours_worked"], 7), 6)
    contacts_7d = np.round(trailing_sum(m["contacts"], 7), 6)
    hostile_7d = np.round(trailing_sum(m["hostile_contacts"], 7), 6)
    active = trailing_sum(worked.astype("float64"), 7) > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(contacts_7d > 0, hostile_7d / contacts_7d, np.nan)
    m["hours_7d"] = hours_7d
    m["long_week"] = hours_7d >= t.weekly_hours
    m["contacts_7d"] = contacts_7d
    m["hostile_7d"] = hostile_7d
    m["hostile_share_7d"] = share
    m["hostile_share_high"] = (contacts_7d >= t.hostile_min_contacts) & (share >= t.hostile_share)
    for name, series, floor in (
        ("hours", hours_7d, t.z_floor_hours),
        ("contacts", contacts_7d, t.z_floor_contacts),
        ("hostile_share", share, t.z_floor_hostile_share),
    ):
        baseline, z = robust_z(np.where(active, series, np.nan), floor=floor, t=t)
        m[f"{name}_baseline"] = baseline
        m[f"{name}_z"] = z
    smoothed = ewma(
        np.concatenate([m["hours_z"], m["contacts_z"], m["hostile_share_z"]]), t.ewma_span_days
    )
    for part, name in enumerate(("hours", "contacts", "hostile_share")):
        m[f"{name}_z_ewma"] = smoothed[part * people : (part + 1) * people]
    return Block(rows=rows, inside=inside, record=record, m=m)


def latest_record(record: np.ndarray) -> np.ndarray:
    """Per day, the index of the person's latest record on or before it (-1 before any)."""
    column = np.arange(record.shape[1])
    position = np.maximum.accumulate(np.where(record >= 0, column, -1), axis=1)
    latest = np.take_along_axis(record, np.maximum(position, 0), axis=1)
    return np.where(position >= 0, latest, -1)


# === the numeric pieces, each on a people x days matrix ============================


def trailing_sum(values: np.ndarray, window: int) -> np.ndarray:
    """Sum of the last ``window`` days (this one included) along each row.

    Round the result where the rules compare it with an exact line: differences
    of cumulative sums carry ~1e-12 noise.
    """
    running = np.cumsum(values, axis=1, dtype="float64")
    total = np.empty_like(running)
    total[:, :window] = running[:, :window]
    np.subtract(running[:, window:], running[:, :-window], out=total[:, window:])
    return total


def run_length(condition: np.ndarray) -> np.ndarray:
    """Length of the run of True ending at each day of each row."""
    column = np.arange(condition.shape[1])
    last_false = np.maximum.accumulate(np.where(condition, -1, column), axis=1)
    return (column - last_false).astype("int64")


def _very_high_runs(worked: np.ndarray, occupancy: np.ndarray, t: Thresholds) -> np.ndarray:
    """Runs of very-high-occupancy shifts over worked days; a gap of more than
    ``occupancy_run_max_gap_days`` between two shifts, or a new person, restarts."""
    days = worked.shape[1]
    shifts = np.flatnonzero(worked)
    person, day = np.divmod(shifts, days)
    restart = np.ones(len(shifts), dtype=bool)
    if len(shifts):
        restart[1:] = (person[1:] != person[:-1]) | (np.diff(day) > t.occupancy_run_max_gap_days)
    very_high = occupancy.reshape(-1)[shifts] >= t.occupancy_very_high
    index = np.arange(len(shifts))
    marker = np.where(~very_high, index, np.where(restart, index - 1, -1))
    runs = np.zeros(worked.size, dtype="int64")
    if len(shifts):
        runs[shifts] = index - np.maximum.accumulate(marker)
    return runs.reshape(worked.shape)


def median_of_sorted(ordered: list[np.ndarray], count: np.ndarray) -> np.ndarray:
    """Median of the first ``count`` of each cell's sorted values (NaN for none)."""
    full = len(ordered)
    middle = (ordered[(full - 1) // 2] + ordered[full // 2]) / 2
    short = np.flatnonzero(count.reshape(-1) < full)
    if len(short):
        values = np.stack([value.reshape(-1)[short] for value in ordered])
        number = count.reshape(-1)[short]
        low = np.clip((number - 1) // 2, 0, None)[None]
        high = (number // 2)[None]
        with np.errstate(invalid="ignore"):
            partial = (
                np.take_along_axis(values, low, axis=0)[0]
                + np.take_along_axis(values, high, axis=0)[0]
            ) / 2
        middle.reshape(-1)[short] = np.where(number > 0, partial, np.nan)
    return middle


def sort_network(values: list[np.ndarray]) -> list[np.ndarray]:
    """Sort eight equally shaped arrays elementwise (the result's [0] the smallest).

    The inputs are left as they are: the first layer of comparators writes new arrays.
    """
    ordered: list[np.ndarray] = [values[0]] * 8
    for a, b in _NETWORK_8[:4]:  # the first layer touches each input once
        ordered[a] = np.minimum(values[a], values[b])
        ordered[b] = np.maximum(values[a], values[b])
    scratch = np.empty_like(ordered[0])
    for a, b in _NETWORK_8[4:]:
        np.minimum(ordered[a], ordered[b], out=scratch)
        np.maximum(ordered[a], ordered[b], out=ordered[b])
        ordered[a], scratch = scratch, ordered[a]
    return ordered


def robust_z(current: np.ndarray, *, floor: float, t: Thresholds) -> tuple[np.ndarray, np.ndarray]:
    """Baseline (median of the same day 1..``baseline_weeks`` weeks earlier) and the
    robust z ``(x - median) / max(1.4826 MAD, floor, z_floor_fraction * median)``,
    NaN with fewer than ``baseline_min_weeks`` weeks of history."""
    if t.baseline_weeks != 8:
        return _robust_z_general(current, floor=floor, t=t)
    baseline = np.full(current.shape, np.nan)
    z = np.full(current.shape, np.nan)
    # Day d has at most d // 7 earlier weeks in the grid: the first days cannot have enough.
    first = min(7 * max(t.baseline_min_weeks, 0), current.shape[1])
    # A few rows at a time: the network's sixteen arrays then stay in the CPU cache.
    for low in range(0, current.shape[0], _NETWORK_ROWS):
        rows = slice(low, low + _NETWORK_ROWS)
        baseline[rows, first:], z[rows, first:] = _robust_z_8(current[rows], first, floor, t)
    return baseline, z


def _robust_z_8(current: np.ndarray, first: int, floor: float, t: Thresholds):
    """Baseline and z of the days from ``first`` on, for eight baseline weeks.

    Where all eight weeks are there (nearly every cell), the median is the mean of
    the 4th and 5th sorted values ``s[3], s[4]``, and the deviations from it come
    as two ascending runs of four (``m - s[3] .. m - s[0]`` and ``s[4] - m ..
    s[7] - m``), so their median needs only the middle of merging two sorted
    lists, not a second sort. Cells with fewer weeks take a plain sort.
    """
    weeks = 8
    days = current.shape[1]
    padded = np.full((current.shape[0], days + 7 * weeks), np.inf)
    padded[:, 7 * weeks :] = current
    history = padded[:, 7 * weeks : days + 7 * (weeks - 1)]  # NaN -> +inf, sorted last
    np.copyto(history, np.inf, where=np.isnan(history))
    # Lag k weeks: a view 7k columns to the left.
    lags = [padded[:, first + 7 * (weeks - k) : days + 7 * (weeks - k)] for k in range(1, 9)]
    count = np.zeros(lags[0].shape, dtype="int8")
    for lag in lags:
        count += lag < np.inf
    ordered = sort_network(lags)
    with np.errstate(invalid="ignore"):  # inf - inf where weeks are missing; fixed below
        median = ordered[3] + ordered[4]
        median *= 0.5
        mad = _middle_of_two_runs(
            [median - ordered[3 - i] for i in range(4)], [ordered[4 + i] - median for i in range(4)]
        )
    short = np.flatnonzero((count < weeks) & (count >= t.baseline_min_weeks))
    if len(short):
        median.reshape(-1)[short], mad.reshape(-1)[short] = _median_and_mad_of_few(
            [value.reshape(-1)[short] for value in ordered], count.reshape(-1)[short]
        )
    enough = count >= t.baseline_min_weeks
    scale = mad * MAD_TO_SIGMA
    np.maximum(scale, floor, out=scale)
    np.maximum(scale, t.z_floor_fraction * np.abs(median), out=scale)
    baseline = np.where(enough, median, np.nan)
    with np.errstate(invalid="ignore"):
        z = current[:, first:] - baseline
    z /= scale
    return baseline, z


def _middle_of_two_runs(a: list[np.ndarray], b: list[np.ndarray]) -> np.ndarray:
    """Mean of the 4th and 5th smallest of ``a + b``, each an ascending run of four.

    The k-th smallest of two sorted runs is ``min(max(a[i - 1], b[k - i - 1]))``
    over the ways of taking i from ``a`` and k - i from ``b``.
    """
    fourth = np.minimum(a[3], b[3])
    for i, j in ((0, 2), (1, 1), (2, 0)):
        np.minimum(fourth, np.maximum(a[i], b[j]), out=fourth)
    fifth = np.maximum(a[0], b[3])
    for i, j in ((1, 2), (2, 1), (3, 0)):
        np.minimum(fifth, np.maximum(a[i], b[j]), out=fifth)
    fourth += fifth
    fourth *= 0.5
    return fourth


def _median_and_mad_of_few(ordered: list[np.ndarray], count: np.ndarray):
    """Median and MAD of the first ``count`` of each cell's sorted values (NaN for none).

    For the few cells with fewer than eight weeks: a sort of eight per cell (faster
    here than the network, whose arrays would be short).
    """
    values = np.stack(ordered, axis=1)
    low = np.maximum((count.astype("int64") - 1) // 2, 0)[:, None]
    high = (count.astype("int64") // 2)[:, None]

    def middle(sorted_values: np.ndarray) -> np.ndarray:
        return (
            np.take_along_axis(sorted_values, low, axis=1)[:, 0]
            + np.take_along_axis(sorted_values, high, axis=1)[:, 0]
        ) / 2

    with np.errstate(invalid="ignore"):  # inf - inf: missing weeks, sorted last anyway
        median = np.where(count > 0, middle(values), np.nan)
        deviation = np.sort(np.abs(values - median[:, None]), axis=1)
    return median, middle(deviation)


def _robust_z_general(current: np.ndarray, *, floor: float, t: Thresholds):
    """Any other number of baseline weeks: a plain sort of the lags (NaN last)."""
    weeks = t.baseline_weeks
    days = current.shape[1]
    padded = np.full((current.shape[0], days + 7 * weeks), np.nan)
    padded[:, 7 * weeks :] = current
    history = np.stack(
        [padded[:, 7 * (weeks - k) : 7 * (weeks - k) + days] for k in range(1, weeks + 1)],
        axis=-1,
    )
    count = np.sum(~np.isnan(history), axis=-1)
    ordered = list(np.moveaxis(np.sort(history, axis=-1), -1, 0))
    median = median_of_sorted(ordered, count) if weeks else np.full(current.shape, np.nan)
    deviation = np.sort(np.abs(history - median[..., None]), axis=-1)
    mad = median_of_sorted(list(np.moveaxis(deviation, -1, 0)), count) if weeks else median
    return _z(current, median, mad, count, floor, t)


def _z(current, median, mad, count, floor, t):
    scale = np.maximum(
        np.maximum(MAD_TO_SIGMA * np.nan_to_num(mad), floor),
        t.z_floor_fraction * np.abs(np.nan_to_num(median)),
    )
    enough = count >= t.baseline_min_weeks
    baseline = np.where(enough, median, np.nan)
    z = np.where(enough, (current - baseline) / scale, np.nan)
    return baseline, z


def ewma(values: np.ndarray, span: int) -> np.ndarray:
    """EWMA along each row skipping NaN days, as pandas ``ewm(span, ignore_na=True).mean()``
    computes it (same recursion, same rounding); NaN where ``values`` is NaN.

    The recursion runs over the days for all rows at once. On days when every row
    has a value and has had one before (nearly all days), the step is eight
    in-place operations; other days take the general step with the masks.
    """
    keep = 1.0 - 2.0 / (span + 1.0)
    rows, days = values.shape
    columns = np.ascontiguousarray(values.T)
    missing = np.isnan(columns)
    result = np.full((days, rows), np.nan)
    if not rows:
        return result.T
    observed_by_day = ~missing.any(axis=1)
    seen_from = int(np.argmax(~missing, axis=0).max()) if (~missing).any(axis=0).all() else days
    weighted = np.full(rows, np.nan)
    old_weight = np.ones(rows)
    weight = np.empty(rows)
    mixed = np.empty(rows)
    differs = np.empty(rows, dtype=bool)
    with np.errstate(invalid="ignore"):
        for day in range(days):
            current = columns[day]
            if day > seen_from and observed_by_day[day]:
                np.multiply(old_weight, keep, out=weight)
                np.multiply(weight, weighted, out=mixed)
                mixed += current
                np.add(weight, 1.0, out=old_weight)
                mixed /= old_weight
                np.not_equal(weighted, current, out=differs)
                np.copyto(weighted, mixed, where=differs)
            else:
                observed = ~missing[day]
                seen = weighted == weighted
                weight = old_weight * keep
                mixed = (weight * weighted + current) / (weight + 1.0)
                mixed = np.where(weighted != current, mixed, weighted)
                weighted = np.where(observed, np.where(seen, mixed, current), weighted)
                old_weight = np.where(observed & seen, weight + 1.0, old_weight)
            result[day] = weighted
    result[missing] = np.nan
    return result.T
