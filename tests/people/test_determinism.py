"""A rebuild of the same data gives the same verdicts, reasons and cited events every time.

Ties (a reply logged by two systems at the same instant) are where a rebuild could pick either
event; with parallel execution the pick varied from run to run before ties were broken by id.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from lead_lens.ingest.pipeline import ingest_paths
from lead_lens.people import rebuild
from lead_lens.sample import generate
from lead_lens.settings import Settings
from lead_lens.store import open_store

AS_OF = datetime(2025, 6, 30, 12, 0)


def build_verdicts(db: Path, sample: Path) -> list[tuple[object, ...]]:
    with open_store(db) as store:
        ingest_paths(store, [sample])
        rebuild(store, Settings(), AS_OF)
        return store.con.execute(
            "SELECT person_id, verdict, ok_to_market, warm, snooze_until, priority, "
            "CAST(reasons AS VARCHAR) FROM verdicts ORDER BY person_id").fetchall()


def test_the_same_data_gives_the_same_verdicts_and_evidence(tmp_path: Path) -> None:
    sample = tmp_path / "sample"
    generate(sample, leads=40, seed=7)  # holds same-instant duplicates across systems
    first = build_verdicts(tmp_path / "a.duckdb", sample)
    assert len(first) > 30
    for attempt in range(5):
        assert build_verdicts(tmp_path / f"b{attempt}.duckdb", sample) == first
