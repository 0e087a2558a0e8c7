"""Fuzzy merges (spec 2.4) and consent (spec 2.5)."""

from __future__ import annotations

from lead_lens.people import find_person
from lead_lens.people.merges import decide_merge, list_merges
from lead_lens.store import Store
from tests.people.conftest import run, verdict


def lia_merge_id(store: Store) -> str:
    frame = list_merges(store)
    proposed = frame.filter(frame["status"] == "proposed")
    assert proposed.height == 1
    row = proposed.row(0, named=True)
    assert {row["left_ref"], row["right_ref"]} == {"outreach:20", "sf:00Q000000000012"}
    assert "Lane" in row["evidence"] and "no email" in row["evidence"]
    return row["merge_id"]


def test_fuzzy_match_is_proposed_never_applied(cast: Store) -> None:
    lia_merge_id(cast)
    assert find_person(cast, "outreach:20") != find_person(cast, "lia@lima.com")


def test_accept_merges_on_every_rebuild_and_undo_splits(cast: Store) -> None:
    merge_id = lia_merge_id(cast)
    decide_merge(cast, merge_id, "accepted")
    run(cast)
    assert find_person(cast, "outreach:20") == find_person(cast, "lia@lima.com")
    # A re-import rewrites the canonical rows: the decision still applies.
    cast.con.execute("UPDATE person_records SET updated_at = now() "
                     "WHERE record_key = 'outreach:20'")
    run(cast)
    assert find_person(cast, "outreach:20") == find_person(cast, "lia@lima.com")
    assert list_merges(cast).filter(list_merges(cast)["status"] == "proposed").height == 0
    decide_merge(cast, merge_id, "undone")
    run(cast)
    assert find_person(cast, "outreach:20") != find_person(cast, "lia@lima.com")
    statuses = list_merges(cast).filter(list_merges(cast)["merge_id"] == merge_id)["status"]
    assert statuses.to_list() == ["undone"]


def test_consent_does_not_leak_across_a_fuzzy_merge(cast: Store) -> None:
    # The Outreach prospect (no email) opted out: alone it is do_not_contact.
    assert verdict(cast, "outreach:20")["verdict"] == "do_not_contact"
    assert verdict(cast, "lia@lima.com")["verdict"] == "marketing_owned"
    decide_merge(cast, lia_merge_id(cast), "accepted")
    run(cast)
    # Merged by a guess: the opt-out stays with its own record, not with lia@lima.com.
    merged = verdict(cast, "lia@lima.com")
    assert merged["verdict"] == "marketing_owned"
    assert "Opted out" not in merged["reasons"]


def test_consent_of_the_primary_email_still_applies_after_a_merge(cast: Store) -> None:
    cast.con.execute("UPDATE person_records SET opted_out = true, opted_out_at = "
                     "TIMESTAMP '2025-05-05' WHERE record_key = 'sf:00Q000000000012'")
    cast.con.execute("UPDATE person_records SET opted_out = false WHERE record_key = 'outreach:20'")
    decide_merge(cast, lia_merge_id(cast), "accepted")
    run(cast)
    assert verdict(cast, "outreach:20")["verdict"] == "do_not_contact"
