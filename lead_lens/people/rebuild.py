"""One rebuild: identity -> timeline -> text signals -> verdicts, swapped in all at once."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime

from lead_lens.people import incremental
from lead_lens.people.identity import resolve_people
from lead_lens.people.instants import iso_utc, parse_as_of, wall_clock_utc
from lead_lens.people.merges import propose_merges
from lead_lens.people.textsignals import (
    Scanner,
    SignalRefresh,
    default_scanner,
    refresh_signals,
)
from lead_lens.people.timeline import build_timeline, settle_meetings
from lead_lens.people.verdicts import compute_verdicts, judge_due
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
    touched: int | None = None  # incremental: the people worked out again (None: everyone)
    # incremental, when the as_of moved on: the others judged again (their verdict's
    # holds_until had come) and scored again (score_until); None when everyone was judged
    judged_again: int | None = None
    scored_again: int | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def summary(self) -> str:
        """One line for a person, not a repr: what was rebuilt, as of when, and how long."""
        took = sum(v for k, v in self.seconds.items() if k in STEPS)
        how = ("rebuilt in full" if self.touched is None
               else f"{self.touched:,} people touched by the new imports rebuilt")
        if self.judged_again is not None:
            how += (f", {self.judged_again:,} more judged and {self.scored_again or 0:,} scored "
                    "again at the new as_of")
        return (f"as of {iso_utc(self.as_of)}: {self.people:,} people, {self.events:,} events, "
                f"{self.signals:,} text signals ({self.texts_scanned:,} texts scanned), "
                f"{self.merge_proposals:,} merge proposals; {how} in {took:.1f} s")


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
SHADOWED = ("person_keys", "people", "signals", "verdicts", "merge_proposals", "web_call_refs")
# Those an incremental rebuild replaces the touched people's rows of (merges are proposed anew
# over everyone, after the swap).
TOUCHED = ("person_keys", "people", "signals", "verdicts")
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
def _shadowed(store: Store) -> Iterator[Callable[[bool, incremental.Watermark], None]]:
    """Steps write to shadows of the derived tables; the swap they are given puts the results
    in place in one transaction. Until then, and if anything fails, the stored results are
    untouched."""
    name = _store_name(store)
    for table in SHADOWED:
        store.script("rebuild_shadow_table", store=name, table=table)
    for table in CACHES:
        store.script("rebuild_shadow_cache", store=name, table=table)
    store.script("rebuild_shadow_timeline", store=name, next_timeline=NEXT_TIMELINE)

    def swap(caches_changed: bool, mark: incremental.Watermark) -> None:
        with store.transaction():
            incremental.write_watermark(store, mark)
            # Unchanged caches are not copied back: at 1M leads they hold millions of rows.
            for table in SHADOWED + (CACHES if caches_changed else ()):
                store.script("rebuild_swap_table", store=name, table=table)
            store.script("rebuild_swap_timeline", store=name, next_timeline=NEXT_TIMELINE)

    try:
        yield swap
    finally:
        drop_unfinished_timeline(store)
        _drop(store, SHADOWED + CACHES)


def _drop(store: Store, tables: tuple[str, ...]) -> None:
    for table in tables:
        store.script("rebuild_drop_table", table=table)


class _Steps:
    """Times each step and announces the next to `on_step`."""

    def __init__(self, on_step: StepCallback | None) -> None:
        self.on_step = on_step
        self.seconds: dict[str, float] = {}
        self.clock, self.running = time.perf_counter(), ""

    def begin(self, step: str) -> None:
        """Time the step that ran, and announce the next ("" after the last)."""
        now = time.perf_counter()
        if self.running:
            self.seconds[self.running] = round(now - self.clock, 3)
        self.clock, self.running = now, step
        if step and self.on_step:
            self.on_step(step, STEPS[step])


def rebuild(store: Store, settings: Settings, as_of: datetime | str | None = None, *,
            full: bool = False, scanner: Scanner | None | object = _UNSET,
            scanner_version: str = "", on_step: StepCallback | None = None) -> RebuildStats:
    """Recompute people, timeline, signals and verdicts from the canonical tables.

    Incremental when only imports and merge decisions came since the last rebuild, unless
    `full` (lead_lens/people/incremental.py says when else it is a full one). `scanner`
    defaults to lead_lens.signals.scan_texts (none when the package is missing); tests pass a
    stub. Accepted fuzzy merges are re-applied, so they survive re-imports. `on_step` hears of
    each step (STEPS) as it starts: at a million leads a full rebuild takes minutes, and a
    progress line should say which part is running.
    """
    if scanner is _UNSET:
        scanner, scanner_version = default_scanner()
    version = scanner_version or "none"
    chosen = parse_as_of(as_of)
    steps = _Steps(on_step)
    steps.begin("identity")
    prints = incremental.fingerprint(settings, version)
    upto, decided = incremental.current_marks(store)
    mark = incremental.Watermark(upto, decided, prints, events=0, appended=0)
    try:
        scope = None if full else incremental.plan(store, mark)
        again: tuple[int, int] | None = None
        if scope is None:
            used, refreshed = _full(store, settings, chosen, scanner, version, steps, mark)
        else:
            used, refreshed, again = _incremental(store, settings, chosen, scanner, version,
                                                  steps, scope, mark)
    finally:
        _drop(store, SCRATCH + incremental.SCRATCH)
    people, refs, events, signals = store.rows("people_counts")[0]
    proposals = len(store.rows("merge_list"))
    return RebuildStats(as_of=used, people=int(people), refs=int(refs), events=int(events),
                        signals=int(signals), texts_scanned=refreshed.scanned,
                        merge_proposals=proposals, seconds=steps.seconds,
                        touched=None if scope is None else scope.people,
                        judged_again=again[0] if again else None,
                        scored_again=again[1] if again else None)


def _full(store: Store, settings: Settings, chosen: datetime | None, scanner: Scanner | None,
          version: str, steps: _Steps, mark: incremental.Watermark,
          ) -> tuple[datetime, SignalRefresh]:
    """Everyone, into shadows swapped in at the end."""
    with _shadowed(store) as swap:
        resolve_people(store, settings)
        incremental.index_web_calls(store, _store_name(store), None, "web_call_refs")
        steps.begin("timeline")
        used = build_timeline(store, settings, chosen, target=NEXT_TIMELINE)
        steps.begin("signals")
        refreshed = refresh_signals(store, scanner, version)
        steps.begin("verdicts")
        compute_verdicts(store, settings, used, timeline=NEXT_TIMELINE)
        steps.begin("merges")
        propose_merges(store)
        steps.begin("swap")
        events = int(store.scalar("timeline_events_count", timeline=NEXT_TIMELINE))
        swap(refreshed.caches_changed, replace(mark, events=events))
        steps.begin("")
    return used, refreshed


def _touched(store: Store, settings: Settings, chosen: datetime | None,
             scanner: Scanner | None, version: str, steps: _Steps, scope: incremental.Scope,
             name: str) -> tuple[datetime, SignalRefresh]:
    """Identity, timeline, signals and verdicts of the touched people,
    from copies of their rows into shadows; returns the as_of and the signal refresh."""
    incremental.copy_scope_rows(store, name, scope)
    for table in TOUCHED:
        store.script("rebuild_shadow_table", store=name, table=table)
    for table in CACHES:
        store.script("rebuild_shadow_cache", store=name, table=table)
    store.script("incremental_shadow_timeline", store=name)
    resolve_people(store, settings, scoped=True)
    steps.begin("timeline")
    used = build_timeline(store, settings, chosen, target="timeline_events",
                          latest_elsewhere=scope.latest_elsewhere)
    steps.begin("signals")
    refreshed = refresh_signals(store, scanner, version, forget_stale=False)
    steps.begin("verdicts")
    compute_verdicts(store, settings, used, timeline="timeline_events")
    return used, refreshed


def _incremental(store: Store, settings: Settings, chosen: datetime | None,
                 scanner: Scanner | None, version: str, steps: _Steps,
                 scope: incremental.Scope, mark: incremental.Watermark,
                 ) -> tuple[datetime, SignalRefresh, tuple[int, int] | None]:
    """The touched people only, into shadows; then, in one transaction, their rows replaced,
    the others' verdicts moved to the new as_of if it moved, merges proposed and the watermark
    written; also returns how many others were judged and scored again. A killed rebuild leaves
    the stored results as they were."""
    name = _store_name(store)
    shadows = TOUCHED + CACHES + ("timeline_events",)
    try:
        if scope.refs:
            used, refreshed = _touched(store, settings, chosen, scanner, version, steps, scope,
                                       name)
        else:  # no new row names anyone: only the as_of can have moved
            used = chosen or scope.latest_elsewhere or wall_clock_utc()
            refreshed = SignalRefresh(scanned=0, caches_changed=False)
            for step in ("timeline", "signals", "verdicts"):
                steps.begin(step)
        moved = used != scope.stored_as_of
        again = None
        # The copies go first: from here on, the canonical tables are read whole.
        _drop(store, incremental.SUBSETS)
        with store.transaction():
            appended = 0
            if scope.refs:
                appended = incremental.swap_touched(store, name, ("timeline_events",) + TOUCHED)
                for table in CACHES if refreshed.caches_changed else ():
                    store.script("incremental_append_cache", store=name, table=table)
            _drop(store, shadows)
            if moved:
                settle_meetings(store, used)
                if scope.stored_as_of is not None and used > scope.stored_as_of:
                    # Each stored verdict says until when it holds: only the due are judged
                    # again.
                    again = judge_due(store, settings, used, name)
                else:  # an earlier as_of (the latest events were changed away): everyone
                    store.script("rebuild_shadow_table", store=name, table="verdicts")
                    compute_verdicts(store, settings, used)
                    store.script("rebuild_swap_table", store=name, table="verdicts")
            steps.begin("merges")
            propose_merges(store)
            steps.begin("swap")
            events = int(store.scalar("timeline_events_count", timeline="timeline_events"))
            incremental.write_watermark(store, replace(
                mark, events=events, appended=scope.appended + appended))
        steps.begin("")
    finally:
        _drop(store, incremental.SUBSETS + shadows)
    return used, refreshed, again
