"""Reading one file into a raw table of the store, verbatim, with DuckDB's own readers.

CSV: every column as text under its own header, plus `_line` (the record's line, header = 1).
JSON (json_reader.py): one row per record, `record` holding the record's JSON text, plus `_line`
(record number).
Parquet: the file's own columns and types, plus `_line` (row number).
Rows the CSV reader cannot parse are returned as rejects (line, column, reason, text).
"""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from lead_lens.errors import IngestError
from lead_lens.ingest.encoding import MAX_RECORD_CHARS, has_line_trouble, repair_lines
from lead_lens.store import Store

DELIMITERS = (",", ";", "\t", "|")
JSON_SUFFIXES = {".json", ".ndjson", ".jsonl"}
CSV_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
MAX_BAD_RECORD_LINES = 50  # a swallowing record is taken to be at most this many lines long
# DuckDB's CSV buffer bounds, as multiples of the longest line it reads (max_line_size, the
# same as the line repair's); DuckDB wants a buffer of at least 2 lines, and takes 16.
CSV_BUFFER_MIN = 2 * MAX_RECORD_CHARS
CSV_BUFFER_MAX = 16 * MAX_RECORD_CHARS


@dataclass
class Reject:
    line: int | None
    column: str | None
    error_type: str
    reason: str
    text: str | None


@dataclass
class RawFile:
    """What a reader put in the store."""

    raw_table: str
    file_format: str
    columns: list[str]
    rows: int
    rejects: list[Reject] = field(default_factory=list)
    delimiter: str | None = None
    json_shape: str | None = None
    json_paths: dict[str, str] = field(default_factory=dict)  # flattened name -> JSON path


def sniff_format(path: Path) -> str:
    """'csv', 'json' or 'parquet', by the file's first bytes, then its suffix."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"PAR1"):
        return "parquet"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if path.suffix.lower() in JSON_SUFFIXES or stripped[:1] in (b"{", b"["):
        return "json"
    return "csv"


# ---------------------------------------------------------------------------------------- CSV
def _first_record_text(path: Path, limit: int = 1 << 20) -> str:
    with path.open("r", encoding="utf-8", errors="replace", newline="") as handle:
        return handle.read(limit).lstrip("\ufeff")


def guess_delimiter(head: str) -> str:
    """The candidate that splits the header line into the most fields (outside quotes)."""
    lines = [line for line in head.splitlines() if line.strip()]
    first_line = lines[0] if lines else ""
    unquoted = "".join(part for i, part in enumerate(first_line.split('"')) if i % 2 == 0)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def parse_header(head: str, delimiter: str, display: str = "the file") -> list[str]:
    """Header names, with empty ones named column_N and repeats suffixed _2, _3 ..."""
    try:
        record = next(csv.reader(io.StringIO(head.lstrip("\r\n"), newline=""),
                                 delimiter=delimiter))
    except StopIteration:
        return []
    except csv.Error as error:
        raise IngestError(f"{display}: cannot read the header row as CSV ({error}).") from None
    names: list[str] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(record, start=1):
        name = raw.strip().strip("\ufeff") or f"column_{index}"
        key = name.lower()
        if key in seen:
            seen[key] += 1
            name = f"{name}_{seen[key]}"
        else:
            seen[key] = 1
        names.append(name)
    return names


def csv_buffer_size(store: Store) -> int:
    """Bytes of DuckDB's CSV read buffer: its own choice (16 longest lines, 256 MiB) when memory
    allows, down to 2 lines (32 MiB) under a small memory limit, where each of the threads'
    buffers would take a large share of it: under 512 MB DuckDB's own failed. Large buffers are
    worth keeping: files of many short rows read up to 1.5x faster with them."""
    limit = store.memory_limit()
    if limit is None:
        return CSV_BUFFER_MIN
    share = limit // (4 * store.threads())
    size = CSV_BUFFER_MAX
    while size > CSV_BUFFER_MIN and size > share:
        size //= 2
    return size


def load_csv(store: Store, path: Path, raw_table: str, display: str) -> RawFile:
    head = _first_record_text(path)
    if not head.strip():
        raise IngestError(f"{display}: the file is empty (no header row).")
    delimiter = guess_delimiter(head)
    with tempfile.TemporaryDirectory(prefix="lead-lens-csv-") as tmp:
        blank_after: list[int] = []
        if has_line_trouble(path):
            repaired = Path(tmp) / "repaired.csv"
            blank_after = repair_lines(path, delimiter, repaired)
            path = repaired
        columns = parse_header(_first_record_text(path), delimiter, display)
        if "_line" in columns:
            raise IngestError(f"{display}: a column is named '_line', which lead-lens reserves.")
        params: dict[str, Any] = {
            "path": str(path),
            "delim": delimiter,
            "columns": {name: "VARCHAR" for name in columns},
            "max_line_size": MAX_RECORD_CHARS,
            "buffer_size": csv_buffer_size(store),
        }
        try:
            store.execute("load_csv_raw", params, raw_table=raw_table)
        except duckdb.Error as error:
            raise IngestError(f"{display}: DuckDB could not read the file as CSV: {error}") \
                from error
    rejects = [
        Reject(line, column, error_type, reason, text)
        for line, column, error_type, reason, text in store.rows("csv_rejects_read")
    ]
    if rejects:
        store.execute("fix_csv_lines_after_rejects", raw_table=raw_table)
        rejects = recover_swallowed_rows(store, raw_table, rejects, columns, delimiter)
    if blank_after:
        rejects = shift_lines(store, raw_table, rejects, [(after, 1) for after in blank_after])
    rows = store.scalar("count_raw_rows", raw_table=raw_table)
    return RawFile(raw_table, "csv", columns, int(rows), rejects, delimiter=delimiter)


def shift_lines(store: Store, raw_table: str, rejects: list[Reject],
                shifts: list[tuple[int, int]]) -> list[Reject]:
    """Move every line past `after` on by `by`, for each (after, by): raw rows and rejects."""
    table = pa.table({"after": [a for a, _ in shifts], "by": [b for _, b in shifts]})
    store.con.register("ll_line_shifts", table)
    try:
        store.execute("shift_raw_lines", raw_table=raw_table)
    finally:
        store.con.unregister("ll_line_shifts")
    ordered = sorted(shifts)
    afters = [a for a, _ in ordered]
    totals = list(itertools.accumulate(b for _, b in ordered))
    for reject in rejects:
        if reject.line is not None:
            before = bisect.bisect_left(afters, reject.line)
            reject.line += totals[before - 1] if before else 0
    return rejects


def recover_swallowed_rows(store: Store, raw_table: str, rejects: list[Reject],
                           columns: list[str], delimiter: str) -> list[Reject]:
    """Load the good records a rejected record swallowed (an unclosed quote runs on).

    DuckDB reports such a record as one reject whose text runs over the following lines. The
    text is re-read line by line: the shortest leading run of lines after which everything left
    parses as whole records of the right width is the bad record; the rest are loaded at their
    own lines, and every later line moves on by as many records.
    """
    shifts: list[tuple[int, int]] = []
    recovered: list[tuple[int, list[str]]] = []
    for reject in rejects:
        if reject.line is None or reject.error_type != "UNQUOTED VALUE":
            continue  # only an unterminated quote runs on over records that are not its own
        split = _split_swallowed(reject.text, len(columns), delimiter)
        if split is None:
            continue
        bad_text, records = split
        line = reject.line + sum(by for _, by in shifts)
        recovered.extend((line + i, record) for i, record in enumerate(records, start=1))
        shifts.append((reject.line, len(records)))
        reject.text = bad_text
    if not shifts:
        return rejects
    rejects = shift_lines(store, raw_table, rejects, shifts)
    # As DuckDB reads them, empty fields are NULL.
    values = {f"c{i}": pa.array([record[i] or None for _, record in recovered], pa.string())
              for i in range(len(columns))}
    table = pa.table({"line": pa.array([line for line, _ in recovered], pa.int64()), **values})
    store.con.register("ll_recovered_rows", table)
    try:
        store.execute("insert_recovered_rows", raw_table=raw_table)
    finally:
        store.con.unregister("ll_recovered_rows")
    return rejects


def _split_swallowed(text: str | None, width: int,
                     delimiter: str) -> tuple[str, list[list[str]]] | None:
    if not text:
        return None
    body = text[2:] if text.startswith("\r\n") else text[1:] if text.startswith("\n") else text
    if "\n" not in body.rstrip("\r\n"):
        return None
    lines = [piece for piece in re.split(r"(?<=\n)", body) if piece]
    for cut in range(1, min(len(lines), MAX_BAD_RECORD_LINES + 1)):
        rest = "".join(lines[cut:])
        try:
            records = list(csv.reader(io.StringIO(rest, newline=""), delimiter=delimiter,
                                      strict=True))
        except csv.Error:
            continue
        if records and all(len(record) == width for record in records):
            return "".join(lines[:cut]).rstrip("\r\n"), records
    return None


# ---------------------------------------------------------------------------------------- Parquet
def load_parquet(store: Store, path: Path, raw_table: str, display: str) -> RawFile:
    try:
        own = {row[0] for row in store.rows("parquet_columns", {"path": str(path)})}
        loader = "load_parquet_raw_numbered" if "file_row_number" in own else "load_parquet_raw"
        store.execute(loader, {"path": str(path)}, raw_table=raw_table)
    except duckdb.Error as error:
        raise IngestError(f"{display}: DuckDB could not read the Parquet file: {error}") from error
    columns = [row[0] for row in store.rows("raw_columns", {"table": raw_table.split(".")[-1]})]
    rows = int(store.scalar("count_raw_rows", raw_table=raw_table))
    return RawFile(raw_table, "parquet", [c for c in columns if c != "_line"], rows)
