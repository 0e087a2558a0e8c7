"""A small world for the forget tests: the sample company (a few dozen leads) plus one person,
Wilhelmina Quarrington, spread over every system, written in the sample's own export formats."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lead_lens.sample import generate

EMAIL = "wilhelmina.quarrington@zephyrfold-biolabs.io"
OTHER_EMAIL = "w.quarrington@fernmail-example.net"  # her Outreach prospect: tied by externalId
LEAD_ID = "00Q5g00009ZqXwYEAK"
CONTACT_ID = "0035g00009ZqXwZAAK"
HUBSPOT_ID = "9900777"
ANON_ID = "anon-zq-5550017-quarrington"
NOTE_PHRASE = ("the Zephyrfold procurement committee freezes every purchase until the marmalade "
               "audit finishes in October")
REPLY_PHRASE = "send the cobalt-lantern pricing sheet to my personal inbox before the offsite"
SUMMARY_PHRASE = "Wilhelmina weighs the cobalt-lantern rollout against the marmalade audit"
# A shared HubSpot note names her and the sample's first HubSpot contact (World.neighbour).
SHARED_NOTE = "Joint workshop on attribution windows with both buying committees"

# Texts of hers a test looks for in the store's bytes.
DISTINCTIVE = (EMAIL, OTHER_EMAIL, "Quarrington", LEAD_ID[:15], CONTACT_ID[:15], ANON_ID,
               NOTE_PHRASE, REPLY_PHRASE, SUMMARY_PHRASE)


@dataclass(frozen=True)
class World:
    sample: Path
    victim: Path
    neighbour_email: str
    neighbour_hubspot_id: str


def _csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: row.get(key, "") for key in header})
    return out.getvalue()


def _header(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text)))


def make_world(root: Path, leads: int = 30) -> World:
    sample, victim = root / "sample", root / "victim"
    generate(sample, leads=leads, seed=11)
    victim.mkdir(parents=True)
    [zip_path] = (sample / "salesforce").glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        headers = {name[:-4]: _header(archive.read(name).decode("utf-8"))
                   for name in ("Lead.csv", "Contact.csv", "Note.csv")}
    sf = victim / "salesforce"
    sf.mkdir()
    person = {"FirstName": "Wilhelmina", "LastName": "Quarrington",
              "Name": "Wilhelmina Quarrington", "Email": EMAIL, "Title": "VP Research Operations",
              "IsDeleted": "false", "HasOptedOutOfEmail": "false", "LeadSource": "Webinar",
              "OwnerId": "0055g00002InlZGAAZ"}
    (sf / "Lead.csv").write_text(_csv_text(headers["Lead"], [{
        **person, "Id": LEAD_ID, "Company": "Zephyrfold Biolabs", "Status": "Qualified",
        "IsConverted": "true", "ConvertedDate": "2025-03-02", "ConvertedContactId": CONTACT_ID,
        "CreatedDate": "2025-02-01T10:00:00.000Z",
        "LastModifiedDate": "2025-03-02T10:00:00.000Z"}]), encoding="utf-8")
    (sf / "Contact.csv").write_text(_csv_text(headers["Contact"], [{
        **person, "Id": CONTACT_ID, "CreatedDate": "2025-03-02T10:00:00.000Z",
        "LastModifiedDate": "2025-03-02T10:00:00.000Z"}]), encoding="utf-8")
    (sf / "Note.csv").write_text(_csv_text(headers["Note"], [{
        "Id": "0025g00009ZqXw9AAC", "IsDeleted": "false", "ParentId": CONTACT_ID,
        "Title": "Call notes", "IsPrivate": "false",
        "Body": f"Wilhelmina explained that {NOTE_PHRASE}.", "OwnerId": "0055g00002InlZGAAZ",
        "CreatedDate": "2025-03-10T15:00:00.000Z",
        "LastModifiedDate": "2025-03-10T15:00:00.000Z"}]), encoding="utf-8")

    hubspot = victim / "hubspot"
    hubspot.mkdir()
    contacts = next((sample / "hubspot").glob("hubspot-crm-exports-all-contacts-*.csv"))
    neighbour = next(csv.DictReader(io.StringIO(contacts.read_text(encoding="utf-8"))))
    (hubspot / "hubspot-crm-exports-all-contacts-2025-06-30.csv").write_text(_csv_text(
        _header(contacts.read_text(encoding="utf-8")), [{
            "Record ID": HUBSPOT_ID, "First Name": "Wilhelmina", "Last Name": "Quarrington",
            "Email": EMAIL, "Company Name": "Zephyrfold Biolabs", "Lifecycle Stage": "Lead",
            "Create Date": "2025-02-01 10:00", "Last Modified Date": "2025-03-02 10:00",
            "Salesforce Contact ID": CONTACT_ID, "Unsubscribed from all email": "false"}]),
        encoding="utf-8")
    engagements = [
        {"engagement": {"id": 3199000001, "type": "INCOMING_EMAIL", "timestamp": 1742000000000,
                        "ownerId": 41200000, "createdAt": 1742000000000},
         "associations": {"contactIds": [int(HUBSPOT_ID)], "companyIds": [], "dealIds": []},
         "metadata": {"body": None, "subject": "Re: pricing", "text": f"Hi, please {REPLY_PHRASE}.",
                      "from": {"email": EMAIL},
                      "to": [{"email": "casey.novak@northwind-analytics.com"}]}},
        {"engagement": {"id": 3199000002, "type": "NOTE", "timestamp": 1742100000000,
                        "ownerId": 41200000, "createdAt": 1742100000000},
         "associations": {"contactIds": [int(HUBSPOT_ID), int(neighbour["Record ID"])],
                          "companyIds": [], "dealIds": []},
         "metadata": {"body": f"<p>{SHARED_NOTE}.</p>", "subject": None, "text": None}},
    ]
    (hubspot / "engagements.json").write_text(json.dumps(
        {"hasMore": False, "offset": 2, "results": engagements}), encoding="utf-8")

    outreach = victim / "outreach"
    outreach.mkdir()
    sample_prospect = json.loads((sample / "outreach" / "prospects.json").read_text())["data"][0]
    prospect = json.loads(json.dumps(sample_prospect))
    prospect["id"] = 99077
    prospect["attributes"].update({
        "firstName": "Wilhelmina", "lastName": "Quarrington", "emails": [OTHER_EMAIL],
        "company": "Zephyrfold Biolabs", "externalId": LEAD_ID, "externalSource": "Salesforce",
        "createdAt": "2025-03-03T09:00:00Z", "updatedAt": "2025-03-03T09:00:00Z"})
    (outreach / "prospects.json").write_text(json.dumps({"data": [prospect]}), encoding="utf-8")

    segment = victim / "web"
    segment.mkdir()
    identifies = (sample / "web" / "segment" / "identifies.csv").read_text(encoding="utf-8")
    pages = (sample / "web" / "segment" / "pages.csv").read_text(encoding="utf-8")
    (segment / "identifies.csv").write_text(_csv_text(_header(identifies), [{
        "id": "msg_zq_9", "anonymous_id": ANON_ID, "user_id": "", "email": EMAIL,
        "timestamp": "2025-03-01T12:00:00.000Z", "received_at": "2025-03-01T12:00:01.000Z",
        "first_name": "Wilhelmina", "last_name": "Quarrington"}]), encoding="utf-8")
    visits = [("msg_zq_1", "2025-02-27T08:00:00.000Z", "/pricing", "Pricing"),
              ("msg_zq_2", "2025-02-28T08:00:00.000Z", "/customers/biolabs", "Biolabs story"),
              ("msg_zq_3", "2025-03-20T08:00:00.000Z", "/pricing", "Pricing")]
    (segment / "pages.csv").write_text(_csv_text(_header(pages), [{
        "id": msg, "anonymous_id": ANON_ID, "timestamp": ts, "received_at": ts, "path": path,
        "title": title, "url": f"https://www.northwind-analytics.com{path}",
        "context_page_path": path} for msg, ts, path, title in visits]), encoding="utf-8")
    return World(sample, victim, neighbour["Email"].lower(), neighbour["Record ID"])
