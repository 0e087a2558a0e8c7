"""Importing the hand-written reference fixtures (tests/data/reference) and reading rows back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lead_lens.ingest.pipeline import FileResult, ImportOptions, ingest_paths
from lead_lens.store import Store
from tests.conftest import DATA

REFERENCE = DATA / "reference"


def import_reference(store: Store, path: Path, tz: str = "America/New_York") -> FileResult:
    """Import one fixture and fail unless it was imported."""
    [result] = ingest_paths(store, [path], ImportOptions(hubspot_timezone=tz))
    assert result.status == "imported", result.message
    return result


def row(store: Store, table: str, key: str) -> dict[str, Any]:
    """The row of `table` with this record_key, as a dict."""
    cursor = store.con.execute(f"SELECT * FROM {table} WHERE record_key = ?", [key])
    names = [d[0] for d in cursor.description]
    found = cursor.fetchone()
    assert found is not None, f"{key} not in {table}"
    return dict(zip(names, found, strict=True))
