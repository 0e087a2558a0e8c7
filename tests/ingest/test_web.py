"""Web analytics imports: GA4 (Parquet and NDJSON), Segment tables, plain pageview CSVs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lead_lens.ingest.detect import detect_kind
from lead_lens.ingest.pipeline import FileResult, ImportOptions, ingest_paths
from lead_lens.ingest.spec import all_kinds
from lead_lens.store import Store

WEB = Path(__file__).parents[1] / "data" / "web"

_VALUE = pa.struct([("string_value", pa.string()), ("int_value", pa.int64()),
                    ("float_value", pa.float32()), ("double_value", pa.float64())])
GA4_SCHEMA = pa.schema([
    ("event_date", pa.string()),
    ("event_timestamp", pa.int64()),
    ("event_name", pa.string()),
    ("event_params", pa.list_(pa.struct([("key", pa.string()), ("value", _VALUE)]))),
    ("user_id", pa.string()),
    ("user_pseudo_id", pa.string()),
    ("batch_event_index", pa.int64()),
    ("device", pa.struct([("category", pa.string())])),
])


def ingest(store: Store, *paths: Path) -> list[FileResult]:
    """Import paths and fail the test on any failed file (as tests/conftest.py's helper)."""
    results = ingest_paths(store, list(paths), ImportOptions())
    assert all(r.status != "failed" for r in results), [r.message for r in results]
    return results


def _param(key: str, text: str | None = None, number: int | None = None) -> dict[str, Any]:
    return {"key": key, "value": {"string_value": text, "int_value": number,
                                  "float_value": None, "double_value": None}}


@pytest.fixture
def ga4_parquet(tmp_path: Path) -> Path:
    """A GA4 events table as BigQuery exports it to Parquet (nested event_params)."""
    rows = [
        # The same page view as line 1 of the NDJSON fixture.
        {"event_date": "20240115", "event_timestamp": 1705312800123456, "event_name": "page_view",
         "event_params": [_param("page_location", "https://acme.com/pricing?utm_source=x"),
                          _param("page_title", "Pricing"),
                          _param("page_referrer", "https://google.com/"),
                          _param("ga_session_id", number=1705312000),
                          _param("engagement_time_msec", number=1200)],
         "user_id": None, "user_pseudo_id": "1234567890.1700000000", "batch_event_index": 1,
         "device": {"category": "desktop"}},
        {"event_date": "20240116", "event_timestamp": 1705399200000001, "event_name": "form_submit",
         "event_params": [_param("page_location", "https://acme.com/contact#form"),
                          _param("ga_session_id", number=1705399000)],
         "user_id": "Max@Beta.io", "user_pseudo_id": "555.1705399000", "batch_event_index": 3,
         "device": {"category": "mobile"}},
        {"event_date": "20240116", "event_timestamp": 1705399300000000, "event_name": "scroll",
         "event_params": [], "user_id": None, "user_pseudo_id": "555.1705399000",
         "batch_event_index": None, "device": None},
    ]
    path = tmp_path / "events_20240115.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=GA4_SCHEMA), path)
    return path


def _events(store: Store, system: str) -> dict[str, dict[str, Any]]:
    """web_events of one system by event name (the fixtures use each name once)."""
    result = store.con.execute(
        "SELECT * FROM web_events WHERE system = ? ORDER BY raw_line", [system])
    names = [d[0] for d in result.description]
    return {row[names.index("event_name")]: dict(zip(names, row, strict=True))
            for row in result.fetchall()}


def test_ga4_parquet_detects_and_maps(store: Store, ga4_parquet: Path) -> None:
    [result] = ingest(store, ga4_parquet)
    assert (result.kind, result.new, result.rejected) == ("ga4.events_parquet", 3, 0)
    events = _events(store, "ga4")
    view = events["page_view"]
    assert view["ts"] == datetime(2024, 1, 15, 10, 0, 0, 123456)  # µs since epoch, UTC
    assert view["kind"] == "web_visit"
    assert view["url"] == "https://acme.com/pricing?utm_source=x"
    assert view["path"] == "/pricing"
    assert (view["title"], view["referrer"]) == ("Pricing", "https://google.com/")
    assert view["session_id"] == "1705312000"
    assert view["anonymous_id"] == "1234567890.1700000000"
    assert view["record_key"] == "ga4:1234567890.1700000000:1705312800123456:page_view:1:1705312000"
    form = events["form_submit"]
    assert (form["kind"], form["user_id"], form["email"]) == ("form_submit", "Max@Beta.io",
                                                              "max@beta.io")
    assert form["path"] == "/contact"
    scroll = events["scroll"]
    assert (scroll["kind"], scroll["url"], scroll["path"], scroll["session_id"]) == (
        "other", None, None, None)


def test_ga4_ndjson_detects_maps_and_rejects(store: Store) -> None:
    [result] = ingest(store, WEB / "ga4_events_20240115.ndjson")
    assert (result.kind, result.new) == ("ga4.events_json", 4)
    assert [(r.line, r.reason) for r in result.rejects] == [
        (5, "event_timestamp 'not-a-time': not a whole number of microseconds")]
    events = _events(store, "ga4")
    view = events["page_view"]
    assert view["ts"] == datetime(2024, 1, 15, 10, 0, 0, 123456)  # string µs
    assert (view["path"], view["title"], view["session_id"]) == ("/pricing", "Pricing",
                                                                 "1705312000")
    lead = events["generate_lead"]
    assert lead["ts"] == datetime(2024, 1, 15, 10, 1, 40)  # numeric µs
    assert (lead["kind"], lead["email"], lead["session_id"]) == (
        "form_submit", "jane.doe@example.com", "1705312000")
    download = events["file_download"]
    assert (download["kind"], download["user_id"], download["email"]) == (
        "content_download", "crm-42", None)
    assert events["session_start"]["kind"] == "other"


@pytest.mark.parametrize("own_row_numbers", [False, True])
def test_parquet_rows_keep_their_row_numbers(store: Store, ga4_parquet: Path,
                                             own_row_numbers: bool) -> None:
    # Row numbers come from the Parquet reader; a file with its own `file_row_number` column
    # keeps that column verbatim and is numbered the other way.
    if own_row_numbers:
        table = pq.read_table(ga4_parquet)
        pq.write_table(table.append_column("file_row_number", pa.array(["a", "b", "c"])),
                       ga4_parquet)
    [result] = ingest(store, ga4_parquet)
    rows = store.con.execute(
        f"SELECT * FROM raw.import_{result.import_id} ORDER BY _line").fetchall()
    names = [d[0] for d in store.con.execute(
        f"SELECT * FROM raw.import_{result.import_id} LIMIT 0").description]
    assert [row[0] for row in rows] == [1, 2, 3]
    assert [row[names.index("event_name")] for row in rows] == [
        "page_view", "form_submit", "scroll"]
    assert ("file_row_number" in names) == own_row_numbers
    if own_row_numbers:
        assert [row[names.index("file_row_number")] for row in rows] == ["a", "b", "c"]
    lines = store.con.execute("SELECT event_name, raw_line FROM web_events ORDER BY raw_line")
    assert lines.fetchall() == [("page_view", 1), ("form_submit", 2), ("scroll", 3)]


def test_ga4_same_event_from_json_and_parquet_is_one_record(store: Store,
                                                            ga4_parquet: Path) -> None:
    ingest(store, WEB / "ga4_events_20240115.ndjson")
    [result] = ingest(store, ga4_parquet)
    assert (result.new, result.unchanged) == (2, 1)


def test_segment_identifies_become_identity_links(store: Store) -> None:
    [result] = ingest(store, WEB / "identifies.csv")
    assert result.kind == "segment.identifies"
    assert sorted((r.line, r.reason) for r in result.rejects) == [
        (4, "the identify call has no anonymous_id, user_id or email to link"),
        (5, "id is empty: every Segment call has a message id")]
    links = store.con.execute(
        "SELECT record_key, anonymous_id, user_id, email, ts FROM identity_links "
        "ORDER BY record_key").fetchall()
    assert links == [
        ("segment-identify:ajs-1", "anon-a", "u-1", "jane.doe@example.com",
         datetime(2024, 1, 15, 10, 0)),
        ("segment-identify:ajs-2", "anon-b", None, "bob@corp.io", datetime(2024, 1, 16, 8, 30)),
    ]


def test_segment_pages(store: Store) -> None:
    [result] = ingest(store, WEB / "pages.csv")
    assert result.kind == "segment.pages"
    assert [(r.line, r.reason) for r in result.rejects] == [
        (4, "timestamp 'yesterday': not a timestamp")]
    rows = store.con.execute(
        "SELECT record_key, kind, ts, anonymous_id, url, path, title, referrer FROM web_events "
        "ORDER BY raw_line").fetchall()
    assert rows == [
        ("segment-page:ajs-p1", "web_visit", datetime(2024, 1, 15, 9, 59, 0, 250000), "anon-a",
         "https://acme.com/pricing?plan=pro", "/pricing", "Pricing", "https://google.com/"),
        # No url/path/title columns filled: the context_page_url copy and the page name serve.
        ("segment-page:ajs-p2", "web_visit", datetime(2024, 1, 16, 8, 0), "anon-b",
         "https://acme.com/blog/post-1#top", "/blog/post-1", "Home", None),
    ]


def test_segment_tracks_kind_by_event_slug(store: Store) -> None:
    [result] = ingest(store, WEB / "tracks.csv")
    assert (result.kind, result.new, result.rejected) == ("segment.tracks", 3, 0)
    rows = store.con.execute(
        "SELECT record_key, event_name, kind, title, path FROM web_events ORDER BY raw_line"
    ).fetchall()
    assert rows == [
        ("segment-track:ajs-t1", "demo_requested", "form_submit", "Demo Requested", "/demo"),
        ("segment-track:ajs-t2", "whitepaper_downloaded", "content_download",
         "Whitepaper Downloaded", "/resources"),
        ("segment-track:ajs-t3", "Video Played", "other", "Video Played", "/"),
    ]


def test_pageview_csv_with_semicolons(store: Store) -> None:
    [result] = ingest(store, WEB / "pageviews.csv")
    assert result.kind == "web.pageviews"
    assert result.new == 4  # the two identical rows stay two visits
    assert [(r.line, r.reason) for r in result.rejects] == [
        (6, "timestamp 'not a date': not a timestamp")]
    rows = store.con.execute(
        "SELECT ts, anonymous_id, email, url, path, title FROM web_events ORDER BY raw_line"
    ).fetchall()
    assert rows[0] == (datetime(2024, 3, 1, 12, 0), "ck-1", "ann@acme.com",
                       "https://acme.com/pricing?x=1", "/pricing", "Pricing")
    assert rows[3] == (datetime(2024, 3, 2, 9, 15), None, "ann@acme.com", "/features",
                       "/features", "Features")
    keys = [k for (k,) in store.con.execute("SELECT record_key FROM web_events").fetchall()]
    assert len(set(keys)) == 4 and all(k.startswith("pageview:") for k in keys)


def test_pageview_keys_survive_an_overlapping_reexport(store: Store, tmp_path: Path) -> None:
    ingest(store, WEB / "pageviews.csv")
    lines = (WEB / "pageviews.csv").read_text().splitlines()
    # A later export: one new visit at the top, the old rows after it.
    later = tmp_path / "pageviews_march.csv"
    later.write_text("\n".join([lines[0], "2024-03-03 08:00:00;;ck-9;https://acme.com/new;New",
                                *lines[1:]]) + "\n")
    [result] = ingest(store, later)
    assert (result.new, result.unchanged) == (1, 4)


@pytest.mark.parametrize(("columns", "file_format", "kind"), [
    (["id", "anonymous_id", "user_id", "email", "timestamp", "received_at"], "csv",
     "segment.identifies"),
    (["id", "anonymous_id", "user_id", "timestamp", "url", "path", "title"], "csv",
     "segment.pages"),
    (["id", "anonymous_id", "user_id", "event", "event_text", "timestamp"], "csv",
     "segment.tracks"),
    (["messageId", "anonymousId", "timestamp", "event", "context.page.url"], "json",
     "segment.tracks"),
    (["timestamp", "visitor_id", "url"], "csv", "web.pageviews"),
    (["Date", "Email", "Page"], "csv", "web.pageviews"),
    (["event_date", "event_timestamp", "event_name", "event_params", "user_pseudo_id"],
     "parquet", "ga4.events_parquet"),
    (["event_date", "event_timestamp", "event_name", "event_params", "user_pseudo_id"],
     "json", "ga4.events_json"),
])
def test_detection_tells_web_kinds_apart(columns: list[str], file_format: str,
                                         kind: str) -> None:
    spec = detect_kind(list(all_kinds().values()), columns, file_format, "export")
    assert spec.name == kind
