"""Identity (spec section 2): emails, explicit links, web identifies, stable ids."""

from __future__ import annotations

from datetime import datetime

from lead_lens.people import find_person, timeline
from lead_lens.store import Store
from tests.people.conftest import insert, run


def person(store: Store, who: str) -> dict:
    pid = find_person(store, who)
    return store.con.execute("SELECT * FROM people WHERE person_id = $p", {"p": pid}).pl().row(
        0, named=True)


def test_salesforce_15_and_18_character_ids_are_one_person(cast: Store) -> None:
    # outreach:10 carries externalId 00Q000000000003AAA (18); the Lead ref is 15 characters.
    assert find_person(cast, "outreach:10") == find_person(cast, "cara@charlie.com")
    assert find_person(cast, "sf:00Q000000000003AAA") == find_person(cast, "cara@charlie.com")
    cara = person(cast, "cara@charlie.com")
    assert cara["sources"] == ["outreach", "salesforce"]


def test_converted_lead_and_its_contact_with_another_email_are_one_person(cast: Store) -> None:
    ann = person(cast, "ann@old.com")
    assert ann["person_id"] == find_person(cast, "ann@new.com")
    assert ann["emails"] == ["ann@new.com", "ann@old.com"]
    assert ann["email"] == "ann@new.com"  # the Contact's email is the primary one


def test_email_matching_trims_and_lowercases(cast: Store) -> None:
    assert find_person(cast, "  HAL@hotel.com ") == find_person(cast, "hal@hotel.com")


def test_anonymous_events_before_the_identify_belong_to_the_person(cast: Store) -> None:
    events = timeline(cast, find_person(cast, "hal@hotel.com"))
    visits = events.filter(events["kind"] == "web_visit")
    assert visits["ts"].to_list() == [datetime(2025, 6, 20, 10), datetime(2025, 6, 21, 10)]
    keys = cast.con.execute("SELECT via FROM person_keys WHERE ref = 'anon:segment:anon-h'"
                            ).fetchall()
    assert keys == [("identify",)]


def test_account_key_is_salesforce_account_else_domain_except_free_mail(cast: Store) -> None:
    assert person(cast, "bob@bravo.com")["account_key"] == "sf:001000000000001"
    assert person(cast, "hal@hotel.com")["account_key"] == "domain:hotel.com"
    assert person(cast, "jon@gmail.com")["account_key"] is None


def test_person_ids_and_event_ids_are_stable_across_rebuilds(cast: Store) -> None:
    before = cast.con.execute("SELECT person_id, event_id FROM timeline_events ORDER BY ALL"
                              ).fetchall()
    run(cast)
    after = cast.con.execute("SELECT person_id, event_id FROM timeline_events ORDER BY ALL"
                             ).fetchall()
    assert before == after and before


def test_an_activity_with_two_contacts_attaches_to_both_and_merges_neither(empty: Store) -> None:
    insert(empty, "person_records", record_key="hubspot:1", system="hubspot", email="a@x.com",
           emails=["a@x.com"])
    insert(empty, "person_records", record_key="hubspot:2", system="hubspot", email="b@x.com",
           emails=["b@x.com"])
    insert(empty, "activities", record_key="hs-meeting:1", system="hubspot",
           person_refs=["hubspot:1", "hubspot:2"], ts=datetime(2025, 1, 1), kind="sales_call")
    run(empty)
    a, b = find_person(empty, "a@x.com"), find_person(empty, "b@x.com")
    assert a != b
    assert timeline(empty, a)["event_id"].to_list() == timeline(empty, b)["event_id"].to_list()


def test_an_activity_naming_one_person_in_two_systems_links_them(empty: Store) -> None:
    insert(empty, "person_records", record_key="outreach:5", system="outreach", name="Zed")
    insert(empty, "activities", record_key="outreach-mailing:1", system="outreach",
           person_refs=["outreach:5", "email:Zed@Z.com"], ts=datetime(2025, 1, 1),
           kind="sales_email")
    run(empty)
    assert find_person(empty, "outreach:5") == find_person(empty, "zed@z.com")


def test_a_shared_browser_goes_to_the_first_identified_person(empty: Store) -> None:
    for i, email in enumerate(["first@x.com", "second@x.com"]):
        insert(empty, "identity_links", record_key=f"i{i}", system="segment",
               anonymous_id="shared", email=email, ts=datetime(2025, 1, 1 + i))
    insert(empty, "web_events", record_key="w1", system="segment", kind="web_visit",
           ts=datetime(2025, 1, 5), anonymous_id="shared", path="/")
    run(empty)
    first, second = find_person(empty, "first@x.com"), find_person(empty, "second@x.com")
    assert first != second
    assert timeline(empty, first).height == 1 and timeline(empty, second).height == 0


def test_gong_party_links_email_and_crm_context(empty: Store) -> None:
    insert(empty, "person_records", record_key="sf:00Q0000000000AA", system="salesforce",
           object="Lead", email="gail@g.com", emails=["gail@g.com"])
    insert(empty, "call_parties", record_key="gong-party:1:1", system="gong",
           call_ref="gong-call:1", speaker_id="s1", email="gail.g@other.com",
           affiliation="External", person_refs=["sf:00Q0000000000AAXYZ"])
    insert(empty, "call_parties", record_key="gong-party:1:2", system="gong",
           call_ref="gong-call:1", speaker_id="s2", email="rep@us.com", affiliation="Internal")
    run(empty)
    assert find_person(empty, "gail.g@other.com") == find_person(empty, "gail@g.com")
    assert find_person(empty, "rep@us.com") is None  # our own reps are not people


def test_identify_by_salesforce_user_id(empty: Store) -> None:
    insert(empty, "person_records", record_key="sf:003000000000ABC", system="salesforce",
           object="Contact", email="u@u.com", emails=["u@u.com"])
    insert(empty, "web_events", record_key="ga:1", system="ga4", kind="web_visit",
           ts=datetime(2025, 1, 1), anonymous_id="123.456", user_id="003000000000ABCXYZ",
           path="/pricing")
    insert(empty, "web_events", record_key="ga:0", system="ga4", kind="web_visit",
           ts=datetime(2024, 12, 31), anonymous_id="123.456", path="/")
    run(empty)
    assert timeline(empty, find_person(empty, "u@u.com")).height == 2
