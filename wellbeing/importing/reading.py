"""From bytes to frames of cells with canonical column names, a chunk at a time.

Memory stays bounded by the chunk size, not the file size: a CSV is decoded as
a stream and parsed by pandas' C reader `Limits.chunk_rows` rows at a time; an
XLSX is checked from its zip directory (declared unpacked sizes) before any
cell is parsed, then from its declared used range (rows), then streamed row by
row by openpyxl's read-only reader. (A sheet that declares no range makes
openpyxl scan it once when opening: the unpacked-size limit bounds that scan,
and a file that large is read by the task worker, not in a request.)

Numeric columns of a CSV come typed when every cell of the chunk parses as a
number (the fast path); otherwise, and for XLSX, they come as text and
`validation` parses them the slow way, cell by cell kindly.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

import numpy as np
import pandas as pd

from .columns import (
    _ALIAS_TO_COLUMN,
    DUPLICATE_COLUMN,
    EMPTY_FILE,
    FILE_TOO_LARGE,
    FLOAT_COLUMNS,
    INTEGER_COLUMNS,
    POLISH_LETTERS,
    TOO_MANY_ROWS,
    UNREADABLE,
    XLSX_MAGIC,
    XLSX_TOO_LARGE,
    Issue,
    Limits,
    normalise_header,
)

NUMERIC_COLUMNS = frozenset((*INTEGER_COLUMNS, *FLOAT_COLUMNS))
MEGABYTE = 1024 * 1024
_SAMPLE_BYTES = 1 << 20


class UnreadableFile(ValueError):
    """The bytes are not a CSV or XLSX table we can read; `issue` says why."""

    def __init__(self, issue: Issue):
        super().__init__(issue.code)
        self.issue = issue


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (BOM or not), else cp1251 or cp1250, whichever fits."""
    return data.decode(_encoding_of_sample(data), errors="replace")


def _encoding_of_sample(sample: bytes) -> str:
    try:
        sample.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of a sample is still UTF-8.
        if error.start >= len(sample) - 3 and error.reason == "unexpected end of data":
            return "utf-8-sig"
    as_1250 = sample.decode("cp1250", errors="replace")
    non_ascii = [ch for ch in as_1250 if ord(ch) > 127]
    polish = sum(ch in POLISH_LETTERS for ch in non_ascii)
    if non_ascii and polish / len(non_ascii) > 0.5:
        return "cp1250"
    return "cp1251"


def _encoding(handle: BinaryIO) -> str:
    """UTF-8 if the whole stream decodes as UTF-8, else the Windows code page that fits."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    first_non_utf8 = b""
    handle.seek(0)
    while block := handle.read(_SAMPLE_BYTES):
        try:
            decoder.decode(block)
        except UnicodeDecodeError:
            first_non_utf8 = block
            break
    else:
        try:
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            first_non_utf8 = block or b""
    return _encoding_of_sample(first_non_utf8) if first_non_utf8 else "utf-8-sig"


def _sniff_separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ";"))


def _size(handle: BinaryIO) -> int:
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    return size


def _canonical_header(cells: list[object]) -> list[tuple[int, str]]:
    """(position, canonical name) of the known columns; a column named twice is refused.

    Two cells count as the same column when they are spelled alike or are two
    aliases of one column ("hours" and "hours worked").
    """
    seen: dict[str, str] = {}
    known: list[tuple[int, str]] = []
    for position, original in enumerate(cells):
        if original is None:
            continue
        name = _ALIAS_TO_COLUMN.get(normalise_header(original))
        if name is None:
            continue
        if name in seen:
            raise UnreadableFile(
                Issue(1, str(original), DUPLICATE_COLUMN, {"other": seen[name], "column": name})
            )
        seen[name] = str(original).strip()
        known.append((position, name))
    return known


def xlsx_unpacked_bytes(source: bytes | BinaryIO) -> int:
    """The sum of the sizes the zip directory of an XLSX declares (no member is inflated)."""
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableFile(Issue(0, "", UNREADABLE, {"detail": str(error)[:200]})) from error
    finally:
        handle.seek(0)


def is_xlsx(source: bytes | BinaryIO) -> bool:
    if isinstance(source, bytes | bytearray):
        return bytes(source[:4]) == XLSX_MAGIC
    source.seek(0)
    head = source.read(4)
    source.seek(0)
    return head == XLSX_MAGIC


def check_size(source: bytes | BinaryIO, limits: Limits) -> int:
    """Refuse a file beyond the byte limits before reading a cell; returns the work size.

    The work size is what parsing will go through: the bytes of a CSV, the
    declared unpacked bytes of an XLSX.
    """
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    size = _size(handle)
    if size > limits.max_bytes:
        raise UnreadableFile(
            Issue(0, "", FILE_TOO_LARGE, {"max_mb": limits.max_bytes // MEGABYTE or 1})
        )
    if not is_xlsx(handle):
        return size
    unpacked = xlsx_unpacked_bytes(handle)
    if unpacked > limits.max_xlsx_unpacked_bytes:
        raise UnreadableFile(
            Issue(
                0,
                "",
                XLSX_TOO_LARGE,
                {"max_mb": limits.max_xlsx_unpacked_bytes // MEGABYTE or 1},
            )
        )
    return unpacked


def read_chunks(
    source: bytes | BinaryIO, *, limits: Limits | None = None
) -> Iterator[pd.DataFrame]:
    """The file's rows as frames of at most `limits.chunk_rows` rows.

    Each frame has the known columns under canonical names (unknown ones are
    dropped) and `row`, the spreadsheet's row number. Text cells are stripped
    of nothing yet; blank rows are dropped. Raises `UnreadableFile` (possibly
    after some chunks) for an empty, unreadable or too large file, or a header
    that names a column twice.
    """
    limits = limits or Limits()
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    check_size(handle, limits)
    if is_xlsx(handle):
        chunks = _xlsx_chunks(handle, limits)
    else:
        handle.seek(0)
        if b"\x00" in handle.read(4096):
            raise UnreadableFile(Issue(0, "", UNREADABLE, {"detail": "binary"}))
        chunks = _csv_chunks(handle, limits)
    rows = 0
    for chunk in chunks:
        rows += len(chunk)
        if rows > limits.max_rows:
            raise UnreadableFile(Issue(0, "", TOO_MANY_ROWS, {"max_rows": limits.max_rows}))
        if len(chunk):
            yield chunk
    if not rows:
        raise UnreadableFile(Issue(0, "", EMPTY_FILE))


def read_table(data: bytes, *, limits: Limits | None = None) -> pd.DataFrame:
    """The whole file as one frame (small files, tests); see `read_chunks`."""
    frames = list(read_chunks(data, limits=limits))
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _unreadable(error: Exception) -> UnreadableFile:
    return UnreadableFile(Issue(0, "", UNREADABLE, {"detail": str(error)[:200]}))


def _csv_chunks(handle: BinaryIO, limits: Limits) -> Iterator[pd.DataFrame]:
    encoding = _encoding(handle)
    handle.seek(0)
    sample = handle.read(1 << 16)
    handle.seek(0)
    text = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
    try:
        header_row = 0
        header_line = ""
        while not header_line.strip():
            header_line = text.readline()
            header_row += 1
            if not header_line:
                raise UnreadableFile(Issue(0, "", EMPTY_FILE))
        separator = _sniff_separator(header_line)
        try:
            cells = next(csv.reader([header_line.rstrip("\r\n")], delimiter=separator))
        except (csv.Error, StopIteration) as error:
            raise _unreadable(error) from error
        known = _canonical_header(cells)
        decimal = "," if separator != "," and re.search(rb"\d,\d", sample) else "."
        positions = [position for position, _name in known]
        names = {position: name for position, name in known}
        numeric = [p for p, name in known if name in NUMERIC_COLUMNS]
        try:
            reader = pd.read_csv(
                text,
                sep=separator,
                header=None,
                names=list(range(len(cells))),
                usecols=positions or [0],
                dtype={p: str for p, name in known if name not in NUMERIC_COLUMNS},
                keep_default_na=False,
                na_values={p: [""] for p in numeric},
                decimal=decimal,
                skip_blank_lines=False,
                quoting=csv.QUOTE_MINIMAL,
                chunksize=limits.chunk_rows,
                engine="c",
            )
            first_row = header_row + 1
            for raw in reader:
                size = len(raw)
                frame = (
                    raw.loc[:, positions].rename(columns=names) if positions else raw.iloc[:, :0]
                )
                frame = frame.assign(row=np.arange(first_row, first_row + size))
                first_row += size
                yield _without_blank_rows(frame)
        except UnreadableFile:
            raise
        except Exception as error:  # the C parser raises several kinds
            raise _unreadable(error) from error
    finally:
        text.detach()


def _without_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """A row with every cell blank is a spreadsheet's leftover, not a record."""
    if len(frame.columns) <= 1:  # no known column: `validation` says which are missing
        return frame
    blank = np.ones(len(frame), dtype=bool)
    for column in frame.columns:
        if column == "row":
            continue
        values = frame[column]
        if values.dtype.kind in "fiub":
            blank &= values.isna().to_numpy()
        else:
            candidates = np.flatnonzero(blank)
            if not len(candidates):
                break
            cells = values.iloc[candidates]
            empty = cells.isna() | (cells.astype(str).str.strip() == "")
            blank[candidates[~empty.to_numpy()]] = False
    return frame.loc[~blank].reset_index(drop=True) if blank.any() else frame


def _xlsx_chunks(handle: BinaryIO, limits: Limits) -> Iterator[pd.DataFrame]:
    import openpyxl  # a slow import only an XLSX needs

    handle.seek(0)
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl and zipfile raise many kinds
        raise _unreadable(error) from error
    try:
        sheet = workbook.worksheets[0]
        if _declared_rows(sheet) - 1 > limits.max_rows:
            raise UnreadableFile(Issue(0, "", TOO_MANY_ROWS, {"max_rows": limits.max_rows}))
        rows = sheet.iter_rows(values_only=True)
        header: list[object] = []
        header_row = 0
        for cells in rows:
            header_row += 1
            if any(cell not in (None, "") for cell in cells):
                header = list(cells)
                break
        if not header:
            raise UnreadableFile(Issue(0, "", EMPTY_FILE))
        known = _canonical_header(header)
        positions = [position for position, _name in known]
        columns = [name for _position, name in known]
        buffer: list[list[str]] = []
        first_row = header_row + 1
        for read, cells in enumerate(rows, start=1):
            if read > limits.max_rows:  # a sheet without a declared size, or one that lies
                raise UnreadableFile(Issue(0, "", TOO_MANY_ROWS, {"max_rows": limits.max_rows}))
            buffer.append([_excel_cell(cells[p]) if p < len(cells) else "" for p in positions])
            if len(buffer) >= limits.chunk_rows:
                yield _xlsx_frame(buffer, columns, first_row)
                first_row += len(buffer)
                buffer = []
        if buffer:
            yield _xlsx_frame(buffer, columns, first_row)
    except UnreadableFile:
        raise
    except Exception as error:
        raise _unreadable(error) from error
    finally:
        workbook.close()


def _declared_rows(sheet) -> int:
    """The last row the sheet's <dimension> declares (0 when it declares none)."""
    try:
        dimension = sheet.calculate_dimension()  # read-only: the declared one, never a scan
    except ValueError:
        return 0
    match = re.search(r"(\d+)$", dimension)
    return int(match.group(1)) if match else 0


def _xlsx_frame(buffer: list[list[str]], columns: list[str], first_row: int) -> pd.DataFrame:
    frame = pd.DataFrame(buffer, columns=columns, dtype=str)
    frame = frame.assign(row=np.arange(first_row, first_row + len(buffer)))
    return _without_blank_rows(frame)


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
