"""Every named SQL block of the people core runs in a test (AGENTS.md)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from lead_lens.paths import queries_dir
from lead_lens.people import explain, find_person, leads, timeline
from lead_lens.people.forget import forget
from lead_lens.people.leakage import leakage
from lead_lens.people.merges import decide_merge, list_merges
from lead_lens.settings import Settings
from lead_lens.store import connection, load_queries, open_store
from tests.people.conftest import insert, load_sql, run

OWN = ("people", "timeline", "verdicts")


def own_blocks() -> set[str]:
    root = queries_dir()
    own = {root / d for d in OWN}
    return {name for name, q in load_queries().items()
            if q.source.parent in own or q.source.name == "migrations_people.sql"}


def test_every_block_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    used: set[str] = set()
    real = connection.query

    def spy(name: str):  # type: ignore[no-untyped-def]
        used.add(name)
        return real(name)

    monkeypatch.setattr(connection, "query", spy)
    # Small batches, so the batched timeline write runs too (the module, not the function).
    monkeypatch.setattr(sys.modules["lead_lens.people.timeline"], "EVENTS_PER_BATCH", 10)
    store = open_store(":memory:")
    used.update(n for n, _ in connection.migrations())
    load_sql(store, "cast.sql")
    run(store)
    timeline_module = sys.modules["lead_lens.people.timeline"]
    monkeypatch.setattr(timeline_module, "EVENTS_PER_BATCH", None)
    assert timeline_module.events_per_batch(store) > 0  # from the memory limit
    settings = Settings()
    hal = find_person(store, "hal@hotel.com")
    explain(store, settings, hal)
    timeline(store, hal)
    leads(store, settings, as_of="2025-01-01")
    leakage(store)
    merge_id = list_merges(store)["merge_id"][0]
    decide_merge(store, merge_id, "accepted")
    # The cast's rows have no import id, so each rebuild sees them all as new: incremental with
    # everyone touched, once the share that means a full rebuild allows it.
    monkeypatch.setattr(sys.modules["lead_lens.people.incremental"], "MAX_TOUCHED_SHARE", 1.0)
    # A new reply: a text to scan, appended to the caches (incremental_append_cache).
    insert(store, "activities", record_key="hubspot:new-reply", system="hubspot",
           person_refs=["email:hal@hotel.com"], ts=datetime(2025, 6, 29), kind="reply",
           title="Re: hello", body="Thanks, let's talk next week.", direction="inbound")
    stats = run(store)
    assert stats.touched and stats.texts_scanned == 1
    # A later as_of moves the stored verdicts, judging again only those due (verdict_due); the
    # rebuild above appended the whole timeline again, which would mean a full one.
    monkeypatch.setattr(sys.modules["lead_lens.people.incremental"], "MAX_APPENDED_SHARE", 10.0)
    assert run(store, as_of="2025-12-01").judged_again is not None
    # A verbatim table naming Hal, as an import leaves one, for the raw-row blocks of forget.
    store.con.execute("CREATE TABLE raw.import_99 AS SELECT 2 AS _line, 'hal@hotel.com' AS Email")
    store.con.execute("INSERT INTO imports (import_id, file_path, file_sha256, kind, raw_table) "
                      "VALUES (99, 'Lead.csv', 'x', 'salesforce.lead', 'raw.import_99')")
    result, store = forget(store, settings, "hal@hotel.com")
    assert result.removed["verbatim source rows"] == 1 and find_person(store, hal) is None
    store.close()
    missing = own_blocks() - used
    assert not missing, f"blocks never run: {sorted(missing)}"
    assert Path(queries_dir() / "schema" / "migrations_people.sql").exists()
