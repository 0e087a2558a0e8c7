"""Run every text rule over one message, or over millions of them.

Speed matters (the caller scans every reply, note and transcript in the store), so every
stage starts with plain substring tests and runs its regexes only when they pass: the quote
stripper looks for quote hints, the footer filter for footer words, and each rule for its
own keywords (opt-out verbs, time words, cue words) before its patterns.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from lead_lens.signals import cues, followup, optout
from lead_lens.signals.clean import normalize, split_sentences, strip_quoted
from lead_lens.signals.model import ABOUT_LEAD_KINDS, FOLLOW_UP, OPT_OUT, READ_KINDS, Signal


def _phrase(sentence: str, lowered: str, start: int, end: int) -> str:
    """The period phrase as the author wrote it (lower-case if casing shifted offsets)."""
    source = sentence if len(sentence) == len(lowered) else lowered
    return source[start:end].strip(" .,;")


def find_signals(text: str, written_at: dt.datetime, *,
                 source_kind: str) -> list[Signal]:
    """Every signal in `text`, in sentence order.

    `written_at` is the message's own timestamp (naive UTC, as in the store); follow-up
    dates resolve relative to its date. Only lead-authored or about-the-lead kinds are read
    (READ_KINDS); our own outbound ('sales_email', 'marketing_email', ...) and unknown kinds
    give [].
    """
    if source_kind not in READ_KINDS or not text:
        return []
    about_lead = source_kind in ABOUT_LEAD_KINDS
    written = written_at.date()
    found: list[Signal] = []
    seen: set[tuple[str, str | None, str]] = set()
    for sentence in split_sentences(strip_quoted(normalize(text))):
        lowered = sentence.lower()
        hits: list[Signal] = []
        if optout.is_opt_out(lowered, about_lead=about_lead):
            hits.append(Signal(OPT_OUT, None, sentence))
        period = followup.find_follow_up(lowered, written)
        if period is not None:
            hits.append(Signal(FOLLOW_UP, _phrase(sentence, lowered, period.start, period.end),
                               sentence, period.date))
        hits.extend(Signal(kind, cue, sentence) for kind, cue in cues.find_cues(lowered))
        for hit in hits:
            key = (hit.signal, hit.cue, hit.sentence)
            if key not in seen:  # a message that repeats itself reports once
                seen.add(key)
                found.append(hit)
    return found


# Below this many texts a process pool costs more (spawning, pickling) than it saves.
PARALLEL_MIN_TEXTS = 20_000


def scan_texts(rows: Iterable[tuple[str, str, dt.datetime, str]]) -> list[tuple[str, Signal]]:
    """(event_id, signal) for every signal in rows of (event_id, text, written_at, kind).

    A large batch (the first scan of a big store) is split over one process per CPU: the rules
    are pure Python, so threads would share one core. Results keep the rows' order.
    """
    # Inline the cheap rejections: most rows never reach find_signals' body.
    readable = [row for row in rows if row[3] in READ_KINDS and row[1]]
    workers = _cpu_count()
    if workers < 2 or len(readable) < PARALLEL_MIN_TEXTS:
        return _scan(readable)
    size = -(-len(readable) // (workers * 4))  # a few chunks per worker evens out long texts
    chunks = [readable[i:i + size] for i in range(0, len(readable), size)]
    try:
        # 'spawn': forking a process that holds DuckDB (and model) threads is unsafe.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return [hit for part in pool.map(_scan, chunks) for hit in part]
    except (OSError, RuntimeError, BrokenProcessPool):  # no worker processes here: scan in this one
        return _scan(readable)


def _scan(rows: list[tuple[str, str, dt.datetime, str]]) -> list[tuple[str, Signal]]:
    return [(event_id, signal) for event_id, text, written_at, source_kind in rows
            for signal in find_signals(text, written_at, source_kind=source_kind)]


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
