"""The store: migrations, version checks, permissions, named queries."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from lead_lens.errors import StoreError
from lead_lens.ingest.pipeline import ingest_paths
from lead_lens.store import Store, open_store
from lead_lens.store.connection import schema_version
from lead_lens.store.queries import Query, parse_blocks
from tests.ingest.test_framework import lead_csv


def test_new_store_is_at_the_current_version(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.scalar("current_schema_version") == str(schema_version())


def test_older_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        # Pretend the store was written at version 1, before later tables existed.
        store.con.execute("DROP TABLE people")
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with open_store(path) as store:
        assert store.scalar("current_schema_version") == str(schema_version())
        assert store.con.execute("SELECT count(*) FROM people").fetchone() == (0,)


def test_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer lead-lens"):
        open_store(path)


def test_store_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "private" / "s.duckdb"
    with open_store(path):
        pass
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "s.duckdb"
    with open_store(path):
        code = ("from lead_lens.store import open_store\n"
                f"open_store({str(path)!r})\n")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode != 0
    assert "in use by process" in done.stderr


def test_blocks_parse_names_docs_and_params() -> None:
    [block] = parse_blocks(
        "-- name: find_person\n-- Someone's record by email.\n"
        "SELECT * FROM people WHERE email = $email AND note <> '$not_a_param'",
        Path("x.sql"))
    assert block.name == "find_person"
    assert block.doc == "Someone's record by email."
    assert block.params == {"email"}
    with pytest.raises(KeyError, match="email"):
        block.bind({})


def test_render_accepts_identifiers_only() -> None:
    block = Query("q", "SELECT * FROM {table}", "", Path("x.sql"))
    assert block.render(table="raw.import_3") == "SELECT * FROM raw.import_3"
    with pytest.raises(ValueError):
        block.render(table="people; DROP TABLE people")


def test_opening_drops_the_raw_rows_of_an_import_killed_before_its_commit(
        tmp_path: Path) -> None:
    # An import writes its raw table before the transaction that records it (ingest/pipeline.py).
    path = tmp_path / "store.duckdb"
    lead = tmp_path / "Lead.csv"
    lead.write_text(lead_csv(), encoding="utf-8")
    with open_store(path) as store:
        [result] = ingest_paths(store, [lead])
        store.con.execute("CREATE TABLE raw.pending_0a9f AS SELECT 2 AS _line, 'x' AS Id")
    with open_store(path, read_only=True) as reader:  # a reader leaves the file as it is
        assert _raw_tables(reader) == [f"import_{result.import_id}", "pending_0a9f"]
    with open_store(path) as store:
        assert _raw_tables(store) == [f"import_{result.import_id}"]
        assert store.con.execute("SELECT count(*) FROM person_records").fetchone() == (2,)


def _raw_tables(store: Store) -> list[str]:
    return [row[0] for row in store.con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'raw' ORDER BY table_name"
    ).fetchall()]
