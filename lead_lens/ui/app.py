"""LeadLensApp: the screens as modes, the app-wide state (store, filter) and its handlers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme

from lead_lens.llm.model import ChatModel
from lead_lens.settings import Settings
from lead_lens.store import Store
from lead_lens.ui.commands import LeadLensCommands
from lead_lens.ui.data import LeadFilter
from lead_lens.ui.messages import (
    DrillDown,
    FilterChanged,
    ImportFinished,
    OpenLead,
    StatusLoaded,
    TaskFailed,
)
from lead_lens.ui.screens.export_screen import ExportScreen
from lead_lens.ui.screens.help import HelpScreen
from lead_lens.ui.screens.import_screen import ImportScreen
from lead_lens.ui.screens.lead import LeadScreen
from lead_lens.ui.screens.leads import LeadsScreen
from lead_lens.ui.screens.overview import OverviewScreen
from lead_lens.ui.workers import WorkersMixin

DARK = Theme(name="lead-lens-dark", primary="#4f9dde", secondary="#b48ead", accent="#e0a458",
             warning="#ebcb8b", error="#e06c75", success="#8fbc6b", foreground="#d8dee9",
             background="#1b1f27", surface="#232833", panel="#2c3240", dark=True)
LIGHT = Theme(name="lead-lens-light", primary="#1f6fb2", secondary="#8a4f7d", accent="#b5651d",
              warning="#9a6700", error="#c0392b", success="#2e7d32", foreground="#1f2328",
              background="#fafafa", surface="#f0f1f3", panel="#e3e6ea", dark=False)


def default_model() -> ChatModel:
    """The local model named by the settings (loaded on first use, in the summary worker)."""
    from lead_lens.llm.model import resolve_model, shared_model
    from lead_lens.settings import load_settings

    settings = load_settings()
    choice = resolve_model(None, settings.model_path)
    return shared_model(choice.path, n_ctx=settings.model_context,
                        n_threads=settings.model_threads)


class LeadLensApp(WorkersMixin, App[int]):
    """From the funnel to one lead's story in three keystrokes."""

    TITLE = "lead-lens"
    CSS_PATH = ["app.tcss", "screens/screens.tcss"]
    MODES: ClassVar[dict[str, Callable[[], object]]] = {  # type: ignore[assignment]
        "overview": OverviewScreen, "leads": LeadsScreen, "import": ImportScreen,
        "export": ExportScreen,
    }
    COMMANDS = App.COMMANDS | {LeadLensCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "switch_mode('overview')", "Overview"),
        Binding("l", "switch_mode('leads')", "Leads"),
        Binding("i", "switch_mode('import')", "Import"),
        Binding("e", "switch_mode('export')", "Export"),
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Theme"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, store: Store, settings: Settings | None = None, *,
                 model_factory: Callable[[], ChatModel] = default_model,
                 browse_root: Path | None = None, export_dir: Path | None = None,
                 blink: bool = True, theme: str = "lead-lens-dark") -> None:
        super().__init__()
        self.store = store
        self.settings = settings or Settings()
        self.model_factory = model_factory
        self.browse_root = browse_root or Path.cwd()
        self.export_dir = export_dir or Path.cwd()
        self.blink = blink
        self.lead_filter = LeadFilter()
        self.last_import: list[Path] = []
        self.init_workers()
        self.register_theme(DARK)
        self.register_theme(LIGHT)
        self.theme = theme
        self.sub_title = Path(store.path).name

    def on_mount(self) -> None:
        self.load_status()

    def on_unmount(self) -> None:
        self.workers.cancel_all()
        self.close_cursors()

    @on(StatusLoaded)
    def status_loaded(self, message: StatusLoaded) -> None:
        self.switch_mode("import" if message.status.empty else "overview")

    @on(DrillDown)
    def drill_down(self, message: DrillDown) -> None:
        self.lead_filter = message.lead_filter
        self.switch_mode("leads")
        while isinstance(self.screen, LeadScreen):
            self.pop_screen()
        screen = self.screen
        if isinstance(screen, LeadsScreen) and screen.ready:
            screen.apply_filter(message.lead_filter)

    @on(FilterChanged)
    def filter_changed(self, message: FilterChanged) -> None:
        self.lead_filter = message.lead_filter

    @on(OpenLead)
    def open_lead(self, message: OpenLead) -> None:
        if self.current_mode not in ("leads", "overview"):
            self.switch_mode("leads")
        self.push_screen(LeadScreen(message.person_id))

    @on(ImportFinished)
    def import_finished(self, message: ImportFinished) -> None:
        if message.rebuilt:
            self.data_version += 1
            self.load_status_after_import()

    def load_status_after_import(self) -> None:
        """New data: the overview and the list reload when shown next."""
        for mode in ("overview", "leads"):
            if mode in self._screen_stacks:
                self.remove_mode(mode)
                self.add_mode(mode, self.MODES[mode])  # type: ignore[arg-type]

    @on(TaskFailed)
    def task_failed(self, message: TaskFailed) -> None:
        self.notify(message.error, title=f"{message.task.capitalize()} failed",
                    severity="error", timeout=8)

    # -- actions ----------------------------------------------------------------------------
    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "lead-lens-light" if self.theme == "lead-lens-dark" else "lead-lens-dark"

    def action_drill(self, verdict: str) -> None:
        self.post_message(DrillDown(LeadFilter(verdict=verdict)))

    def action_reimport(self) -> None:
        self.switch_mode("import")
        if not self.last_import:
            self.notify("Nothing imported in this session yet: choose a path.")
            return
        screen = self.screen
        if isinstance(screen, ImportScreen):
            screen.query_one("#import-path").value = str(self.last_import[0])  # type: ignore[attr-defined]
            screen.action_start()

    def action_summarize_current(self) -> None:
        if isinstance(self.screen, LeadScreen):
            self.screen.action_summarize(False)
        else:
            self.notify("Open a lead first (Leads, then Enter).")
