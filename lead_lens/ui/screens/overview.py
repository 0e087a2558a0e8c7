"""Overview: the funnel, the black hole and who in it is warm, leakage by source and owner."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static, TabbedContent, TabPane

from lead_lens.ui.data import FUNNEL_STAGES, STAGE_LABELS, LeadFilter, Overview
from lead_lens.ui.messages import DrillDown, OverviewLoaded
from lead_lens.ui.widgets.charts import BarChart, BarItem, TrendChart

if TYPE_CHECKING:
    import polars as pl

    from lead_lens.ui.app import LeadLensApp

VERDICT_ORDER = ("black_hole", "recycled", "marketing_owned", "snoozed", "sales_active",
                 "customer", "do_not_contact")
LEAKAGE_COLUMNS = (("group", "Group"), ("handed_off", "Handed off"),
                   ("median_hours_to_first_touch", "Median h to touch"),
                   ("never_touched", "Never touched"), ("black_hole", "Black hole"),
                   ("leaked_share", "Leaked"), ("warm_black_hole", "Warm in black hole"))


class OverviewScreen(Screen[None]):
    """Every figure drills into the lead list filtered to it (Enter or click)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "drill('black_hole')", "Black hole"),
        Binding("w", "drill('warm_black_hole')", "Warm black hole"),
        Binding("r", "reload", "Reload"),
    ]

    app: LeadLensApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.figures: Overview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="kpis"):
            yield Static("…", id="kpi-leads", classes="kpi")
            yield Static("…", id="kpi-black-hole", classes="kpi")
            yield Static("…", id="kpi-warm", classes="kpi")
            yield Static("…", id="kpi-ok", classes="kpi")
        with Horizontal(id="overview-body"):
            with Vertical(id="overview-left"):
                yield Label("Funnel", classes="section-title")
                yield BarChart(id="funnel")
                yield Label("Verdicts", classes="section-title")
                yield BarChart(id="verdicts", label_width=16)
            with Vertical(id="overview-right"):
                yield Label("Handoffs vs. black-hole entries by week", classes="section-title")
                yield TrendChart(id="trend")
                with TabbedContent(id="leakage"):
                    with TabPane("Leakage by source", id="by-source"):
                        yield DataTable(id="leakage-source", cursor_type="row")
                    with TabPane("Leakage by owner", id="by-owner"):
                        yield DataTable(id="leakage-owner", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        for table_id in ("#leakage-source", "#leakage-owner"):
            table = self.query_one(table_id, DataTable)
            for key, label in LEAKAGE_COLUMNS:
                table.add_column(label, key=key)
        self.action_reload()

    def action_reload(self) -> None:
        self.app.load_overview(self)

    @on(OverviewLoaded)
    def show(self, message: OverviewLoaded) -> None:
        figures = self.figures = message.overview
        as_of = f"{figures.as_of:%Y-%m-%d %H:%M} UTC" if figures.as_of else "no data"
        self.sub_title = f"as of {as_of}"
        kpi = self.query_one
        kpi("#kpi-leads", Static).update(self._kpi("Leads", figures.people, "", "leads"))
        kpi("#kpi-black-hole", Static).update(self._kpi(
            "Black hole", figures.black_hole, "handed off, then forgotten", "black_hole"))
        kpi("#kpi-warm", Static).update(self._kpi(
            "Warm in the black hole", figures.warm_black_hole,
            f"{figures.warm_share:.0%} still engaging", "warm_black_hole"))
        kpi("#kpi-ok", Static).update(self._kpi(
            "OK to market", figures.ok_to_market, "may be marketed now", "ok"))
        counts = {r["verdict"]: (r["people"], r["warm"])
                  for r in figures.verdicts.iter_rows(named=True)}
        self.query_one("#verdicts", BarChart).set_items([
            BarItem(v, v.replace("_", " "), int(counts[v][0]), f"{int(counts[v][1])} warm")
            for v in VERDICT_ORDER if v in counts])
        if not figures.complete:
            return
        self.app.prepare_leads_index()
        self.query_one("#funnel", BarChart).set_items([
            BarItem(stage, STAGE_LABELS[stage], figures.funnel[stage],
                    _share(figures.funnel[stage], figures.funnel["leads"]))
            for stage in FUNNEL_STAGES])
        trend = figures.trend
        self.query_one(TrendChart).set_series(trend["week"].to_list(),
                                              trend["handoffs"].to_list(),
                                              trend["black_hole"].to_list())
        self._fill(self.query_one("#leakage-source", DataTable), figures.leakage_by_source)
        self._fill(self.query_one("#leakage-owner", DataTable), figures.leakage_by_owner)

    @staticmethod
    def _kpi(title: str, value: int, note: str, drill: str) -> Content:
        return Content.from_markup(
            f"[dim]{title}[/dim]\n[b][@click=screen.drill('{drill}')]{value:,}[/][/b]"
            + (f"\n[dim]{note}[/dim]" if note else ""))

    @staticmethod
    def _fill(table: DataTable, frame: pl.DataFrame) -> None:
        table.clear()
        for row in frame.iter_rows(named=True):
            cells = [row[key] for key, _label in LEAKAGE_COLUMNS]
            cells[2] = "" if cells[2] is None else f"{cells[2]:.1f}"
            cells[5] = f"{cells[5]:.0%}"
            table.add_row(*cells, key=str(row["group"]))

    def action_drill(self, what: str) -> None:
        filters = {
            "leads": LeadFilter(),
            "black_hole": LeadFilter(verdict="black_hole"),
            "warm_black_hole": LeadFilter(verdict="black_hole", warm=True),
            "ok": LeadFilter(ok_to_market=True),
        }
        self.post_message(DrillDown(filters.get(what, LeadFilter())))

    @on(BarChart.Chosen, "#funnel")
    def drill_stage(self, message: BarChart.Chosen) -> None:
        self.post_message(DrillDown(LeadFilter(stage=None if message.key == "leads"
                                               else message.key)))

    @on(BarChart.Chosen, "#verdicts")
    def drill_verdict(self, message: BarChart.Chosen) -> None:
        self.post_message(DrillDown(LeadFilter(verdict=message.key)))

    @on(DataTable.RowSelected)
    def drill_leakage(self, message: DataTable.RowSelected) -> None:
        group = str(message.row_key.value)
        if group == "(none)":
            self.notify("Those leads have no value here to filter on.", severity="warning")
            return
        by_owner = message.data_table.id == "leakage-owner"
        self.post_message(DrillDown(LeadFilter(
            verdict="black_hole", owner=group if by_owner else None,
            source=None if by_owner else group)))


def _share(value: int, total: int) -> str:
    return f"{value / total:.0%}" if total else ""
