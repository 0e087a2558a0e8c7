"""A rebuild works on shadows and swaps its results in at once: a failure changes nothing."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from lead_lens.people import find_person
from lead_lens.people.forget import forget
from lead_lens.people.rebuild import STEPS, rebuild
from lead_lens.settings import Settings
from lead_lens.store import Store, open_store
from tests.people.conftest import StubScanner, insert, load_sql, run

DERIVED = ("person_keys", "people", "timeline_events", "signals", "verdicts", "merge_proposals",
           "signal_scans", "signal_cache")


def snapshot(store: Store) -> dict[str, list[tuple]]:
    return {t: sorted(map(repr, store.con.execute(f"SELECT * FROM {t}").fetchall()))
            for t in DERIVED}


def scratch_tables(store: Store) -> list[str]:
    return [r[0] for r in store.con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary OR table_name LIKE '%_next' "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal"
    ).fetchall()]


def test_a_failed_rebuild_leaves_the_stored_results_as_they_were(
        cast: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(cast)
    insert(cast, "person_records", record_key="hubspot:77", system="hubspot", email="new@n.com",
           created_at=datetime(2025, 1, 1))

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(sys.modules["lead_lens.people.rebuild"], "compute_verdicts", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        run(cast)
    assert snapshot(cast) == before
    assert find_person(cast, "new@n.com") is None
    assert scratch_tables(cast) == []
    monkeypatch.undo()
    run(cast)  # and the next rebuild takes the new record in
    assert find_person(cast, "new@n.com") is not None
    people, ids = cast.con.execute(
        "SELECT count(*), count(DISTINCT person_id) FROM people").fetchone()
    assert people == ids > 0  # one row per person (the table has no key to enforce it)
    assert scratch_tables(cast) == []


@pytest.fixture
def cast_file(tmp_path: Path) -> Path:
    """A store file holding the cast, rebuilt."""
    db = tmp_path / "store.duckdb"
    with open_store(db) as store:
        load_sql(store, "cast.sql")
        run(store)
    return db


def test_a_rebuilt_store_file_reopens_with_its_results(cast_file: Path) -> None:
    with open_store(cast_file) as store:
        expected = snapshot(store)
    with open_store(cast_file) as store:
        assert snapshot(store) == expected and expected["timeline_events"]
        assert scratch_tables(store) == []


def test_forget_drops_the_timeline_a_killed_rebuild_left(cast_file: Path) -> None:
    with open_store(cast_file) as store:
        # What a rebuild killed mid-timeline leaves: a half-written timeline_events_next.
        store.con.execute("CREATE TABLE timeline_events_next AS SELECT * FROM timeline_events")
        _result, store = forget(store, Settings(), "hal@hotel.com")
        try:
            assert scratch_tables(store) == []
        finally:
            store.close()
    assert b"hal@hotel.com" not in cast_file.read_bytes()


def test_each_step_is_announced_as_it_starts_and_the_summary_reads_as_a_sentence(
        cast: Store) -> None:
    heard: list[str] = []

    def on_step(step: str, doing: str) -> None:
        assert doing == STEPS[step]
        heard.append(step)

    stats = rebuild(cast, Settings(), scanner=StubScanner(), scanner_version="stub",
                    on_step=on_step)
    assert heard == list(STEPS)
    line = stats.summary()
    assert line.startswith(f"as of 2025-06-30T12:00:00Z: {stats.people:,} people, ")
    assert f"{stats.events:,} events" in line and "RebuildStats" not in line
    assert line.endswith(" s") and "rebuilt in " in line
