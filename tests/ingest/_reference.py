"""Importing the hand-written reference fixtures (tests/data/reference) and reading rows back."""

from __future__ import annotations

from pathlib import Path

from lead_lens.ingest.pipeline import FileResult, ImportOptions, ingest_paths
from lead_lens.store import Store
from tests.conftest import DATA
from tests.ingest._rows import row

__all__ = ["REFERENCE", "import_reference", "row"]

REFERENCE = DATA / "reference"


def import_reference(store: Store, path: Path, tz: str = "America/New_York") -> FileResult:
    """Import one fixture and fail unless it was imported."""
    [result] = ingest_paths(store, [path], ImportOptions(hubspot_timezone=tz))
    assert result.status == "imported", result.message
    return result
