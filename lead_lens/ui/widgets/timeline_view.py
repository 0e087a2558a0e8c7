"""One person's unified timeline: a colour and label per system, an icon per kind, and the full
text of an event on demand (Enter)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

SYSTEMS: dict[str, tuple[str, str]] = {
    "salesforce": ("Salesforce", "#1b96ff"),
    "hubspot": ("HubSpot", "#ff7a59"),
    "outreach": ("Outreach", "#7b68ee"),
    "salesloft": ("Salesloft", "#2e9e5b"),
    "gong": ("Gong", "#b05cff"),
    "marketo": ("Marketo", "#9b7fd1"),
    "ga4": ("GA4", "#e8a300"),
    "segment": ("Segment", "#3fb68e"),
}
KIND_ICONS: dict[str, str] = {
    "sales_email": "✉", "marketing_email": "✉", "email_delivered": "✉", "email_open": "○",
    "email_click": "➚", "email_status_change": "↻", "reply": "↩", "sales_call": "☎",
    "meeting_held": "◷", "meeting_scheduled": "◷", "meeting_booked": "◷", "web_visit": "◎",
    "web_other": "·", "form_submit": "✎", "content_download": "⇩", "campaign_added": "⚑",
    "campaign_response": "⚑", "mql": "★", "status_change": "↻", "owner_change": "⇄",
    "converted": "⇒", "sequence_enrolled": "▶", "sequence_finished": "■", "sequence_state": "▷",
    "opt_out": "✖", "bounce": "✖", "opportunity_opened": "$", "opportunity_closed": "$",
    "note": "✎",
}
FAMILY_STYLES = {"sales_touch": "$primary", "marketing_touch": "$secondary",
                 "engagement": "$success", "state": "$warning"}


@dataclass(frozen=True)
class Event:
    event_id: str
    row: dict[str, Any]


def event_line(row: dict[str, Any]) -> Content:
    """'2025-02-09 ◎ GA4        web visit      Visited Pricing'."""
    label, colour = SYSTEMS.get(row["system"], (row["system"] or "?", "$foreground"))
    when = f"{row['ts']:%Y-%m-%d}" if row["ts"] else "undated   "
    kind = (row["kind"] or "").replace("_", " ")
    icon = KIND_ICONS.get(row["kind"], "•")
    title = (row["title"] or "").replace("\n", " ")
    actor = f" ({row['actor']})" if row.get("actor") else ""
    return Content.assemble(
        (when, "dim"), " ", (icon, FAMILY_STYLES.get(row["family"], "")), " ",
        (f"{label:<10}", f"bold {colour}"), " ", (f"{kind[:14]:<14}", "italic"), " ", title + actor)


def event_detail(row: dict[str, Any]) -> Content:
    """The event line with its full text underneath."""
    body = (row.get("body") or "").strip() or "(no text)"
    source = f"{row.get('source_table') or '?'} {row.get('source_key') or ''}".strip()
    return Content.assemble(event_line(row), "\n", (body, ""), "\n",
                            (f"source: {source} · import {row.get('import_id')} "
                             f"line {row.get('raw_line')} · r shows the raw record", "dim"))


class TimelineView(OptionList):
    """The events, oldest first; Enter toggles an event's full text."""

    DEFAULT_CSS = """
    TimelineView { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.events: list[Event] = []
        self.expanded: set[str] = set()

    def set_events(self, frame: pl.DataFrame) -> None:
        self.events = [Event(r["event_id"], r) for r in frame.iter_rows(named=True)]
        self.expanded.clear()
        self.clear_options()
        self.add_options([Option(event_line(e.row), id=e.event_id) for e in self.events])
        if self.events:
            self.highlighted = len(self.events) - 1

    @property
    def current(self) -> Event | None:
        index = self.highlighted
        return self.events[index] if index is not None and index < len(self.events) else None

    def toggle_expanded(self) -> None:
        event = self.current
        if event is None or self.highlighted is None:
            return
        if event.event_id in self.expanded:
            self.expanded.discard(event.event_id)
            prompt = event_line(event.row)
        else:
            self.expanded.add(event.event_id)
            prompt = event_detail(event.row)
        self.replace_option_prompt_at_index(self.highlighted, prompt)

    def jump_to(self, event_id: str) -> bool:
        """Highlight the event (a citation's target); False when it is not in this timeline."""
        for index, event in enumerate(self.events):
            if event.event_id == event_id:
                self.highlighted = index
                self.scroll_to_highlight(top=True)
                return True
        return False
