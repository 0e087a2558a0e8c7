"""The timeline (spec section 3): kinds, families, derived events, meetings, sort order."""

from __future__ import annotations

import json
import sys
from datetime import datetime

import pytest

from lead_lens.people import find_person, timeline
from lead_lens.people.timeline import events_by_id
from lead_lens.store import Store
from tests.people.conftest import AS_OF, insert, run


def kinds(store: Store, who: str) -> list[tuple[str, str]]:
    frame = timeline(store, find_person(store, who))
    return list(zip(frame["kind"].to_list(), frame["family"].to_list(), strict=True))


def test_default_as_of_is_latest_event_and_ignores_future_meetings(cast: Store) -> None:
    assert cast.con.execute("SELECT DISTINCT as_of FROM verdicts").fetchall() == [(AS_OF,)]


def test_future_meeting_is_kept_at_its_start_time(cast: Store) -> None:
    frame = timeline(cast, find_person(cast, "dan@delta.io"))
    row = frame.row(0, named=True)
    assert (row["kind"], row["ts"]) == ("meeting_scheduled", datetime(2025, 7, 5, 15))


def test_meeting_before_as_of_is_held_and_a_sales_touch(empty: Store) -> None:
    insert(empty, "activities", record_key="m1", system="salesforce", person_refs=["email:m@m.com"],
           ts=datetime(2025, 1, 1), kind="meeting", starts_at=datetime(2025, 1, 2))
    insert(empty, "activities", record_key="m2", system="salesforce", person_refs=["email:m@m.com"],
           ts=datetime(2025, 1, 1), kind="meeting", starts_at=datetime(2025, 1, 3),
           cancelled=True)
    insert(empty, "activities", record_key="n1", system="salesforce", person_refs=["email:m@m.com"],
           ts=datetime(2025, 2, 1), kind="task")
    run(empty)
    assert kinds(empty, "m@m.com") == [("meeting_held", "sales_touch"),
                                       ("meeting_cancelled", "other"), ("task", "other")]


def test_an_activity_event_carries_the_timelines_facts_not_the_imported_detail(
        empty: Store) -> None:
    # The import's extras stay on the canonical row (and the raw one): the timeline is written
    # and sorted on every rebuild, and copying them made its detail 3.7 times bigger.
    insert(empty, "activities", record_key="c1", system="hubspot", person_refs=["email:c@c.com"],
           ts=datetime(2025, 1, 1), kind="sales_call", status="COMPLETED", object="Call",
           detail='{"duration_ms": 600000, "notes_html": "<p>long</p>"}')
    run(empty)
    row = timeline(empty, find_person(empty, "c@c.com")).row(0, named=True)
    assert json.loads(row["detail"]) == {"status": "COMPLETED", "object": "Call"}  # no nulls
    assert row["source_table"] == "activities" and row["source_key"] == "c1"


def test_sequence_membership_events(cast: Store) -> None:
    assert kinds(cast, "ivy@india.com") == [
        ("sequence_enrolled", "sales_touch"), ("sequence_finished", "state"),
        ("campaign_added", "marketing_touch")]


def test_mql_from_history_and_approximate_mql_without_history(cast: Store) -> None:
    hal = timeline(cast, find_person(cast, "hal@hotel.com"))
    mql = hal.filter(hal["kind"] == "mql")
    assert mql["ts"].to_list() == [datetime(2025, 3, 1, 8)]  # history wins, no approximate copy
    kim = timeline(cast, find_person(cast, "kim@kilo.com"))
    row = kim.filter(kim["kind"] == "mql").row(0, named=True)
    assert row["ts"] == datetime(2025, 2, 2, 9) and '"approximate":true' in row["detail"]


def test_hubspot_lifecycle_dates_and_customer_stage(empty: Store) -> None:
    insert(empty, "person_records", record_key="hubspot:9", system="hubspot", email="h@h.com",
           emails=["h@h.com"], mql_at=datetime(2025, 1, 1), sql_at=datetime(2025, 1, 5),
           lifecycle_stage="customer", updated_at=datetime(2025, 3, 1))
    run(empty)
    assert kinds(empty, "h@h.com") == [("mql", "state"), ("mql", "state"),
                                       ("status_change", "state")]


def test_opportunity_events_for_contact_roles_and_the_account(cast: Store) -> None:
    assert kinds(cast, "bob@bravo.com") == [("opportunity_opened", "state"),
                                             ("opportunity_closed", "state")]
    insert(cast, "person_records", record_key="sf:003000000000099", system="salesforce",
           object="Contact", email="colleague@bravo.com", emails=["colleague@bravo.com"],
           account_ref="sf:001000000000001")
    run(cast)
    frame = timeline(cast, find_person(cast, "colleague@bravo.com"))
    assert frame["kind"].to_list() == ["opportunity_opened", "opportunity_closed"]
    assert '"via":"account"' in frame["detail"][0]


def test_campaign_response_is_engagement(empty: Store) -> None:
    insert(empty, "campaign_members", record_key="cm1", system="salesforce", campaign_ref="c1",
           person_ref="sf:00Q00000000000Z", email="c@c.com", has_responded=True,
           created_at=datetime(2025, 1, 1), first_responded_at=datetime(2025, 1, 2))
    run(empty)
    assert kinds(empty, "c@c.com") == [("campaign_added", "marketing_touch"),
                                       ("campaign_response", "engagement")]


def test_an_activity_is_on_each_persons_timeline_once(empty: Store) -> None:
    # Named twice for one person (Outreach's prospect id and the address): one event.
    insert(empty, "person_records", record_key="outreach:5", system="outreach", email="a@a.com")
    insert(empty, "activities", record_key="mail:1", system="outreach", kind="sales_email",
           person_refs=["outreach:5", "email:a@a.com"], ts=datetime(2025, 1, 1))
    # Associated with two contacts (two people): one event on each timeline.
    insert(empty, "person_records", record_key="hubspot:1", system="hubspot", email="b@b.com")
    insert(empty, "person_records", record_key="hubspot:2", system="hubspot", email="c@c.com")
    insert(empty, "activities", record_key="note:1", system="hubspot", kind="note",
           person_refs=["hubspot:1", "hubspot:2"], ts=datetime(2025, 1, 2))
    run(empty)
    assert kinds(empty, "a@a.com") == [("sales_email", "sales_touch")]
    assert kinds(empty, "b@b.com") == kinds(empty, "c@c.com") == [("note", "state")]
    ids = empty.con.execute("SELECT DISTINCT event_id FROM timeline_events WHERE source_key = "
                            "'note:1'").fetchall()
    assert len(ids) == 1  # the same event id on both timelines


def test_events_link_back_to_their_source_rows(cast: Store) -> None:
    rows = cast.con.execute("SELECT count(*) FROM timeline_events WHERE source_table IS NULL "
                            "OR source_key IS NULL OR title IS NULL").fetchone()
    assert rows == (0,)
    frame = timeline(cast, find_person(cast, "eve@echo.com"))
    reply = frame.filter(frame["kind"] == "reply").row(0, named=True)
    assert reply["body"] == "Sounds good, send me the deck."
    assert (reply["source_table"], reply["source_key"]) == ("activities", "hubspot-email:2")
    eve = find_person(cast, "eve@echo.com")
    assert events_by_id(cast, eve, [reply["event_id"]])["kind"].to_list() == ["reply"]
    assert events_by_id(cast, find_person(cast, "dan@delta.io"), [reply["event_id"]]).is_empty()


def test_timeline_is_stored_sorted_by_person_and_time(cast: Store) -> None:
    # Lookups rely on it for speed, and the verdict facts for their tie-breaks (row id order).
    rows = cast.con.execute(
        "SELECT person_id, ts, event_id FROM timeline_events ORDER BY rowid").fetchall()
    assert rows == sorted(rows)


def test_outbound_text_is_never_scanned(cast: Store) -> None:
    # Hal's sales email and Jon's newsletter carry unsubscribe footers: neither reaches the
    # scanner, so neither becomes an opt-out (spec 5).
    assert verdict_of(cast, "hal@hotel.com") == "black_hole"
    assert verdict_of(cast, "jon@gmail.com") == "marketing_owned"
    assert cast.con.execute("SELECT count(*) FROM signals WHERE signal = 'opt_out_request'"
                            ).fetchone() == (0,)


def verdict_of(store: Store, who: str) -> str:
    return store.con.execute("SELECT verdict FROM verdicts WHERE person_id = $p",
                             {"p": find_person(store, who)}).fetchone()[0]


def test_unchanged_texts_are_not_rescanned(cast: Store) -> None:
    from tests.people.stubs import StubScanner
    scanner = StubScanner()
    run(cast, scanner=scanner)
    assert scanner.seen == []
    cast.con.execute("UPDATE activities SET body = 'Please reach out in October.' "
                     "WHERE record_key = 'sf:00T000000000062'")
    run(cast, scanner=scanner)
    assert len(scanner.seen) == 1
    assert cast.con.execute("SELECT resolved_date FROM signals WHERE signal = "
                            "'follow_up_request' ORDER BY ts DESC").fetchone()[0].month == 10
    run(cast, scanner=scanner)  # the changed text's scan was kept: not read a second time
    assert len(scanner.seen) == 1


def test_unchanged_signal_caches_are_not_copied_back(
        cast: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.people.stubs import StubScanner
    swapped: list[str] = []
    script = type(cast).script

    def spy(self: Store, name: str, **identifiers: str) -> None:
        if name == "rebuild_swap_table":
            swapped.append(identifiers["table"])
        script(self, name, **identifiers)

    monkeypatch.setattr(type(cast), "script", spy)
    before = cast.con.execute("SELECT * FROM signal_cache ORDER BY ALL").fetchall()
    run(cast, scanner=StubScanner())
    assert "signal_cache" not in swapped and "verdicts" in swapped
    assert cast.con.execute("SELECT * FROM signal_cache ORDER BY ALL").fetchall() == before
    cast.con.execute("UPDATE activities SET body = 'Please reach out in October.' "
                     "WHERE record_key = 'sf:00T000000000062'")
    swapped.clear()
    run(cast, scanner=StubScanner())
    assert {"signal_cache", "signal_scans"} <= set(swapped)


def test_transcripts_feed_only_external_speakers(empty: Store) -> None:
    insert(empty, "activities", record_key="gong-call:1", system="gong",
           person_refs=["email:p@p.com"], ts=datetime(2025, 1, 1), kind="sales_call")
    insert(empty, "call_parties", record_key="gp1", system="gong", call_ref="gong-call:1",
           speaker_id="ext", email="p@p.com", affiliation="External")
    insert(empty, "call_parties", record_key="gp2", system="gong", call_ref="gong-call:1",
           speaker_id="int", email="rep@us.com", affiliation="Internal")
    insert(empty, "call_transcripts", record_key="t1", system="gong", call_ref="gong-call:1",
           turn_no=1, speaker_id="int", text="You can unsubscribe anytime.")
    insert(empty, "call_transcripts", record_key="t2", system="gong", call_ref="gong-call:1",
           turn_no=2, speaker_id="ext", text="Sure. Reach out in March.")
    run(empty)
    rows = empty.con.execute("SELECT signal, sentence FROM signals").fetchall()
    assert rows == [("follow_up_request", "Sure. Reach out in March.")]


def test_a_timeline_written_in_batches_is_the_same_in_the_same_order(
        cast: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # The module, not the function of the same name that lead_lens.people exports.
    timeline_module = sys.modules["lead_lens.people.timeline"]

    def stored() -> list[tuple]:
        return cast.con.execute("SELECT * FROM timeline_events ORDER BY rowid").fetchall()

    whole = stored()
    monkeypatch.setattr(timeline_module, "EVENTS_PER_BATCH", 2)  # a few people per batch
    assert len(timeline_module.person_batches(cast, len(whole), 2)) > 5
    run(cast)
    batched = stored()
    assert batched == whole
    keys = [(r[1], r[2], r[0]) for r in batched]  # person_id, ts, event_id: the lookup order
    assert keys == sorted(keys)


def test_meetings_are_settled_at_the_latest_event_of_all_batches(
        empty: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    timeline_module = sys.modules["lead_lens.people.timeline"]
    monkeypatch.setattr(timeline_module, "EVENTS_PER_BATCH", 1)  # one person per batch
    # early@ (person p_31c6...) is in the first batch; its latest event (Jan 5) is before its
    # meeting (Jan 10), but the default as_of is late@'s last event (Jan 20): the meeting is held.
    insert(empty, "activities", record_key="t1", system="salesforce", kind="task",
           person_refs=["email:early@a.com"], ts=datetime(2025, 1, 5))
    insert(empty, "activities", record_key="m1", system="salesforce", kind="meeting",
           person_refs=["email:early@a.com"], ts=datetime(2025, 1, 1),
           starts_at=datetime(2025, 1, 10))
    insert(empty, "activities", record_key="t2", system="salesforce", kind="task",
           person_refs=["email:late@b.com"], ts=datetime(2025, 1, 20))
    stats = run(empty)
    assert stats.as_of == datetime(2025, 1, 20)
    early, late = find_person(empty, "early@a.com"), find_person(empty, "late@b.com")
    assert early is not None and late is not None and early < late
    assert len(timeline_module.person_batches(empty, 3, 1)) > 1
    assert kinds(empty, "early@a.com") == [("task", "other"), ("meeting_held", "sales_touch")]


def test_batches_are_sized_by_duckdbs_memory_limit(empty: Store) -> None:
    timeline_module = sys.modules["lead_lens.people.timeline"]
    empty.con.execute("SET memory_limit = '4GB'")  # DuckDB reports it as '3.7 GiB'
    per_event = timeline_module.MEMORY_PER_ESTIMATED_EVENT
    assert timeline_module.events_per_batch(empty) == int(3.7 * 2**30 // per_event)
    empty.con.execute("SET memory_limit = '500MB'")  # '476.8 MiB'
    assert timeline_module.events_per_batch(empty) == int(476.8 * 2**20 // per_event)
