"""Web analytics and Marketo files written by hand from the export-formats reference section 5.

GA4 BigQuery export as Parquet (the full nested schema, built with pyarrow) and as a JSON array
with 64-bit integers as strings; Segment warehouse tables with `context_*` columns, a per-event
table and the `users` table; the Marketo Bulk Activity Extract with CSV-escaped JSON attributes,
Fivetran per-type activity tables and the Fivetran lead table.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lead_lens.store import Store
from tests.ingest._reference import REFERENCE, import_reference, row

WEB = REFERENCE / "web"
MARKETO = REFERENCE / "marketo"

_VALUE = pa.struct([("string_value", pa.string()), ("int_value", pa.int64()),
                    ("float_value", pa.float64()), ("double_value", pa.float64())])
_USER_VALUE = pa.struct([*_VALUE, ("set_timestamp_micros", pa.int64())])
GA4_SCHEMA = pa.schema([
    ("event_date", pa.string()),
    ("event_timestamp", pa.int64()),
    ("event_name", pa.string()),
    ("event_params", pa.list_(pa.struct([("key", pa.string()), ("value", _VALUE)]))),
    ("event_previous_timestamp", pa.int64()),
    ("event_bundle_sequence_id", pa.int64()),
    ("user_id", pa.string()),
    ("user_pseudo_id", pa.string()),
    ("user_properties", pa.list_(pa.struct([("key", pa.string()), ("value", _USER_VALUE)]))),
    ("user_first_touch_timestamp", pa.int64()),
    ("device", pa.struct([("category", pa.string()), ("operating_system", pa.string())])),
    ("geo", pa.struct([("country", pa.string()), ("city", pa.string())])),
    ("traffic_source", pa.struct([("name", pa.string()), ("medium", pa.string()),
                                  ("source", pa.string())])),
    ("stream_id", pa.string()),
    ("platform", pa.string()),
    ("items", pa.list_(pa.struct([("item_id", pa.string())]))),
    ("batch_event_index", pa.int64()),
])


def _param(key: str, text: str | None = None, number: int | None = None) -> dict[str, Any]:
    return {"key": key, "value": {"string_value": text, "int_value": number,
                                  "float_value": None, "double_value": None}}


@pytest.fixture
def ga4_events(tmp_path: Path) -> Path:
    """events_20240115 with the export's nested columns; ga_session_id an int_value."""
    common = {"event_previous_timestamp": None, "event_bundle_sequence_id": 1,
              "user_first_touch_timestamp": 1700000000000000, "stream_id": "1234567",
              "platform": "WEB", "items": [],
              "device": {"category": "desktop", "operating_system": "Macintosh"},
              "geo": {"country": "Germany", "city": "Berlin"},
              "traffic_source": {"name": "(organic)", "medium": "organic", "source": "google"}}
    rows = [
        {**common, "event_date": "20240115", "event_timestamp": 1705312800123456,
         "event_name": "page_view", "user_id": None, "user_pseudo_id": "1234567890.1700000000",
         "event_params": [_param("page_location", "https://acme.com/pricing?x=1"),
                          _param("page_title", "Pricing"),
                          _param("page_referrer", "https://google.com/"),
                          _param("ga_session_id", number=1705312000)],
         "user_properties": [{"key": "plan", "value": {
             "string_value": "pro", "int_value": None, "float_value": None,
             "double_value": None, "set_timestamp_micros": 1705312800000000}}],
         "batch_event_index": 0},
        {**common, "event_date": "20240115", "event_timestamp": 1705312900000000,
         "event_name": "generate_lead", "user_id": "Mira.Ng@Brightline.io",
         "user_pseudo_id": "1234567890.1700000000",
         "event_params": [_param("page_location", "https://acme.com/demo"),
                          _param("ga_session_id", number=1705312000),
                          _param("form_id", "demo")],
         "user_properties": [], "batch_event_index": 1},
    ]
    path = tmp_path / "events_20240115.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=GA4_SCHEMA), path)
    return path


def test_ga4_parquet_with_the_full_nested_schema(store: Store, ga4_events: Path) -> None:
    result = import_reference(store, ga4_events)
    assert (result.kind, result.new, result.rejects) == ("ga4.events_parquet", 2, [])
    view = store.con.execute(
        "SELECT * FROM web_events WHERE event_name = 'page_view'").fetchone()
    assert view is not None
    page = dict(zip([d[0] for d in store.con.description], view, strict=True))
    assert page["ts"] == datetime(2024, 1, 15, 10, 0, 0, 123456)  # microseconds, UTC
    assert (page["url"], page["path"], page["title"], page["referrer"]) == \
        ("https://acme.com/pricing?x=1", "/pricing", "Pricing", "https://google.com/")
    assert (page["anonymous_id"], page["session_id"]) == ("1234567890.1700000000", "1705312000")
    lead = store.con.execute(
        "SELECT kind, email FROM web_events WHERE event_name = 'generate_lead'").fetchone()
    assert lead == ("form_submit", "mira.ng@brightline.io")


def test_ga4_json_array_with_string_integers(store: Store) -> None:
    result = import_reference(store, WEB / "events_intraday_20240115.json")
    assert (result.kind, result.new, result.rejects) == ("ga4.events_json", 2, [])
    events = {r[0]: r[1:] for r in store.con.execute(
        "SELECT event_name, ts, session_id, user_id, url FROM web_events").fetchall()}
    assert events["page_view"] == (datetime(2024, 1, 15, 10, 0, 0, 123456), "1705312000", None,
                                   "https://acme.com/pricing")
    assert events["form_submit"][2] == "00Q1G00000nDnM5UAK"


def test_segment_tables_with_context_columns(store: Store) -> None:
    for name, kind in (("identifies.csv", "segment.identifies"), ("pages.csv", "segment.pages"),
                       ("tracks.csv", "segment.tracks"), ("signed_up.csv", "segment.tracks")):
        result = import_reference(store, WEB / name)
        assert (result.kind, result.rejects) == (kind, [])
    identify = row(store, "identity_links", "segment-identify:ajs-id-1")
    assert identify["email"] == "mira.ng@brightline.io"
    # `timestamp`, not original_timestamp (the client's clock) nor received_at
    assert identify["ts"] == datetime(2024, 1, 15, 10, 0, 0, 250000)
    assert row(store, "identity_links", "segment-identify:ajs-id-2")["user_id"] == \
        "00Q1G00000nDnM5UAK"
    page = row(store, "web_events", "segment-page:ajs-pg-1")
    assert (page["url"], page["path"], page["title"]) == \
        ("https://acme.com/pricing?plan=pro", "/pricing", "Pricing")
    # page properties empty: the context_page_* copies stand in
    docs = row(store, "web_events", "segment-page:ajs-pg-2")
    assert (docs["url"], docs["path"], docs["title"]) == \
        ("https://acme.com/docs", "/docs", "Docs")
    demo = row(store, "web_events", "segment-track:ajs-tr-1")
    assert (demo["kind"], demo["title"], demo["path"]) == \
        ("form_submit", "Demo Requested", "/demo")
    assert row(store, "web_events", "segment-track:ajs-tr-2")["kind"] == "content_download"
    signup = row(store, "web_events", "segment-track:ajs-su-1")
    assert (signup["event_name"], signup["kind"], signup["email"]) == \
        ("signed_up", "form_submit", "mira.ng@brightline.io")


def test_segment_users_table_ties_user_id_to_email(store: Store) -> None:
    result = import_reference(store, WEB / "users.csv")
    assert (result.kind, result.rejects) == ("segment.users", [])
    user = row(store, "identity_links", "segment-user:u-42")
    assert (user["anonymous_id"], user["user_id"], user["email"]) == \
        (None, "u-42", "jin@orbital.dev")
    assert user["ts"] == datetime(2024, 1, 18, 8, 0, 1)


def test_segment_users_row_without_email_is_rejected(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_text("id,received_at,email\nu-43,2024-01-18 08:00:01 UTC,\n", encoding="utf-8")
    result = import_reference(store, path)
    assert [(r.line, r.reason) for r in result.rejects] == \
        [(2, "email is empty: the user has no email trait to link")]


def test_marketo_bulk_activity_extract(store: Store) -> None:
    result = import_reference(store, MARKETO / "bulk_activities.csv")
    assert (result.kind, result.new, result.rejects) == ("marketo.activity", 9, [])
    kinds = dict(store.con.execute("SELECT source_id, kind FROM activities").fetchall())
    assert kinds == {"783961": "status_change", "783962": "email_delivered",
                     "783963": "email_open", "783964": "email_click", "783965": "bounce",
                     "783966": "opt_out", "783967": "status_change", "783968": "created",
                     "783969": "marketo_activity"}
    progression = row(store, "activities", "marketo-activity:783961")
    assert (progression["status"], progression["ts"], progression["campaign_ref"]) == \
        ("Member", datetime(2022, 2, 13, 14, 6, 20), "marketo-campaign:5815")
    assert progression["person_refs"] == ["marketo:1008"]
    click = json.loads(row(store, "activities", "marketo-activity:783964")["detail"])
    assert click["link"] == "https://ourco.com/webinar"
    change = row(store, "activities", "marketo-activity:783967")
    assert change["status"] == "MQL"
    merge = json.loads(row(store, "activities", "marketo-activity:783969")["detail"])
    assert (merge["type"], merge["attributes"]["Merge IDs"]) == ("Merge Leads", [1011])


def test_marketo_fivetran_activity_and_lead_tables(store: Store) -> None:
    for name, kind in (("activity_send_email_fivetran.csv", "marketo.activity"),
                       ("activity_change_data_value_fivetran.csv", "marketo.activity"),
                       ("lead_fivetran.csv", "marketo.lead")):
        result = import_reference(store, MARKETO / name)
        assert (result.kind, result.rejects) == (kind, [])
    send = row(store, "activities", "marketo-activity:9001")
    assert (send["kind"], send["ts"], send["direction"]) == \
        ("marketing_email", datetime(2022, 2, 13, 14, 5), "outbound")
    change = row(store, "activities", "marketo-activity:9002")
    assert (change["kind"], change["status"]) == ("status_change", "MQL")
    assert json.loads(change["detail"])["old_value"] == "Open"
    lead = row(store, "person_records", "marketo:1008")
    assert (lead["email"], lead["status"], lead["linked_refs"]) == \
        ("mira.ng@brightline.io", "MQL", ["sf:00Q1G00000nDnM5"])
