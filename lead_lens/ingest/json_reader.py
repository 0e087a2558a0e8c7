"""Reading one JSON file into a raw table of the store: one row per record, `record` holding
the record's JSON text, plus `_line` (the record's number). An array, one record per line
(NDJSON), or one document wrapping the record array ('calls', 'data').
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import duckdb

from lead_lens.errors import IngestError
from lead_lens.ingest.encoding import MAX_RECORD_CHARS, has_line_trouble, repair_json_lines
from lead_lens.ingest.json_split import Member, copy_span, top_level_members
from lead_lens.ingest.readers import RawFile, Reject, csv_buffer_size
from lead_lens.store import Store

# A wrapping document's record array is found by a byte scan and read as an array of its own
# (json_split.py) rather than parsed whole: a parsed document takes about ten times its size in
# memory (DuckDB caps one at 1 GiB), and it was parsed twice, once to find its arrays. On the
# benchmark's Gong and Outreach documents the scan takes half the time. Documents below this
# size are parsed whole (tests raise it to compare the two paths).
SCAN_DOCUMENTS_FROM = 0


def _json_shape(path: Path) -> str:
    """'array' (one JSON array), 'lines' (one record per line) or 'object' (one document)."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"[":
        return "array"
    if path.suffix.lower() in (".ndjson", ".jsonl"):
        return "lines"
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
            with tempfile.TemporaryDirectory(prefix="lead-lens-json-") as tmp:
                readable = path
                if has_line_trouble(path):
                    readable = Path(tmp) / "repaired.ndjson"
                    repair_json_lines(path, readable)
                store.execute("load_ndjson_raw", {"path": str(readable), "delim": "\x1e",
                                                 "columns": {"line": "VARCHAR"},
                                                 "max_line_size": MAX_RECORD_CHARS,
                                                 "buffer_size": csv_buffer_size(store)},
                              raw_table=raw_table)
            for line, text in store.rows("ndjson_invalid_lines", raw_table=raw_table):
                rejects.append(Reject(line, None, "invalid json", "not a JSON object", text))
            store.execute("drop_invalid_ndjson", raw_table=raw_table)
        elif shape == "array":
            store.execute("load_json_array_raw", {"path": str(path)}, raw_table=raw_table)
        elif path.stat().st_size >= SCAN_DOCUMENTS_FROM and (
                member := _record_array_member(path, record_paths)) is not None:
            with tempfile.TemporaryDirectory(prefix="lead-lens-json-") as tmp:
                records = Path(tmp) / "records.json"
                copy_span(path, member, records)
                store.execute("load_json_array_raw", {"path": str(records)},
                              raw_table=raw_table)
        else:
            key = _find_record_key(store, path, record_paths, display)
            if key is None:
                store.execute("load_json_documents_raw", {"path": str(path)},
                              raw_table=raw_table)
            else:
                store.execute("load_json_nested_raw",
                              {"path": str(path), "columns": {key: "JSON[]"}},
                              raw_table=raw_table)
    except duckdb.OutOfMemoryException as error:
        raise IngestError(f"{display}: too large to read as one JSON document "
                          f"({path.stat().st_size / 1e9:.1f} GB) in the memory DuckDB may use "
                          f"({error}). Export it in pages or as one record per line (NDJSON)."
                          ) from error
    except duckdb.Error as error:
        raise IngestError(f"{display}: not valid JSON ({error}).") from error
    rows = int(store.scalar("count_raw_rows", raw_table=raw_table))
    paths = flatten_json_columns(store, raw_table)
    return RawFile(raw_table, "json", list(paths), rows, rejects, json_shape=shape,
                   json_paths=paths)


def _record_array_key(arrays: list[str], preferred: tuple[str, ...]) -> str | None:
    """Which of a document's top-level arrays holds the records: a kind's known record path
    ('calls', 'data'), else the first array."""
    for candidate in preferred:
        if candidate and candidate in arrays:
            return candidate
    return arrays[0] if arrays else None


def _record_array_member(path: Path, preferred: tuple[str, ...]) -> Member | None:
    """The record array of a wrapping document, found by a byte scan (json_split.py)."""
    arrays = {m.key: m for m in top_level_members(path) or [] if m.kind == "ARRAY"}
    key = _record_array_key(list(arrays), preferred)
    return arrays[key] if key is not None else None


def _find_record_key(store: Store, path: Path, preferred: tuple[str, ...],
                     display: str) -> str | None:
    """The top-level key of the record array in a document ('calls'); None: the document is
    itself the record."""
    keys = store.rows("json_top_level_arrays", {"path": str(path)})
    key = _record_array_key([str(key) for key, kind in keys if kind == "ARRAY"], preferred)
    if key is not None or keys:
        return key
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
            for attr in value:
                out.append((attr, f'$."attributes"."{attr}"'))
        elif json_api and key == "relationships" and isinstance(value, dict):
            for rel in value:
                out.append((f"{rel}Id", f'$."relationships"."{rel}"."data"."id"'))
        else:
            walk(value, key, f'$."{key}"', 1)
    return out
