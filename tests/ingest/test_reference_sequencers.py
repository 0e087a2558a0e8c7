"""Outreach and Salesloft files written by hand from the export-formats reference section 3.

Outreach REST JSON:API (attributes + relationships, integer ids, pagination links and meta),
Data Sharing UPPER_SNAKE tables; Salesloft `{"data": [...]}` with nested `{id, _href}` links and
every membership state the reference lists.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from lead_lens.store import Store
from tests.ingest._reference import REFERENCE, import_reference, row

OUTREACH = REFERENCE / "outreach"
SALESLOFT = REFERENCE / "salesloft"


@pytest.mark.parametrize(("path", "kind"), [
    (OUTREACH / "prospects_jsonapi.json", "outreach.prospects"),
    (OUTREACH / "sequences_jsonapi.json", "outreach.sequences"),
    (OUTREACH / "sequenceStates_jsonapi.json", "outreach.sequence_states"),
    (OUTREACH / "mailings_jsonapi.json", "outreach.mailings"),
    (OUTREACH / "calls_jsonapi.json", "outreach.calls"),
    (OUTREACH / "SEQUENCE_STATES_datasharing.csv", "outreach.sequence_states"),
    (OUTREACH / "MAILINGS_datasharing.csv", "outreach.mailings"),
    (SALESLOFT / "cadence_memberships_states.json", "salesloft.cadence_memberships"),
    (SALESLOFT / "activities_emails_person.json", "salesloft.emails"),
], ids=lambda v: getattr(v, "name", v))
def test_each_reference_file_is_detected(store: Store, path: object, kind: str) -> None:
    result = import_reference(store, path)  # type: ignore[arg-type]
    assert result.kind == kind
    assert result.rejects == []


def test_jsonapi_prospects_link_to_salesforce_and_keep_every_email(store: Store) -> None:
    import_reference(store, OUTREACH / "prospects_jsonapi.json")
    mira = row(store, "person_records", "outreach:1001")
    assert mira["emails"] == ["mira.ng@brightline.io", "mira@home.example"]
    assert mira["email"] == "mira.ng@brightline.io"
    # externalId: a 15-character Lead id, externalSource spelled 'Salesforce'
    assert mira["linked_refs"] == ["sf:00Q1G00000nDnM5"]
    assert mira["owner"] == "5"  # relationships.owner.data.id
    jin = row(store, "person_records", "outreach:1002")
    assert (jin["opted_out"], jin["opted_out_at"]) == (True, datetime(2024, 3, 1, 12, 0))
    assert jin["linked_refs"] == []


def test_jsonapi_sequence_states_and_data_sharing_states(store: Store) -> None:
    import_reference(store, OUTREACH / "sequenceStates_jsonapi.json")
    import_reference(store, OUTREACH / "SEQUENCE_STATES_datasharing.csv")
    finished = row(store, "sequence_memberships", "outreach-state:3001")
    assert (finished["person_ref"], finished["sequence_ref"], finished["state"]) == \
        ("outreach:1001", "outreach-sequence:12", "finished")
    assert finished["replied_at"] == datetime(2024, 1, 20, 10, 0)
    assert row(store, "sequence_memberships", "outreach-state:3002")["state"] == "opted_out"
    paused = row(store, "sequence_memberships", "outreach-state:3003")
    assert (paused["state"], paused["person_ref"], paused["active_at"]) == \
        ("paused", "outreach:1001", datetime(2024, 3, 1))


def test_jsonapi_mailings_reply_bounce_and_unsent(store: Store) -> None:
    import_reference(store, OUTREACH / "mailings_jsonapi.json")
    sent = row(store, "activities", "outreach-mailing:5001")
    assert (sent["kind"], sent["ts"], sent["sequence_ref"]) == \
        ("sales_email", datetime(2024, 1, 15, 9, 0, 5), "outreach-sequence:12")
    assert sent["body"] == "Hi Mira, 15 minutes?"
    assert json.loads(sent["detail"])["sequence_state_ref"] == "outreach-state:3001"
    reply = row(store, "activities", "outreach-mailing:5001:reply")
    assert (reply["kind"], reply["ts"]) == ("reply", datetime(2024, 1, 20, 10, 0))
    bounce = row(store, "activities", "outreach-mailing:5002:bounce")
    assert (bounce["kind"], bounce["person_refs"]) == ("bounce", ["outreach:1002"])
    keys = {k for (k,) in store.con.execute("SELECT record_key FROM activities").fetchall()}
    assert "outreach-mailing:5003" not in keys  # scheduled: never reached the prospect


def test_data_sharing_mailing_with_unsubscribe(store: Store) -> None:
    import_reference(store, OUTREACH / "MAILINGS_datasharing.csv")
    assert row(store, "activities", "outreach-mailing:5004")["status"] == "delivered"
    opt_out = row(store, "activities", "outreach-mailing:5004:unsubscribe")
    assert (opt_out["kind"], opt_out["ts"]) == ("opt_out", datetime(2024, 3, 3, 8, 0))


def test_jsonapi_calls_and_sequences(store: Store) -> None:
    import_reference(store, OUTREACH / "calls_jsonapi.json")
    import_reference(store, OUTREACH / "sequences_jsonapi.json")
    answered = row(store, "activities", "outreach-call:7001")
    assert (answered["kind"], answered["direction"], answered["status"]) == \
        ("sales_call", "outbound", "Answered")
    assert answered["ts"] == datetime(2024, 1, 25, 15, 10)  # completedAt
    assert answered["body"] == "Reach out in July"
    missed = row(store, "activities", "outreach-call:7002")
    assert (missed["direction"], missed["status"], missed["ts"]) == \
        ("inbound", "Not Answered", datetime(2024, 1, 26, 15, 0))
    sequence = row(store, "sequences", "outreach-sequence:12")
    assert (sequence["name"], sequence["enabled"]) == ("Inbound follow-up", True)


def test_salesloft_membership_states_and_person_link(store: Store) -> None:
    import_reference(store, SALESLOFT / "cadence_memberships_states.json")
    states = dict(store.con.execute(
        "SELECT source_id, state FROM sequence_memberships").fetchall())
    assert states == {"11": "processing", "12": "staged", "13": "scheduled",
                      "14": "removed_no_action", "15": "reassigned"}
    reassigned = row(store, "sequence_memberships", "salesloft-membership:15")
    assert (reassigned["person_ref"], reassigned["sequence_ref"]) == \
        ("salesloft:501", "salesloft-cadence:8")
    assert reassigned["created_at"] == datetime(2024, 2, 1, 15, 0)  # added_at wins
    import_reference(store, SALESLOFT / "activities_emails_person.json")
    email = row(store, "activities", "salesloft-email:9001")
    assert email["person_refs"] == ["salesloft:501", "email:mira.ng@brightline.io"]
    assert json.loads(email["detail"])["replies"] == 1
