"""The incremental rebuild gives what a full rebuild gives: the sample data imported and rebuilt,
then changed slices re-imported through the real importers and rebuilt both ways, every derived
table compared row for row (EXCEPT ALL, both ways)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lead_lens.ingest.pipeline import ingest_paths
from lead_lens.people import incremental, rebuild
from lead_lens.people.forget import forget
from lead_lens.people.incremental import read_watermark
from lead_lens.people.merges import decide_merge
from lead_lens.people.verdicts import stored_as_of
from lead_lens.settings import Settings
from lead_lens.store import Store, open_store
from tests.people.conftest import insert, run
from tests.people.stubs import StubScanner

SAMPLE = Path(__file__).parents[2] / "sample_data"
SALESFORCE_ZIP = SAMPLE / "salesforce" / "WE_00D5g000004XyZ1_1.zip"
# Each derived table, with the columns that may differ between two rebuilds of the same data.
DERIVED = {"person_keys": "", "people": "", "timeline_events": "", "signals": "",
           "verdicts": "", "merge_proposals": "EXCLUDE (proposed_at)"}

Change = Callable[[Store, Path], None]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("incremental") / "base.duckdb"
    with open_store(path) as store:
        ingest_paths(store, [SAMPLE])
        assert run(store).touched is None  # a new store: a full rebuild
    return path


def salesforce_rows(name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(SALESFORCE_ZIP) as archive:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    return path


def reimport(store: Store, *paths: Path) -> None:
    results = ingest_paths(store, list(paths))
    assert all(r.status == "imported" for r in results), [(r.display, r.status) for r in results]
    assert sum(r.new + r.updated for r in results) > 0


def leads_edited(store: Store, folder: Path) -> None:
    """A lead takes another lead's email (two people become one), one converted lead's email
    changes, a status becomes a handoff status, and two new leads arrive, one with a known
    email."""
    leads = salesforce_rows("Lead.csv")
    converted = next(r for r in leads if r["IsConverted"] == "true" and r["Email"])
    plain = [r for r in leads if r["IsConverted"] != "true" and r["Email"]]
    changed = [dict(plain[0], Email=plain[1]["Email"]),
               dict(converted, Email="moved." + converted["Email"]),
               dict(plain[2], Status="Working")]
    fresh = [dict(plain[3], Id="00Q5g00000ZZZ01EAA", Email="new.person@example-corp.com"),
             dict(plain[4], Id="00Q5g00000ZZZ02EAA", Email=plain[5]["Email"].upper())]
    for row in changed + fresh:
        row["LastModifiedDate"] = "2025-07-01T09:00:00.000Z"
    reimport(store, write_csv(folder / "Lead.csv", changed + fresh))


def activities_moved(store: Store, folder: Path) -> None:
    """Tasks now name other people, and one inbound reply asks to stop."""
    tasks = salesforce_rows("Task.csv")
    leads = [r["Id"] for r in salesforce_rows("Lead.csv")]
    named = [r for r in tasks if r["WhoId"]]
    changed = [dict(named[i], WhoId=leads[-1 - i]) for i in range(3)]
    inbound = next(r for r in named[3:] if "[In]" in r["Subject"])  # read for signals
    changed.append(dict(inbound, Description="Please unsubscribe me from these emails."))
    for row in changed:
        row["LastModifiedDate"] = "2025-07-01T09:00:00.000Z"
    reimport(store, write_csv(folder / "Task.csv", changed))


def opportunities_changed(store: Store, folder: Path) -> None:
    """An opportunity is won, another moves to another account, a new one opens."""
    opps = salesforce_rows("Opportunity.csv")
    open_opps = [r for r in opps if r["IsClosed"] != "true"]
    won = dict(open_opps[0], StageName="Closed Won", IsClosed="true", IsWon="true")
    moved = dict(open_opps[1], AccountId=opps[-1]["AccountId"])
    fresh = dict(open_opps[2], Id="0065g00002ZZZ01AAA", Name="New pipeline",
                 CreatedDate="2025-06-29T10:00:00.000Z")
    for row in (won, moved, fresh):
        row["LastModifiedDate"] = "2025-07-01T09:00:00.000Z"
    reimport(store, write_csv(folder / "Opportunity.csv", [won, moved, fresh]))


def visitor_identified(store: Store, folder: Path) -> None:
    """A browser already identified as one person identifies as another, earlier (the earliest
    identify wins), and a known visitor identifies with a new email."""
    path = SAMPLE / "web" / "segment" / "identifies.csv"
    with path.open(encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    stolen = dict(rows[0], id="msg_new_1", email=rows[1]["email"], user_id=rows[1]["user_id"])
    for field in ("received_at", "sent_at", "timestamp", "original_timestamp", "uuid_ts"):
        stolen[field] = "2024-01-01T00:00:00.000Z"
    renamed = dict(rows[2], id="msg_new_2", email="someone.else@example-corp.com")
    reimport(store, write_csv(folder / "identifies.csv", [stolen, renamed]))


def visits_added(store: Store, folder: Path) -> None:
    """New page views: a known visitor's, a new browser's before and at its identify (its user
    id is a known visitor's: a new call, the browser stitched), and one with no browser id."""
    path = SAMPLE / "web" / "segment" / "pages.csv"
    with path.open(encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    known = next(r for r in rows if r["user_id"] and r["anonymous_id"])

    def at(row: dict[str, str], msg: str, when: str, **changes: str) -> dict[str, str]:
        stamped = {f: when for f in ("received_at", "sent_at", "timestamp",
                                     "original_timestamp", "uuid_ts")}
        return dict(row, id=msg, **stamped, **changes)

    views = [at(known, "msg_new_p1", "2025-06-30T12:00:00.000Z"),
             at(known, "msg_new_p2", "2025-06-20T08:00:00.000Z", anonymous_id="anon-new-1",
                user_id=""),
             at(known, "msg_new_p3", "2025-06-21T08:00:00.000Z", anonymous_id="anon-new-1"),
             at(known, "msg_new_p4", "2025-06-22T08:00:00.000Z", anonymous_id="")]
    reimport(store, write_csv(folder / "pages.csv", views))


def sequence_renamed(store: Store, folder: Path) -> None:
    """An Outreach sequence gets a new name: its members' events are retitled."""
    data = json.loads((SAMPLE / "outreach" / "sequences.json").read_text(encoding="utf-8"))
    records = data["data"] if isinstance(data, dict) else data
    first = records[0]
    first["attributes"]["name"] = "Renamed sequence"
    first["attributes"]["updatedAt"] = "2025-07-01T09:00:00.000Z"
    target = folder / "sequences.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data), encoding="utf-8")
    reimport(store, target)


def merge_accepted(store: Store, folder: Path) -> None:
    merge_id = store.rows("merge_list")[0][0]
    decide_merge(store, merge_id, "accepted")


def nothing(store: Store, folder: Path) -> None:
    """No import: only the as_of moves."""


def all_at_once(store: Store, folder: Path) -> None:
    for change in (leads_edited, activities_moved, opportunities_changed, visitor_identified,
                   visits_added, sequence_renamed, merge_accepted):
        change(store, folder / change.__name__)


def differences(store: Store, other: Path) -> dict[str, int]:
    """Rows of each derived table in one store and not the other (both ways)."""
    store.con.execute(f"ATTACH '{other}' AS ll_full (READ_ONLY)")
    try:
        found = {}
        for table, exclude in DERIVED.items():
            a = f"SELECT * {exclude} FROM main.{table}"
            b = f"SELECT * {exclude} FROM ll_full.main.{table}"
            count = store.con.execute(
                f"SELECT (SELECT count(*) FROM ({a} EXCEPT ALL {b})) "
                f"+ (SELECT count(*) FROM ({b} EXCEPT ALL {a}))").fetchone()
            if count and count[0]:
                found[table] = int(count[0])
        # The web-call index may keep calls whose events changed since (a superset only widens
        # what the next rebuild reads), but must hold every call a full rebuild finds, once.
        missing, repeated = store.con.execute(
            "SELECT (SELECT count(*) FROM (SELECT * FROM ll_full.main.web_call_refs "
            "                              EXCEPT SELECT * FROM main.web_call_refs)), "
            "(SELECT count(*) FROM main.web_call_refs) "
            "- (SELECT count(*) FROM (SELECT DISTINCT * FROM main.web_call_refs))").fetchone()
        if missing or repeated:
            found["web_call_refs"] = int(missing) + int(repeated)
        return found
    finally:
        store.con.execute("DETACH ll_full")


def out_of_order(store: Store) -> int:
    """Events stored after a later one of the same person: the rules read one person's events
    in row order (verdict_events' pos), so appended events must keep (ts, event_id) order."""
    return int(store.con.execute("""
        SELECT count(*) FROM (
            SELECT ts, event_id, lag(ts) OVER w AS before_ts, lag(event_id) OVER w AS before_id
            FROM timeline_events WINDOW w AS (PARTITION BY person_id ORDER BY rowid))
        WHERE before_ts > ts OR (before_ts = ts AND before_id > event_id)""").fetchone()[0])


def incremental_then_full(base: Path, tmp_path: Path, change: Change,
                          as_of: str | None = None) -> tuple[int | None, dict[str, int]]:
    """Apply `change` to a copy of the base store and rebuild it incrementally; rebuild a copy of
    that in full; return the people the incremental rebuild touched and the differences."""
    incremental, full = tmp_path / "incremental.duckdb", tmp_path / "full.duckdb"
    shutil.copy(base, incremental)
    with open_store(incremental) as store:
        change(store, tmp_path / "input")
        touched = run(store, as_of=as_of).touched
        assert out_of_order(store) == 0
    shutil.copy(incremental, full)
    with open_store(full) as store:
        store.con.execute("CHECKPOINT")
    with open_store(full) as store:
        stats = rebuild(store, Settings(), as_of, full=True, scanner=StubScanner(),
                        scanner_version="stub")
        # The caches kept every text the incremental rebuild scanned: none is scanned again.
        assert (stats.touched, stats.texts_scanned) == (None, 0)
    with open_store(incremental) as store:
        return touched, differences(store, full)


@pytest.mark.parametrize("change", [leads_edited, activities_moved, opportunities_changed,
                                    visitor_identified, visits_added, sequence_renamed,
                                    merge_accepted, all_at_once], ids=lambda c: c.__name__)
def test_an_incremental_rebuild_equals_a_full_one(base: Path, tmp_path: Path,
                                                  change: Change) -> None:
    touched, diff = incremental_then_full(base, tmp_path, change)
    assert touched is not None and touched > 0
    assert diff == {}


def test_an_incremental_rebuild_at_an_earlier_as_of_equals_a_full_one(base: Path,
                                                                     tmp_path: Path) -> None:
    touched, diff = incremental_then_full(base, tmp_path, leads_edited, as_of="2025-05-15")
    assert touched is not None
    assert diff == {}


@pytest.mark.parametrize("later", [timedelta(hours=1), timedelta(days=1), timedelta(days=7),
                                   timedelta(days=30), timedelta(days=120)],
                         ids=lambda d: f"{d.days}d{d.seconds // 3600}h")
@pytest.mark.parametrize("change", [nothing, leads_edited], ids=lambda c: c.__name__)
def test_a_later_as_of_judges_again_only_the_due_and_equals_a_full_one(
        base: Path, tmp_path: Path, change: Change, later: timedelta) -> None:
    """Every stored verdict says until when it holds: at a later as_of only those past it are
    judged again, and every verdict is what a full rebuild at that as_of gives (a holds_until
    too late for some window, date or event leaves that person's stale row behind)."""
    with open_store(base, read_only=True) as store:
        stored, people = stored_as_of(store), int(store.scalar("people_counts"))
    assert stored is not None
    as_of = (stored + later).isoformat()
    path = tmp_path / "incremental.duckdb"
    shutil.copy(base, path)
    with open_store(path) as store:
        change(store, tmp_path / "input")
        stats = run(store, as_of=as_of)
        assert out_of_order(store) == 0
    assert stats.judged_again is not None and stats.scored_again is not None
    if later <= timedelta(days=1):  # few windows end within a day: most verdicts only restamped
        assert stats.judged_again < people / 4
    else:  # some window ends for someone within a week
        assert stats.judged_again > 0
    (tmp_path / "again").mkdir()
    touched, diff = incremental_then_full(path, tmp_path / "again", nothing, as_of)
    assert touched == 0
    assert diff == {}


def test_with_nothing_new_no_one_is_rebuilt(base: Path, tmp_path: Path) -> None:
    touched, diff = incremental_then_full(base, tmp_path, lambda store, folder: None)
    assert touched == 0
    assert diff == {}


def test_changed_settings_and_forget_mean_a_full_rebuild(base: Path, tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    shutil.copy(base, path)
    store = open_store(path)
    try:
        assert run(store, Settings(warm_days=45)).touched is None
        assert run(store, Settings(warm_days=45)).touched == 0
        mark = read_watermark(store)
        assert mark is not None and mark.events > 0
        _, store = forget(store, Settings(), store.rows("merge_list")[0][1])
        assert read_watermark(store) is None
        assert run(store).touched is None
    finally:
        store.close()


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {table: sorted(map(repr, store.con.execute(
                f"SELECT * {exclude} FROM {table}").fetchall()))  # type: ignore[misc]
            for table, exclude in DERIVED.items()}


def test_someone_out_of_scope_named_by_a_shared_activity_stays_as_stored(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An unchanged activity names a touched contact and one who is not (two contacts of one
    system: attached to both, never merged). The second is met with only some of their rows,
    and must keep the person a full rebuild gives them."""
    monkeypatch.setattr(incremental, "MAX_TOUCHED_SHARE", 1.0)  # two people: one is half
    store = open_store(":memory:")

    def an_import(import_id: int) -> None:
        store.con.execute("INSERT INTO imports (import_id, file_path, file_sha256, kind, "
                          "raw_table) VALUES ($i, 'x.csv', 'x', 'hubspot.contacts', 'raw.x')",
                          {"i": import_id})

    an_import(1)
    for key, email in (("hubspot:1", "ann@alpha.com"), ("hubspot:2", "bob@bravo.com")):
        insert(store, "person_records", record_key=key, system="hubspot", object="contact",
               email=email, emails=[email], import_id=1)
    insert(store, "activities", record_key="hubspot:e1", system="hubspot",
           person_refs=["hubspot:1", "hubspot:2"], ts=datetime(2025, 5, 1), kind="sales_email",
           title="Hello both", import_id=1)
    insert(store, "activities", record_key="hubspot:e2", system="hubspot",
           person_refs=["email:bob@bravo.com"], ts=datetime(2025, 5, 2), kind="reply",
           title="Bob's reply", direction="inbound", import_id=1)
    assert run(store).touched is None
    an_import(2)
    store.con.execute("UPDATE person_records SET title = 'CMO', import_id = 2 "
                      "WHERE record_key = 'hubspot:1'")
    assert run(store).touched == 1
    after_incremental = snapshot(store)
    assert rebuild(store, Settings(), full=True, scanner=StubScanner(),
                   scanner_version="stub").touched is None
    assert snapshot(store) == after_incremental
    store.close()
