"""`lead-lens demo`: builds the store from the sample data once, then opens the app on it."""

from __future__ import annotations

from pathlib import Path

import pytest

import lead_lens.ui
from lead_lens.cli import cmd_demo, main
from lead_lens.sample import generate
from lead_lens.store import open_store


def test_demo_builds_once_then_opens_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    sample = tmp_path / "sample"
    generate(sample, leads=30, seed=3)
    monkeypatch.setattr(cmd_demo, "sample_data_dir", lambda: sample)
    opened: list[str] = []
    monkeypatch.setattr(lead_lens.ui, "open_app", lambda args: opened.append(args.db) or 0)
    db = tmp_path / "demo.duckdb"

    assert main(["demo", "--db", str(db)]) == 0
    assert "Import summary" in capsys.readouterr().out
    assert opened == [str(db)]
    with open_store(db) as store:
        imports = store.scalar("count_imports")
        assert imports > 10
        assert store.con.execute("SELECT count(*) FROM verdicts").fetchone()[0] > 0

    # The second start reuses the store: nothing is imported again.
    assert main(["demo", "--db", str(db)]) == 0
    assert "Import summary" not in capsys.readouterr().out
    with open_store(db) as store:
        assert store.scalar("count_imports") == imports
