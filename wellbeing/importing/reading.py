"""From bytes to a frame of text cells with canonical column names."""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np
import pandas as pd

from .columns import (
    _ALIAS_TO_COLUMN,
    DUPLICATE_COLUMN,
    EMPTY_FILE,
    POLISH_LETTERS,
    UNREADABLE,
    XLSX_MAGIC,
    Issue,
    normalise_header,
)


class UnreadableFile(ValueError):
    """The bytes are not a CSV or XLSX table we can read; `issue` says why."""

    def __init__(self, issue: Issue):
        super().__init__(issue.code)
        self.issue = issue


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (BOM or not), else cp1251 or cp1250, whichever fits."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    as_1250 = data.decode("cp1250", errors="replace")
    non_ascii = [ch for ch in as_1250 if ord(ch) > 127]
    polish = sum(ch in POLISH_LETTERS for ch in non_ascii)
    if non_ascii and polish / len(non_ascii) > 0.5:
        return as_1250
    return data.decode("cp1251", errors="replace")


def _sniff_separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ";"))


def read_table(data: bytes) -> pd.DataFrame:
    """The file as text cells with canonical column names (unknown ones dropped).

    Raises `UnreadableFile` for an empty file, a file that is neither CSV nor
    XLSX, or a header with a column given twice.
    """
    if not data or not data.strip():
        raise UnreadableFile(Issue(0, "", EMPTY_FILE))
    try:
        if data.startswith(XLSX_MAGIC):
            raw = pd.read_excel(io.BytesIO(data), dtype=object, header=0)
            raw = raw.map(_excel_cell)
        else:
            if b"\x00" in data[:4096]:
                raise ValueError("binary")
            text = decode(data)
            raw = pd.read_csv(
                io.StringIO(text),
                sep=_sniff_separator(text),
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=True,
                quoting=csv.QUOTE_MINIMAL,
            )
    except UnreadableFile:
        raise
    except Exception as error:  # pandas, openpyxl and csv raise many kinds
        raise UnreadableFile(Issue(0, "", UNREADABLE, {"detail": str(error)[:200]})) from error

    names = [_ALIAS_TO_COLUMN.get(normalise_header(c)) for c in raw.columns]
    seen: dict[str, str] = {}
    for original, name in zip(raw.columns, names, strict=True):
        if name is None:
            continue
        if name in seen:
            raise UnreadableFile(
                Issue(1, str(original), DUPLICATE_COLUMN, {"other": seen[name], "column": name})
            )
        seen[name] = str(original)
    keep = [i for i, name in enumerate(names) if name is not None]
    table = raw.iloc[:, keep].copy()
    table.columns = [names[i] for i in keep]
    table = table.astype(str).apply(lambda col: col.str.strip())
    # A row with every cell blank is a spreadsheet's leftover, not a record.
    blank = (table == "").all(axis=1) if len(table.columns) else pd.Series(True, index=table.index)
    table = table.assign(row=np.arange(len(table)) + 2).loc[~blank.to_numpy()]
    if table.empty:
        raise UnreadableFile(Issue(0, "", EMPTY_FILE))
    return table.reset_index(drop=True)


def _excel_cell(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
