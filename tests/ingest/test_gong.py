"""Gong imports: calls (extensive and flat shapes) with their parties, and transcripts."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from lead_lens.store import Store
from tests.conftest import DATA, ingest
from tests.ingest._rows import rejects, rows_by_key

GONG = DATA / "gong"
CALL = "7782342274025937895"


@pytest.mark.parametrize(("name", "kind"), [
    ("calls_extensive.json", "gong.calls"),
    ("calls_flat.json", "gong.calls"),
    ("transcripts.json", "gong.transcripts"),
])
def test_detects_each_kind(store: Store, name: str, kind: str) -> None:
    [result] = ingest(store, GONG / name)
    assert result.kind == kind


def test_extensive_calls_and_parties(store: Store) -> None:
    [result] = ingest(store, GONG / "calls_extensive.json")
    acts = rows_by_key(store, "activities")
    assert set(acts) == {f"gong:{CALL}", "gong:4499183827730216011"}
    meeting = acts[f"gong:{CALL}"]
    assert meeting["source_id"] == CALL  # never a number
    assert meeting["kind"] == "meeting"  # media Video
    assert meeting["ts"] == meeting["starts_at"] == datetime(2018, 2, 18, 9, 31, 10)
    assert meeting["ends_at"] == datetime(2018, 2, 18, 10, 2, 0)  # + 1850 s
    assert meeting["title"] == "Acme <> Seller discovery"
    # External parties' emails and Lead/Contact ids; not the rep, not the Account
    assert meeting["person_refs"] == ["email:buyer@acme.com", "sf:0035e00000BoBbY"]
    detail = json.loads(meeting["detail"])
    assert detail["duration_s"] == 1850
    assert detail["url"] == f"https://app.gong.io/call?id={CALL}"
    cold = acts["gong:4499183827730216011"]
    assert (cold["kind"], cold["direction"], cold["starts_at"]) == (
        "sales_call", "outbound", None)
    assert cold["person_refs"] == ["email:lead@prospect.io", "email:x@prospect.io",
                                   "hubspot:9912", "sf:00Q5e00000LeAdX"]

    parties = rows_by_key(store, "call_parties")
    assert len(parties) == 5
    buyer = parties[f"gong-party:{CALL}:56825452554557"]
    assert (buyer["call_ref"], buyer["speaker_id"], buyer["email"], buyer["affiliation"]) == (
        f"gong:{CALL}", "6432345678555530068", "buyer@acme.com", "External")
    assert buyer["person_refs"] == ["email:buyer@acme.com", "sf:0035e00000BoBbY"]
    rep = parties[f"gong-party:{CALL}:56825452554556"]
    assert rep["email"] == "rep@seller.com" and rep["person_refs"] == []

    # The bad call id once (not again for its parties), and the party without an id.
    assert rejects(store) == [
        (2, "call 4499183827730216011, party 3: parties[].id is empty"),
        (3, "metaData.id 'not-a-number': not a Gong call id (a numeric string)"),
    ]
    assert result.rejected == 2


def test_flat_calls_keep_20_digit_ids(store: Store) -> None:
    ingest(store, GONG / "calls_flat.json")
    [call] = rows_by_key(store, "activities").values()
    assert call["record_key"] == "gong:98765432109876543210"
    # A scheduled conference is a meeting; +01:00 to UTC
    assert (call["kind"], call["starts_at"]) == ("meeting", datetime(2024, 3, 1, 8, 2))
    assert call["person_refs"] == []
    assert store.con.execute("SELECT count(*) FROM call_parties").fetchone() == (0,)


def test_transcripts_one_row_per_monologue(store: Store) -> None:
    [result] = ingest(store, GONG / "transcripts.json")
    turns = rows_by_key(store, "call_transcripts")
    first = turns[f"gong-transcript:{CALL}:1"]
    assert (first["call_ref"], first["turn_no"], first["speaker_id"], first["topic"]) == (
        f"gong:{CALL}", 1, "6432345678555530067", "Pricing")
    assert (first["start_ms"], first["end_ms"]) == (460230, 465000)
    assert first["text"] == "So, about pricing. We charge per seat."
    second = turns[f"gong-transcript:{CALL}:2"]
    assert (second["speaker_id"], second["topic"], second["text"]) == (
        "6432345678555530068", None, "That works for us.")
    assert result.rejected == 1
    [(line, reason)] = rejects(store)
    assert line == 2 and "callId is empty" in reason


def test_transcript_speakers_join_parties(store: Store) -> None:
    ingest(store, GONG / "calls_extensive.json", GONG / "transcripts.json")
    names = store.con.execute(
        "SELECT t.turn_no, p.name FROM call_transcripts t JOIN call_parties p "
        "ON p.call_ref = t.call_ref AND p.speaker_id = t.speaker_id ORDER BY t.turn_no"
    ).fetchall()
    assert names == [(1, "Rita Rep"), (2, "Bob Buyer")]


def test_reimport_of_reformatted_calls_changes_nothing(store: Store, tmp_path: Path) -> None:
    [first] = ingest(store, GONG / "calls_extensive.json")
    copy = tmp_path / "calls_again.json"
    copy.write_text(json.dumps(json.loads((GONG / "calls_extensive.json").read_text()), indent=1))
    [again] = ingest(store, copy)
    assert first.new == 7  # 2 calls + 5 parties
    assert (again.new, again.updated, again.unchanged) == (0, 0, 7)
