"""Value formats of each system (timestamps as the exports spell them) and deterministic writers.

Timestamps travel as int64 epoch seconds, 0 meaning "none"; these expressions turn them into
strings (null for 0). Writers never embed the wall clock: zip entries carry a fixed date.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import polars as pl

ZIP_DATE = (2025, 6, 30, 23, 0, 0)


def _stamp(column: str | pl.Expr) -> pl.Expr:
    expr = pl.col(column) if isinstance(column, str) else column
    return pl.when(expr > 0).then(pl.from_epoch(expr, time_unit="s"))


def ts(column: str | pl.Expr, pattern: str) -> pl.Expr:
    """Epoch seconds -> text in strftime `pattern`; null when 0."""
    return _stamp(column).dt.strftime(pattern)


def sf_datetime(column: str | pl.Expr) -> pl.Expr:
    """Salesforce Data Export datetime: 2025-01-17T15:04:05.000Z."""
    return ts(column, "%Y-%m-%dT%H:%M:%S.000Z")


def sf_date(column: str | pl.Expr) -> pl.Expr:
    return ts(column, "%Y-%m-%d")


def iso_z(column: str | pl.Expr) -> pl.Expr:
    """API ISO-8601 UTC: 2025-01-17T15:04:05Z (Outreach, Marketo, Salesloft)."""
    return ts(column, "%Y-%m-%dT%H:%M:%SZ")


def iso_millis(column: str | pl.Expr) -> pl.Expr:
    """Salesloft/Segment style: 2025-01-17T15:04:05.000000Z."""
    return ts(column, "%Y-%m-%dT%H:%M:%S.000000Z")


def hubspot_ui(column: str | pl.Expr) -> pl.Expr:
    """HubSpot UI export: 2025-02-21 14:05 (portal timezone; the sample portal runs on UTC)."""
    return ts(column, "%Y-%m-%d %H:%M")


def sf_bool(column: str | pl.Expr) -> pl.Expr:
    expr = pl.col(column) if isinstance(column, str) else column
    return pl.when(expr).then(pl.lit("true")).otherwise(pl.lit("false"))


def write_quoted_csv(frame: pl.DataFrame, path: Path) -> None:
    """Every value double-quoted, empty values as "" (the Salesforce Data Export style)."""
    frame.select(pl.all().cast(pl.String)).write_csv(path, quote_style="always")


def write_json_document(path: Path, key: str, frame: pl.DataFrame,
                        extra: dict[str, object] | None = None) -> None:
    """{**extra, "<key>": [rows...]}: each row JSON-encoded by Polars (nested structs and lists
    included; the same text DataFrame.write_json gives, about twice as fast)."""
    head = json.dumps(extra)[1:-1] + "," if extra else ""
    encoded = frame.select(pl.struct(pl.all()).struct.json_encode().alias("row"))["row"]
    with path.open("w", encoding="utf-8") as handle:
        handle.write("{" + head + json.dumps(key) + ":[")
        for start in range(0, len(encoded), 100_000):
            if start:
                handle.write(",")
            handle.write(",".join(encoded.slice(start, 100_000).to_list()))
        handle.write("]}\n")


def zip_directory(source: Path, target: Path) -> None:
    """Zip the files of `source` (sorted, fixed timestamps) into `target`, then remove source.
    Big exports use the fastest deflate level; small ones compress harder."""
    files = sorted(source.iterdir())
    level = 6 if sum(f.stat().st_size for f in files) < 200_000_000 else 1
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for file in files:
            info = zipfile.ZipInfo(file.name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info._compresslevel = level  # type: ignore[attr-defined]  # (public in 3.13)
            info.external_attr = 0o644 << 16
            with file.open("rb") as reader, zf.open(info, "w", force_zip64=True) as writer:
                shutil.copyfileobj(reader, writer, 1 << 20)
    shutil.rmtree(source)


def one(expr: pl.Expr) -> pl.Expr:
    """A one-element list of expr per row (fast; pl.concat_list is slow on structs)."""
    return expr.reshape((-1, 1)).arr.to_list()


def list_of(frame: pl.DataFrame, *exprs: pl.Expr, drop_nulls: bool = False) -> pl.Series:
    """A k-element list per row from k same-typed expressions, built by interleaving."""
    columns = frame.select([e.alias(f"_{i}") for i, e in enumerate(exprs)])
    long = pl.concat([columns[c] for c in columns.columns])
    n, k = frame.height, len(exprs)
    order = (np.arange(k)[None, :] * n + np.arange(n)[:, None]).ravel()
    if n == 0:
        return pl.Series([], dtype=pl.List(long.dtype))
    result = long.gather(order).reshape((n, k)).arr.to_list()
    return result.list.drop_nulls() if drop_nulls else result


HEX = np.array([f"{i:02x}" for i in range(256)], dtype="S2")


def uuids(rng: np.random.Generator, n: int) -> pl.Series:
    """Deterministic UUID-looking strings (the marketoGUID of each activity)."""
    raw = HEX[rng.integers(0, 256, (n, 16))].view("S32").ravel().astype(str)
    s = pl.Series(raw)
    return (s.str.slice(0, 8) + "-" + s.str.slice(8, 4) + "-" + s.str.slice(12, 4) + "-"
            + s.str.slice(16, 4) + "-" + s.str.slice(20, 12))
