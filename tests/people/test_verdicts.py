"""Verdicts (spec sections 4, 6, 7): every rule, every precedence step, the boundaries."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import pytest

from lead_lens.people import explain, find_person, leads
from lead_lens.settings import Settings
from lead_lens.store import Store
from tests.people.conftest import AS_OF, insert, run, verdict
from tests.people.stubs import StubScanner, StubSignal

EXPECTED = {
    "ann@new.com": "do_not_contact",
    "bob@bravo.com": "customer",
    "cara@charlie.com": "sales_active",
    "dan@delta.io": "sales_active",
    "eve@echo.com": "sales_active",
    "fay@foxtrot.com": "snoozed",
    "gus@golf.com": "black_hole",
    "hal@hotel.com": "black_hole",
    "ivy@india.com": "recycled",
    "jon@gmail.com": "marketing_owned",
    "kim@kilo.com": "black_hole",
    "lia@lima.com": "marketing_owned",
}


@pytest.mark.parametrize(("email", "expected"), sorted(EXPECTED.items()))
def test_cast_verdicts(cast: Store, email: str, expected: str) -> None:
    row = verdict(cast, email)
    assert row["verdict"] == expected
    assert row["ok_to_market"] == (expected in ("black_hole", "recycled", "marketing_owned"))


def reason_texts(row: dict) -> list[str]:
    return [r["text"] for r in json.loads(row["reasons"])]


def test_every_reason_cites_events_on_the_persons_timeline(cast: Store) -> None:
    rows = cast.con.execute("SELECT person_id, reasons FROM verdicts").fetchall()
    for person_id, raw in rows:
        reasons = json.loads(raw)
        assert {r["about"] for r in reasons} >= {"verdict", "warm"}
        for r in reasons:
            assert r["text"], (person_id, r)
            # each event once, in the order cited (the priority's last engagement is often the
            # warm one, and a high-intent view too)
            assert len(set(r["event_ids"])) == len(r["event_ids"]), (person_id, r)
            for event_id in r["event_ids"]:
                assert cast.con.execute(
                    "SELECT count(*) FROM timeline_events WHERE person_id = $p AND event_id = $e",
                    {"p": person_id, "e": event_id}).fetchone() == (1,)


def test_reason_sentences(cast: Store) -> None:
    assert reason_texts(verdict(cast, "cara@charlie.com"))[0] == (
        "In Outreach sequence 'Inbound Demo' since 2025-05-02 (active)")
    assert "Meeting 'Demo with Dan' scheduled for 2025-07-05 15:00 UTC" in reason_texts(
        verdict(cast, "dan@delta.io"))
    fay = verdict(cast, "fay@foxtrot.com")
    assert fay["snooze_until"] == date(2025, 9, 1)
    assert "Snoozed until 2025-09-01" in reason_texts(fay)
    assert any("approximate" in t for t in reason_texts(verdict(cast, "kim@kilo.com")))


def test_handoff_and_last_touch_times(cast: Store) -> None:
    hal = verdict(cast, "hal@hotel.com")
    assert hal["handoff_at"] == datetime(2025, 3, 1, 8)
    assert hal["last_sales_touch_at"] == datetime(2025, 3, 5, 10)
    assert hal["last_engagement_at"] == datetime(2025, 6, 21, 10)
    ivy = verdict(cast, "ivy@india.com")  # sequence_finished counts as the last sales touch
    assert ivy["last_sales_touch_at"] == datetime(2025, 4, 1)


def test_reply_yesterday_is_sales_active_and_older_reply_is_not(cast: Store) -> None:
    assert verdict(cast, "eve@echo.com")["verdict"] == "sales_active"
    run(cast, as_of="2025-07-14")  # reply 2025-06-29 09:00 is 15 days old at the end of 07-14
    assert verdict(cast, "eve@echo.com")["verdict"] == "black_hole"


def test_future_meeting_then_held_meeting_then_black_hole(cast: Store) -> None:
    run(cast, as_of="2025-07-10")  # the meeting was held 5 days ago: a recent sales touch
    dan = verdict(cast, "dan@delta.io")
    assert dan["verdict"] == "sales_active" and dan["handoff_at"] == datetime(2025, 7, 5, 15)
    run(cast, as_of="2025-08-30")
    assert verdict(cast, "dan@delta.io")["verdict"] == "black_hole"


def test_follow_up_whose_date_passed_no_longer_snoozes(cast: Store) -> None:
    assert verdict(cast, "gus@golf.com")["snooze_until"] is None
    run(cast, as_of="2025-08-31T23:59:59Z")
    assert verdict(cast, "fay@foxtrot.com")["verdict"] == "snoozed"
    run(cast, as_of="2025-09-01")
    assert verdict(cast, "fay@foxtrot.com")["verdict"] == "black_hole"


def test_events_after_as_of_are_ignored(cast: Store) -> None:
    run(cast, as_of="2025-01-20")
    assert verdict(cast, "ann@old.com")["verdict"] == "do_not_contact"  # opted out 01-15
    assert verdict(cast, "hal@hotel.com")["verdict"] == "marketing_owned"  # MQL on 03-01
    run(cast, as_of="2025-01-14")
    assert verdict(cast, "ann@old.com")["verdict"] == "marketing_owned"


# -- precedence: each rule beats the next ---------------------------------------------------

def test_do_not_contact_beats_customer(cast: Store) -> None:
    insert(cast, "activities", record_key="bounce-1", system="hubspot",
           person_refs=["email:bob@bravo.com"], ts=datetime(2025, 6, 1), kind="bounce",
           title="Bounced")
    run(cast)
    assert verdict(cast, "bob@bravo.com")["verdict"] == "do_not_contact"


def test_customer_beats_sales_active(cast: Store) -> None:
    insert(cast, "sequence_memberships", record_key="os:b", system="outreach",
           person_ref="sf:003000000000002", sequence_name="Upsell", state="active",
           created_at=datetime(2025, 6, 1))
    run(cast)
    assert verdict(cast, "bob@bravo.com")["verdict"] == "customer"


def test_sales_active_beats_snoozed(cast: Store) -> None:
    insert(cast, "activities", record_key="fay-call", system="salesforce",
           person_refs=["sf:00Q000000000006"], ts=datetime(2025, 6, 25), kind="sales_call",
           title="Call")
    run(cast)
    assert verdict(cast, "fay@foxtrot.com")["verdict"] == "sales_active"


def test_snoozed_beats_recycled(cast: Store) -> None:
    insert(cast, "activities", record_key="fay-news", system="hubspot",
           person_refs=["email:fay@foxtrot.com"], ts=datetime(2025, 4, 1),
           kind="marketing_email", title="Newsletter")
    run(cast)
    assert verdict(cast, "fay@foxtrot.com")["verdict"] == "snoozed"
    run(cast, as_of="2025-09-02")
    assert verdict(cast, "fay@foxtrot.com")["verdict"] == "recycled"


def test_recycled_needs_the_marketing_touch_after_the_last_sales_touch(cast: Store) -> None:
    insert(cast, "activities", record_key="ivy-call", system="salesforce",
           person_refs=["sf:00Q000000000009"], ts=datetime(2025, 5, 2), kind="sales_call",
           title="Call")
    run(cast)
    assert verdict(cast, "ivy@india.com")["verdict"] == "black_hole"


def test_sequence_state_at_as_of(cast: Store) -> None:
    # Ivy's sequence finished on 2025-04-01; on 2025-03-20 it was still running.
    run(cast, as_of="2025-03-20")
    assert verdict(cast, "ivy@india.com")["verdict"] == "sales_active"


def test_open_opportunity_is_sales_active(cast: Store) -> None:
    run(cast, as_of="2025-05-01")  # Bob's opportunity opened 04-01, won 05-20
    assert verdict(cast, "bob@bravo.com")["verdict"] == "sales_active"


def test_opt_out_request_signal_is_do_not_contact(cast: Store) -> None:
    insert(cast, "activities", record_key="gus-reply", system="salesforce",
           person_refs=["sf:00Q000000000007"], ts=datetime(2025, 3, 1), kind="reply",
           body="Please stop emailing me.", direction="inbound")
    run(cast)
    row = verdict(cast, "gus@golf.com")
    assert row["verdict"] == "do_not_contact"
    assert reason_texts(row)[0] == 'Asked to stop: "Please stop emailing me." on 2025-03-01'


# -- warm, sales_recent_days and priority boundaries ----------------------------------------

def one_lead(store: Store, touch_at: datetime, visits: list[tuple[datetime, str]]) -> None:
    insert(store, "person_records", record_key="sf:00Q00000000000W", system="salesforce",
           object="Lead", email="w@w.com", emails=["w@w.com"])
    insert(store, "activities", record_key="w-touch", system="salesforce",
           person_refs=["sf:00Q00000000000W"], ts=touch_at, kind="sales_email", title="Hi")
    for i, (ts, path) in enumerate(visits):
        insert(store, "web_events", record_key=f"w-visit-{i}", system="segment",
               kind="web_visit", ts=ts, email="w@w.com", path=path)
    insert(store, "web_events", record_key="clock", system="segment", kind="web_visit",
           ts=AS_OF, email="clock@x.com", path="/")


@pytest.mark.parametrize(("age", "warm"), [(timedelta(days=30), True),
                                           (timedelta(days=30, seconds=1), False)])
def test_warm_boundary_at_warm_days(empty: Store, age: timedelta, warm: bool) -> None:
    one_lead(empty, datetime(2025, 1, 1), [(AS_OF - age, "/blog")])
    run(empty)
    row = verdict(empty, "w@w.com")
    assert (row["verdict"], row["warm"]) == ("black_hole", warm)


def test_warm_needs_engagement_after_the_last_sales_touch(empty: Store) -> None:
    one_lead(empty, datetime(2025, 6, 10), [(datetime(2025, 6, 5), "/blog")])
    run(empty, as_of="2025-06-30")
    assert verdict(empty, "w@w.com")["warm"] is False


@pytest.mark.parametrize(("age", "active"), [(timedelta(days=14), True),
                                             (timedelta(days=14, seconds=1), False)])
def test_sales_recent_days_boundary(empty: Store, age: timedelta, active: bool) -> None:
    one_lead(empty, AS_OF - age, [])
    run(empty)
    assert (verdict(empty, "w@w.com")["verdict"] == "sales_active") is active


def test_thresholds_come_from_settings(empty: Store) -> None:
    one_lead(empty, AS_OF - timedelta(days=20), [])
    run(empty, settings=Settings(sales_recent_days=21))
    assert verdict(empty, "w@w.com")["verdict"] == "sales_active"


def priority(visits: list[tuple[datetime, str]]) -> int:
    from lead_lens.store import open_store
    store = open_store(":memory:")
    try:
        one_lead(store, datetime(2025, 1, 1), visits)
        run(store)
        return int(verdict(store, "w@w.com")["priority"])
    finally:
        store.close()


def test_priority_is_monotone() -> None:
    d = AS_OF - timedelta(days=20)
    old = AS_OF - timedelta(days=60)
    base = priority([(old, "/blog")])  # cold, one old visit
    more = priority([(old, "/blog"), (old, "/blog")])
    recent = priority([(d, "/blog")])  # warm
    intent = priority([(d, "/pricing")])
    intent_more = priority([(d, "/pricing"), (d, "/blog")])
    none = priority([])
    assert none <= base <= more
    assert base < recent < intent <= intent_more <= 100
    assert recent >= 50 > more  # warm always above cold


def test_explain_and_leads_api(cast: Store) -> None:
    hal = explain(cast, Settings(), find_person(cast, "hal@hotel.com"))
    assert hal.verdict == "black_hole" and hal.warm and hal.priority > 50
    assert not hal.evidence.is_empty()
    frame = leads(cast, Settings(), verdict="black_hole", warm=True)
    assert frame["email"].to_list() == ["hal@hotel.com"]
    earlier = leads(cast, Settings(), as_of=datetime(2025, 1, 20))
    assert earlier.filter(earlier["email"] == "hal@hotel.com")["verdict"][0] == "marketing_owned"
    assert verdict(cast, "hal@hotel.com")["verdict"] == "black_hole"  # stored ones unchanged


def test_exact_handoff_is_not_called_approximate_by_a_later_guess(empty: Store) -> None:
    # The handoff cites the Salesforce status history (exact); a HubSpot copy of the person whose
    # lifecycle stage is only known now adds a later, approximate MQL. The reason must describe
    # the event it cites, not the guess.
    insert(empty, "person_records", record_key="sf:00Q000000000091", system="salesforce",
           object="Lead", email="max@mike.com", emails=["max@mike.com"], name="Max Moe",
           status="Marketing Qualified", created_at=datetime(2025, 1, 1),
           updated_at=datetime(2025, 5, 1))
    insert(empty, "field_history", record_key="sf:017000000000091", system="salesforce",
           person_ref="sf:00Q000000000091", field="Status", old_value="Open",
           new_value="Marketing Qualified", changed_at=datetime(2025, 3, 1, 8))
    insert(empty, "person_records", record_key="hubspot:91", system="hubspot", object="contact",
           email="max@mike.com", emails=["max@mike.com"], name="Max Moe",
           lifecycle_stage="marketingqualifiedlead", created_at=datetime(2025, 2, 1),
           updated_at=datetime(2025, 4, 1))
    run(empty, as_of=AS_OF)
    row = verdict(empty, "max@mike.com")
    assert row["handoff_at"] == datetime(2025, 3, 1, 8)
    handoff = [t for t in reason_texts(row) if t.startswith("Handed off")]
    assert handoff and "approximate" not in handoff[0], handoff


class TwoSentenceScanner(StubScanner):
    """Finds two opt-out requests and two follow-up dates in one message, in a chosen order."""

    def __init__(self, reverse: bool) -> None:
        super().__init__()
        self.reverse = reverse

    def __call__(self, rows: Iterable[tuple[str, str, datetime, str]]
                 ) -> list[tuple[str, StubSignal]]:
        hits: list[tuple[str, StubSignal]] = []
        for event_id, text, _written_at, _kind in rows:
            self.seen.append(event_id)
            if "two stops" in text:
                hits += [(event_id, StubSignal("opt_out_request", None, "Stop emailing me.")),
                         (event_id, StubSignal("opt_out_request", None, "Please unsubscribe me."))]
            if "two dates" in text:
                hits += [(event_id, StubSignal("follow_up_request", "timing", "Try me in May.",
                                               date(2025, 5, 1))),
                         (event_id, StubSignal("follow_up_request", "timing", "Or in June.",
                                               date(2025, 6, 1)))]
        return hits[::-1] if self.reverse else hits


@pytest.mark.parametrize("reverse", [False, True])
def test_two_sentences_of_one_message_are_quoted_the_same_every_time(
        cast: Store, reverse: bool) -> None:
    insert(cast, "activities", record_key="gus-reply", system="salesforce",
           person_refs=["sf:00Q000000000007"], ts=datetime(2025, 3, 1), kind="reply",
           body="two stops", direction="inbound")
    insert(cast, "activities", record_key="hal-reply", system="salesforce",
           person_refs=["email:hal@hotel.com"], ts=datetime(2025, 3, 2), kind="reply",
           body="two dates", direction="inbound")
    run(cast, as_of="2025-04-01", scanner=TwoSentenceScanner(reverse))
    assert reason_texts(verdict(cast, "gus@golf.com"))[0] == (
        'Asked to stop: "Please unsubscribe me." on 2025-03-01')
    assert verdict(cast, "hal@hotel.com")["snooze_until"] == date(2025, 6, 1)
