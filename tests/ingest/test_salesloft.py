"""Salesloft imports: API JSON (`{"data": [...]}`, nested `{id, _href}` objects) and CSV."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from lead_lens.store import Store
from tests.conftest import DATA, ingest
from tests.ingest._rows import rejects, rows_by_key

SALESLOFT = DATA / "salesloft"


@pytest.mark.parametrize(("name", "kind"), [
    ("cadence_memberships.json", "salesloft.cadence_memberships"),
    ("people.json", "salesloft.people"),
    ("people.csv", "salesloft.people"),
    ("emails.json", "salesloft.emails"),
    ("calls.json", "salesloft.calls"),
])
def test_detects_each_kind(store: Store, tmp_path: Path, name: str, kind: str) -> None:
    # Renamed, so the columns alone decide (Marketo leads also have id + 'Email Address').
    renamed = tmp_path / f"export{Path(name).suffix}"
    renamed.write_bytes((SALESLOFT / name).read_bytes())
    [result] = ingest(store, renamed)
    assert result.kind == kind


def test_cadence_memberships(store: Store) -> None:
    [result] = ingest(store, SALESLOFT / "cadence_memberships.json")
    members = rows_by_key(store, "sequence_memberships")
    first = members["salesloft-membership:1001"]
    assert (first["state"], first["person_ref"], first["sequence_ref"]) == (
        "active", "salesloft:501", "salesloft-cadence:77")
    assert first["created_at"] == datetime(2024, 2, 1, 15, 0)  # added_at, -05:00 to UTC
    assert members["salesloft-membership:1002"]["state"] == "removed_no_action"
    assert result.rejected == 1
    [(line, reason)] = rejects(store)
    assert line == 3 and "person" in reason


def test_people_json_and_csv(store: Store) -> None:
    [api, _] = ingest(store, SALESLOFT / "people.json", SALESLOFT / "people.csv")
    people = rows_by_key(store, "person_records")
    kate = people["salesloft:501"]
    assert kate["email"] == "kj@nasa.gov"
    assert kate["emails"] == ["kj@nasa.gov", "kat@home.net"]  # secondary repeats the primary
    assert kate["linked_refs"] == ["sf:0035e00000AbCdE"]
    assert (kate["company"], kate["title"], kate["owner"]) == ("NASA", "Mathematician", "9")
    assert kate["opted_out"] is False
    dorothy = people["salesloft:502"]
    assert dorothy["opted_out"] is True and dorothy["linked_refs"] == []
    assert dorothy["phone"] == "+1 555 0177"
    assert people["salesloft:503"]["linked_refs"] == ["sf:00Q5e00000MaRyJ"]
    assert api.rejected == 1
    [(line, reason)] = rejects(store)
    assert line == 3 and "id is empty" in reason


def test_emails_with_bounce_rows(store: Store) -> None:
    [result] = ingest(store, SALESLOFT / "emails.json")
    acts = rows_by_key(store, "activities")
    # 7003 is only scheduled; x-7004 is rejected
    assert set(acts) == {"salesloft-email:7001", "salesloft-email:7002",
                         "salesloft-email:7002:bounce"}
    sent = acts["salesloft-email:7001"]
    assert (sent["kind"], sent["ts"], sent["title"]) == (
        "sales_email", datetime(2024, 2, 1, 15, 1), "Orbital mechanics")
    assert sent["person_refs"] == ["salesloft:501", "email:kj@nasa.gov"]
    assert sent["sequence_ref"] == "salesloft-cadence:77"
    assert json.loads(sent["detail"])["replies"] == 1
    assert acts["salesloft-email:7002:bounce"]["kind"] == "bounce"
    assert result.rejected == 1
    [(line, reason)] = rejects(store)
    assert line == 4 and "'x-7004'" in reason


def test_calls(store: Store) -> None:
    ingest(store, SALESLOFT / "calls.json")
    call = rows_by_key(store, "activities")["salesloft-call:3001"]
    assert (call["kind"], call["status"], call["person_refs"]) == (
        "sales_call", "Connected", ["salesloft:501"])
    assert json.loads(call["detail"])["duration_s"] == 312


def test_a_document_that_is_itself_one_record(store: Store, tmp_path: Path) -> None:
    # GET /v2/people/{id} saved to a file, pretty-printed: one record, no record array.
    record = json.loads((SALESLOFT / "people.json").read_text())["data"][0]
    single = tmp_path / "person-501.json"
    single.write_text(json.dumps(record, indent=2))
    [result] = ingest(store, single)
    assert (result.kind, result.rows, result.new) == ("salesloft.people", 1, 1)
    assert rows_by_key(store, "person_records")["salesloft:501"]["email"] == "kj@nasa.gov"
