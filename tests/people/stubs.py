"""A small stand-in for lead_lens.signals.scan_texts, so these tests pin the people core only."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}


@dataclass(frozen=True)
class StubSignal:
    signal: str
    cue: str | None
    sentence: str
    resolved_date: date | None = None


class StubScanner:
    """Flags 'unsubscribe'/'stop emailing' (deliberately naive: it would fire on a footer) and
    'reach out in <month>'; records which events it was asked to read."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, rows: Iterable[tuple[str, str, datetime, str]]
                 ) -> list[tuple[str, StubSignal]]:
        hits: list[tuple[str, StubSignal]] = []
        for event_id, text, written_at, _kind in rows:
            self.seen.append(event_id)
            low = text.lower()
            if "unsubscribe" in low or "stop emailing" in low:
                hits.append((event_id, StubSignal("opt_out_request", None, text.strip())))
            match = re.search(r"reach out in (\w+)", low)
            if match and match.group(1) in MONTHS:
                month = MONTHS[match.group(1)]
                year = written_at.year + (1 if month <= written_at.month else 0)
                hits.append((event_id, StubSignal("follow_up_request", "timing", text.strip(),
                                                  date(year, month, 1))))
        return hits
