"""The unified timeline (spec section 3): canonical rows -> timeline_events, in SQL."""

from __future__ import annotations

import math
from datetime import datetime

import polars as pl

from lead_lens.people.identity import prepare
from lead_lens.people.instants import wall_clock_utc
from lead_lens.settings import Settings
from lead_lens.store import Store

# One batch's staging and sort, with the events' text, must fit in DuckDB's memory: at a million
# people the whole timeline's did not, and spilled more than 39 GB to disk. Each batch reads the
# canonical tables again, so batches are as big as memory allows. A staged event holds about
# 530 bytes (measured at 100k leads), and timeline_size_estimate counts about 1.8 events per
# event staged. At 1M leads (28M events, 50M estimated) under an 18.8 GiB limit, with the
# events' detail cut to the timeline's own facts: one batch took 132 s, two 147 s (before that
# cut: 2 batches 134 s, 4 168 s, 13 about 240 s).
MEMORY_PER_ESTIMATED_EVENT = 400  # bytes of the memory limit
FALLBACK_EVENTS_PER_BATCH = 4_000_000  # when the limit cannot be read
EVENTS_PER_BATCH: int | None = None  # None: from the memory limit (tests set a few)

# Each block adds one source table's events of the batch's people to the staging table.
STAGE_BLOCKS = (
    "timeline_stage_activities",
    "timeline_stage_sequences",
    "timeline_stage_records",
    "timeline_stage_history",
    "timeline_stage_campaigns",
    "timeline_stage_opportunities",
    "timeline_stage_web",
)


def build_timeline(store: Store, settings: Settings, as_of: datetime | None,
                   target: str, latest_elsewhere: datetime | None = None) -> datetime:
    """Write the timeline into `target`, an empty table; returns the as_of used (given, else the
    latest event, of these people's or `latest_elsewhere`, the latest of everyone else's).

    Runs after resolve_people on the same connection: it reads person_keys, people and act_refs.
    People are taken in batches of about EVENTS_PER_BATCH events, in person-id order: each batch
    stages only its people's rows from the canonical tables, then sorts and appends them.
    """
    prepare(store)
    store.script("timeline_kind_families")
    params = {"handoff_statuses": list(settings.handoff_statuses)}
    latest = latest_elsewhere
    estimate = int(store.scalar("timeline_size_estimate"))
    for after, upto in person_batches(store, estimate, events_per_batch(store)):
        store.execute("timeline_batch_keys", {"after": after, "upto": upto})
        for block in STAGE_BLOCKS:
            store.execute(block, params)
        batch_latest = store.scalar("timeline_batch_as_of")
        if batch_latest is not None and (latest is None or batch_latest > latest):
            latest = batch_latest
        # Without a given as_of, meetings are decided at the latest event so far, then settled.
        store.execute("timeline_finalize", {"as_of": as_of or latest or wall_clock_utc()},
                      timeline=target)
    used = as_of or latest or wall_clock_utc()
    if as_of is None:
        settle_meetings(store, used, target)
    store.script("people_sources_update")
    return used


def settle_meetings(store: Store, as_of: datetime, timeline: str = "timeline_events") -> None:
    """Meetings held by as_of become meeting_held, later ones meeting_scheduled."""
    store.script("timeline_kind_families")
    store.execute("timeline_meetings_settle", {"as_of": as_of}, timeline=timeline)


def events_per_batch(store: Store) -> int:
    """Estimated events per batch: EVENTS_PER_BATCH, else what DuckDB's memory limit allows."""
    if EVENTS_PER_BATCH:
        return EVENTS_PER_BATCH
    limit = store.memory_limit()
    if limit is None:
        return FALLBACK_EVENTS_PER_BATCH
    return max(100_000, limit // MEMORY_PER_ESTIMATED_EVENT)


def person_batches(store: Store, events: int,
                   per_batch: int) -> list[tuple[str | None, str | None]]:
    """(after, up to) person id ranges, in order, each with about per_batch events."""
    batches = max(1, math.ceil(events / per_batch))
    if batches == 1:
        return [(None, None)]
    fractions = [i / batches for i in range(1, batches)]
    cuts: list[str | None] = [r[0] for r in store.rows("timeline_person_cuts",
                                                       {"fractions": fractions})]
    bounds = [None, *cuts, None]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def timeline(store: Store, person_id: str) -> pl.DataFrame:
    """One person's events, oldest first."""
    return store.frame("timeline_for_person", {"person_id": person_id})


def events_by_id(store: Store, person_id: str, event_ids: list[str]) -> pl.DataFrame:
    """Some of one person's events, by id (the evidence of their reasons)."""
    return store.frame("person_events_by_id", {"person_id": person_id, "event_ids": event_ids})
