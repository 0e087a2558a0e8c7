"""HubSpot files written by hand from the export-formats reference section 2.

UI exports (all-properties and default view: label headers, label values, portal-local times),
API-named properties (ISO and epoch-millisecond times, merged vids), Fivetran `property_` tables
(naive UTC times), v3 search JSON, v3 calls/notes/emails, legacy v1 engagements and marketing
email events.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from lead_lens.store import Store
from tests.ingest._reference import REFERENCE, import_reference, row

HUBSPOT = REFERENCE / "hubspot"
ALL_CONTACTS = "hubspot-crm-exports-all-contacts-2023-02-21.csv"
DEFAULT_VIEW = "hubspot-crm-exports-default-view-2023-02-21.csv"


@pytest.mark.parametrize(("name", "kind"), [
    (ALL_CONTACTS, "hubspot.contact"),
    (DEFAULT_VIEW, "hubspot.contact"),
    ("contacts_api_properties.csv", "hubspot.contact"),
    ("contacts_fivetran_properties.csv", "hubspot.contact"),
    ("contacts_v3_search.json", "hubspot.contact"),
    ("calls_v3.json", "hubspot.engagement"),
    ("notes_v3.json", "hubspot.engagement"),
    ("emails_v3_directions.json", "hubspot.engagement"),
    ("engagement_note_fivetran.csv", "hubspot.engagement"),
    ("engagements_v1_paged.json", "hubspot.engagement_v1"),
    ("email_events_api.json", "hubspot.email_event"),
    ("email_event_fivetran.csv", "hubspot.email_event"),
])
def test_each_reference_file_is_detected(store: Store, name: str, kind: str) -> None:
    result = import_reference(store, HUBSPOT / name)
    assert result.kind == kind
    assert result.rejects == []


def test_all_properties_export_maps_every_lifecycle_label(store: Store) -> None:
    import_reference(store, HUBSPOT / ALL_CONTACTS)
    stages = dict(store.con.execute(
        "SELECT record_key, lifecycle_stage FROM person_records").fetchall())
    assert stages == {
        "hubspot:78971951": "marketingqualifiedlead", "hubspot:78971952": "customer",
        "hubspot:78971953": "evangelist", "hubspot:78971954": "salesqualifiedlead",
        "hubspot:78971955": "other", "hubspot:78971956": "subscriber",
    }
    ada = row(store, "person_records", "hubspot:78971951")
    assert ada["status"] == "Attempted to Contact"
    assert ada["owner"] == "Grace Hopper"
    assert ada["lead_source"] == "Organic Search"
    # '2023-02-21 14:05' in the portal's zone (New York, UTC-5)
    assert ada["mql_at"] == datetime(2023, 2, 21, 19, 5)
    # 'Associated Company IDs' holds several ids separated by ';': the first is the account.
    assert ada["account_ref"] == "hubspot-company:1234567"
    bob = row(store, "person_records", "hubspot:78971952")
    assert (bob["sql_at"], bob["opportunity_at"], bob["customer_at"]) == \
        (datetime(2023, 1, 20, 15, 30), datetime(2023, 2, 1, 17, 0), datetime(2023, 2, 10, 16, 0))
    assert bob["status"] == "Open Deal"


def test_default_view_export_takes_the_associated_company_name(store: Store) -> None:
    import_reference(store, HUBSPOT / DEFAULT_VIEW)
    ada = row(store, "person_records", "hubspot:78971951")
    assert ada["company"] == "Analytical Engines Ltd"
    assert ada["account_ref"] == "hubspot-company:1234567"
    assert ada["phone"] == "+1 555 0100"
    assert ada["created_at"] == datetime(2023, 1, 3, 14, 15)
    assert row(store, "person_records", "hubspot:78971957")["email"] == "gus@example.com"


def test_api_properties_epoch_dates_and_merged_vids(store: Store) -> None:
    import_reference(store, HUBSPOT / "contacts_api_properties.csv")
    ada = row(store, "person_records", "hubspot:78971951")
    assert ada["status"] == "Attempted to Contact"  # ATTEMPTED_TO_CONTACT as its label
    assert ada["mql_at"] == datetime(2023, 2, 21, 19, 5)  # epoch ms 1677006300000
    assert ada["owner"] == "31415"
    assert ada["linked_refs"] == ["hubspot:78971801", "hubspot:78971802"]
    bob = row(store, "person_records", "hubspot:78971952")
    assert bob["customer_at"] == datetime(2023, 2, 10, 11, 0)
    assert bob["linked_refs"] == []


def test_fivetran_naive_times_are_utc_not_portal_time(store: Store) -> None:
    import_reference(store, HUBSPOT / "contacts_fivetran_properties.csv")
    ada = row(store, "person_records", "hubspot:78971951")
    assert ada["created_at"] == datetime(2023, 1, 3, 14, 15)
    assert ada["mql_at"] == datetime(2023, 2, 21, 19, 5)
    assert ada["linked_refs"] == ["hubspot:78971801"]
    import_reference(store, HUBSPOT / "engagement_note_fivetran.csv")
    note = row(store, "activities", "hubspot-engagement:6101")
    assert (note["kind"], note["ts"], note["body"]) == \
        ("note", datetime(2024, 1, 22, 15, 0), "Budget approved")
    import_reference(store, HUBSPOT / "email_event_fivetran.csv")
    assert row(store, "activities", "hubspot-email-event:ev-5")["ts"] == \
        datetime(2024, 1, 15, 10, 30)


def test_v3_search_results(store: Store) -> None:
    import_reference(store, HUBSPOT / "contacts_v3_search.json")
    ada = row(store, "person_records", "hubspot:78971951")
    assert ada["emails"] == ["ada@example.com", "ada@personal.org", "a.lovelace@example.com"]
    assert (ada["lifecycle_stage"], ada["status"]) == ("opportunity", "Open Deal")
    assert ada["opportunity_at"] == datetime(2023, 2, 25, 10, 0)
    assert ada["linked_refs"] == ["hubspot:78971801"]


def test_v3_calls_notes_and_email_directions(store: Store) -> None:
    for name in ("calls_v3.json", "notes_v3.json", "emails_v3_directions.json"):
        import_reference(store, HUBSPOT / name)
    call = row(store, "activities", "hubspot-engagement:5001")
    assert (call["kind"], call["direction"], call["status"]) == \
        ("sales_call", "outbound", "COMPLETED")
    assert call["person_refs"] == ["hubspot:78971951"]
    assert call["body"] == "Asked to reach out in July."
    assert call["opportunity_ref"] == "hubspot-deal:9100"
    assert json.loads(call["detail"])["duration_ms"] == 1_800_000
    no_answer = row(store, "activities", "hubspot-engagement:5002")
    assert (no_answer["direction"], no_answer["status"]) == ("inbound", "NO_ANSWER")
    note = row(store, "activities", "hubspot-engagement:6001")
    assert note["kind"] == "note"
    assert note["person_refs"] == ["hubspot:78971951", "hubspot:78971952"]
    assert note["body"] == "Lead said: please unsubscribe me & remove me."
    sent = row(store, "activities", "hubspot-engagement:7001")
    assert (sent["kind"], sent["direction"], sent["person_refs"]) == \
        ("sales_email", "outbound", ["email:ada@example.com"])
    reply = row(store, "activities", "hubspot-engagement:7002")
    assert (reply["kind"], reply["direction"], reply["actor"]) == \
        ("reply", "inbound", "ada@example.com")
    forwarded = row(store, "activities", "hubspot-engagement:7003")
    assert (forwarded["kind"], forwarded["direction"]) == ("sales_email", None)


def test_legacy_v1_engagements(store: Store) -> None:
    import_reference(store, HUBSPOT / "engagements_v1_paged.json")
    email = row(store, "activities", "hubspot-engagement:8001")
    assert email["person_refs"] == \
        ["hubspot:78971951", "email:ada@example.com", "email:bob@example.org"]
    assert email["ts"] == datetime(2024, 1, 15, 10, 30)
    assert (email["account_ref"], email["opportunity_ref"]) == \
        ("hubspot-company:1234567", "hubspot-deal:9100")
    call = row(store, "activities", "hubspot-engagement:8002")
    assert (call["kind"], call["status"]) == ("sales_call", "COMPLETED")
    assert json.loads(call["detail"])["duration_ms"] == 600_000


def test_marketing_email_events_from_the_api(store: Store) -> None:
    import_reference(store, HUBSPOT / "email_events_api.json")
    kinds = dict(store.con.execute("SELECT source_id, kind FROM activities").fetchall())
    assert kinds == {"ev-1": "marketing_email", "ev-2": "email_click", "ev-3": "opt_out",
                     "ev-4": "bounce"}
    sent = row(store, "activities", "hubspot-email-event:ev-1")
    assert sent["person_refs"] == ["email:ada@example.com"]
    assert sent["ts"] == datetime(2024, 1, 15, 10, 30)
    assert sent["campaign_ref"] == "hubspot-email-campaign:1001"
