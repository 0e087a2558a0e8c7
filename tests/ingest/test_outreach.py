"""Outreach imports: JSON:API, Singer and Data Sharing shapes of prospects, sequences, sequence
states, mailings and calls."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from lead_lens.store import Store
from tests.conftest import DATA, ingest
from tests.ingest._rows import rejects, rows_by_key

OUTREACH = DATA / "outreach"


@pytest.mark.parametrize(("name", "kind"), [
    ("prospects_api.json", "outreach.prospects"),
    ("prospects_singer.jsonl", "outreach.prospects"),
    ("prospects_datasharing.csv", "outreach.prospects"),
    ("sequences.json", "outreach.sequences"),
    ("sequence_states_api.json", "outreach.sequence_states"),
    ("sequence_states.csv", "outreach.sequence_states"),
    ("mailings_api.json", "outreach.mailings"),
    ("mailings_singer.json", "outreach.mailings"),
    ("mailings_datasharing.csv", "outreach.mailings"),
    ("calls.json", "outreach.calls"),
])
def test_detects_each_kind(store: Store, name: str, kind: str) -> None:
    [result] = ingest(store, OUTREACH / name)
    assert result.kind == kind


def test_detection_does_not_lean_on_file_names(store: Store, tmp_path: Path) -> None:
    for name in ("prospects_api.json", "mailings_datasharing.csv", "sequence_states.csv"):
        source = OUTREACH / name
        renamed = tmp_path / f"export{source.suffix}"
        renamed.write_bytes(source.read_bytes())
        [result] = ingest(store, renamed)
        assert result.kind and result.kind.startswith("outreach."), name
        renamed.unlink()


def test_prospects_json_api(store: Store) -> None:
    [result] = ingest(store, OUTREACH / "prospects_api.json")
    assert (result.rows, result.new, result.rejected) == (3, 2, 1)
    people = rows_by_key(store, "person_records")
    ada = people["outreach:101"]
    assert ada["emails"] == ["ada@example.com", "ada.l@personal.org"]
    assert ada["email"] == "ada@example.com"
    # externalSource salesforce, 18-char Lead id -> the 15-char ref
    assert ada["linked_refs"] == ["sf:00Q5e00000AbCdE"]
    assert (ada["first_name"], ada["name"], ada["company"], ada["title"]) == (
        "Ada", "Ada Lovelace", "Analytical Engines", "CTO")
    assert ada["owner"] == "3"  # relationships.owner.data.id
    assert ada["phone"] == "+1 555 0100"
    assert ada["opted_out"] is False
    assert ada["created_at"] == datetime(2024, 1, 5, 10, 0)
    grace = people["outreach:102"]
    assert grace["emails"] == [] and grace["email"] is None
    assert grace["linked_refs"] == []  # a HubSpot externalId is not a Salesforce link
    assert grace["opted_out"] is True
    assert grace["opted_out_at"] == datetime(2024, 3, 1, 12, 0)
    assert grace["name"] == "Grace Hopper"
    [(line, reason)] = rejects(store)
    assert line == 3 and "'p-103'" in reason


def test_prospects_singer_and_data_sharing(store: Store) -> None:
    ingest(store, OUTREACH / "prospects_singer.jsonl", OUTREACH / "prospects_datasharing.csv")
    people = rows_by_key(store, "person_records")
    # A Contact id without externalSource still links: it has the 003 prefix.
    assert people["outreach:201"]["linked_refs"] == ["sf:0035e00000XyZaB"]
    assert people["outreach:202"]["linked_refs"] == []
    # UPPER_SNAKE columns: EMAILS as JSON text, or a delimited list.
    assert people["outreach:301"]["emails"] == ["barbara@mit.edu"]
    assert people["outreach:301"]["linked_refs"] == ["sf:00Q5e00000LiSKo"]
    assert people["outreach:302"]["emails"] == ["knuth@stanford.edu", "dek@cs.stanford.edu"]
    assert people["outreach:302"]["opted_out"] is True
    assert people["outreach:302"]["opted_out_at"] == datetime(2024, 4, 1)


def test_sequences(store: Store) -> None:
    ingest(store, OUTREACH / "sequences.json")
    sequences = rows_by_key(store, "sequences")
    assert sequences["outreach-sequence:11"]["name"] == "Inbound follow-up"
    assert sequences["outreach-sequence:11"]["enabled"] is True
    assert sequences["outreach-sequence:12"]["enabled"] is False


def test_sequence_states_api_and_csv_labels(store: Store) -> None:
    [_, csv_result] = ingest(store, OUTREACH / "sequence_states_api.json",
                             OUTREACH / "sequence_states.csv")
    states = rows_by_key(store, "sequence_memberships")
    first = states["outreach-state:5001"]
    assert (first["state"], first["person_ref"], first["sequence_ref"]) == (
        "active", "outreach:101", "outreach-sequence:11")
    assert first["active_at"] == datetime(2024, 2, 1, 10, 0)
    # repliedAt with an offset lands in UTC
    assert states["outreach-state:5002"]["replied_at"] == datetime(2024, 3, 1, 16, 0)
    assert states["outreach-state:5002"]["state"] == "opted_out"
    # UI labels become the API's lower-case spelling
    assert states["outreach-state:6001"]["state"] == "opted_out"
    assert states["outreach-state:6002"]["state"] == "finished"
    assert csv_result.rejected == 1
    [(line, reason)] = rejects(store)
    assert line == 4 and "prospectId" in reason


def test_mailings_json_api(store: Store) -> None:
    [result] = ingest(store, OUTREACH / "mailings_api.json")
    acts = rows_by_key(store, "activities")
    assert set(acts) == {
        "outreach-mailing:9001", "outreach-mailing:9001:reply",
        "outreach-mailing:9002", "outreach-mailing:9002:bounce",
        "outreach-mailing:9004", "outreach-mailing:9004:unsubscribe",
    }  # 9003 is a draft: it never went out
    assert result.rejected == 0
    sent = acts["outreach-mailing:9001"]
    assert (sent["kind"], sent["direction"], sent["actor"], sent["title"]) == (
        "sales_email", "outbound", "rep@seller.com", "Quick question")
    assert sent["ts"] == datetime(2024, 2, 1, 10, 1)  # deliveredAt
    assert sent["body"] == "Hi Ada, worth a chat?"
    assert sent["person_refs"] == ["outreach:101"]
    assert sent["sequence_ref"] == "outreach-sequence:11"
    assert json.loads(sent["detail"])["sequence_state_ref"] == "outreach-state:5001"
    reply = acts["outreach-mailing:9001:reply"]
    assert (reply["kind"], reply["direction"], reply["ts"]) == (
        "reply", "inbound", datetime(2024, 2, 2, 8, 15))
    assert reply["person_refs"] == ["outreach:101"]
    bounced = acts["outreach-mailing:9002"]
    assert bounced["ts"] == datetime(2024, 2, 3, 10, 0)  # no deliveredAt: scheduledAt
    assert bounced["body"] == "Hello Grace, intro"  # bodyHtml without its tags
    bounce = acts["outreach-mailing:9002:bounce"]
    assert (bounce["kind"], bounce["ts"]) == ("bounce", datetime(2024, 2, 3, 10, 2))
    assert json.loads(bounce["detail"])["error_reason"] == "550 no such user"
    newsletter = acts["outreach-mailing:9004"]
    assert newsletter["ts"] == datetime(2024, 2, 5, 15, 0)  # -08:00 offset to UTC
    assert newsletter["body"] == "News Big news"
    assert newsletter["sequence_ref"] is None
    opt_out = acts["outreach-mailing:9004:unsubscribe"]
    assert (opt_out["kind"], opt_out["ts"]) == ("opt_out", datetime(2024, 2, 6, 9, 0))


def test_mailings_singer_and_data_sharing(store: Store) -> None:
    [singer, shared] = ingest(store, OUTREACH / "mailings_singer.json",
                              OUTREACH / "mailings_datasharing.csv")
    acts = rows_by_key(store, "activities")
    assert acts["outreach-mailing:9101"]["person_refs"] == ["outreach:202"]
    assert acts["outreach-mailing:9101"]["sequence_ref"] == "outreach-sequence:12"
    assert acts["outreach-mailing:9201"]["body"] == "Hi Barbara,\ntwo lines"
    assert acts["outreach-mailing:9201:reply"]["ts"] == datetime(2024, 3, 1, 12, 0)
    assert acts["outreach-mailing:9203:bounce"]["ts"] == datetime(2024, 3, 3, 10, 5)
    assert (shared.rows, shared.rejected) == (3, 1)
    [(line, reason)] = rejects(store)
    # The CSV line counts records with the header as 1 (the row above holds a newline).
    assert line == 3 and "id is empty" in reason
    assert singer.rejected == 0


def test_calls(store: Store) -> None:
    [result] = ingest(store, OUTREACH / "calls.json")
    call = rows_by_key(store, "activities")["outreach-call:801"]
    assert (call["kind"], call["status"], call["body"], call["direction"]) == (
        "sales_call", "Answered", "Talked pricing", "outbound")
    assert call["ts"] == datetime(2024, 2, 7, 15, 12)  # completedAt
    assert call["person_refs"] == ["outreach:101"]
    assert result.rejected == 1
    [(line, reason)] = rejects(store)
    assert line == 2 and "802" in reason


def test_reimport_of_reformatted_file_changes_nothing(store: Store, tmp_path: Path) -> None:
    ingest(store, OUTREACH / "mailings_api.json")
    copy = tmp_path / "mailings_again.json"
    copy.write_text(json.dumps(json.loads((OUTREACH / "mailings_api.json").read_text())))
    [again] = ingest(store, copy)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 6)


def test_data_sharing_parquet_with_typed_columns(store: Store, tmp_path: Path) -> None:
    # Data Sharing unloads as Parquet carry BIGINT ids, real timestamps and list columns.
    path = tmp_path / "PROSPECTS.parquet"
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT 401::BIGINT AS ID, 'Frances' AS FIRST_NAME, 'Allen' AS LAST_NAME, "
        "['Fran@IBM.com', 'f@home.org'] AS EMAILS, true AS OPTED_OUT, "
        "TIMESTAMPTZ '2024-05-01 12:00:00+02' AS OPTED_OUT_AT, "
        "'003000000000001AAA' AS EXTERNAL_ID) TO '" + str(path) + "'")
    con.close()
    [result] = ingest(store, path)
    assert result.kind == "outreach.prospects"
    fran = rows_by_key(store, "person_records")["outreach:401"]
    assert fran["emails"] == ["fran@ibm.com", "f@home.org"]
    assert fran["opted_out"] is True
    assert fran["opted_out_at"] == datetime(2024, 5, 1, 10, 0)
    assert fran["linked_refs"] == ["sf:003000000000001"]
