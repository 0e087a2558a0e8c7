"""Messages the workers post (results up to whoever asked) and widgets post to their screens."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import polars as pl
from textual.message import Message

from lead_lens.ingest.pipeline import FileResult, Progress
from lead_lens.people.verdicts import Explanation
from lead_lens.ui.data import LeadFilter, Overview, StoreStatus


@dataclass
class StatusLoaded(Message):
    """The store's size: an empty store opens on the import screen."""

    status: StoreStatus


@dataclass
class OverviewLoaded(Message):
    bubble: ClassVar[bool] = False  # a result for the node that asked

    overview: Overview


@dataclass
class LeadsCounted(Message):
    """How many people a filter keeps (generation ties it to the filter that asked)."""

    bubble: ClassVar[bool] = False  # a result for the node that asked

    lead_filter: LeadFilter
    generation: int
    count: int
    seconds: float


@dataclass
class LeadsPageLoaded(Message):
    bubble: ClassVar[bool] = False  # a result for the node that asked

    generation: int
    page: int
    rows: pl.DataFrame


@dataclass
class FilterOptionsLoaded(Message):
    bubble: ClassVar[bool] = False  # a result for the node that asked

    sources: list[tuple[str, int]]
    owners: list[tuple[str, int]]


@dataclass
class FilterChanged(Message):
    """The leads screen's filter changed (the app keeps it for the export screen)."""

    lead_filter: LeadFilter


@dataclass
class DrillDown(Message):
    """A figure of the overview was chosen: show the leads it counts."""

    lead_filter: LeadFilter


@dataclass
class OpenLead(Message):
    person_id: str


@dataclass
class LeadLoaded(Message):
    bubble: ClassVar[bool] = False  # a result for the node that asked

    explanation: Explanation
    timeline: pl.DataFrame


@dataclass
class RawRecordLoaded(Message):
    bubble: ClassVar[bool] = False  # a result for the node that asked

    event_id: str
    record: dict[str, Any] | None


@dataclass
class SummaryStarted(Message):
    bubble: ClassVar[bool] = False  # a result for the node that asked

    person_id: str


@dataclass
class SummaryChunk(Message):
    bubble: ClassVar[bool] = False  # a result for the node that asked

    person_id: str
    text: str


@dataclass
class SummaryFinished(Message):
    bubble: ClassVar[bool] = False  # a result for the node that asked

    person_id: str
    sections: tuple[tuple[str, str], ...]
    citations: list[tuple[str, str, str]]   # (E1, event_id, 'date kind: title')
    from_cache: bool
    stale: bool


@dataclass
class ImportProgress(Message):
    bubble: ClassVar[bool] = False  # a result for the node that asked

    progress: Progress


@dataclass
class ImportStage(Message):
    """A stage of an import run other than a file's ('rebuilding people and verdicts')."""

    bubble: ClassVar[bool] = False  # a result for the node that asked

    text: str


@dataclass
class ImportFinished(Message):
    results: list[FileResult]
    rebuilt: bool
    cancelled: bool = False


@dataclass
class ExportFinished(Message):
    bubble: ClassVar[bool] = False  # a result for the node that asked

    path: str
    target: str
    written: int
    without_email: int


@dataclass
class TaskFailed(Message):
    """A worker failed: shown to the user, the app carries on."""

    task: str
    error: str
    details: list[str] = field(default_factory=list)
