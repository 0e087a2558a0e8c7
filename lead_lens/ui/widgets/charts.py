"""Charts drawn with Unicode blocks: clickable horizontal bars and a weekly two-series trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

EIGHTHS = " ▏▎▍▌▋▊▉█"
LEVELS = " ▁▂▃▄▅▆▇█"


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of `width` cells for value/maximum, in eighth-cell steps."""
    if maximum <= 0 or width <= 0:
        return ""
    eighths = round(value / maximum * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[part] if part else ""))[:width]


@dataclass(frozen=True)
class BarItem:
    key: str
    label: str
    value: int
    note: str = ""


class BarChart(Widget, can_focus=True):
    """One labelled bar per item; Enter or a click chooses the item (to drill down)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("enter", "choose", "Drill down"),
    ]
    DEFAULT_CSS = """
    BarChart { height: auto; padding: 0 1; }
    """
    cursor: reactive[int] = reactive(0)

    @dataclass
    class Chosen(Message):
        chart: BarChart
        key: str

        @property
        def control(self) -> BarChart:
            return self.chart

    def __init__(self, items: list[BarItem] | None = None, *, id: str | None = None,  # noqa: A002
                 label_width: int = 14) -> None:
        super().__init__(id=id)
        self.items = items or []
        self.label_width = label_width

    def set_items(self, items: list[BarItem]) -> None:
        self.items = items
        self.cursor = min(self.cursor, max(len(items) - 1, 0))
        self.refresh(layout=True)

    def get_content_height(self, *_args: object) -> int:
        return max(len(self.items), 1)

    def render(self) -> Content:
        if not self.items:
            return Content.styled("…", "dim")
        width = max(self.content_size.width - self.label_width - 22, 4)
        top = max(item.value for item in self.items)
        parts: list[str | tuple[str, str]] = []
        for i, item in enumerate(self.items):
            selected = self.has_focus and i == self.cursor
            label = item.label.ljust(self.label_width)[: self.label_width]
            parts.append((label, "reverse") if selected else label)
            parts.append(" ")
            parts.append((bar(item.value, top, width).ljust(width), "$accent"))
            parts.append((f" {item.value:>9,}", "bold"))
            if item.note:
                parts.append((f" {item.note}", "dim"))
            if i < len(self.items) - 1:
                parts.append("\n")
        return Content.assemble(*parts)

    def action_move(self, delta: int) -> None:
        if self.items:
            self.cursor = max(0, min(self.cursor + delta, len(self.items) - 1))

    def action_choose(self) -> None:
        if self.items:
            self.post_message(self.Chosen(self, self.items[self.cursor].key))

    def on_click(self, event: events.Click) -> None:
        if 0 <= event.y < len(self.items):
            self.cursor = event.y
            self.action_choose()


class TrendChart(Widget):
    """Two weekly series as columns of blocks: handoffs and black-hole entries."""

    DEFAULT_CSS = """
    TrendChart { height: 10; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.weeks: list[date] = []
        self.handoffs: list[int] = []
        self.black_hole: list[int] = []

    def set_series(self, weeks: list[date], handoffs: list[int], black_hole: list[int]) -> None:
        self.weeks, self.handoffs, self.black_hole = weeks, handoffs, black_hole
        self.refresh()

    def render(self) -> Content:
        if not self.weeks:
            return Content.styled("…", "dim")
        rows = max(self.content_size.height - 2, 2)
        fits = max((self.content_size.width - 6) // 3, 1)
        weeks, handoffs, lost_weeks = (self.weeks[-fits:], self.handoffs[-fits:],
                                       self.black_hole[-fits:])
        top = max([*handoffs, *lost_weeks, 1])
        parts: list[str | tuple[str, str]] = []
        for level in range(rows, 0, -1):
            axis = f"{top * level // rows:>5} " if level in (rows, 1) else "      "
            parts.append((axis, "dim"))
            for handed, lost in zip(handoffs, lost_weeks, strict=True):
                parts.append((self._cell(handed, top, rows, level), "$accent"))
                parts.append((self._cell(lost, top, rows, level), "$error"))
                parts.append(" ")
            parts.append("\n")
        first, last = weeks[0], weeks[-1]
        parts.append((f"      {first:%Y-%m-%d}".ljust(max(6 + 3 * len(weeks) - 10, 17)), "dim"))
        parts.append((f"{last:%Y-%m-%d}\n", "dim"))
        parts += [("      ■ ", "$accent"), "handed off   ", ("■ ", "$error"),
                  "entered the black hole (per week)"]
        return Content.assemble(*parts)

    @staticmethod
    def _cell(value: int, top: int, rows: int, level: int) -> str:
        height = value / top * rows
        if height >= level:
            return "█"
        if height > level - 1:
            return LEVELS[round((height - level + 1) * 8)]
        return " "
