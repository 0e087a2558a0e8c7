"""Import: choose files or folders, watch progress, see each file's summary and rejects."""

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
    DataTable,
    DirectoryTree,
    Footer,
    Header,
    Input,
    Label,
    Markdown,
    ProgressBar,
    Static,
)

from lead_lens.ingest.pipeline import FileResult
from lead_lens.ui.messages import ImportFinished, ImportProgress, ImportStage, TaskFailed

if TYPE_CHECKING:
    from lead_lens.ui.app import LeadLensApp

WHAT_TO_EXPORT = """\
**Import your exports.** lead-lens reads CSV, JSON, Parquet and zip files as the tools export
them, and detects each file's kind from its columns:

- **Salesforce**: Data Export (Lead, Contact, Account, Task, Event, LeadHistory, Campaign,
  CampaignMember, Opportunity, OpportunityContactRole, Note), or a Fivetran sync.
- **HubSpot**: contacts (with lifecycle dates), email events, engagements (calls, emails,
  meetings, notes).
- **Outreach / Salesloft**: prospects or people, sequence states or cadence memberships,
  mailings, calls.
- **Gong**: calls with parties, transcripts. **Marketo**: leads, activities.
- **Web**: GA4 BigQuery events, Segment identifies/pages/tracks.

Pick a file or folder on the left (or type a path) and press **Enter**.
"""


class ImportScreen(Screen[None]):
    """Esc cancels a running import; work finished so far is kept, file by file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "start", "Import"),
        Binding("escape", "cancel", "Cancel import"),
        Binding("slash", "focus_path", "Path"),
    ]

    app: LeadLensApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.results: list[FileResult] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="import-body"):
            yield DirectoryTree(self.app.browse_root, id="import-tree")
            with Vertical(id="import-right"):
                yield Markdown(WHAT_TO_EXPORT, id="import-help")
                with Horizontal(id="import-controls"):
                    path = Input(placeholder="A file or folder to import", id="import-path")
                    path.cursor_blink = self.app.blink
                    yield path
                    yield Button("Import", id="import-start", variant="primary")
                yield ProgressBar(total=1, id="import-progress", show_eta=False)
                yield Static("", id="import-stage")
                yield Label("Files", classes="section-title")
                yield DataTable(id="import-results", cursor_type="row")
                yield Label("Rejected rows of the selected file", classes="section-title")
                yield DataTable(id="import-rejects", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-results", DataTable).add_columns(
            "File", "Kind", "Status", "Rows", "Rejected", "New", "Updated", "Note")
        self.query_one("#import-rejects", DataTable).add_columns(
            "Line", "Column", "Reason", "Text")

    @on(DirectoryTree.FileSelected)
    @on(DirectoryTree.DirectorySelected)
    def picked(self, message: DirectoryTree.FileSelected | DirectoryTree.DirectorySelected) -> None:
        self.query_one("#import-path", Input).value = str(message.path)

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-start")
    def action_start(self) -> None:
        if self.running:
            self.notify("An import is already running (Esc cancels it).")
            return
        text = self.query_one("#import-path", Input).value.strip()
        if not text:
            self.notify("Choose a file or folder first.", severity="warning")
            return
        path = Path(text).expanduser()
        if not path.exists():
            self.notify(f"{path}: no such file or folder.", severity="error")
            return
        self.running = True
        self.query_one("#import-results", DataTable).clear()
        self.query_one("#import-rejects", DataTable).clear()
        self.query_one(ProgressBar).update(total=None, progress=0)
        self._stage(f"Importing {path}…")
        self.app.last_import = [path]
        self.app.run_import(self, [path])

    def action_cancel(self) -> None:
        if self.running:
            self.app.workers.cancel_group(self.app, "import")
            self._stage("Cancelling after the current file…")

    def action_focus_path(self) -> None:
        self.query_one("#import-path", Input).focus()

    def _stage(self, text: str) -> None:
        self.query_one("#import-stage", Static).update(text)

    @on(ImportProgress)
    def progress(self, message: ImportProgress) -> None:
        p = message.progress
        self.query_one(ProgressBar).update(total=max(p.bytes_total, 1), progress=p.bytes_done)
        self._stage(f"File {p.index + 1} of {p.total}: {p.display} ({p.stage})")

    @on(ImportStage)
    def stage(self, message: ImportStage) -> None:
        self._stage(message.text)

    @on(ImportFinished)
    def finished(self, message: ImportFinished) -> None:
        self.running = False
        self.results = message.results
        table = self.query_one("#import-results", DataTable)
        table.clear()
        for i, r in enumerate(message.results):
            table.add_row(Path(r.display).name, r.kind or "-", r.status, r.rows, r.rejected,
                          r.new, r.updated, r.message[:60], key=str(i))
        imported = sum(1 for r in message.results if r.status == "imported")
        failed = sum(1 for r in message.results if r.status == "failed")
        rejected = sum(r.rejected for r in message.results)
        verb = "Cancelled" if message.cancelled else "Done"
        self._stage(f"{verb}: {imported} imported, {failed} failed, {rejected} rows rejected"
                    + ("; people and verdicts rebuilt." if message.rebuilt else "."))
        self.query_one(ProgressBar).update(total=1, progress=1)
        if message.results:
            self._show_rejects(0)
            table.focus()

    @on(TaskFailed)
    def failed(self, message: TaskFailed) -> None:
        if message.task == "import":
            self.running = False
            self._stage(f"The import failed: {message.error}")

    @on(DataTable.RowHighlighted, "#import-results")
    def file_highlighted(self, message: DataTable.RowHighlighted) -> None:
        if message.row_key.value is not None:
            self._show_rejects(int(message.row_key.value))

    def _show_rejects(self, index: int) -> None:
        rejects = self.query_one("#import-rejects", DataTable)
        rejects.clear()
        if index < len(self.results):
            for reject in self.results[index].rejects[:500]:
                rejects.add_row(reject.line, reject.column or "", reject.reason,
                                (reject.text or "")[:80])
