"""`lead-lens forget EMAIL`: every row of the person goes, their texts are gone from the file's
bytes, everyone else's data stays as it was, and the store still opens and rebuilds."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from lead_lens.cli import main
from lead_lens.ingest.pipeline import ingest_paths
from lead_lens.llm import cache
from lead_lens.people import find_person, rebuild
from lead_lens.people.errors import PeopleError
from lead_lens.people.forget import forget
from lead_lens.settings import Settings
from lead_lens.store import Store, open_store
from tests.hostile import forget_world as world

AS_OF = datetime(2025, 6, 30, 12, 0)


def _summary(text: str) -> cache.CachedSummary:
    return cache.CachedSummary(context_hash="h", sections=(("What happened", text),),
                               citations={}, prompt_tokens=1, completion_tokens=1, seconds=1.0,
                               created_at=datetime(2025, 6, 30))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, world.World]:
    """The world imported and rebuilt, with a cached summary for her and for a neighbour."""
    root = tmp_path_factory.mktemp("forget")
    paths = world.make_world(root)
    db = root / "built.duckdb"
    with open_store(db) as store:
        results = ingest_paths(store, [paths.sample, paths.victim])
        assert not [r for r in results if r.status == "failed"]
        rebuild(store, Settings(), AS_OF)
        for who, text in ((world.EMAIL, world.SUMMARY_PHRASE),
                          (paths.neighbour_email, "The neighbour reads the guide")):
            cache.save(store, find_person(store, who) or "", "m", "v1", _summary(text))
        store.con.execute("CHECKPOINT")
    return db, paths


@pytest.fixture
def db(built: tuple[Path, world.World], tmp_path: Path) -> Path:
    copy = tmp_path / "store.duckdb"
    shutil.copyfile(built[0], copy)
    copy.chmod(0o600)
    return copy


def store_bytes(db: Path) -> bytes:
    """The store file and any WAL beside it, lower-cased."""
    data = db.read_bytes()
    wal = Path(f"{db}.wal")
    return (data + (wal.read_bytes() if wal.exists() else b"")).lower()


def others(store: Store, person_id: str) -> dict[str, Any]:
    """Everyone else's derived rows, for before/after comparisons."""
    con = store.con
    where = {"p": person_id}
    return {
        "verdicts": sorted(con.execute(
            "SELECT person_id, verdict, ok_to_market, warm, priority, CAST(reasons AS VARCHAR) "
            "FROM verdicts WHERE person_id <> $p", where).fetchall()),
        "people": sorted(con.execute(
            "SELECT person_id, email, name, refs, sources FROM people WHERE person_id <> $p",
            where).fetchall()),
        "events": sorted(con.execute(
            "SELECT person_id, event_id, kind FROM timeline_events WHERE person_id <> $p",
            where).fetchall()),
        "summaries": con.execute(
            "SELECT count(*) FROM llm_summaries WHERE person_id <> $p", where).fetchone(),
    }


def test_forget_removes_every_trace_and_keeps_everyone_else(
        db: Path, built: tuple[Path, world.World]) -> None:
    neighbour_email, neighbour_hubspot_id = built[1].neighbour_email, built[1].neighbour_hubspot_id
    before = store_bytes(db)
    for text in world.DISTINCTIVE:
        assert text.lower().encode() in before, f"{text!r} should be in the store before"
    store = open_store(db)
    victim = find_person(store, world.EMAIL)
    assert victim and find_person(store, world.OTHER_EMAIL) == victim
    neighbour = find_person(store, neighbour_email)
    assert neighbour
    kept = others(store, victim)
    raw_before = {t: store.con.execute(f"SELECT count(*) FROM raw.{t}").fetchone()[0]
                  for (t,) in store.con.execute(
                      "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'raw'"
                  ).fetchall()}

    result, store = forget(store, Settings(), world.EMAIL)
    assert sorted(result.subject.emails) == sorted([world.EMAIL, world.OTHER_EMAIL])
    removed = result.removed
    assert removed["person records"] == 4  # Lead, Contact, HubSpot contact, Outreach prospect
    assert removed["activities"] == 2  # her note and her reply
    assert result.shared_kept == 1  # the note naming her and Amara stays, for Amara
    assert removed["web events"] == 3 and removed["identify calls"] == 1  # anonymous ones too
    assert removed["cached summaries"] == 1 and removed["verdicts"] == 1
    assert removed["verbatim source rows"] == 11  # 4 records, note, 2 engagements, 4 web rows
    assert removed["people"] == 1 and removed["timeline events"] == 7
    store.con.execute("CHECKPOINT")
    assert others(store, victim) == kept
    assert find_person(store, world.EMAIL) is None
    raw_after = {t: store.con.execute(f"SELECT count(*) FROM raw.{t}").fetchone()[0]
                 for t in raw_before}
    assert sum(raw_before.values()) - sum(raw_after.values()) == 11
    shared = store.con.execute(
        "SELECT person_refs FROM activities WHERE body LIKE $b",
        {"b": world.SHARED_NOTE + "%"}).fetchall()
    assert shared == [([f"hubspot:{neighbour_hubspot_id}"],)]
    store.close()

    after = store_bytes(db)
    for text in world.DISTINCTIVE:
        assert text.lower().encode() not in after, f"{text!r} is still in the file"
    assert not Path(f"{db}.wal").exists()
    assert sorted(p.name for p in db.parent.iterdir()) == ["store.duckdb"]
    assert stat.S_IMODE(db.stat().st_mode) == 0o600

    with open_store(db) as reopened:  # it opens and rebuilds to the same answers for the rest
        stats = rebuild(reopened, Settings(), AS_OF)
        assert stats.people == len(kept["people"])
        assert others(reopened, victim) == kept
        assert find_person(reopened, neighbour_email) == neighbour
        assert reopened.con.execute(
            "SELECT count(*) FROM timeline_events WHERE person_id = $p AND body LIKE $b",
            {"p": neighbour, "b": world.SHARED_NOTE + "%"}).fetchone() == (1,)


def test_forget_refuses_an_unknown_email_and_changes_nothing(db: Path) -> None:
    size = db.stat().st_size
    with open_store(db) as store, pytest.raises(PeopleError, match="No one in the store"):
        forget(store, Settings(), "nobody@nowhere-example.org")
    with open_store(db) as store:
        assert find_person(store, world.EMAIL)
    assert db.stat().st_size == size


def test_forget_asks_first(db: Path, monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")
    assert main(["forget", "--db", str(db), world.OTHER_EMAIL]) == 2
    out = capsys.readouterr()
    assert "Wilhelmina Quarrington" in out.out and world.EMAIL in out.out
    assert "Nothing was removed" in out.err
    with open_store(db) as store:
        assert find_person(store, world.EMAIL)


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LEAD_LENS_HOME": str(db.parent / "home")}
    return subprocess.run([sys.executable, "-m", "lead_lens", "forget", "--db", str(db), *args],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env,
                          timeout=120)


def test_forget_cli(db: Path) -> None:
    refused = _cli(db, world.EMAIL)  # stdin is not a terminal: --yes is required
    assert refused.returncode == 2 and "--yes" in refused.stderr
    done = _cli(db, world.EMAIL, "--yes")
    assert done.returncode == 0, done.stderr
    assert "Forgot Wilhelmina Quarrington" in done.stdout
    assert "4  person records" in done.stdout and "rewritten" in done.stdout
    again = _cli(db, world.EMAIL, "--yes")
    assert again.returncode == 2 and "No one in the store matches" in again.stderr
    assert "Traceback" not in again.stderr
    for text in world.DISTINCTIVE:
        assert text.lower().encode() not in store_bytes(db)


def test_rewrite_keeps_every_row_of_an_awkwardly_named_store(tmp_path: Path) -> None:
    """A quote and a hyphen in the file name (the catalog name DuckDB derives from it) and a
    leftover file from a killed rewrite: the rewrite still yields the same rows and sequence."""
    from lead_lens.store.rewrite import REWRITE_SUFFIX, rewrite_store

    db = tmp_path / "it's-a store.duckdb"
    with open_store(db) as store:
        store.con.execute("CREATE TABLE t AS SELECT range AS n FROM range(1000)")
        next_id = store.scalar("next_import_id")
    Path(f"{db}{REWRITE_SUFFIX}").write_bytes(b"half a file")
    store = rewrite_store(open_store(db))
    try:
        assert store.con.execute("SELECT count(*), sum(n) FROM t").fetchone() == (1000, 499500)
        assert store.scalar("next_import_id") == next_id + 1
    finally:
        store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [db.name]
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
