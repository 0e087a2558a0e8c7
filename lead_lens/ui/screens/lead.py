"""Lead: the verdict and its reasons, the unified timeline, the signals and the summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Label, OptionList, Static

from lead_lens.people.verdicts import Explanation
from lead_lens.ui.data import day
from lead_lens.ui.messages import (
    LeadLoaded,
    RawRecordLoaded,
    SummaryChunk,
    SummaryFinished,
    SummaryStarted,
    TaskFailed,
)
from lead_lens.ui.widgets.summary_panel import SummaryPanel
from lead_lens.ui.widgets.timeline_view import TimelineView

if TYPE_CHECKING:
    import polars as pl

    from lead_lens.ui.app import LeadLensApp

OK_VERDICTS = {"black_hole", "recycled", "marketing_owned"}


def header_markup(x: Explanation) -> str:
    """Name, verdict badge, ok-to-market, warm, snooze, priority and the reasons."""
    p = x.profile
    who = escape(p.get("name") or p.get("email") or x.person_id)
    company = f" · {escape(p['company'])}" if p.get("company") else ""
    email = f" · {escape(p['email'])}" if p.get("email") else ""
    badge = "$error" if x.verdict == "black_hole" else (
        "$success" if x.verdict in OK_VERDICTS else "$warning")
    ok = "[$success]OK to market[/]" if x.ok_to_market else "[$error]Do not market[/]"
    warm = "[b $warning]warm[/]" if x.warm else "[dim]cold[/]"
    snooze = f" · snoozed until {day(x.snooze_until)}" if x.snooze_until else ""
    lines = [f"[b]{who}[/b]{company}{email}",
             f"[reverse {badge}] {x.verdict.replace('_', ' ').upper()} [/] {ok} · {warm}"
             f"{snooze} · priority [b]{x.priority}[/b] · as of {x.as_of:%Y-%m-%d}"]
    for reason in x.reasons:
        link = (f" [@click=screen.jump_to_event('{reason.event_ids[0]}')]→ event[/]"
                if reason.event_ids else "")
        lines.append(f"  • [dim]{escape(reason.about)}:[/dim] {escape(reason.text)}{link}")
    return "\n".join(lines)


def signals_markup(signals: pl.DataFrame) -> str:
    if signals.is_empty():
        return "[dim]No signals in this lead's texts.[/dim]"
    lines = []
    for s in signals.iter_rows(named=True):
        when = day(s["ts"])
        extra = f" → {day(s['resolved_date'])}" if s["resolved_date"] else ""
        cue = f" ({escape(s['cue'])})" if s["cue"] else ""
        lines.append(f"[@click=screen.jump_to_event('{s['event_id']}')]{when}[/] "
                     f"[b]{escape(s['signal'].replace('_', ' '))}[/b]{cue}{extra}: "
                     f"[i]{escape(s['sentence'] or '')}[/i]")
    return "\n".join(lines)


class LeadScreen(Screen[None]):
    """One person; Esc goes back to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("s", "summarize(False)", "Summarize"),
        Binding("S", "summarize(True)", "Rewrite summary", show=False),
        Binding("r", "raw", "Raw record"),
        Binding("c", "next_citation", "Next citation"),
        Binding("ctrl+x", "cancel_summary", "Stop summary", show=False),
    ]

    app: LeadLensApp  # type: ignore[assignment]

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id
        self.explanation: Explanation | None = None
        self.citation_index = -1

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="lead-header")
        with Horizontal(id="lead-body"):
            with Vertical(id="lead-left"):
                yield Label("Timeline  [dim](Enter: full text · r: raw record)[/dim]",
                            classes="section-title")
                yield TimelineView(id="timeline")
            with Vertical(id="lead-right"):
                yield Label("Signals", classes="section-title")
                with VerticalScroll(id="signals-box"):
                    yield Static("…", id="signals")
                yield Label("Summary  [dim](s)[/dim]", classes="section-title")
                yield SummaryPanel(id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.app.load_lead(self, self.person_id)
        self.query_one(TimelineView).focus()

    @on(LeadLoaded)
    def loaded(self, message: LeadLoaded) -> None:
        x = self.explanation = message.explanation
        self.sub_title = x.profile.get("name") or x.person_id
        self.query_one("#lead-header", Static).update(Content.from_markup(header_markup(x)))
        self.query_one("#signals", Static).update(Content.from_markup(signals_markup(x.signals)))
        self.query_one(TimelineView).set_events(message.timeline)

    @on(OptionList.OptionSelected, "#timeline")
    def toggle_event(self) -> None:
        self.query_one(TimelineView).toggle_expanded()

    def action_jump_to_event(self, event_id: str) -> None:
        timeline = self.query_one(TimelineView)
        if timeline.jump_to(event_id):
            timeline.focus()
        else:
            self.notify("That event is no longer in the timeline.", severity="warning")

    def action_back(self) -> None:
        self.app.pop_screen()

    # -- summary ------------------------------------------------------------------------------
    def action_summarize(self, refresh: bool) -> None:
        self.app.summarize(self, self.person_id, refresh)

    def action_cancel_summary(self) -> None:
        self.app.workers.cancel_group(self.app, "llm")
        self.query_one(SummaryPanel).fail("stopped.")

    @on(SummaryStarted)
    def summary_started(self) -> None:
        self.query_one(SummaryPanel).start()

    @on(SummaryChunk)
    def summary_chunk(self, message: SummaryChunk) -> None:
        if message.person_id == self.person_id:
            self.query_one(SummaryPanel).append(message.text)

    @on(SummaryFinished)
    def summary_finished(self, message: SummaryFinished) -> None:
        if message.person_id != self.person_id:
            return
        note = "From the cache." if message.from_cache else ""
        if message.stale:
            note = "From the cache, written before the latest data: S rewrites it."
        self.query_one(SummaryPanel).finish(message.sections, message.citations, note)
        self.citation_index = -1

    @on(TaskFailed)
    def task_failed(self, message: TaskFailed) -> None:
        if message.task == "summary":
            message.stop()
            self.query_one(SummaryPanel).fail(message.error)

    def action_next_citation(self) -> None:
        citations = self.query_one(SummaryPanel).citations
        if not citations:
            self.notify("No citations yet: press s to summarize.")
            return
        self.citation_index = (self.citation_index + 1) % len(citations)
        self.action_jump_to_event(citations[self.citation_index][1])

    # -- raw record ----------------------------------------------------------------------------
    def action_raw(self) -> None:
        event = self.query_one(TimelineView).current
        if event is not None:
            self.app.load_raw_record(self, event.event_id, event.row.get("import_id"),
                                     event.row.get("raw_line"))

    @on(RawRecordLoaded)
    def raw_loaded(self, message: RawRecordLoaded) -> None:
        self.app.push_screen(RawRecordScreen(message.event_id, message.record))


class RawRecordScreen(ModalScreen[None]):
    """The verbatim row an event was imported from."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,r,q", "dismiss", "Close")]

    def __init__(self, event_id: str, record: dict[str, Any] | None) -> None:
        super().__init__()
        self.event_id = event_id
        self.record = record

    def compose(self) -> ComposeResult:
        with Vertical(id="raw-dialog"):
            yield Label(f"Raw record of event {self.event_id}  [dim](Esc closes)[/dim]",
                        classes="section-title")
            if self.record is None:
                yield Static("The raw row is not in the store (imported before raw copies "
                             "were kept, or derived).")
            else:
                table: DataTable[str] = DataTable(id="raw-table", cursor_type="row")
                table.add_columns("Column", "Value")
                for key, value in self.record.items():
                    table.add_row(str(key), "" if value is None else str(value)[:500])
                yield table
