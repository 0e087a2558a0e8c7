"""Thin thread workers: each runs one headless call and posts its result as a Message.

Workers never touch widgets. Each worker group has its own DuckDB cursor (DuckDB wants one per
thread, and opening one costs tens of milliseconds), guarded by a lock because an exclusive
worker's cancelled predecessor may still be finishing its query.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from lead_lens.errors import LeadLensError
from lead_lens.ingest.pipeline import ImportOptions, Progress, changed_anything, ingest_paths
from lead_lens.llm.model import ChatModel
from lead_lens.people import explain, rebuild, timeline
from lead_lens.people.exporting import write_export
from lead_lens.ui import data
from lead_lens.ui.messages import (
    ExportFinished,
    FilterOptionsLoaded,
    ImportFinished,
    ImportProgress,
    ImportStage,
    LeadLoaded,
    LeadsCounted,
    LeadsPageLoaded,
    OverviewLoaded,
    RawRecordLoaded,
    StatusLoaded,
    SummaryChunk,
    SummaryFinished,
    SummaryStarted,
    TaskFailed,
)

if TYPE_CHECKING:
    from lead_lens.settings import Settings
    from lead_lens.store import Store


class Cancelled(Exception):
    """Raised inside a callback when the user cancelled the worker that runs it."""


def _check_cancelled() -> None:
    if get_current_worker().is_cancelled:
        raise Cancelled


class WorkersMixin:
    """The App's workers. The App provides store, settings, model_factory and post_message."""

    store: Store
    settings: Settings
    model_factory: Callable[[], ChatModel]
    post_message: Callable[..., bool]
    _cursors: dict[str, tuple[Store, threading.Lock]]
    _cursors_lock: threading.Lock

    def init_workers(self) -> None:
        self._cursors = {}
        self._cursors_lock = threading.Lock()
        self.data_version = 0           # bumped by each import: the leads index is rebuilt
        self._index_version = -1

    def _leads_cursor_ready(self, cur: Store) -> None:
        """The leads cursor's ranked temp table, built once per data version."""
        if self._index_version != self.data_version:
            version = self.data_version
            data.build_leads_index(cur)
            self._index_version = version

    @contextmanager
    def cursor(self, group: str) -> Iterator[Store]:
        """This group's cursor, held for the duration of one call."""
        with self._cursors_lock:
            if group not in self._cursors:
                self._cursors[group] = (self.store.cursor(), threading.Lock())
            cursor, lock = self._cursors[group]
        with lock:
            yield cursor

    def close_cursors(self) -> None:
        with self._cursors_lock:
            for cursor, _lock in self._cursors.values():
                cursor.close()
            self._cursors.clear()

    def _failed(self, reply_to: MessagePump | None, task: str, error: BaseException) -> None:
        known = isinstance(error, LeadLensError)
        text = str(error) if known else f"{type(error).__name__}: {error}"
        details = [] if isinstance(error, LeadLensError) else traceback.format_exception(error)
        (reply_to or self).post_message(TaskFailed(task, text, details))  # type: ignore[union-attr]

    # -- reads ----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="status")
    def load_status(self) -> None:
        try:
            with self.cursor("status") as cur:
                self.post_message(StatusLoaded(data.store_status(cur)))
        except Exception as error:
            self._failed(None, "status", error)

    @work(thread=True, exclusive=True, exit_on_error=False, group="overview")
    def load_overview(self, reply_to: MessagePump) -> None:
        try:
            with self.cursor("overview") as cur:
                quick = data.overview_quick(cur)
                reply_to.post_message(OverviewLoaded(quick))
                if get_current_worker().is_cancelled:
                    return
                figures = data.overview(cur, self.settings.sales_recent_days, quick.verdicts)
            reply_to.post_message(OverviewLoaded(figures))
        except Exception as error:
            self._failed(reply_to, "overview", error)

    @work(thread=True, exclusive=True, exit_on_error=False, group="leads")
    def count_leads(self, reply_to: MessagePump, lead_filter: data.LeadFilter,
                    generation: int) -> None:
        try:
            started = time.perf_counter()
            with self.cursor("leads") as cur:
                if get_current_worker().is_cancelled:
                    return
                self._leads_cursor_ready(cur)
                count = data.leads_count(cur, lead_filter, indexed=True)
                first = data.leads_page(cur, lead_filter, 0, indexed=True)
            seconds = time.perf_counter() - started
            reply_to.post_message(LeadsPageLoaded(generation, 0, first))
            reply_to.post_message(LeadsCounted(lead_filter, generation, count, seconds))
        except Exception as error:
            self._failed(reply_to, "leads", error)

    @work(thread=True, exit_on_error=False, group="pages")
    def load_page(self, reply_to: MessagePump, lead_filter: data.LeadFilter, generation: int,
                  page: int) -> None:
        try:
            with self.cursor("leads") as cur:
                self._leads_cursor_ready(cur)
                rows = data.leads_page(cur, lead_filter, page, indexed=True)
            reply_to.post_message(LeadsPageLoaded(generation, page, rows))
        except Exception as error:
            self._failed(reply_to, "leads page", error)

    @work(thread=True, exit_on_error=False, group="leads-index")
    def prepare_leads_index(self) -> None:
        """Build the leads index ahead of the first visit to the leads screen."""
        try:
            with self.cursor("leads") as cur:
                self._leads_cursor_ready(cur)
        except Exception as error:
            self._failed(None, "leads index", error)

    @work(thread=True, exclusive=True, exit_on_error=False, group="options")
    def load_filter_options(self, reply_to: MessagePump) -> None:
        try:
            with self.cursor("options") as cur:
                sources = data.filter_options(cur, "lead_source")
                owners = data.filter_options(cur, "owner")
            reply_to.post_message(FilterOptionsLoaded(sources, owners))
        except Exception as error:
            self._failed(reply_to, "filter options", error)

    @work(thread=True, exclusive=True, exit_on_error=False, group="lead")
    def load_lead(self, reply_to: MessagePump, person_id: str) -> None:
        try:
            with self.cursor("lead") as cur:
                explanation = explain(cur, self.settings, person_id)
                events = timeline(cur, person_id)
            reply_to.post_message(LeadLoaded(explanation, events))
        except Exception as error:
            self._failed(reply_to, "lead", error)

    @work(thread=True, exclusive=True, exit_on_error=False, group="raw")
    def load_raw_record(self, reply_to: MessagePump, event_id: str, import_id: int | None,
                        line: int | None) -> None:
        try:
            with self.cursor("raw") as cur:
                record = data.raw_record(cur, import_id, line)
            reply_to.post_message(RawRecordLoaded(event_id, record))
        except Exception as error:
            self._failed(reply_to, "raw record", error)

    def lookup_people(self, text: str) -> list[tuple[str, str, str, str]]:
        """Blocking: run it in a worker (the command palette awaits one)."""
        with self.cursor("lookup") as cur:
            return data.person_lookup(cur, text)

    # -- the model ------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="llm")
    def summarize(self, reply_to: MessagePump, person_id: str, refresh: bool = False) -> None:
        from lead_lens.llm.summarize import cited_events, summarize

        def on_token(text: str) -> None:
            _check_cancelled()
            reply_to.post_message(SummaryChunk(person_id, text))

        try:
            reply_to.post_message(SummaryStarted(person_id))
            model = self.model_factory()
            with self.cursor("llm") as cur:
                result = summarize(cur, person_id, model, refresh=refresh, on_token=on_token)
                cited = cited_events(cur, result)
            reply_to.post_message(SummaryFinished(person_id, result.sections, cited,
                                                  result.from_cache, result.stale))
        except Cancelled:
            return
        except Exception as error:
            self._failed(reply_to, "summary", error)

    # -- writes ---------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def run_import(self, reply_to: MessagePump, paths: list[Path]) -> None:
        def on_progress(progress: Progress) -> None:
            _check_cancelled()
            reply_to.post_message(ImportProgress(progress))

        results = []
        try:
            with self.cursor("import") as cur:
                options = ImportOptions(hubspot_timezone=self.settings.hubspot_timezone)
                results = ingest_paths(cur, paths, options, on_progress)
                _check_cancelled()
                changed = changed_anything(results)  # re-importing the same files: nothing to do
                if changed:
                    rebuild(cur, self.settings, on_step=lambda _step, doing: reply_to.post_message(
                        ImportStage(f"Rebuilding people, timelines and verdicts: {doing}…")))
            reply_to.post_message(ImportFinished(results, rebuilt=changed))
        except Cancelled:
            reply_to.post_message(ImportFinished(results, rebuilt=False, cancelled=True))
        except Exception as error:
            self._failed(reply_to, "import", error)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def run_export(self, reply_to: MessagePump, lead_filter: data.LeadFilter, target: str,
                   path: Path) -> None:
        try:
            with self.cursor("export") as cur:
                frame = data.export_frame(cur, lead_filter)
            without_email = frame.filter(frame["email"].is_null()).height
            written = write_export(frame.filter(frame["email"].is_not_null()), target, path)
            reply_to.post_message(ExportFinished(str(path), target, written, without_email))
        except Exception as error:
            self._failed(reply_to, "export", error)
