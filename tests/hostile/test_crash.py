"""SIGKILL during an import: the store opens, holds exactly the finished imports, and a rerun ends
where an uninterrupted run does. A store held by another process is refused, naming the holder."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lead_lens.ingest.pipeline import ingest_paths
from lead_lens.store import Store, open_store
from tests.data.hostile.make_corpus import LeadFile

FILES = 6
ROWS = 4000


def make_folder(folder: Path) -> None:
    folder.mkdir()
    for index in range(FILES):
        lead = LeadFile().good_rows(index * ROWS + 1, ROWS)
        lead.bad_row('"bad","short"\r\n')  # one reject per file, to check rejects too
        (folder / f"Lead-{index}.csv").write_text(lead.text(), encoding="utf-8", newline="")


def state(store: Store) -> dict[str, object]:
    """What an import leaves behind, without its ids or times."""
    con = store.con
    return {
        "imports": sorted(con.execute(
            "SELECT file_path, rows_read, rows_rejected, rows_new FROM imports").fetchall()),
        "records": con.execute(
            "SELECT count(*), count(DISTINCT record_key), min(record_key), max(record_key) "
            "FROM person_records").fetchone(),
        "rejects": sorted(con.execute("SELECT file_path, line FROM import_rejects").fetchall()),
        "raw_tables": con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw'").fetchone(),
    }


def run_cli(store_path: Path, folder: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LEAD_LENS_HOME": str(store_path.parent / "home")}
    return subprocess.Popen(
        [sys.executable, "-m", "lead_lens", "ingest", "--db", str(store_path), str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


@pytest.mark.slow
def test_sigkill_mid_import_keeps_finished_imports_only(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    make_folder(folder)
    started = time.monotonic()
    clean_run = run_cli(tmp_path / "clean.duckdb", folder)
    clean_run.communicate(timeout=300)
    uninterrupted = time.monotonic() - started  # kill points spread over a whole run
    assert clean_run.returncode == 0
    with open_store(tmp_path / "clean.duckdb") as clean:
        expected_all = state(clean)
    per_file = {row[0]: row for row in expected_all["imports"]}  # type: ignore[union-attr]
    assert len(per_file) == FILES

    rng = random.Random(20240117)
    kills = 0
    seen: dict[Path, int] = {}  # store -> files finished when it was killed
    for round_ in range(10):  # until enough kills landed mid-import (machines vary in speed)
        store_path = tmp_path / f"killed-{round_}.duckdb"  # each round kills a whole run
        process = run_cli(store_path, folder)
        time.sleep(rng.uniform(0.2, 1.0) * uninterrupted)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
        with open_store(store_path) as store:
            got = state(store)
            finished = {row[0] for row in got["imports"]}  # type: ignore[union-attr]
            # Exactly the finished files' data, each whole: counts from the clean run.
            assert got["imports"] == [per_file[name] for name in sorted(finished)]
            assert got["records"][0] == len(finished) * ROWS  # type: ignore[index]
            assert got["rejects"] == [(name, ROWS + 2) for name in sorted(finished)]
            assert got["raw_tables"] == (len(finished),)
            seen[store_path] = len(finished)
        if kills >= 4 and any(0 < n < FILES for n in seen.values()):
            break
    assert kills >= 3, "the kills should land mid-import"
    partial = [path for path, n in seen.items() if 0 < n < FILES]
    assert partial, seen
    # The interrupted import, rerun, ends where the uninterrupted run did.
    store_path = partial[-1]
    done = run_cli(store_path, folder)
    _, err = done.communicate(timeout=300)
    assert done.returncode == 0 and b"Traceback" not in err, err.decode()
    with open_store(store_path) as store:
        assert state(store) == expected_all


def test_a_held_store_is_refused_naming_the_holder(tmp_path: Path) -> None:
    store_path = tmp_path / "held.duckdb"
    open_store(store_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from lead_lens.store import open_store; "
         "s = open_store(sys.argv[1]); print('open', flush=True); time.sleep(120)",
         str(store_path)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"open"
        folder = tmp_path / "export"
        folder.mkdir()
        (folder / "Lead.csv").write_text(LeadFile().good_rows(1, 3).text(), encoding="utf-8")
        started = time.monotonic()
        second = run_cli(store_path, folder)
        out, err = second.communicate(timeout=60)
        assert time.monotonic() - started < 60  # no hang
        message = (out + err).decode()
        assert second.returncode != 0 and "Traceback" not in message
        assert f"in use by process {holder.pid}" in message, message
    finally:
        holder.kill()
        holder.wait()
    with open_store(store_path) as store:  # no corruption: it opens and imports afterwards
        [result] = ingest_paths(store, [folder])
        assert result.status == "imported" and result.new == 3
