"""Salesforce files written by hand from docs/export-formats reference section 1.

Data Export CSVs in describe order (API names, every value quoted, 18-character ids, `.000Z` and
REST `+0000` datetimes, date-only ConvertedDate/ActivityDate/FirstRespondedDate, address and
custom `__c` columns), report exports with UI labels and 15-character ids, and the objects the
reference lists beside Lead/Contact/Task.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from lead_lens.store import Store
from tests.ingest._reference import REFERENCE, import_reference, row

SF = REFERENCE / "salesforce"


@pytest.mark.parametrize(("name", "kind"), [
    ("Lead.csv", "salesforce.lead"),
    ("report_leads_labels.csv", "salesforce.lead"),
    ("Contact.csv", "salesforce.contact"),
    ("Account.csv", "salesforce.account"),
    ("Opportunity.csv", "salesforce.opportunity"),
    ("OpportunityContactRole.csv", "salesforce.opportunity_contact_role"),
    ("Task.csv", "salesforce.task"),
    ("report_tasks_labels.csv", "salesforce.task"),
    ("Event.csv", "salesforce.event"),
    ("Campaign.csv", "salesforce.campaign"),
    ("CampaignMember.csv", "salesforce.campaign_member"),
    ("LeadHistory.csv", "salesforce.lead_history"),
    ("Note.csv", "salesforce.note"),
    ("TaskWhoRelation.csv", "salesforce.task_relation"),
])
def test_each_reference_file_is_detected(store: Store, name: str, kind: str) -> None:
    result = import_reference(store, SF / name)
    assert result.kind == kind
    assert result.rejects == []


def test_data_export_lead_in_describe_order(store: Store) -> None:
    import_reference(store, SF / "Lead.csv")
    open_lead = row(store, "person_records", "sf:00Q1G00000nDnM5")
    assert open_lead["source_id"] == "00Q1G00000nDnM5UAK"
    assert open_lead["email"] == "mira.ng@brightline.io"
    assert open_lead["status"] == "Open - Not Contacted"
    assert open_lead["lead_source"] == "Phone Inquiry"
    assert open_lead["owner"] == "00G1G000001QueUeUAA"  # a queue owns it
    assert open_lead["is_converted"] is False
    # LastModifiedDate in the REST spelling '+0000'
    assert open_lead["updated_at"] == datetime(2024, 1, 17, 15, 4, 5)
    converted = row(store, "person_records", "sf:00Q1G00000nDnM6")
    assert converted["is_converted"] is True
    assert converted["converted_ref"] == "sf:0031G00001QtDPl"
    assert converted["converted_at"] == datetime(2024, 2, 1)  # ConvertedDate is a date
    assert converted["account_ref"] == "sf:0011G00000aBcDe"
    assert converted["opted_out"] is True
    assert converted["do_not_call"] is True
    assert converted["bounced_at"] == datetime(2024, 1, 25, 8, 30)
    merged = row(store, "person_records", "sf:00Q1G00000nDnM7")
    assert merged["is_deleted"] is True
    assert merged["linked_refs"] == ["sf:00Q1G00000nDnM5"]


def test_report_export_labels_and_15_character_ids_give_the_same_keys(store: Store) -> None:
    import_reference(store, SF / "report_leads_labels.csv")
    converted = row(store, "person_records", "sf:00Q1G00000nDnM6")
    assert converted["source_id"] == "00Q1G00000nDnM6"
    assert converted["is_converted"] is True
    assert converted["converted_ref"] == "sf:0031G00001QtDPl"
    assert converted["converted_at"] == datetime(2024, 2, 1)
    assert converted["created_at"] == datetime(2024, 1, 11, 9, 0)
    assert converted["opted_out"] is True
    assert row(store, "person_records", "sf:00Q1G00000nDnM5")["updated_at"] == \
        datetime(2024, 1, 17, 15, 4)
    # The Data Export of the same leads (18-character ids) updates these records, not new ones.
    result = import_reference(store, SF / "Lead.csv")
    assert (result.new, result.updated) == (1, 2)


def test_contact_with_mailing_address_and_custom_fields(store: Store) -> None:
    import_reference(store, SF / "Contact.csv")
    jin = row(store, "person_records", "sf:0031G00001QtDPl")
    assert (jin["object"], jin["email"], jin["account_ref"]) == \
        ("Contact", "jin@orbital.dev", "sf:0011G00000aBcDe")
    assert jin["phone"] == "+82 10 5555 0101"  # MobilePhone when Phone is empty
    assert jin["bounced_at"] == datetime(2024, 3, 1, 8, 0)


def test_task_subtypes_call_types_and_what_ids(store: Store) -> None:
    import_reference(store, SF / "Task.csv")
    list_email = row(store, "activities", "sf:00T1G00003Ufap9")
    assert (list_email["kind"], list_email["direction"]) == ("sales_email", "outbound")
    assert list_email["person_refs"] == ["sf:00Q1G00000nDnM5"]
    call = row(store, "activities", "sf:00T1G00003UfapA")
    assert (call["kind"], call["direction"], call["status"]) == \
        ("sales_call", "outbound", "Left voicemail")
    assert call["ts"] == datetime(2024, 2, 5, 16, 20)  # CompletedDateTime, not ActivityDate
    assert call["opportunity_ref"] == "sf:0061G00000xYzAb"
    assert json.loads(call["detail"])["call_duration_seconds"] == 1200
    internal = row(store, "activities", "sf:00T1G00003UfapB")
    assert (internal["kind"], internal["direction"]) == ("sales_call", None)
    linkedin = row(store, "activities", "sf:00T1G00003UfapC")
    assert linkedin["kind"] == "task"
    assert linkedin["campaign_ref"] == "sf:7011G000000AbCd"
    assert linkedin["ts"] == datetime(2024, 2, 7, 9, 0)  # no CompletedDateTime: CreatedDate
    assert row(store, "activities", "sf:00T1G00003UfapD")["status"] == "Waiting on someone else"


def test_task_report_with_labels(store: Store) -> None:
    import_reference(store, SF / "report_tasks_labels.csv")
    email = row(store, "activities", "sf:00T1G00003Ufap9")
    assert (email["kind"], email["body"], email["ts"]) == \
        ("sales_email", "Hi Mira, attached.", datetime(2024, 1, 17, 15, 4))
    call = row(store, "activities", "sf:00T1G00003UfapA")
    assert (call["kind"], call["direction"], call["status"]) == \
        ("sales_call", "inbound", "Connected")
    assert call["account_ref"] == "sf:0011G00000aBcDe"
    assert call["person_refs"] == ["sf:0031G00001QtDPl"]


def test_events_timed_and_all_day(store: Store) -> None:
    import_reference(store, SF / "Event.csv")
    meeting = row(store, "activities", "sf:00U1G00000cccc1")
    assert (meeting["kind"], meeting["starts_at"], meeting["ends_at"]) == \
        ("meeting", datetime(2024, 3, 1, 15, 0), datetime(2024, 3, 1, 15, 30))
    assert meeting["body"] == "Agenda:\n- pricing"
    all_day = row(store, "activities", "sf:00U1G00000cccc3")
    assert all_day["starts_at"] == datetime(2024, 4, 10)
    assert all_day["ends_at"] == datetime(2024, 4, 11)
    assert all_day["person_refs"] == ["sf:0031G00001QtDPl"]


def test_campaign_members_lead_or_contact(store: Store) -> None:
    import_reference(store, SF / "Campaign.csv")
    import_reference(store, SF / "CampaignMember.csv")
    campaign = row(store, "campaigns", "sf:7011G000000AbCd")
    assert (campaign["type"], campaign["status"], campaign["start_date"]) == \
        ("Trade Show", "In Progress", date(2024, 1, 15))
    responded = row(store, "campaign_members", "sf:00v1G00000bbbb1")
    assert (responded["person_ref"], responded["has_responded"]) == ("sf:00Q1G00000nDnM5", True)
    assert responded["first_responded_at"] == datetime(2024, 1, 20)
    assert responded["created_at"] == datetime(2024, 1, 16, 10, 0)
    contact = row(store, "campaign_members", "sf:00v1G00000bbbb2")
    assert (contact["person_ref"], contact["has_responded"]) == ("sf:0031G00001QtDPl", False)


def test_lead_history_tokens_and_lookup_pairs(store: Store) -> None:
    import_reference(store, SF / "LeadHistory.csv")
    names = row(store, "field_history", "sf:0171G00000eeee2")
    ids = row(store, "field_history", "sf:0171G00000eeee3")
    assert names["changed_at"] == ids["changed_at"] == datetime(2024, 1, 15, 10, 0)
    assert (names["field"], ids["new_value"]) == ("Owner", "0051G000000UsR1QAA")
    status = row(store, "field_history", "sf:0171G00000eeee4")
    assert (status["person_ref"], status["old_value"], status["new_value"]) == \
        ("sf:00Q1G00000nDnM6", "Open - Not Contacted", "Working - Contacted")
    assert row(store, "field_history", "sf:0171G00000eeee5")["field"] == "leadConverted"


def test_notes_opportunities_roles_accounts_and_relations(store: Store) -> None:
    for name in ("Note.csv", "Opportunity.csv", "OpportunityContactRole.csv", "Account.csv",
                 "TaskWhoRelation.csv"):
        import_reference(store, SF / name)
    note = row(store, "activities", "sf:0021G00000dddd1")
    assert (note["kind"], note["person_refs"]) == ("note", ["sf:0031G00001QtDPl"])
    assert note["body"] == "Asked us to circle back in Q3.\nBudget frozen."
    assert row(store, "activities", "sf:0021G00000dddd2")["opportunity_ref"] == \
        "sf:0061G00000xYzAb"
    opportunity = row(store, "opportunities", "sf:0061G00000xYzAb")
    assert (opportunity["stage"], opportunity["is_closed"], opportunity["amount"]) == \
        ("Id. Decision Makers", False, 48000.0)
    assert opportunity["campaign_ref"] == "sf:7011G000000AbCd"
    role = row(store, "opportunity_roles", "sf:00K1G00000aaaa1")
    assert (role["person_ref"], role["role"], role["is_primary"]) == \
        ("sf:0031G00001QtDPl", "Economic Buyer", True)
    account = row(store, "accounts", "sf:0011G00000aBcDe")
    assert (account["name"], account["domain"]) == ("Orbital", "orbital.dev")
    link = row(store, "activity_links", "sf:00T1G00003UfapA|sf:00Q1G00000nDnM5")
    assert link["person_ref"] == "sf:00Q1G00000nDnM5"
