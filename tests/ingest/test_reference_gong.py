"""Gong API responses written by hand from the export-formats reference section 4: the
extensive and the flat call lists with their requestId/records paging block, parties with CRM
context, and transcripts with a null topic."""

from __future__ import annotations

import json
from datetime import datetime

from lead_lens.store import Store
from tests.ingest._reference import REFERENCE, import_reference, row

GONG = REFERENCE / "gong"
CALL = "gong:7782342274025937895"


def test_extensive_calls_offsets_parties_and_crm_context(store: Store) -> None:
    result = import_reference(store, GONG / "calls_extensive_paged.json")
    assert (result.kind, result.rejects) == ("gong.calls", [])
    call = row(store, "activities", CALL)
    # '2018-02-18T02:30:00-07:00' is 09:30 UTC; a video call is a meeting; duration in seconds
    assert (call["kind"], call["starts_at"], call["ends_at"]) == \
        ("meeting", datetime(2018, 2, 18, 9, 30), datetime(2018, 2, 18, 9, 37, 40))
    # the external party's email and the Lead/Contact ids of the parties' context (not the
    # Account), 15- and 18-character ids alike; never the internal rep
    assert call["person_refs"] == \
        ["email:mira.ng@brightline.io", "sf:0031G00001QtDPl", "sf:00Q1G00000nDnM5"]
    assert call["actor"] == "234599484848423"
    assert json.loads(call["detail"])["parties"] == 3
    rep = row(store, "call_parties", f"gong-party:{CALL[5:]}:56825452554556")
    assert (rep["affiliation"], rep["person_refs"]) == ("Internal", [])
    lead = row(store, "call_parties", f"gong-party:{CALL[5:]}:56825452554557")
    assert lead["speaker_id"] == "6432345678555530068"
    assert lead["person_refs"] == ["email:mira.ng@brightline.io", "sf:00Q1G00000nDnM5"]
    dial_in = row(store, "call_parties", f"gong-party:{CALL[5:]}:56825452554558")
    assert (dial_in["email"], dial_in["person_refs"]) == (None, ["sf:0031G00001QtDPl"])
    cold = row(store, "activities", "gong:7782342274025937896")
    assert (cold["kind"], cold["direction"], cold["person_refs"]) == \
        ("sales_call", "outbound", ["email:jin@orbital.dev"])


def test_flat_call_list(store: Store) -> None:
    result = import_reference(store, GONG / "calls_list.json")
    assert (result.kind, result.rejects) == ("gong.calls", [])
    call = row(store, "activities", "gong:7782342274025937897")
    assert (call["kind"], call["direction"], call["ts"]) == \
        ("sales_call", "inbound", datetime(2024, 2, 6, 10, 2))
    assert json.loads(call["detail"])["duration_s"] == 300


def test_transcripts_in_milliseconds_with_a_null_topic(store: Store) -> None:
    result = import_reference(store, GONG / "call_transcripts_paged.json")
    assert (result.kind, result.rejects) == ("gong.transcripts", [])
    first = row(store, "call_transcripts", f"gong-transcript:{CALL[5:]}:1")
    assert (first["call_ref"], first["topic"], first["start_ms"], first["end_ms"]) == \
        (CALL, "Pricing", 460230, 463000)
    assert first["text"] == "Shall we talk pricing? It is per seat."
    second = row(store, "call_transcripts", f"gong-transcript:{CALL[5:]}:2")
    assert (second["topic"], second["speaker_id"], second["text"]) == \
        (None, "6432345678555530068", "Please reach out in July.")
