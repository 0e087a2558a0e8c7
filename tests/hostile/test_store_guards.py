"""The store's guards seen from outside: a store written by the first schema version migrates
with its data and rebuilds; one written by a newer lead-lens is refused untouched; the app does
not open a store another process (an import) is writing."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from lead_lens.people import find_person, rebuild
from lead_lens.settings import Settings
from lead_lens.store import open_store, query
from lead_lens.store.connection import schema_version


def test_a_first_version_store_migrates_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))  # what lead-lens 0.1's first schema wrote, nothing later
    con.execute(query("migration_001").sql)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO person_records (record_key, system, object, source_id, email, "
                "emails, name) VALUES ('sf:00Q000000000001', 'salesforce', 'Lead', "
                "'00Q000000000001AAA', 'ann@old.io', ['ann@old.io'], 'Ann Old')")
    con.close()
    with open_store(path) as store:
        assert store.scalar("current_schema_version") == str(schema_version())
        rebuild(store, Settings(), "2025-01-01")
        person = find_person(store, "ann@old.io")
        assert person
        name = store.con.execute("SELECT name FROM people WHERE person_id = $p", {"p": person})
        assert name.fetchone() == ("Ann Old",)


def test_a_newer_store_is_refused_by_the_cli_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.duckdb"
    with open_store(path) as store:
        store.con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
        store.con.execute("CHECKPOINT")
    before = path.read_bytes()
    env = {**os.environ, "LEAD_LENS_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-m", "lead_lens", "rebuild", "--db", str(path)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "written by a newer lead-lens (schema version 999" in done.stderr
    assert path.read_bytes() == before


def test_the_app_refuses_a_store_an_import_is_writing(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from lead_lens.ui import open_app

    path = tmp_path / "busy.duckdb"
    open_store(path).close()
    importer = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from lead_lens.store import open_store; "
         "s = open_store(sys.argv[1]); print('open', flush=True); time.sleep(120)", str(path)],
        stdout=subprocess.PIPE)
    try:
        assert importer.stdout is not None and importer.stdout.readline().strip() == b"open"
        assert open_app(argparse.Namespace(db=str(path), settings=None)) == 2
        assert f"in use by process {importer.pid}" in capsys.readouterr().err
    finally:
        importer.kill()
        importer.wait()
