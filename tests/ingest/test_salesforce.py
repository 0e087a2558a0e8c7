"""Salesforce importers: detection in both shapes, canonical values, rejects, row counts.

Fixtures (tests/data/salesforce):
  export/    Data Export CSVs: API headers, every value quoted, CRLF, 18-character ids, ...Z times.
  fivetran/  the same records as Fivetran tables: snake_case, `_fivetran_*` columns, naive times;
             sf_lead_data.csv adds a history-mode earlier version and a source-deleted lead.
  special/   a Windows-1252 Contact file, a Lead file with 300 custom columns, a UI report export.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from lead_lens.ingest.detect import rank
from lead_lens.ingest.pipeline import FileResult, ImportOptions, ingest_paths
from lead_lens.ingest.spec import all_kinds
from lead_lens.store import Store
from tests.conftest import DATA, ingest

SF = DATA / "salesforce"
OBJECTS = {
    "Lead": "salesforce.lead",
    "Contact": "salesforce.contact",
    "Account": "salesforce.account",
    "Opportunity": "salesforce.opportunity",
    "OpportunityContactRole": "salesforce.opportunity_contact_role",
    "Task": "salesforce.task",
    "Event": "salesforce.event",
    "Campaign": "salesforce.campaign",
    "CampaignMember": "salesforce.campaign_member",
    "LeadHistory": "salesforce.lead_history",
    "Note": "salesforce.note",
    "TaskRelation": "salesforce.task_relation",
    "EventRelation": "salesforce.event_relation",
}
FIVETRAN_NAMES = {
    "Lead": "lead", "Contact": "contact", "Account": "account", "Opportunity": "opportunity",
    "OpportunityContactRole": "opportunity_contact_role", "Task": "task", "Event": "event",
    "Campaign": "campaign", "CampaignMember": "campaign_member", "LeadHistory": "lead_history",
    "Note": "note", "TaskRelation": "task_relation", "EventRelation": "event_relation",
}
LEAD1, LEAD1_KEY = "00Q1G00000nDnM5UAK", "sf:00Q1G00000nDnM5"
CON1_KEY, ACC1_KEY, ACC2_KEY = "sf:0031G00001QtDPl", "sf:0011G00000aBcDe", "sf:0011G00000aBcDf"
OPP1_KEY, CAMP1_KEY = "sf:0061G00000xYzAb", "sf:7011G000000AbCd"


def export_file(obj: str) -> Path:
    return SF / "export" / f"{obj}.csv"


def fivetran_file(obj: str) -> Path:
    return SF / "fivetran" / f"sf_{FIVETRAN_NAMES[obj]}_data.csv"


def fetch(store: Store, sql: str, *params: Any) -> list[dict[str, Any]]:
    return store.con.execute(sql, list(params)).pl().to_dicts()


def by_key(store: Store, table: str) -> dict[str, dict[str, Any]]:
    return {row["record_key"]: row for row in fetch(store, f"SELECT * FROM {table}")}


def rejects(result: FileResult) -> dict[int | None, str]:
    return {r.line: r.reason for r in result.rejects}


def header(path: Path) -> list[str]:
    encoding = "cp1252" if "latin1" in path.name else "utf-8"
    with path.open(encoding=encoding, newline="") as handle:
        return next(csv.reader(handle))


# ------------------------------------------------------------------------------------ detection
ALL_FILES = [(export_file(o), k) for o, k in OBJECTS.items()] + [
    (fivetran_file(o), k) for o, k in OBJECTS.items()]


@pytest.mark.parametrize(("path", "kind"), ALL_FILES, ids=lambda v: getattr(v, "name", v))
def test_columns_alone_pick_exactly_one_salesforce_kind(path: Path, kind: str) -> None:
    # No file-name hint: the required fields must set each object apart from its look-alikes.
    ranked = rank(list(all_kinds().values()), header(path), "csv", "data.csv")
    complete = [c.kind.name for c in ranked if c.complete and c.kind.name.startswith("salesforce.")]
    assert complete == [kind]
    assert ranked[0].kind.name == kind


@pytest.mark.parametrize(("path", "kind"), ALL_FILES, ids=lambda v: getattr(v, "name", v))
def test_each_object_imports_in_both_shapes(store: Store, path: Path, kind: str,
                                            tmp_path: Path) -> None:
    renamed = tmp_path / "export.csv"  # a name that hints at nothing
    shutil.copyfile(path, renamed)
    [result] = ingest(store, renamed)
    assert result.kind == kind
    assert result.status == "imported"
    # Every line is a new record or a reported reject: the counts add up.
    assert result.rows == result.new + result.updated + result.unchanged + result.rejected
    assert result.rows == len(list(csv.reader(path.open(newline="", encoding="utf-8")))) - 1


def test_fivetran_shape_gives_the_same_records_as_the_data_export(store: Store) -> None:
    for obj in OBJECTS:
        [first] = ingest(store, export_file(obj))
        [second] = ingest(store, fivetran_file(obj))
        extra = 1 if obj == "Lead" else 0  # the lead deleted at the source
        assert (second.new, second.updated) == (extra, 0), obj
        assert second.unchanged == first.new, obj
        # Fivetran's history-mode earlier version is the one extra reject.
        assert second.rejected == first.rejected + (1 if obj == "Lead" else 0), obj


# ------------------------------------------------------------------------------------ people
def test_lead_mapping(store: Store) -> None:
    [result] = ingest(store, export_file("Lead"))
    assert (result.rows, result.new, result.rejected) == (5, 4, 1)
    assert rejects(result) == {6: "Id 'N/A' is not a 15- or 18-character Salesforce id"}
    people = by_key(store, "person_records")
    ann = people[LEAD1_KEY]
    assert ann["object"] == "Lead" and ann["source_id"] == LEAD1
    assert ann["email"] == "ann.lee@acme.com" and ann["emails"] == ["ann.lee@acme.com"]
    assert (ann["name"], ann["company"], ann["status"]) == ("Ann Lee", "Acme Corp",
                                                            "Open - Not Contacted")
    assert ann["created_at"] == dt.datetime(2024, 1, 10, 9)
    assert ann["updated_at"] == dt.datetime(2024, 1, 17, 15, 4, 5)
    assert (ann["is_converted"], ann["opted_out"], ann["is_deleted"]) == (False, False, False)

    converted = people["sf:00Q1G00000nDnM7"]
    assert converted["is_converted"] is True
    assert converted["converted_ref"] == CON1_KEY
    assert converted["account_ref"] == ACC1_KEY
    assert converted["converted_at"] == dt.datetime(2024, 2, 1)
    assert converted["phone"] == "+44 20 7946 0000"  # MobilePhone when Phone is empty
    assert (converted["opted_out"], converted["do_not_call"]) == (True, True)
    assert converted["bounced_at"] == dt.datetime(2024, 1, 25, 8, 30)

    merged_loser = people["sf:00Q1G00000nDnM8"]
    assert merged_loser["is_deleted"] is True
    assert merged_loser["linked_refs"] == [LEAD1_KEY]

    assert people["sf:00Q1G00000nDnM6"]["source_id"] == "00Q1G00000nDnM6"  # a 15-character id


def test_contact_mapping_and_windows_1252(store: Store) -> None:
    [result] = ingest(store, export_file("Contact"))
    assert rejects(result) == {4: "Id (empty) is not a 15- or 18-character Salesforce id"}
    [latin] = ingest(store, SF / "special" / "Contact-latin1.csv")
    assert latin.kind == "salesforce.contact" and latin.new == 1
    people = by_key(store, "person_records")
    bo = people[CON1_KEY]
    assert (bo["object"], bo["account_ref"], bo["email"]) == ("Contact", ACC1_KEY, "bo@globex.io")
    assert bo["opted_out"] is True and bo["is_converted"] is None
    assert people["sf:0031G00001QtDPm"]["linked_refs"] == [CON1_KEY]
    zoe = people["sf:0031G00001QtDPn"]
    assert (zoe["first_name"], zoe["last_name"]) == ("Zoë", "Müller")
    assert zoe["title"] == "Head of \u201cGrowth\u201d \u2013 O\u2019Brien\u2019s team"
    assert zoe["account_ref"] == ACC2_KEY


def test_wide_export_with_300_custom_fields(store: Store) -> None:
    path = SF / "special" / "Lead-wide.csv"
    assert len(header(path)) == 309
    [result] = ingest(store, path)
    assert (result.kind, result.new, result.rejected) == ("salesforce.lead", 3, 0)
    row = fetch(store, "SELECT email, status, company FROM person_records "
                       "WHERE record_key = 'sf:00Q1G00000wWw00'")[0]
    # Email__c / Status__c / Company__c are custom fields, not the standard ones.
    assert row == {"email": "wide0@wide.co", "status": "Open - Not Contacted",
                   "company": "Wide Co"}


def test_report_export_with_ui_labels_and_15_character_ids(store: Store) -> None:
    ingest(store, export_file("Lead"))
    [result] = ingest(store, SF / "special" / "report_leads.csv")
    assert (result.kind, result.updated) == ("salesforce.lead", 1)
    ann = by_key(store, "person_records")[LEAD1_KEY]  # same record as the 18-character id
    assert ann["status"] == "Working - Contacted"
    assert ann["created_at"] == dt.datetime(2024, 1, 10, 9)


def test_fivetran_history_mode_and_source_deletes(store: Store) -> None:
    [result] = ingest(store, fivetran_file("Lead"))
    assert rejects(result) == {
        2: "_fivetran_active is false: an earlier version of 00Q1G00000nDnM5UAK kept by "
           "Fivetran history mode",
        7: "Id 'N/A' is not a 15- or 18-character Salesforce id",
    }
    people = by_key(store, "person_records")
    assert people[LEAD1_KEY]["status"] == "Open - Not Contacted"  # the active version
    assert people[LEAD1_KEY]["updated_at"] == dt.datetime(2024, 1, 17, 15, 4, 5)
    assert people["sf:00Q1G00000nDnM9"]["is_deleted"] is True
    assert people["sf:00Q1G00000nDnM9"]["created_at"] == dt.datetime(2019, 11, 11, 17, 23, 34)


def test_fivetran_parquet_with_typed_columns(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "task.parquet"
    pl.DataFrame({
        "id": ["00T1G00003Ufap9UAB"], "who_id": ["0031G00001QtDPlQAN"], "what_id": [None],
        "subject": ["Call"], "status": ["Completed"], "priority": ["Normal"],
        "task_subtype": ["Call"], "call_type": ["Inbound"], "call_disposition": ["Connected"],
        "completed_date_time": [dt.datetime(2019, 11, 11, 17, 23, 34)],
        "created_date": [dt.datetime(2019, 11, 11, 17, 0)], "is_deleted": [False],
        "_fivetran_synced": [dt.datetime(2020, 1, 1)], "_fivetran_deleted": [False],
    }, schema_overrides={"what_id": pl.String}).write_parquet(path)
    [result] = ingest(store, path)
    assert (result.kind, result.new) == ("salesforce.task", 1)
    call = by_key(store, "activities")["sf:00T1G00003Ufap9"]
    assert (call["kind"], call["direction"], call["status"]) == ("sales_call", "inbound",
                                                                 "Connected")
    assert call["ts"] == dt.datetime(2019, 11, 11, 17, 23, 34)
    assert call["body"] == "Connected"


# ------------------------------------------------------------------------------------ objects
def test_accounts_opportunities_and_roles(store: Store) -> None:
    ingest(store, export_file("Account"), export_file("Opportunity"))
    [roles] = ingest(store, export_file("OpportunityContactRole"))
    accounts = by_key(store, "accounts")
    assert accounts[ACC1_KEY]["domain"] == "globex.io"
    assert accounts[ACC2_KEY]["domain"] == "acme.com"
    assert accounts[ACC1_KEY]["type"] == "Customer - Direct"
    won = by_key(store, "opportunities")[OPP1_KEY]
    assert (won["amount"], won["is_closed"], won["is_won"]) == (12000.5, True, True)
    assert (won["close_date"], won["account_ref"]) == (dt.date(2024, 3, 15), ACC1_KEY)
    assert (won["stage"], won["campaign_ref"]) == ("Closed Won", CAMP1_KEY)
    assert by_key(store, "opportunities")["sf:0061G00000xYzAc"]["amount"] is None
    role = by_key(store, "opportunity_roles")["sf:00K1G00000aaaa1"]
    assert (role["opportunity_ref"], role["person_ref"]) == (OPP1_KEY, CON1_KEY)
    assert (role["role"], role["is_primary"]) == ("Decision Maker", True)
    assert rejects(roles) == {3: "ContactId (empty) is not a 15- or 18-character Salesforce id"}


def test_campaigns_and_members(store: Store) -> None:
    ingest(store, export_file("Campaign"))
    [members] = ingest(store, export_file("CampaignMember"))
    campaign = by_key(store, "campaigns")[CAMP1_KEY]
    assert (campaign["name"], campaign["type"], campaign["status"]) == ("Q1 Webinar", "Webinar",
                                                                        "Completed")
    assert (campaign["start_date"], campaign["end_date"]) == (dt.date(2024, 1, 15),
                                                              dt.date(2024, 1, 31))
    rows = by_key(store, "campaign_members")
    lead_member = rows["sf:00v1G00000bbbb1"]
    assert (lead_member["person_ref"], lead_member["email"]) == (LEAD1_KEY, "ann.lee@acme.com")
    assert lead_member["has_responded"] is True
    assert lead_member["first_responded_at"] == dt.datetime(2024, 1, 20)
    assert lead_member["created_at"] == dt.datetime(2024, 1, 16, 10)
    # Lead and Contact both set (a converted lead): the contact is the person.
    assert rows["sf:00v1G00000bbbb2"]["person_ref"] == CON1_KEY
    assert rejects(members) == {
        4: "no person: ContactId (empty), LeadId (empty) and Email (empty) are all unusable",
        5: "CampaignId (empty) is not a 15- or 18-character Salesforce id",
    }


# ------------------------------------------------------------------------------------ activities
def test_task_kinds_times_and_links(store: Store) -> None:
    [result] = ingest(store, export_file("Task"))
    # Line numbers count records (header = 1): task 1's multi-line Description does not shift them.
    assert rejects(result) == {
        8: "no usable time: CompletedDateTime (empty), CreatedDate (empty), ActivityDate (empty)",
        9: "Id 'bad-id' is not a 15- or 18-character Salesforce id",
        11: "IsDeleted is true: task 00T1G00003Ufa10UAB was deleted in Salesforce",
    }
    tasks = {k.removeprefix("sf:00T1G00003Ufa"): v for k, v in by_key(store, "activities").items()}
    assert {k: (v["kind"], v["direction"]) for k, v in tasks.items()} == {
        "01": ("sales_email", "outbound"),
        "02": ("sales_call", "outbound"),
        "03": ("reply", "inbound"),  # '← Email: Re: ...' logged by a sequencer
        "04": ("sales_email", "outbound"),  # a bare 'RE:' is the rep answering
        "05": ("reply", "inbound"),  # 'Reply: ...'
        "06": ("task", None),
        "09": ("sales_call", "inbound"),  # Type 'Call', CallType 'Inbound'
        "11": ("reply", "inbound"),  # 'RE: ... (received)'
    }
    email = tasks["01"]
    assert email["ts"] == dt.datetime(2024, 1, 17, 15, 4, 5)  # CompletedDateTime, not CreatedDate
    assert email["body"] == ('Hi Ann,\nThanks for the call.\nAs discussed: "pricing" attached,'
                             "\n\nBest, Sam")
    assert (email["person_refs"], email["title"]) == ([LEAD1_KEY], "Email: Intro to Acme")
    assert email["actor"] == "0051G000000UsR1QAA" and email["raw_line"] == 2
    call = tasks["02"]
    assert call["ts"] == dt.datetime(2024, 1, 18, 10)  # no CompletedDateTime: CreatedDate
    assert (call["status"], call["body"]) == ("Left voicemail", "Left voicemail")
    assert (call["opportunity_ref"], call["account_ref"]) == (OPP1_KEY, ACC1_KEY)
    assert call["person_refs"] == [CON1_KEY]
    due_only = tasks["06"]
    assert due_only["ts"] == dt.datetime(2024, 2, 1)  # ActivityDate as the last resort
    assert due_only["person_refs"] == ["sf:00Q1G00000nDnM6"]  # 18-char WhoId, 15-char lead
    inbound = tasks["09"]
    assert (inbound["person_refs"], inbound["campaign_ref"]) == ([], CAMP1_KEY)
    assert (inbound["body"], inbound["status"]) == ("Asked about pricing", "Connected")
    assert inbound["account_ref"] == ACC2_KEY


def test_events_are_meetings(store: Store) -> None:
    [result] = ingest(store, export_file("Event"))
    assert rejects(result) == {5: "no usable time: StartDateTime (empty), ActivityDateTime "
                                  "(empty), ActivityDate (empty)"}
    events = by_key(store, "activities")
    demo = events["sf:00U1G00000cccc1"]
    assert (demo["kind"], demo["cancelled"], demo["title"]) == ("meeting", False, "Acme demo")
    assert demo["ts"] == demo["starts_at"] == dt.datetime(2024, 3, 1, 15)
    assert demo["ends_at"] == dt.datetime(2024, 3, 1, 15, 45)
    assert (demo["opportunity_ref"], demo["account_ref"]) == ("sf:0061G00000xYzAc", ACC2_KEY)
    cancelled = events["sf:00U1G00000cccc2"]
    assert (cancelled["cancelled"], cancelled["status"]) == (True, "cancelled")
    coffee = events["sf:00U1G00000cccc3"]  # no StartDateTime: ActivityDateTime + duration
    assert (coffee["starts_at"], coffee["ends_at"]) == (dt.datetime(2024, 3, 5, 16),
                                                        dt.datetime(2024, 3, 5, 16, 30))


def test_lead_history_and_notes(store: Store) -> None:
    [history] = ingest(store, export_file("LeadHistory"))
    [notes] = ingest(store, export_file("Note"))
    assert rejects(history) == {4: "LeadId (empty) is not a 15- or 18-character Salesforce id"}
    change = by_key(store, "field_history")["sf:0171G00000eeee2"]
    assert (change["person_ref"], change["field"]) == (LEAD1_KEY, "Status")
    assert (change["old_value"], change["new_value"]) == ("Open - Not Contacted",
                                                          "Working - Contacted")
    assert (change["changed_at"], change["actor"]) == (dt.datetime(2024, 1, 18, 10),
                                                       "0051G000000UsR1QAA")
    assert rejects(notes) == {5: "no usable time: CreatedDate (empty)"}
    rows = by_key(store, "activities")
    on_lead, on_account, on_deal = (rows[f"sf:0021G00000dddd{i}"] for i in (1, 2, 3))
    assert (on_lead["kind"], on_lead["title"]) == ("note", "Call notes")
    assert (on_lead["person_refs"], on_lead["body"]) == ([LEAD1_KEY], "Budget approved.\n"
                                                                      "Timeline: Q2.")
    assert (on_account["person_refs"], on_account["account_ref"]) == ([], ACC1_KEY)
    assert on_deal["opportunity_ref"] == OPP1_KEY
    assert on_lead["ts"] == dt.datetime(2024, 1, 18, 10, 30)


def test_task_and_event_relations_link_people(store: Store) -> None:
    [tasks] = ingest(store, export_file("TaskRelation"))
    [events] = ingest(store, export_file("EventRelation"))
    links = {(r["activity_ref"], r["person_ref"]) for r in fetch(store,
                                                                  "SELECT * FROM activity_links")}
    assert links == {("sf:00T1G00003Ufa01", CON1_KEY), ("sf:00U1G00000cccc1", LEAD1_KEY)}
    assert rejects(tasks) == {3: "RelationId '0011G00000aBcDeQAA' is not a lead (00Q) or "
                                 "contact (003): not a person link"}
    assert list(rejects(events)) == [3]


def test_rejects_are_stored_with_file_and_line(store: Store) -> None:
    ingest(store, export_file("Task"))
    stored = fetch(store, "SELECT line, error_type, reason FROM import_rejects ORDER BY line")
    assert [r["line"] for r in stored] == [8, 9, 11]
    assert stored[1]["reason"].startswith("Id 'bad-id'")
    assert fetch(store, "SELECT count(*) AS n FROM activities")[0]["n"] == 8


@pytest.mark.parametrize(("subject", "kind", "direction"), [
    ("[Outreach] [Email] [In] Re: your question on pricing", "reply", "inbound"),
    ("[Email] [In] Re: Following up", "reply", "inbound"),
    ("[Outreach] [Email] [Out] Following up", "sales_email", "outbound"),
    ("← Email: Re: demo next week", "reply", "inbound"),
])
def test_logged_sequencer_emails_by_direction_tag(store: Store, tmp_path: Path, subject: str,
                                                 kind: str, direction: str) -> None:
    path = tmp_path / "Task.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(["Id", "WhoId", "WhatId", "Subject", "Status", "Priority", "TaskSubtype",
                         "CreatedDate"])
        writer.writerow(["00T1G00003Ufa99UAB", "00Q1G00000nDnM5UAK", "", subject, "Completed",
                         "Normal", "Email", "2025-01-17T15:04:05.000Z"])
    ingest(store, path)
    [row] = fetch(store, "SELECT kind, direction FROM activities")
    assert (row["kind"], row["direction"]) == (kind, direction)


def test_a_lead_report_without_converted_is_named_and_imports_with_as(store: Store,
                                                                       tmp_path: Path) -> None:
    report = tmp_path / "report1718900000000.csv"
    report.write_text(
        '"Lead ID","First Name","Last Name","Company","Lead Status","Email","Lead Source"\n'
        '"00Q5e00000AbCdE","Ada","Lovelace","Analytical Engines","Working",'
        '"ada@engines.example","Webinar"\n', encoding="utf-8")
    [refused] = ingest_paths(store, [report])
    assert refused.status == "failed"
    assert "it can still be read with --as salesforce.lead" in refused.message
    # A kind whose mapping needs a missing column is still refused with --as.
    [contact] = ingest_paths(store, [report], ImportOptions(as_kind="salesforce.contact"))
    assert contact.status == "failed" and "AccountId" in contact.message
    [forced] = ingest_paths(store, [report], ImportOptions(as_kind="salesforce.lead"))
    assert (forced.status, forced.kind, forced.new) == ("imported", "salesforce.lead", 1)
    ada = store.con.execute(
        "SELECT email, company, is_converted FROM person_records WHERE record_key = "
        "'sf:00Q5e00000AbCdE'").fetchone()
    assert ada == ("ada@engines.example", "Analytical Engines", False)
