"""The unified timeline (spec section 3): canonical rows -> timeline_events, in SQL."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from lead_lens.people.identity import prepare
from lead_lens.people.instants import wall_clock_utc
from lead_lens.settings import Settings
from lead_lens.store import Store

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
    store.execute("timeline_finalize", {"as_of": as_of})
    store.script("people_sources_update")
    return as_of


def timeline(store: Store, person_id: str) -> pl.DataFrame:
    """One person's events, oldest first."""
    return store.frame("timeline_for_person", {"person_id": person_id})


def events_by_id(store: Store, person_id: str, event_ids: list[str]) -> pl.DataFrame:
    """Some of one person's events, by id (the evidence of their reasons)."""
    return store.frame("person_events_by_id", {"person_id": person_id, "event_ids": event_ids})
