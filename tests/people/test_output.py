"""Machine-readable output (spec 8), exports, the leakage report (spec 9) and the commands."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

from lead_lens.cli import cmd_leads, cmd_people, common_options
from lead_lens.errors import LeadLensError
from lead_lens.people import leads
from lead_lens.people.exporting import LEADS_COLUMNS, leads_csv, neutralize, write_export
from lead_lens.people.leakage import leakage
from lead_lens.settings import Settings
from lead_lens.store import Store, open_store
from tests.people.conftest import load_sql, run

SPEC_COLUMNS = ["person_id", "email", "name", "company", "verdict", "ok_to_market", "warm",
                "snooze_until", "handoff_at", "last_sales_touch_at", "last_engagement_at",
                "priority", "reasons", "sources"]


def test_leads_csv_columns_and_formats(cast: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(leads_csv(leads(cast, Settings())))))
    assert list(rows[0]) == SPEC_COLUMNS == list(LEADS_COLUMNS)
    by_email = {r["email"]: r for r in rows}
    hal, fay = by_email["hal@hotel.com"], by_email["fay@foxtrot.com"]
    assert (hal["ok_to_market"], hal["warm"]) == ("true", "true")
    assert hal["handoff_at"] == "2025-03-01T08:00:00Z"
    assert hal["snooze_until"] == "" and fay["snooze_until"] == "2025-09-01"
    assert hal["reasons"].startswith("Handed off on 2025-03-01") and " | " in hal["reasons"]
    assert hal["sources"] == "salesforce;segment"
    assert by_email[""]["verdict"] == "do_not_contact"  # no email known: empty, not null
    assert rows[0]["email"] == "hal@hotel.com"  # black hole first, highest priority first


def test_export_targets_and_formula_neutralization(cast: Store, tmp_path: Path) -> None:
    cast.con.execute("UPDATE person_records SET company = '=HYPERLINK(\"http://x\")', "
                     "first_name = '@Hal', last_name = '+Hill' WHERE email = 'hal@hotel.com'")
    run(cast)
    frame = leads(cast, Settings(), verdict="black_hole", warm=True)
    for target, header in [("hubspot", ["Email", "First Name", "Last Name", "Company Name"]),
                           ("marketo", ["Email Address", "First Name", "Last Name",
                                        "Company Name"]),
                           ("salesforce", ["Email", "FirstName", "LastName", "Company"])]:
        path = tmp_path / f"{target}.csv"
        assert write_export(frame, target, path) == 1
        rows = list(csv.reader(path.open(encoding="utf-8")))
        assert rows[0][:4] == header
        assert rows[0][4:8] == ["lead_lens_verdict", "lead_lens_warm", "lead_lens_priority",
                                "lead_lens_reasons"]
        assert rows[1][:4] == ["hal@hotel.com", "'@Hal", "'+Hill", "'=HYPERLINK(\"http://x\")"]
        assert rows[1][4:6] == ["black_hole", "true"]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_neutralize(value: str) -> None:
    assert neutralize(value) == "'" + value
    assert neutralize("plain") == "plain"


def test_leakage_report(cast: Store) -> None:
    frame = leakage(cast, "source")
    rows = {r["group"]: r for r in frame.iter_rows(named=True)}
    webinar = rows["Webinar"]  # Hal (black hole, warm) and Ivy (recycled)
    assert (webinar["handed_off"], webinar["black_hole"], webinar["warm_black_hole"]) == (2, 1, 1)
    assert webinar["leaked_share"] == 0.5
    assert webinar["median_hours_to_first_touch"] == pytest.approx(49)  # Hal 98 h, Ivy 0 h
    trade = rows["Trade Show"]  # Kim: handed off, never touched
    assert (trade["never_touched"], trade["black_hole"]) == (1, 1)
    owners = {r["group"] for r in leakage(cast, "owner").iter_rows(named=True)}
    assert "rep-2" in owners


def main(argv: list[str]) -> int:
    """The people commands alone (other modules' commands may be mid-change in parallel work),
    with the error handling of lead_lens.cli.main."""
    common = common_options()
    parser = argparse.ArgumentParser(prog="lead-lens", parents=[common])
    subparsers = parser.add_subparsers(dest="command")
    cmd_people.register(subparsers, common)
    cmd_leads.register(subparsers, common)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except LeadLensError:
        return 2


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.duckdb"
    store = open_store(path)
    load_sql(store, "cast.sql")
    store.close()
    return str(path)


def test_cli_commands(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rebuild", "--db", db]) == 0
    assert "as of 2025-06-30T12:00:00Z" in capsys.readouterr().out
    assert main(["leads", "--db", db, "--format", "csv", "--verdict", "black_hole", "--warm"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ",".join(SPEC_COLUMNS) and len(out) == 2
    assert main(["leads", "--db", db, "--format", "json", "--as-of", "2025-01-20",
                 "--limit", "3"]) == 0
    objects = json.loads(capsys.readouterr().out)
    assert len(objects) == 3 and list(objects[0]) == SPEC_COLUMNS
    assert isinstance(objects[0]["warm"], bool)
    assert main(["timeline", "--db", db, "hal@hotel.com"]) == 0
    text = capsys.readouterr().out
    assert "2025-03-01T08:00:00Z" in text and "Visited Pricing" in text
    assert main(["timeline", "--db", db, "HAL@hotel.com", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["kind"] == "mql"
    assert main(["explain", "--db", db, "hal@hotel.com", "--as-of", "2025-06-30T23:00:00Z"]) == 0
    assert "verdict: black_hole" in capsys.readouterr().out
    out_file = tmp_path / "bh.csv"
    assert main(["export", "--db", db, "--verdict", "black_hole", "--warm", "-o", str(out_file),
                 "--target", "marketo"]) == 0
    assert out_file.read_text().startswith("Email Address,")
    assert main(["leakage", "--db", db, "--by", "owner"]) == 0
    assert "warm_black_hole" in capsys.readouterr().out
    assert main(["merges", "--db", db]) == 0
    merge_id = next(line.split()[0] for line in capsys.readouterr().out.splitlines()
                    if line.startswith("m_"))
    assert main(["merges", "--db", db, "accept", merge_id]) == 0
    assert main(["merges", "--db", db, "undo", merge_id]) == 0
    assert main(["explain", "--db", db, "nobody@x.com"]) == 2
    assert main(["leads", "--db", db, "--as-of", "yesterday"]) == 2
