"""Verdicts (spec sections 4, 6, 7): run the verdict SQL at an instant, read the results."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl

from lead_lens.people.errors import PeopleError
from lead_lens.people.identity import prepare
from lead_lens.people.instants import parse_as_of
from lead_lens.people.timeline import events_by_id
from lead_lens.settings import Settings
from lead_lens.store import Store

# Look-back of the priority score's recency, volume and high-intent parts (docs/verdict-rules.md).
PRIORITY_WINDOW_DAYS = 90
STORED = "verdicts"
# A table, not a view: the rules order events by its row ids (verdict_events, verdict_facts).
TIMELINE = "timeline_events"
SCRATCH = "verdicts_at"
# judge_due's temp tables: who is due, copies of their people rows and events, their verdicts,
# and the rows scored again.
DUE_TARGET, DUE_TIMELINE = "v_due_verdicts", "v_due_timeline"
DUE_TABLES = ("v_due", "people", DUE_TIMELINE, DUE_TARGET, "v_rescored")
VERDICTS = ("do_not_contact", "customer", "sales_active", "snoozed", "recycled", "black_hole",
            "marketing_owned")


def verdict_params(settings: Settings, as_of: datetime) -> dict[str, Any]:
    return {
        "as_of": as_of,
        "sales_recent_days": settings.sales_recent_days,
        "reply_recent_days": settings.reply_recent_days,
        "warm_days": settings.warm_days,
        "high_intent_paths": list(settings.high_intent_paths),
        "priority_window_days": PRIORITY_WINDOW_DAYS,
    }


def compute_verdicts(store: Store, settings: Settings, as_of: datetime,
                     target: str = STORED, timeline: str = TIMELINE) -> None:
    """Judge every person at as_of into `target` (the stored verdicts or the scratch table),
    from the events of `timeline` (a rebuild's own new timeline, else the stored one)."""
    prepare(store)
    store.script("verdict_macros")
    params = verdict_params(settings, as_of)
    store.execute("verdict_events", params, timeline=timeline)
    store.execute("verdict_signals", params)
    store.execute("verdict_facts", params, timeline=timeline)
    store.execute("verdict_decide", params)
    if target == SCRATCH:
        store.script("verdict_scratch_table")
    store.execute("verdict_write", params, target=target)


def judge_due(store: Store, settings: Settings, as_of: datetime,
              store_name: str) -> tuple[int, int]:
    """Move the stored verdicts to as_of, a later instant than theirs, judging again only the
    people whose verdict may read differently by then (`holds_until`, verdict_decide) and
    scoring again those whose priority may (`score_until`); the others only take the new
    as_of. Returns how many were judged and how many scored again. `store_name` is the store's
    quoted database name: temp copies shadow its tables meanwhile."""
    params = verdict_params(settings, as_of)
    store.execute("verdict_due", params, store=store_name)
    try:
        store.script("verdict_due_copies", store=store_name)
        compute_verdicts(store, settings, as_of, target=DUE_TARGET, timeline=DUE_TIMELINE)
        store.execute("verdict_rescore", params, store=store_name)
        store.script("verdict_due_replace", store=store_name)
        store.execute("verdict_restamp", params, store=store_name)
        judged, scored = store.rows("verdict_due_count")[0]
        return int(judged), int(scored)
    finally:
        for table in DUE_TABLES:
            store.script("rebuild_drop_table", table=table)


def stored_as_of(store: Store) -> datetime | None:
    return store.scalar("verdict_stored_as_of")


def verdicts_table(store: Store, settings: Settings, as_of: datetime | str | None) -> str:
    """The table holding verdicts at as_of: the stored ones, or the scratch table recomputed."""
    as_of = parse_as_of(as_of)
    stored = stored_as_of(store)
    if as_of is None or as_of == stored:
        return STORED
    compute_verdicts(store, settings, as_of, target=SCRATCH)
    return SCRATCH


@dataclass
class Reason:
    about: str
    text: str
    event_ids: list[str]


@dataclass
class Explanation:
    """Everything behind one person's verdict, for `explain` and the app."""

    person_id: str
    profile: dict[str, Any]
    as_of: datetime
    verdict: str
    ok_to_market: bool
    warm: bool
    snooze_until: date | None
    handoff_at: datetime | None
    last_sales_touch_at: datetime | None
    last_engagement_at: datetime | None
    priority: int
    reasons: list[Reason]
    evidence: pl.DataFrame
    signals: pl.DataFrame
    refs: list[tuple[str, str]] = field(default_factory=list)


def parse_reasons(raw: Any) -> list[Reason]:
    items = json.loads(raw) if isinstance(raw, str) else (raw or [])
    return [Reason(r["about"], r["text"], list(r.get("event_ids") or [])) for r in items]


def explain_person(store: Store, settings: Settings, person_id: str,
                   as_of: datetime | str | None = None) -> Explanation:
    """The verdict of one person at as_of (default: the stored verdicts' instant)."""
    table = verdicts_table(store, settings, as_of)
    frame = store.frame("verdict_for_person", {"person_id": person_id}, target=table)
    if frame.is_empty():
        raise PeopleError(f"No verdict for {person_id}: run `lead-lens rebuild` first.")
    row = frame.row(0, named=True)
    profile = store.frame("person_profile", {"person_id": person_id}).row(0, named=True)
    reasons = parse_reasons(row["reasons"])
    ids = sorted({i for r in reasons for i in r.event_ids})
    return Explanation(
        person_id=person_id, profile=profile, as_of=row["as_of"], verdict=row["verdict"],
        ok_to_market=bool(row["ok_to_market"]), warm=bool(row["warm"]),
        snooze_until=row["snooze_until"], handoff_at=row["handoff_at"],
        last_sales_touch_at=row["last_sales_touch_at"],
        last_engagement_at=row["last_engagement_at"], priority=int(row["priority"]),
        reasons=reasons,
        evidence=events_by_id(store, person_id, ids),
        signals=store.frame("signals_for_person", {"person_id": person_id}),
        refs=[(r[0], r[1]) for r in store.rows("person_key_rows", {"person_id": person_id})],
    )


def leads_frame(store: Store, settings: Settings, *, verdict: str | None = None,
                warm: bool | None = None, as_of: datetime | str | None = None,
                limit: int | None = None) -> pl.DataFrame:
    """The leads list with the spec 8 columns (plus profile columns the exports use)."""
    if verdict is not None and verdict not in VERDICTS:
        raise PeopleError(f"Unknown verdict {verdict!r}: use one of {', '.join(VERDICTS)}.")
    table = verdicts_table(store, settings, as_of)
    return store.frame("leads_rows", {"verdict": verdict, "warm": warm, "limit": limit},
                       target=table)
