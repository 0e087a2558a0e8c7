"""The sample-data generator: deterministic bytes, the reference layouts, valid Salesforce ids,
every verdict acted out, and small sizes run in seconds."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
import zipfile
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from lead_lens.cli import main
from lead_lens.sample import generate
from lead_lens.sample.ids import checksum_suffix, is_valid_sf_id, sf_ids
from lead_lens.sample.salesforce_activity import EXPORT_NAME
from lead_lens.sample.stories import ARCHETYPES, archetype_counts

SF_FILES = ("Lead.csv", "Contact.csv", "Account.csv", "Opportunity.csv",
            "OpportunityContactRole.csv", "Task.csv", "Event.csv", "Campaign.csv",
            "CampaignMember.csv", "LeadHistory.csv", "Note.csv")
PREFIXES = {"Lead.csv": "00Q", "Contact.csv": "003", "Account.csv": "001",
            "Opportunity.csv": "006", "OpportunityContactRole.csv": "00K", "Task.csv": "00T",
            "Event.csv": "00U", "Campaign.csv": "701", "CampaignMember.csv": "00v",
            "LeadHistory.csv": "017", "Note.csv": "002"}


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "a"
    generate(out, leads=120, seed=11)
    return out


def _sf_rows(folder: Path, name: str) -> tuple[str, list[dict[str, str]]]:
    with zipfile.ZipFile(folder / "salesforce" / EXPORT_NAME) as zf:
        text = zf.read(name).decode("utf-8")
    return text, list(csv.DictReader(io.StringIO(text)))


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "one", leads=50, seed=3)
    generate(tmp_path / "two", leads=50, seed=3)
    generate(tmp_path / "other", leads=50, seed=4)
    first = _digest(tmp_path / "one")
    assert first == _digest(tmp_path / "two")
    assert first != _digest(tmp_path / "other")


@pytest.mark.parametrize("leads", [1, 5, 20])
def test_a_handful_of_leads_works(tmp_path: Path, leads: int) -> None:
    """So few that some kinds of activity (replies) have no row at all."""
    generate(tmp_path / "s", leads=leads, seed=1)
    assert (tmp_path / "s" / "README.md").exists()


def test_small_run_is_fast(tmp_path: Path) -> None:
    started = time.perf_counter()
    generate(tmp_path / "s", leads=200, seed=1)
    assert time.perf_counter() - started < 30


def test_layout(small: Path) -> None:
    expected = [
        "README.md", f"salesforce/{EXPORT_NAME}",
        "hubspot/hubspot-crm-exports-all-contacts-2025-06-30.csv", "hubspot/engagements.json",
        "hubspot/email_events.csv", "outreach/prospects.json", "outreach/sequences.json",
        "outreach/sequence_states.json", "outreach/mailings.json", "outreach/calls.json",
        "salesloft/cadence_memberships.json", "salesloft/people.json", "gong/calls.json",
        "gong/transcripts.json", "web/segment/identifies.csv", "web/segment/pages.csv",
        "web/segment/tracks.csv", "marketo/leads.csv", "marketo/activities.csv"]
    for name in expected:
        assert (small / name).is_file(), name
    assert sorted(p.name for p in (small / "web" / "ga4").iterdir()) == [
        f"events_2025{m:02d}01.parquet" for m in range(1, 7)]
    with zipfile.ZipFile(small / "salesforce" / EXPORT_NAME) as zf:
        assert sorted(zf.namelist()) == sorted(SF_FILES)


def test_salesforce_reference_format(small: Path) -> None:
    text, leads = _sf_rows(small, "Lead.csv")
    header = text.split("\n", 1)[0]
    assert header.startswith('"Id","IsDeleted","MasterRecordId","LastName","FirstName"')
    assert all(cell.startswith('"') and cell.endswith('"') for cell in header.split(","))
    assert leads[0]["CreatedDate"].endswith(".000Z") and "T" in leads[0]["CreatedDate"]
    converted = [r for r in leads if r["IsConverted"] == "true"]
    assert converted and all(len(r["ConvertedDate"]) == 10 for r in converted)
    assert {r["HasOptedOutOfEmail"] for r in leads} <= {"true", "false"}
    _, tasks = _sf_rows(small, "Task.csv")
    assert any("\n" in r["Description"] for r in tasks)
    assert all(len(r["ActivityDate"]) == 10 for r in tasks)
    _, history = _sf_rows(small, "LeadHistory.csv")
    assert any(r["NewValue"] == "Marketing Qualified" for r in history)
    _, members = _sf_rows(small, "CampaignMember.csv")
    assert all(len(r["FirstRespondedDate"]) in (0, 10) for r in members)


def test_salesforce_ids_are_valid(small: Path) -> None:
    for name, prefix in PREFIXES.items():
        _, rows = _sf_rows(small, name)
        assert rows, name
        for row in rows:
            assert row["Id"].startswith(prefix) and is_valid_sf_id(row["Id"]), (name, row["Id"])
    _, leads = _sf_rows(small, "Lead.csv")
    contacts = {r["Id"] for r in _sf_rows(small, "Contact.csv")[1]}
    for row in leads:
        if row["ConvertedContactId"]:
            assert row["ConvertedContactId"] in contacts


def test_checksum_matches_known_ids() -> None:
    for known in ("00Q1G00000nDnM5UAK", "0031G00001QtDPlQAN", "00T1G00003Ufap9UAB"):
        assert is_valid_sf_id(known)
    assert not is_valid_sf_id("00Q1G00000nDnM5UAA")
    ids = sf_ids("00Q", 1000, 5_000_000)
    assert len(set(ids)) == 1000 and all(is_valid_sf_id(i) for i in ids)
    raw = np.frombuffer(b"001000000000000", np.uint8).reshape(1, 15)
    assert bytes(checksum_suffix(raw)[0]) == b"AAA"


def test_hubspot_outreach_gong_shapes(small: Path) -> None:
    with (small / "hubspot" / "hubspot-crm-exports-all-contacts-2025-06-30.csv").open() as f:
        header = next(csv.reader(f))
    assert header[:4] == ["Record ID", "First Name", "Last Name", "Became a Customer Date"]
    assert "Became a Marketing Qualified Lead Date" in header and "Email" in header
    with (small / "hubspot" / "email_events.csv").open() as f:
        assert next(csv.reader(f)) == ["id", "type", "created", "recipient", "email_campaign_id"]
    prospects = json.loads((small / "outreach" / "prospects.json").read_text())["data"]
    assert prospects[0]["type"] == "prospect" and isinstance(prospects[0]["id"], int)
    assert isinstance(prospects[0]["attributes"]["emails"], list)
    external = [p["attributes"]["externalId"] for p in prospects if p["attributes"]["externalId"]]
    assert {len(e) for e in external} <= {15, 18}
    states = json.loads((small / "outreach" / "sequence_states.json").read_text())["data"]
    assert states[0]["relationships"]["prospect"]["data"]["type"] == "prospect"
    calls = json.loads((small / "gong" / "calls.json").read_text())["calls"]
    assert {p["affiliation"] for p in calls[0]["parties"]} == {"Internal", "External"}
    transcripts = json.loads((small / "gong" / "transcripts.json").read_text())
    monologues = transcripts["callTranscripts"][0]["transcript"]
    assert len({m["speakerId"] for m in monologues}) == 2
    starts = [s["start"] for m in monologues for s in m["sentences"]]
    assert starts == sorted(starts)


def test_ga4_schema(small: Path) -> None:
    table = pq.read_table(small / "web" / "ga4" / "events_20250301.parquet")
    for column in ("event_date", "event_timestamp", "event_name", "event_params", "user_id",
                   "user_pseudo_id", "traffic_source", "device"):
        assert column in table.column_names
    row = table.slice(0, 1).to_pylist()[0]
    assert row["event_date"].startswith("202503") and row["event_timestamp"] > 10**15
    assert {p["key"] for p in row["event_params"]} >= {"page_location", "ga_session_id"}


def test_every_verdict_is_cast() -> None:
    counts = archetype_counts(2000)
    assert counts.sum() == 2000 and counts.min() >= 2
    verdicts = {a[1] for a in ARCHETYPES}
    assert verdicts == {"do_not_contact", "customer", "sales_active", "snoozed", "recycled",
                        "black_hole", "marketing_owned"}


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "--leads", "40", "--seed", "2", "--out", str(tmp_path / "c"),
                 "--quiet"]) == 0
    assert "Wrote 40 leads" in capsys.readouterr().out
    assert (tmp_path / "c" / "README.md").read_text().startswith("# lead-lens sample data")
