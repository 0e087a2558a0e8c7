"""Marketo importers: bulk/REST activities and lead exports."""

from __future__ import annotations

import json
from datetime import datetime

from lead_lens.store import Store
from tests.conftest import DATA, ingest
from tests.ingest._rows import row as _row

MARKETO = DATA / "marketo"


def test_bulk_activity_extract(store: Store) -> None:
    [result] = ingest(store, MARKETO / "activities.csv")
    assert result.kind == "marketo.activity"
    kinds = dict(store.con.execute("SELECT source_id, kind FROM activities").fetchall())
    assert kinds == {
        "a-1": "web_visit", "a-2": "form_submit", "a-3": "web_visit", "a-4": "marketing_email",
        "a-5": "email_delivered", "a-6": "bounce", "a-7": "email_open", "a-8": "email_click",
        "a-9": "opt_out", "a-10": "created", "a-11": "status_change", "a-12": "field_change",
        "a-13": "status_change", "a-14": "score_change", "a-15": "list_added",
        "a-16": "marketo_activity"}
    visit = _row(store, "activities", "marketo-activity:a-1")
    assert visit["person_refs"] == ["marketo:501"]
    assert visit["ts"] == datetime(2022, 2, 13, 14, 6, 20)
    assert visit["title"] == "/pricing"
    detail = json.loads(visit["detail"])
    assert detail["attributes"]["Query Parameters"] == "utm_source=google"
    # The CSV-escaped quotes inside the attributes JSON come through as JSON escapes.
    form = json.loads(_row(store, "activities", "marketo-activity:a-2")["detail"])
    assert form["attributes"]["Form Fields"] == 'a:1:{s:5:"Email";}'
    click = json.loads(_row(store, "activities", "marketo-activity:a-8")["detail"])
    assert click["link"] == "https://ourco.com/webinar?x=1"
    status = _row(store, "activities", "marketo-activity:a-11")
    assert status["status"] == "MQL"
    assert json.loads(status["detail"])["old_value"] == "Open"
    progression = _row(store, "activities", "marketo-activity:a-13")
    assert progression["status"] == "Attended"
    assert json.loads(progression["detail"])["old_status"] == "Registered"
    assert progression["campaign_ref"] == "marketo-campaign:1020"
    assert [(r.line, r.reason) for r in result.rejects] == [
        (18, "leadId is empty: not a Marketo lead id"),
        (19, "activityDate 'not a date': not a time")]


def test_rest_activities_with_attribute_list(store: Store) -> None:
    [result] = ingest(store, MARKETO / "activities_rest.json")
    assert result.kind == "marketo.activity"
    assert _row(store, "activities", "marketo-activity:r-2")["title"] == "/pricing"
    progression = _row(store, "activities", "marketo-activity:r-3")
    assert (progression["kind"], progression["status"]) == ("status_change", "Registered")


def test_lead_export(store: Store) -> None:
    [result] = ingest(store, MARKETO / "leads.csv")
    assert result.kind == "marketo.lead"
    dan = _row(store, "person_records", "marketo:501")
    assert (dan["email"], dan["status"], dan["lead_source"]) == ("dan@acme.com", "MQL", "Website")
    assert dan["linked_refs"] == ["sf:00Q5e00000AbCdE"]
    assert dan["opted_out"] is False
    gone = _row(store, "person_records", "marketo:502")
    assert gone["linked_refs"] == ["sf:0035e00000XyZaB"]
    assert gone["opted_out"] is True
    assert gone["bounced_at"] == datetime(2022, 2, 14, 9, 0, 6)
    assert [(r.line, r.reason) for r in result.rejects] == [
        (4, "id 'x9': not a Marketo lead id (digits only)")]
