"""Leads: the filtered list of people, sorted by priority, fast at a million rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Select, Static

from lead_lens.people import VERDICTS
from lead_lens.ui.data import STAGE_LABELS, LeadFilter
from lead_lens.ui.messages import (
    FilterChanged,
    FilterOptionsLoaded,
    LeadsCounted,
    LeadsPageLoaded,
    OpenLead,
)
from lead_lens.ui.widgets.leads_table import LeadsTable

if TYPE_CHECKING:
    from lead_lens.ui.app import LeadLensApp

SEARCH_DEBOUNCE = 0.15
WARM_OPTIONS = [("warm", True), ("cold", False)]


class LeadsScreen(Screen[None]):
    """Filter by verdict, warm, source and owner; search name, email and company."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search"),
        Binding("f", "focus_filters", "Filters"),
        Binding("x", "clear_filters", "Clear filters"),
        Binding("escape", "focus_table", "Table", show=False),
    ]

    app: LeadLensApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.lead_filter = LeadFilter()
        self.generation = 0
        self.count: int | None = None
        self.last_seconds = 0.0
        self._search_timer: Timer | None = None
        self.ready = False
        self._options: dict[str, list[tuple[str, Any]]] = {
            "#verdict": [(v.replace("_", " "), v) for v in VERDICTS],
            "#warm": list(WARM_OPTIONS),
        }

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            search = Input(placeholder="Search name, email, company  ( / )", id="search")
            search.cursor_blink = self.app.blink
            yield search
            yield Select(self._options["#verdict"], prompt="Any verdict", id="verdict")
            yield Select(self._options["#warm"], prompt="Warm or cold", id="warm")
            yield Select([], prompt="Any source", id="source")
            yield Select([], prompt="Any owner", id="owner")
        yield Static("…", id="leads-status")
        yield LeadsTable(id="leads-table")
        yield Footer()

    def on_mount(self) -> None:
        self.ready = True
        self.apply_filter(self.app.lead_filter)
        self.app.load_filter_options(self)
        self.query_one(LeadsTable).focus()

    # -- the filter -------------------------------------------------------------------------
    def apply_filter(self, lead_filter: LeadFilter) -> None:
        """Show the leads `lead_filter` keeps (widgets follow, the query runs in a worker)."""
        self.lead_filter = lead_filter
        self.generation += 1
        self._sync_widgets()
        self._status("counting…")
        self.app.count_leads(self, lead_filter, self.generation)
        self.post_message(FilterChanged(lead_filter))

    def _sync_widgets(self) -> None:
        f = self.lead_filter
        search = self.query_one("#search", Input)
        if (search.value or None) != (f.search or None):
            search.value = f.search or ""
        self._set_select("#verdict", f.verdict)
        self._set_select("#warm", f.warm)
        self._set_select("#source", f.source)
        self._set_select("#owner", f.owner)

    def _set_select(self, selector: str, value: Any) -> None:
        select = self.query_one(selector, Select)
        if value is None:
            if select.value is not Select.NULL:
                select.clear()
            return
        known = self._options.setdefault(selector, [])
        if value not in [v for _label, v in known]:
            known.append((str(value), value))
            select.set_options(known)
        if select.value != value:
            select.value = value

    def _from_widgets(self) -> LeadFilter:
        def chosen(selector: str) -> Any:
            value = self.query_one(selector, Select).value
            return None if value is Select.NULL else value

        return self.lead_filter.with_(
            search=self.query_one("#search", Input).value.strip() or None,
            verdict=chosen("#verdict"), warm=chosen("#warm"), source=chosen("#source"),
            owner=chosen("#owner"))

    def _widgets_changed(self) -> None:
        updated = self._from_widgets()
        if updated != self.lead_filter:
            self.apply_filter(updated)

    @on(Select.Changed)
    def select_changed(self) -> None:
        self._widgets_changed()

    @on(Input.Changed, "#search")
    def search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, self._widgets_changed)

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._widgets_changed()
        self.query_one(LeadsTable).focus()

    # -- results (messages from the workers) --------------------------------------------------
    @on(LeadsCounted)
    def counted(self, message: LeadsCounted) -> None:
        if message.generation != self.generation:
            return
        self.count, self.last_seconds = message.count, message.seconds
        self.query_one(LeadsTable).reset(message.generation, message.count)
        self._status()

    @on(LeadsPageLoaded)
    def page_loaded(self, message: LeadsPageLoaded) -> None:
        if message.generation == self.generation:
            self.query_one(LeadsTable).add_page(message.generation, message.page, message.rows)

    @on(LeadsTable.PageNeeded)
    def page_needed(self, message: LeadsTable.PageNeeded) -> None:
        if message.generation == self.generation:
            self.app.load_page(self, self.lead_filter, self.generation, message.page)

    @on(FilterOptionsLoaded)
    def options_loaded(self, message: FilterOptionsLoaded) -> None:
        for selector, options, current in (("#source", message.sources, self.lead_filter.source),
                                           ("#owner", message.owners, self.lead_filter.owner)):
            select = self.query_one(selector, Select)
            values = [(f"{value} ({people:,})", value) for value, people in options]
            if current is not None and current not in [v for _l, v in values]:
                values.append((current, current))
            self._options[selector] = values
            select.set_options(values)
            if current is not None:
                select.value = current

    @on(LeadsTable.LeadChosen)
    def lead_chosen(self, message: LeadsTable.LeadChosen) -> None:
        self.post_message(OpenLead(message.person_id))

    def _status(self, note: str = "") -> None:
        f = self.lead_filter
        count = "…" if self.count is None else f"{self.count:,}"
        stage = f" · stage: {STAGE_LABELS.get(f.stage, f.stage)}" if f.stage else ""
        text = note or f"{count} leads · {f.describe()}{stage} · sorted by priority"
        self.query_one("#leads-status", Static).update(text)

    # -- actions ----------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_filters(self) -> None:
        self.query_one("#verdict", Select).focus()

    def action_focus_table(self) -> None:
        self.query_one(LeadsTable).focus()

    def action_clear_filters(self) -> None:
        self.apply_filter(LeadFilter())
