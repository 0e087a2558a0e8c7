"""HubSpot importers: contacts (labels, API names, Fivetran, v3 JSON), engagements, events."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from lead_lens.ingest.pipeline import FileResult, ImportOptions, ingest_paths
from lead_lens.store import Store
from tests.conftest import DATA
from tests.ingest._reference import import_reference
from tests.ingest._rows import row as _row

HUBSPOT = DATA / "hubspot"


def _import(store: Store, name: str, tz: str = "America/New_York") -> FileResult:
    return import_reference(store, HUBSPOT / name, tz)


@pytest.mark.parametrize(("name", "kind"), [
    ("contacts_labels.csv", "hubspot.contact"),
    ("contacts_labels_semicolon.csv", "hubspot.contact"),
    ("contacts_api.csv", "hubspot.contact"),
    ("contacts_fivetran.csv", "hubspot.contact"),
    ("contacts_v3.json", "hubspot.contact"),
    ("engagements_v1.json", "hubspot.engagement_v1"),
    ("meetings_v3.json", "hubspot.engagement"),
    ("emails_v3.json", "hubspot.engagement"),
    ("engagement_call.csv", "hubspot.engagement"),
    ("engagement_contact.csv", "hubspot.engagement_contact"),
    ("email_events.csv", "hubspot.email_event"),
    ("email_events.json", "hubspot.email_event"),
])
def test_detects_each_kind(store: Store, name: str, kind: str) -> None:
    assert _import(store, name).kind == kind


def test_label_export_converts_portal_time_and_maps_labels(store: Store) -> None:
    result = _import(store, "contacts_labels.csv")
    ada = _row(store, "person_records", "hubspot:78971951")
    assert ada["email"] == "ada@example.com"
    assert ada["lifecycle_stage"] == "marketingqualifiedlead"
    assert ada["status"] == "In Progress"
    assert ada["owner"] == "Grace Hopper"
    # '2023-02-21 14:05' in New York (EST, UTC-5) is 19:05 UTC.
    assert ada["created_at"] == datetime(2023, 2, 21, 19, 5)
    assert ada["mql_at"] == datetime(2023, 2, 22, 13, 30)
    assert ada["linked_refs"] == ["sf:00Q5e00000AbCdE"]
    assert ada["account_ref"] == "hubspot-company:1234567"
    assert ada["opted_out"] is False
    bob = _row(store, "person_records", "hubspot:78971952")
    assert bob["lifecycle_stage"] == "customer"
    assert bob["sql_at"] == datetime(2023, 1, 15, 17, 0)
    assert bob["opted_out"] is True
    reasons = {r.line: r.reason for r in result.rejects}
    assert reasons[3] == "Record ID is empty: a HubSpot contact needs its id"
    assert 5 in reasons  # a short row the CSV reader refused
    assert result.new == 2


def test_portal_timezone_is_a_parameter(store: Store) -> None:
    _import(store, "contacts_labels.csv", tz="Europe/Berlin")
    assert _row(store, "person_records", "hubspot:78971951")["created_at"] == \
        datetime(2023, 2, 21, 13, 5)


def test_semicolon_export_with_accents(store: Store) -> None:
    result = _import(store, "contacts_labels_semicolon.csv")
    assert result.new == 1
    row = _row(store, "person_records", "hubspot:78971960")
    assert row["first_name"] == "Chloé"
    assert row["lifecycle_stage"] == "salesqualifiedlead"
    assert row["status"] == "Attempted to Contact"
    assert row["created_at"] == datetime(2023, 6, 1, 12, 0)  # EDT, UTC-4


def test_api_named_export(store: Store) -> None:
    result = _import(store, "contacts_api.csv")
    dan = _row(store, "person_records", "hubspot:101")
    assert dan["created_at"] == datetime(2024, 1, 15, 10, 30)  # ISO Z keeps its zone
    assert dan["mql_at"] == datetime(2024, 1, 15, 10, 30)  # epoch ms
    assert dan["status"] == "In Progress"
    assert dan["owner"] == "555"
    assert dan["opted_out"] is True
    assert dan["bounced_at"] == datetime(2024, 2, 1)
    assert dan["linked_refs"] == ["sf:0035e00000XyZaB"]
    assert dan["account_ref"] == "hubspot-company:9001"
    assert [(r.line, r.reason) for r in result.rejects] == [
        (3, "Record ID 'abc': not a HubSpot id (digits only)")]


def test_fivetran_and_v3_json(store: Store) -> None:
    _import(store, "contacts_fivetran.csv")
    erin = _row(store, "person_records", "hubspot:201")
    assert (erin["email"], erin["lifecycle_stage"], erin["status"]) == \
        ("erin@fivetran.dev", "opportunity", "Open Deal")
    assert erin["linked_refs"] == ["sf:00Q5e00000AAAAA"]
    _import(store, "contacts_v3.json")
    fay = _row(store, "person_records", "hubspot:301")
    assert fay["sql_at"] == datetime(2024, 1, 16, 9, 0)
    assert fay["updated_at"] == datetime(2024, 1, 16, 10, 30)
    assert fay["is_deleted"] is False


def test_v1_engagements(store: Store) -> None:
    result = _import(store, "engagements_v1.json")
    note = _row(store, "activities", "hubspot-engagement:1001")
    assert note["kind"] == "note"
    assert note["body"] == "Spoke with Dan & team.\nAsked us to circle back in July please."
    assert note["person_refs"] == ["hubspot:101", "hubspot:102"]
    assert note["ts"] == datetime(2024, 1, 15, 10, 30)  # epoch ms, not portal time
    assert note["account_ref"] == "hubspot-company:9001"
    email = _row(store, "activities", "hubspot-engagement:1002")
    assert (email["kind"], email["direction"], email["title"]) == \
        ("sales_email", "outbound", "Quick question")
    assert email["body"] == "Hi Dan,\nare you free?"
    assert email["person_refs"] == ["hubspot:101", "email:dan@acme.com"]
    reply = _row(store, "activities", "hubspot-engagement:1003")
    assert (reply["kind"], reply["direction"], reply["actor"]) == \
        ("reply", "inbound", "dan@acme.com")
    call = _row(store, "activities", "hubspot-engagement:1004")
    assert call["kind"] == "sales_call"
    assert json.loads(call["detail"])["duration_ms"] == 1800000
    meeting = _row(store, "activities", "hubspot-engagement:1005")
    assert (meeting["kind"], meeting["status"], meeting["cancelled"]) == \
        ("meeting", "NO_SHOW", False)
    assert meeting["ends_at"] == datetime(2024, 1, 16, 14, 0)
    assert [(r.line, r.reason) for r in result.rejects] == [(6, "timestamp is empty: not a time")]


def test_v3_meetings_emails_and_fivetran_calls(store: Store) -> None:
    _import(store, "meetings_v3.json")
    cancelled = _row(store, "activities", "hubspot-engagement:2001")
    assert (cancelled["kind"], cancelled["cancelled"], cancelled["body"]) == \
        ("meeting", True, "Agenda")
    scheduled = _row(store, "activities", "hubspot-engagement:2002")
    assert scheduled["person_refs"] == ["hubspot:101", "hubspot:102"]
    assert (scheduled["status"], scheduled["cancelled"]) == ("SCHEDULED", False)
    _import(store, "emails_v3.json")
    assert _row(store, "activities", "hubspot-engagement:3001")["kind"] == "sales_email"
    reply = _row(store, "activities", "hubspot-engagement:3002")
    assert (reply["kind"], reply["body"]) == ("reply", "Reach out next quarter.")
    assert reply["person_refs"] == ["email:dan@acme.com"]
    _import(store, "engagement_call.csv")
    call = _row(store, "activities", "hubspot-engagement:4001")
    assert (call["kind"], call["direction"], call["body"]) == \
        ("sales_call", "outbound", "Discussed budget")
    # No call property filled but the direction: still a call, from the file's columns.
    assert _row(store, "activities", "hubspot-engagement:4002")["kind"] == "sales_call"


def test_engagement_contact_associations(store: Store) -> None:
    result = _import(store, "engagement_contact.csv")
    link = _row(store, "activity_links", "hubspot-engagement:4001|hubspot:101")
    assert (link["activity_ref"], link["person_ref"]) == ("hubspot-engagement:4001", "hubspot:101")
    assert [(r.line, r.reason) for r in result.rejects] == [(4, "contact_id is empty")]


def test_email_events(store: Store) -> None:
    result = _import(store, "email_events.csv")
    kinds = dict(store.con.execute(
        "SELECT source_id, kind FROM activities WHERE system = 'hubspot'").fetchall())
    assert kinds == {"e1": "marketing_email", "e2": "email_delivered", "e3": "email_open",
                     "e4": "email_click", "e5": "bounce", "e6": "opt_out", "e7": "opt_out"}
    sent = _row(store, "activities", "hubspot-email-event:e1")
    assert sent["person_refs"] == ["email:dan@acme.com"]
    assert sent["ts"] == datetime(2024, 1, 15, 10, 30)
    assert sent["campaign_ref"] == "hubspot-email-campaign:77"
    assert _row(store, "activities", "hubspot-email-event:e4")["title"] == \
        "https://ourco.com/pricing"
    assert [(r.line, r.reason) for r in result.rejects] == [
        (9, "recipient is empty: not an email address")]
    _import(store, "email_events.json")
    assert _row(store, "activities", "hubspot-email-event:j2")["kind"] == "opt_out"


def test_reimport_is_unchanged(store: Store, tmp_path: Path) -> None:
    _import(store, "engagements_v1.json")
    copy = tmp_path / "again.json"
    copy.write_text((HUBSPOT / "engagements_v1.json").read_text() + "\n")
    [again] = ingest_paths(store, [copy], ImportOptions(hubspot_timezone="America/New_York"))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 5)
