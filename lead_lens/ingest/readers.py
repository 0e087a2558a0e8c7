"""Reading one file into a raw table of the store, verbatim, with DuckDB's own readers.

CSV: every column as text under its own header, plus `_line` (the record's line, header = 1).
JSON: one row per record, `record` holding the record's JSON text, plus `_line` (record number).
Parquet: the file's own columns and types, plus `_line` (row number).
Rows the CSV reader cannot parse are returned as rejects (line, column, reason, text).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from lead_lens.errors import IngestError
from lead_lens.store import Store

DELIMITERS = (",", ";", "\t", "|")
JSON_SUFFIXES = {".json", ".ndjson", ".jsonl"}
CSV_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}


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
    first_line = head.splitlines()[0] if head else ""
    unquoted = "".join(part for i, part in enumerate(first_line.split('"')) if i % 2 == 0)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def parse_header(head: str, delimiter: str) -> list[str]:
    """Header names, with empty ones named column_N and repeats suffixed _2, _3 ..."""
    try:
        record = next(csv.reader(io.StringIO(head), delimiter=delimiter))
    except StopIteration:
        return []
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


def load_csv(store: Store, path: Path, raw_table: str, display: str) -> RawFile:
    head = _first_record_text(path)
    if not head.strip():
        raise IngestError(f"{display}: the file is empty (no header row).")
    delimiter = guess_delimiter(head)
    columns = parse_header(head, delimiter)
    if "_line" in columns:
        raise IngestError(f"{display}: a column is named '_line', which lead-lens reserves.")
    params: dict[str, Any] = {
        "path": str(path),
        "delim": delimiter,
        "columns": {name: "VARCHAR" for name in columns},
    }
    try:
        store.execute("load_csv_raw", params, raw_table=raw_table)
    except duckdb.Error as error:
        raise IngestError(f"{display}: DuckDB could not read the file as CSV: {error}") from error
    rejects = [
        Reject(line, column, error_type, reason, text)
        for line, column, error_type, reason, text in store.rows("csv_rejects_read")
    ]
    if rejects:
        store.execute("fix_csv_lines_after_rejects", raw_table=raw_table)
    rows = store.scalar("count_raw_rows", raw_table=raw_table)
    return RawFile(raw_table, "csv", columns, int(rows), rejects, delimiter=delimiter)


# ---------------------------------------------------------------------------------------- JSON
def _json_shape(path: Path) -> str:
    """'array' (one JSON array), 'lines' (one record per line) or 'object' (one document)."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"[":
        return "array"
    first_line = head.split(b"\n", 1)[0].strip()
    try:
        json.loads(first_line)
    except ValueError:
        return "object"
    rest = head.split(b"\n", 1)[1].strip() if b"\n" in head else b""
    return "lines" if rest[:1] == b"{" else "object"


def load_json(store: Store, path: Path, raw_table: str, display: str,
              record_paths: tuple[str, ...]) -> RawFile:
    shape = _json_shape(path)
    rejects: list[Reject] = []
    try:
        if shape == "lines":
            store.execute("load_ndjson_raw", {"path": str(path), "columns": {"line": "VARCHAR"},
                                             "delim": "\x1e"}, raw_table=raw_table)
            for line, text in store.rows("ndjson_invalid_lines", raw_table=raw_table):
                rejects.append(Reject(line, None, "invalid json", "not a JSON object", text))
            store.execute("drop_invalid_ndjson", raw_table=raw_table)
        elif shape == "array":
            store.execute("load_json_array_raw", {"path": str(path)}, raw_table=raw_table)
        else:
            record_path = _find_record_path(store, path, record_paths, display)
            store.execute("load_json_nested_raw", {"path": str(path), "records": record_path},
                          raw_table=raw_table)
    except duckdb.Error as error:
        raise IngestError(f"{display}: not valid JSON ({error}).") from error
    rows = int(store.scalar("count_raw_rows", raw_table=raw_table))
    paths = flatten_json_columns(store, raw_table)
    return RawFile(raw_table, "json", list(paths), rows, rejects, json_shape=shape,
                   json_paths=paths)


def _find_record_path(store: Store, path: Path, preferred: tuple[str, ...], display: str) -> str:
    """The JSON path of the record array inside one document ('$.calls[*]')."""
    keys = store.rows("json_top_level_arrays", {"path": str(path)})
    arrays = [key for key, kind in keys if kind == "ARRAY"]
    for candidate in preferred:
        if candidate and candidate in arrays:
            return f'$."{candidate}"[*]'
    if len(arrays) >= 1:
        return f'$."{arrays[0]}"[*]'
    if keys:
        return "$"  # a single record
    raise IngestError(f"{display}: the JSON document holds no records.")


def flatten_json_columns(store: Store, raw_table: str, sample: int = 500) -> dict[str, str]:
    """Dotted names of the scalar-or-leaf paths seen in the first records.

    JSON:API records (`attributes`, `relationships`) flatten the way the Singer taps do:
    `attributes.firstName` -> `firstName`, `relationships.prospect.data.id` -> `prospectId`.
    """
    names: dict[str, str] = {}
    for (text,) in store.rows("json_sample_records", {"n": sample}, raw_table=raw_table):
        try:
            record = json.loads(text)
        except ValueError:
            continue
        if isinstance(record, dict):
            for name, path in json_paths(record):
                names.setdefault(name, path)
    return names


def json_paths(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(column name, JSON path) pairs for one record."""
    out: list[tuple[str, str]] = []

    def walk(value: Any, name: str, path: str, depth: int) -> None:
        if isinstance(value, dict) and value and depth < 3:
            for key, child in value.items():
                walk(child, f"{name}.{key}" if name else key, f'{path}."{key}"', depth + 1)
        else:
            out.append((name, path))

    json_api = isinstance(record.get("attributes"), dict)
    for key, value in record.items():
        if json_api and key == "attributes":
            for attr, child in value.items():
                out.append((attr, f'$."attributes"."{attr}"'))
        elif json_api and key == "relationships" and isinstance(value, dict):
            for rel in value:
                out.append((f"{rel}Id", f'$."relationships"."{rel}"."data"."id"'))
        else:
            walk(value, key, f'$."{key}"', 1)
    return out


# ---------------------------------------------------------------------------------------- Parquet
def load_parquet(store: Store, path: Path, raw_table: str, display: str) -> RawFile:
    try:
        store.execute("load_parquet_raw", {"path": str(path)}, raw_table=raw_table)
    except duckdb.Error as error:
        raise IngestError(f"{display}: DuckDB could not read the Parquet file: {error}") from error
    columns = [row[0] for row in store.rows("raw_columns", {"table": raw_table.split(".")[-1]})]
    rows = int(store.scalar("count_raw_rows", raw_table=raw_table))
    return RawFile(raw_table, "parquet", [c for c in columns if c != "_line"], rows)
