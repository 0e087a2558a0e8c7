"""A virtual leads table on the Line API: renders only the visible rows, from a page cache.

The table never holds the whole list. It knows the row count, asks its screen for the pages it
needs (PageNeeded), and draws rows from the pages that have arrived; rows still loading show as
dots. So a million-row list costs the same to show as a hundred-row one.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, ClassVar

import polars as pl
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from lead_lens.ui.data import PAGE_SIZE, day

MAX_PAGES = 64

# (key, label, width or 0 for a share of the rest, right-aligned)
COLUMNS: tuple[tuple[str, str, int, bool], ...] = (
    ("name", "Name", 0, False),
    ("company", "Company", 0, False),
    ("verdict", "Verdict", 16, False),
    ("warm", "Warm", 5, False),
    ("snooze", "Snooze until", 12, False),
    ("days", "Days since sales", 16, True),
    ("engaged", "Last engagement", 15, False),
    ("priority", "Priority", 8, True),
)
VERDICT_CLASSES = {
    "black_hole": "leads-table--black-hole", "recycled": "leads-table--ok",
    "marketing_owned": "leads-table--ok", "do_not_contact": "leads-table--stop",
}


@dataclass(frozen=True)
class TableRow:
    person_id: str
    cells: tuple[str, ...]
    verdict: str
    warm: bool


def table_rows(frame: pl.DataFrame) -> list[TableRow]:
    """Formatted cells of one page of ui_leads_page rows."""
    rows = []
    for r in frame.iter_rows(named=True):
        days = r["days_since_sales_touch"]
        cells = (r["name"] or r["email"] or r["person_id"], r["company"] or "",
                 r["verdict"].replace("_", " "), "warm" if r["warm"] else "",
                 day(r["snooze_until"]), "" if days is None else str(days),
                 day(r["last_engagement_at"]), str(r["priority"]))
        rows.append(TableRow(r["person_id"], cells, r["verdict"], bool(r["warm"])))
    return rows


class LeadsTable(Widget, can_focus=True):
    """Rows of the filtered leads list; Enter or a second click opens the lead."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "Top", show=False),
        Binding("end", "jump(-1)", "Bottom", show=False),
        Binding("enter", "choose", "Open lead"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "leads-table--header", "leads-table--cursor", "leads-table--loading",
        "leads-table--black-hole", "leads-table--ok", "leads-table--stop", "leads-table--warm",
    }
    DEFAULT_CSS = """
    LeadsTable { height: 1fr; }
    LeadsTable > .leads-table--header { text-style: bold; background: $panel; }
    LeadsTable > .leads-table--cursor { background: $accent 40%; }
    LeadsTable:focus > .leads-table--cursor { background: $accent; color: $text; }
    LeadsTable > .leads-table--loading { color: $text-muted; }
    LeadsTable > .leads-table--black-hole { color: $error; }
    LeadsTable > .leads-table--ok { color: $success; }
    LeadsTable > .leads-table--stop { color: $text-muted; }
    LeadsTable > .leads-table--warm { color: $warning; text-style: bold; }
    """

    cursor_row: reactive[int] = reactive(0)

    @dataclass
    class PageNeeded(Message):
        generation: int
        page: int

    @dataclass
    class LeadChosen(Message):
        person_id: str

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.generation = 0
        self.row_count = 0
        self.top = 0
        self.pages: OrderedDict[int, list[TableRow]] = OrderedDict()
        self.pending: set[int] = set()

    # -- data in (attributes down) --------------------------------------------------------
    def reset(self, generation: int, row_count: int) -> None:
        """A new filter: forget every page, keep the first if it already came."""
        if generation != self.generation:
            self.pages.clear()
            self.pending.clear()
        self.generation = generation
        self.row_count = row_count
        self.top = 0
        self.cursor_row = 0
        self.refresh()

    def add_page(self, generation: int, page: int, frame: pl.DataFrame) -> None:
        if generation != self.generation:
            if generation < self.generation:
                return
            self.generation = generation
            self.pages.clear()
            self.pending.clear()
        self.pending.discard(page)
        self.pages[page] = table_rows(frame)
        while len(self.pages) > MAX_PAGES:
            self.pages.popitem(last=False)
        self.refresh()

    def row_at(self, index: int) -> TableRow | None:
        page, offset = divmod(index, PAGE_SIZE)
        rows = self.pages.get(page)
        if rows is None or offset >= len(rows):
            return None
        return rows[offset]

    @property
    def selected(self) -> TableRow | None:
        return self.row_at(self.cursor_row) if self.row_count else None

    # -- layout ---------------------------------------------------------------------------
    @property
    def body_height(self) -> int:
        return max(self.size.height - 1, 1)

    def column_widths(self) -> list[int]:
        fixed = sum(w + 1 for _k, _l, w, _r in COLUMNS if w)
        flexible = [c for c in COLUMNS if not c[2]]
        # The vertical scrollbar takes columns of the widget: lay out within what is left.
        rest = max(self.scrollable_content_region.width - fixed - len(flexible),
                   10 * len(flexible))
        share = rest // len(flexible)
        return [w or share for _k, _l, w, _r in COLUMNS]

    def _cells(self, cells: tuple[str, ...], widths: list[int]) -> list[str]:
        out = []
        for (_k, _l, _w, right), text, width in zip(COLUMNS, cells, widths, strict=True):
            clipped = text if len(text) <= width else text[: max(width - 1, 0)] + "…"
            out.append(clipped.rjust(width) if right else clipped.ljust(width))
        return out

    def render_line(self, y: int) -> Strip:
        widths = self.column_widths()
        width = self.scrollable_content_region.width
        if y == 0:
            header = " ".join(self._cells(tuple(c[1] for c in COLUMNS), widths))
            style = self.get_component_rich_style("leads-table--header")
            return Strip([Segment(header.ljust(width)[:width], style)]).simplify()
        index = self.top + y - 1
        if index >= self.row_count:
            return Strip.blank(width, self.rich_style)
        row = self.row_at(index)
        if row is None:
            self._need(index // PAGE_SIZE)
            style = self.get_component_rich_style("leads-table--loading")
            return Strip([Segment("…".ljust(width), style)])
        base = self.rich_style
        if index == self.cursor_row:
            base = base + self.get_component_rich_style("leads-table--cursor")
        segments: list[Segment] = []
        for i, text in enumerate(self._cells(row.cells, widths)):
            style: Style = base
            if i == 2 and row.verdict in VERDICT_CLASSES and index != self.cursor_row:
                style = base + self.get_component_rich_style(VERDICT_CLASSES[row.verdict])
            if i == 3 and row.warm:
                style = base + self.get_component_rich_style("leads-table--warm")
            segments.append(Segment(text, style))
            segments.append(Segment(" ", base))
        used = sum(len(s.text) for s in segments)
        segments.append(Segment(" " * max(width - used, 0), base))
        return Strip(segments).crop(0, width)

    def _need(self, page: int) -> None:
        if page not in self.pending and page not in self.pages:
            self.pending.add(page)
            self.post_message(self.PageNeeded(self.generation, page))

    # -- cursor and scrolling ---------------------------------------------------------------
    def watch_cursor_row(self, row: int) -> None:
        if row < self.top:
            self.top = row
        elif row >= self.top + self.body_height:
            self.top = row - self.body_height + 1
        self.refresh()

    def _set_cursor(self, row: int) -> None:
        if self.row_count:
            self.cursor_row = max(0, min(row, self.row_count - 1))

    def action_move(self, delta: int) -> None:
        self._set_cursor(self.cursor_row + delta)

    def action_page(self, direction: int) -> None:
        self._set_cursor(self.cursor_row + direction * self.body_height)

    def action_jump(self, row: int) -> None:
        self._set_cursor(row if row >= 0 else self.row_count - 1)

    def action_choose(self) -> None:
        row = self.selected
        if row is not None:
            self.post_message(self.LeadChosen(row.person_id))

    def _scroll(self, delta: int) -> None:
        limit = max(self.row_count - self.body_height, 0)
        self.top = max(0, min(self.top + delta, limit))
        self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll(-3)

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        index = self.top + event.y - 1
        if index >= self.row_count:
            return
        if index == self.cursor_row or event.chain > 1:
            self.cursor_row = index
            self.action_choose()
        else:
            self.cursor_row = index

    def on_resize(self, _event: events.Resize) -> None:
        self.refresh()

    def get_content_height(self, *_args: Any) -> int:
        return self.row_count + 1
