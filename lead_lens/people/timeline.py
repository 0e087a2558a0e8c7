"""The unified timeline (spec section 3): canonical rows -> timeline_events, in SQL."""

from __future__ import annotations

import math
from datetime import datetime

import polars as pl

from lead_lens.people.identity import prepare
from lead_lens.people.instants import wall_clock_utc
from lead_lens.settings import Settings
from lead_lens.store import Store

# Events per finalize batch: the sort of one batch, with the events' text, must fit in memory.
# At a million people the whole timeline's did not: it spilled more than 39 GB to disk.
EVENTS_PER_BATCH = 4_000_000

# Each block adds one source table's events to the staging table, in this order.
STAGE_BLOCKS = (
    "timeline_stage_activities",
    "timeline_stage_sequences",
    "timeline_stage_records",
    "timeline_stage_history",
    "timeline_stage_campaigns",
    "timeline_stage_opportunities",
    "timeline_stage_web",
)


def build_timeline(store: Store, settings: Settings, as_of: datetime | None) -> datetime:
    """Rebuild timeline_events; returns the as_of used (given, else the latest event).

    Runs after resolve_people on the same connection: it reads person_keys and act_refs.
    """
    prepare(store)
    store.script("timeline_kind_families")
    params = {"handoff_statuses": list(settings.handoff_statuses)}
    for block in STAGE_BLOCKS:
        store.execute(block, params)
    if as_of is None:
        as_of = store.scalar("timeline_default_as_of") or wall_clock_utc()
    store.execute("timeline_clear")
    for after, upto in person_batches(store, int(store.scalar("timeline_stage_count"))):
        store.execute("timeline_finalize", {"as_of": as_of, "after": after, "upto": upto})
    store.script("people_sources_update")
    return as_of


def person_batches(store: Store, staged_events: int) -> list[tuple[str | None, str | None]]:
    """(after, up to) person id ranges, in order, each with about EVENTS_PER_BATCH events."""
    batches = max(1, math.ceil(staged_events / EVENTS_PER_BATCH))
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
