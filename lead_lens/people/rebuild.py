"""One rebuild: identity -> timeline -> text signals -> verdicts, swapped in all at once."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime

from lead_lens.people.identity import resolve_people
from lead_lens.people.instants import iso_utc, parse_as_of
from lead_lens.people.merges import propose_merges
from lead_lens.people.textsignals import Scanner, default_scanner, refresh_signals
from lead_lens.people.timeline import build_timeline
from lead_lens.people.verdicts import compute_verdicts
from lead_lens.settings import Settings
from lead_lens.store import Store
from lead_lens.store.queries import quote_identifier


@dataclass
class RebuildStats:
    as_of: datetime
    people: int
    refs: int
    events: int
    signals: int
    texts_scanned: int
    merge_proposals: int
    seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def summary(self) -> str:
        """One line for a person, not a repr: what was rebuilt, as of when, and how long."""
        took = sum(v for k, v in self.seconds.items() if k in STEPS)
        return (f"as of {iso_utc(self.as_of)}: {self.people:,} people, {self.events:,} events, "
                f"{self.signals:,} text signals ({self.texts_scanned:,} texts scanned), "
                f"{self.merge_proposals:,} merge proposals; rebuilt in {took:.1f} s")


# The steps in order, each with what a progress line says while it runs.
STEPS = {
    "identity": "resolving people",
    "timeline": "building timelines",
    "signals": "reading texts for signals",
    "verdicts": "judging verdicts",
    "merges": "proposing merges",
    "swap": "saving",
}
StepCallback = Callable[[str, str], None]  # (step, what it does), as each step starts

_UNSET: object = object()
NEXT_TIMELINE = "timeline_events_next"
# Derived tables a rebuild replaces: each gets an empty shadow (queries/people/rebuild.sql).
SHADOWED = ("person_keys", "people", "signals", "verdicts", "merge_proposals")
# The text-signal caches: their shadows start as stored.
CACHES = ("signal_scans", "signal_cache")
# The steps' own temp tables (identity.sql, events.sql, signals.sql, verdicts.sql), dropped at
# the end so a long-lived connection does not keep them.
SCRATCH = ("act_refs", "id_identifies", "id_links", "id_nodes", "cc_edges", "cc_labels",
           "cc_next", "id_cores", "kind_families", "tl_keys", "tl_stage", "sig_texts", "v_ev",
           "v_sig", "v_facts", "v_dec")


def _store_name(store: Store) -> str:
    return quote_identifier(str(store.scalar("store_database_name")))


def drop_unfinished_timeline(store: Store) -> None:
    """Drop a rebuild's timeline that was never swapped in (a failed or killed rebuild's)."""
    store.script("rebuild_drop_timeline", store=_store_name(store), next_timeline=NEXT_TIMELINE)


@contextmanager
def _shadowed(store: Store) -> Iterator[Callable[[bool], None]]:
    """Steps write to shadows of the derived tables; the swap they are given puts the results
    in place in one transaction. Until then, and if anything fails, the stored results are
    untouched."""
    name = _store_name(store)
    for table in SHADOWED:
        store.script("rebuild_shadow_table", store=name, table=table)
    for table in CACHES:
        store.script("rebuild_shadow_cache", store=name, table=table)
    store.script("rebuild_shadow_timeline", store=name, next_timeline=NEXT_TIMELINE)

    def swap(caches_changed: bool = True) -> None:
        with store.transaction():
            # Unchanged caches are not copied back: at 1M leads they hold millions of rows.
            for table in SHADOWED + (CACHES if caches_changed else ()):
                store.script("rebuild_swap_table", store=name, table=table)
            store.script("rebuild_swap_timeline", store=name, next_timeline=NEXT_TIMELINE)

    try:
        yield swap
    finally:
        drop_unfinished_timeline(store)
        for table in SHADOWED + CACHES + SCRATCH:
            store.script("rebuild_drop_table", table=table)


def rebuild(store: Store, settings: Settings, as_of: datetime | str | None = None, *,
            scanner: Scanner | None | object = _UNSET, scanner_version: str = "",
            on_step: StepCallback | None = None) -> RebuildStats:
    """Recompute people, timeline, signals and verdicts from the canonical tables.

    `scanner` defaults to lead_lens.signals.scan_texts (none when the package is missing);
    tests pass a stub. Accepted fuzzy merges are re-applied, so they survive re-imports.
    `on_step` hears of each step (STEPS) as it starts: at a million leads a rebuild takes
    minutes, and a progress line should say which part is running.
    """
    if scanner is _UNSET:
        scanner, scanner_version = default_scanner()
    chosen = parse_as_of(as_of)
    seconds: dict[str, float] = {}
    clock, running = time.perf_counter(), ""

    def begin(step: str) -> None:
        """Time the step that ran, and announce the next ("" after the last)."""
        nonlocal clock, running
        now = time.perf_counter()
        if running:
            seconds[running] = round(now - clock, 3)
        clock, running = now, step
        if step and on_step:
            on_step(step, STEPS[step])

    begin("identity")
    with _shadowed(store) as swap:
        ident = resolve_people(store, settings)
        begin("timeline")
        used_as_of = build_timeline(store, settings, chosen, target=NEXT_TIMELINE)
        begin("signals")
        refreshed = refresh_signals(store, scanner,  # type: ignore[arg-type]
                                    scanner_version or "none")
        begin("verdicts")
        compute_verdicts(store, settings, used_as_of, timeline=NEXT_TIMELINE)
        begin("merges")
        propose_merges(store)
        begin("swap")
        swap(refreshed.caches_changed)
        begin("")
    people, refs, events, signals = store.rows("people_counts")[0]
    proposals = len(store.rows("merge_list"))
    return RebuildStats(as_of=used_as_of, people=int(people), refs=int(refs), events=int(events),
                        signals=int(signals), texts_scanned=refreshed.scanned,
                        merge_proposals=proposals,
                        seconds=seconds | {"identity_rounds": float(ident.link_rounds)})
