"""Text signals (spec section 5) for the timeline: choose the texts, scan only what changed.

The rules themselves live in lead_lens.signals (`scan_texts`); this module feeds them inbound
text only (see the signal_texts block) and caches results by event and text hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa

from lead_lens.store import Store


class SignalLike(Protocol):
    signal: str
    cue: str | None
    sentence: str | None
    resolved_date: date | None


TextRow = tuple[str, str, datetime, str]
Scanner = Callable[[Iterable[TextRow]], list[tuple[str, Any]]]


def default_scanner() -> tuple[Scanner | None, str]:
    """lead_lens.signals.scan_texts and a version that changes when its rules change."""
    try:
        import lead_lens.signals as signals_package
        from lead_lens.signals import scan_texts
    except ImportError:
        return None, ""
    digest = hashlib.md5(usedforsecurity=False)
    for path in sorted(Path(signals_package.__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return scan_texts, "signals-" + digest.hexdigest()[:12]


@dataclass
class SignalRefresh:
    scanned: int  # texts scanned
    caches_changed: bool  # whether signal_cache or signal_scans changed


def refresh_signals(store: Store, scanner: Scanner | None, version: str, *,
                    forget_stale: bool = True) -> SignalRefresh:
    """Rescan new or changed texts, then rebuild the signals table.

    `forget_stale=False` when the texts are only some people's (an incremental rebuild): the
    caches' entries for everyone else's texts stay, and stale ones never match a text's hash.
    """
    store.script("signal_texts")
    params = {"scanner_version": version}
    forgotten = 0
    if forget_stale:
        forgotten = store.changed("signal_cache_forget_stale", params)
        forgotten += store.changed("signal_scans_forget_stale", params)
    scanned = 0
    if scanner is not None:
        todo = store.rows("signal_texts_to_scan", params)
        scanned = len(todo)
        if todo:
            hashes = {row[0]: row[4] for row in todo}
            hits = scanner((event_id, text, ts, kind) for event_id, text, ts, kind, _ in todo)
            _store_hits(store, hits, hashes)
            scanned_rows = pa.table({"event_id": list(hashes),
                                     "text_hash": list(hashes.values())})
            with _registered(store, "ll_scanned_texts", scanned_rows):
                store.execute("signal_scans_add", {"scanner_version": version},
                              scanned="ll_scanned_texts")
    store.script("signals_build")
    return SignalRefresh(scanned, caches_changed=bool(forgotten or scanned))


def _store_hits(store: Store, hits: list[tuple[str, Any]], hashes: dict[str, str]) -> None:
    kept = [(event_id, sig) for event_id, sig in hits if event_id in hashes]
    if not kept:
        return
    rows = pa.table({
        "event_id": [e for e, _ in kept],
        "text_hash": [hashes[e] for e, _ in kept],
        "signal": [s.signal for _, s in kept],
        "cue": pa.array([getattr(s, "cue", None) for _, s in kept], pa.string()),
        "sentence": pa.array([getattr(s, "sentence", None) for _, s in kept], pa.string()),
        "resolved_date": pa.array(
            [_as_date(getattr(s, "resolved_date", None)) for _, s in kept], pa.date32()),
    })
    with _registered(store, "ll_signal_hits", rows):
        store.execute("signal_cache_add_hits", hits="ll_signal_hits")


@contextmanager
def _registered(store: Store, name: str, table: pa.Table) -> Iterator[None]:
    """An Arrow table visible to SQL under `name` for the duration of the block."""
    store.con.register(name, table)
    try:
        yield
    finally:
        store.con.unregister(name)


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None
