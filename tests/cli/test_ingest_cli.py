"""The ingest face of the CLI: summary, exit codes, kinds, imports and rejects listings."""

from __future__ import annotations

from pathlib import Path

import pytest

from lead_lens.cli import main
from tests.ingest.test_framework import lead_csv


def test_ingest_prints_a_summary_and_lists_rejects(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "Lead.csv"
    path.write_text(lead_csv() + '"00Q1G00000nDnM7UAK","Short"\r\n', encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(path), "--db", str(db), "--rejects"]) == 0
    out, err = capsys.readouterr()
    assert "Import summary" in out and "salesforce.lead" in out
    assert f"{path}:4: Expected Number of Columns" in out
    assert "1 rows were rejected" in err
    assert main(["imports", "--db", str(db)]) == 0
    assert "Lead.csv" in capsys.readouterr().out
    assert main(["imports", "--db", str(db), "--rejects", "1"]) == 0
    assert "Short" in capsys.readouterr().out
    # Importing the same file again changes nothing and says so.
    assert main(["ingest", str(path), "--db", str(db)]) == 0
    assert "unchanged" in capsys.readouterr().out


def test_unknown_file_fails_with_exit_code_1(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mystery.csv"
    path.write_text("Foo,Bar\n1,2\n", encoding="utf-8")
    assert main(["ingest", str(path), "--db", str(tmp_path / "s.duckdb")]) == 1
    assert "could not tell what kind" in capsys.readouterr().err


def test_missing_path_is_a_clear_error(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path / "nope.csv"), "--db", str(tmp_path / "s.duckdb")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_kinds_lists_every_system(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kinds"]) == 0
    out = capsys.readouterr().out
    for system in ("salesforce.lead", "hubspot", "outreach", "gong", "marketo"):
        assert system in out


def test_db_before_or_after_the_command(tmp_path: Path) -> None:
    from lead_lens.cli import build_parser

    parser = build_parser()
    before = parser.parse_args(["--db", "a.duckdb", "ingest", "x.csv"])
    after = parser.parse_args(["ingest", "x.csv", "--db", "b.duckdb"])
    neither = parser.parse_args(["ingest", "x.csv"])
    assert (before.db, after.db, neither.db) == ("a.duckdb", "b.duckdb", None)
