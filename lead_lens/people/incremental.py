"""The incremental rebuild: after imports, only the people the new rows touch are rebuilt.

A rebuild leaves a watermark: the last import it read, the latest merge decision, and a
fingerprint of everything else its results depend on (the rules' SQL, the settings, the text
scanner). The next rebuild is incremental when only imports and merge decisions came since; it
works out the touched people again on temp copies of their rows (queries/people/incremental.sql
says why that set is closed) and swaps their rows in. Anything else is a full rebuild: no
watermark (a new store, `forget`), a changed fingerprint, too many people touched, or too many
events appended out of the timeline's sort order since the last full rebuild.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields
from datetime import datetime

from lead_lens import __version__
from lead_lens.settings import Settings
from lead_lens.store import Store
from lead_lens.store.queries import load_queries

# Beyond this share of people touched, a full rebuild costs about as much, and re-sorts.
MAX_TOUCHED_SHARE = 0.25
# Events an incremental rebuild appends sit after the sorted timeline; a person's lookup reads
# their row groups too. Past this share of the timeline, the next rebuild is a full one.
MAX_APPENDED_SHARE = 0.10
# Copies of the canonical tables holding only the rows in scope, in the order they are made
# (activities takes the activities linked through the activity_links copy).
BY_PERSON_REF = ("activity_links", "sequence_memberships", "opportunity_roles", "field_history")
SUBSETS = ("person_records", *BY_PERSON_REF, "activities", "campaign_members", "call_parties",
           "identity_links", "web_events")
SCRATCH = ("inc_seed", "inc_seed_people", "inc_people", "inc_refs", "inc_web_calls")
# Settings that only the app or the model read: changing them leaves the results as they are.
NOT_IN_RESULTS = frozenset({"model_path", "model_threads", "model_context"})


@dataclass(frozen=True)
class Watermark:
    import_id: int  # the last import the stored results include
    decided_at: str | None  # the latest merge decision they include (ISO), if any
    fingerprint: str  # rules, settings and scanner they were computed with
    events: int  # events in the timeline
    appended: int  # of which appended by incremental rebuilds since the last full one

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Watermark | None:
        if not text:
            return None
        try:
            values = json.loads(text)
            return cls(**{f.name: values[f.name] for f in fields(cls)})
        except (ValueError, KeyError, TypeError):
            return None  # written by another version: a full rebuild rewrites it


@dataclass(frozen=True)
class Scope:
    """What an incremental rebuild works on (its tables: inc_people, inc_refs)."""

    after: int  # imports after this one are new
    people: int  # people touched, as stored
    refs: int
    latest_elsewhere: datetime | None  # latest event of everyone else, meetings excluded
    stored_as_of: datetime | None
    appended: int  # events appended out of order since the last full rebuild


def fingerprint(settings: Settings, scanner_version: str) -> str:
    """Changes whenever the rules' SQL, the settings they read or the scanner change."""
    digest = hashlib.sha256(__version__.encode())
    for name, block in sorted(load_queries().items()):
        digest.update(f"{name}\n{block.sql}\n".encode())
    chosen = {k: v for k, v in asdict(settings).items() if k not in NOT_IN_RESULTS}
    digest.update(json.dumps(chosen, sort_keys=True, default=str).encode())
    digest.update(scanner_version.encode())
    return digest.hexdigest()[:32]


def read_watermark(store: Store) -> Watermark | None:
    return Watermark.from_json(store.scalar("incremental_watermark_read"))


def write_watermark(store: Store, mark: Watermark) -> None:
    store.execute("incremental_watermark_write", {"value": mark.to_json()})


def clear_watermark(store: Store) -> None:
    store.script("incremental_watermark_clear")


def current_marks(store: Store) -> tuple[int, str | None]:
    """The last import and the latest merge decision, as a watermark records them."""
    decided = store.scalar("incremental_latest_decision")
    return int(store.scalar("incremental_latest_import")), decided.isoformat() if decided else None


def plan(store: Store, now: Watermark) -> Scope | None:
    """The scope of an incremental rebuild, or None when it must be a full one (`now`: this
    rebuild's marks, from current_marks and fingerprint)."""
    mark = read_watermark(store)
    if mark is None or mark.fingerprint != now.fingerprint:
        return None
    if now.import_id < mark.import_id:
        return None  # imports were removed: the watermark no longer describes the store
    if mark.appended > MAX_APPENDED_SHARE * max(mark.events, 1):
        return None
    params = {"after": mark.import_id,
              "decided_after": datetime.fromisoformat(mark.decided_at) if mark.decided_at else None}
    store.script("people_macros")
    store.script("incremental_macros")
    store.execute("incremental_seed_refs", params)
    store.execute("incremental_seed_people", {"after": mark.import_id})
    store.script("incremental_scope")
    touched, of_people, refs = store.rows("incremental_scope_size")[0]
    if of_people and touched > MAX_TOUCHED_SHARE * of_people:
        return None
    return Scope(after=mark.import_id, people=int(touched), refs=int(refs),
                 latest_elsewhere=store.scalar("incremental_latest_elsewhere"),
                 stored_as_of=store.scalar("verdict_stored_as_of"), appended=mark.appended)


def copy_scope_rows(store: Store, store_name: str, scope: Scope) -> None:
    """Temp copies of the rows in scope, under the canonical tables' names."""
    store.script("incremental_subset_records", store=store_name)
    for table in BY_PERSON_REF:
        store.script("incremental_subset_by_person_ref", store=store_name, table=table)
    store.execute("incremental_subset_activities", {"after": scope.after}, store=store_name)
    store.script("incremental_subset_campaign_members", store=store_name)
    store.script("incremental_subset_call_parties", store=store_name)
    store.script("incremental_subset_identify_calls", store=store_name)
    # The calls imported since are not in the index yet: they are added at the swap.
    store.script("incremental_web_calls_table", store=store_name)
    index_web_calls(store, store_name, scope.after, "inc_web_calls")
    store.script("incremental_subset_web_events", store=store_name)


def index_web_calls(store: Store, store_name: str, after: int | None, target: str) -> None:
    """Add to `target` the web calls imported after `after` (all of them: None), each with
    every ref it names: the index (web_call_refs) incremental_subset_web_events reads."""
    store.script("incremental_macros")
    store.execute("incremental_web_calls_new", {"after": after}, store=store_name, target=target)


def swap_touched(store: Store, store_name: str, tables: tuple[str, ...]) -> int:
    """Replace the touched people's stored rows of `tables` by the new ones (in a transaction
    the caller holds); returns the events appended to the timeline."""
    # The shadow's count: it is the `timeline_events` found first.
    appended = int(store.scalar("timeline_events_count", timeline="timeline_events"))
    for table in tables:
        store.script("incremental_swap_table", store=store_name, table=table)
    store.script("incremental_web_calls_append", store=store_name)
    return appended
