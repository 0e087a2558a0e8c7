"""Export: the current filtered list as an import file for HubSpot, Marketo or Salesforce."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Static,
)

from lead_lens.ui.messages import ExportFinished, TaskFailed

if TYPE_CHECKING:
    from lead_lens.ui.app import LeadLensApp

TARGETS = (("hubspot", "HubSpot"), ("marketo", "Marketo"), ("salesforce", "Salesforce"))


class ExportScreen(Screen[None]):
    """What the leads screen shows now, written with the target tool's column names."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "export", "Export")]

    app: LeadLensApp  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="export-body"):
            yield Static("", id="export-filter")
            yield Label("Target", classes="section-title")
            with RadioSet(id="export-target"):
                for i, (_key, label) in enumerate(TARGETS):
                    yield RadioButton(label, value=i == 0)
            yield Checkbox("Only leads marketing may contact (black hole, recycled, marketing "
                           "owned)", value=True, id="export-ok-only")
            yield Label("Write to", classes="section-title")
            with Horizontal(id="export-controls"):
                out = Input(value=str(self.app.export_dir / "lead-lens-hubspot.csv"),
                            id="export-path")
                out.cursor_blink = self.app.blink
                yield out
                yield Button("Export", id="export-start", variant="primary")
            yield Static("", id="export-result")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.query_one("#export-filter", Static).update(
            f"Exports the leads list as it is filtered now: {self.app.lead_filter.describe()}. "
            "People without an email are left out (an import needs one).")

    @property
    def target(self) -> str:
        index = self.query_one(RadioSet).pressed_index
        return TARGETS[max(index, 0)][0]

    @on(RadioSet.Changed)
    def target_changed(self) -> None:
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value or "lead-lens.csv")
        if path.name.startswith("lead-lens-"):
            path_input.value = str(path.with_name(f"lead-lens-{self.target}.csv"))

    @on(Button.Pressed, "#export-start")
    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.notify("Give a file to write.", severity="warning")
            return
        lead_filter = self.app.lead_filter
        if self.query_one("#export-ok-only", Checkbox).value:
            lead_filter = lead_filter.with_(ok_to_market=True)
        self.query_one("#export-result", Static).update("Exporting…")
        self.app.run_export(self, lead_filter, self.target, Path(text).expanduser())

    @on(ExportFinished)
    def finished(self, message: ExportFinished) -> None:
        note = (f" ({message.without_email:,} without an email left out)"
                if message.without_email else "")
        text = f"{message.written:,} people written to {message.path} for {message.target}{note}."
        self.query_one("#export-result", Static).update(text)
        self.notify(text, title="Exported")

    @on(TaskFailed)
    def failed(self, message: TaskFailed) -> None:
        if message.task == "export":
            message.stop()
            self.query_one("#export-result", Static).update(f"The export failed: {message.error}")
