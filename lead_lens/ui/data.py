"""The app's reads: the overview figures, pages of the leads list, look-ups. No textual here.

Each function takes a Store (a per-thread cursor in the app's workers) and runs named blocks
from queries/ui/ui.sql, or the headless core's APIs where they exist (leakage, timeline,
explain, summaries).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import polars as pl

from lead_lens.people.leakage import leakage
from lead_lens.store import Query, Store, query

FUNNEL_STAGES = ("leads", "handed_off", "sequenced", "replied", "meeting", "opportunity", "won")
STAGE_LABELS = {
    "leads": "Leads", "handed_off": "Handed off", "sequenced": "Sequenced",
    "replied": "Replied", "meeting": "Meeting", "opportunity": "Opportunity", "won": "Won",
}
# The timeline kinds that put a person in a funnel stage.
STAGE_KINDS: dict[str, list[str]] = {
    "sequenced": ["sequence_enrolled"],
    "replied": ["reply"],
    "meeting": ["meeting_held", "meeting_booked", "meeting_scheduled"],
    "opportunity": ["opportunity_opened", "opportunity_closed"],
}
PAGE_SIZE = 200
TREND_WEEKS = 26
OPTION_LIMIT = 50


@dataclass(frozen=True)
class LeadFilter:
    """What the leads list shows: every field None means 'any'."""

    verdict: str | None = None
    warm: bool | None = None
    ok_to_market: bool | None = None
    source: str | None = None
    owner: str | None = None
    search: str | None = None
    stage: str | None = None

    def with_(self, **changes: Any) -> LeadFilter:
        return replace(self, **changes)

    def params(self) -> dict[str, Any]:
        """The bound parameters of the ui_leads_* blocks."""
        search = (self.search or "").strip()
        handed_off: bool | None = None
        verdict = self.verdict
        stage_kinds = STAGE_KINDS.get(self.stage or "")
        if self.stage == "handed_off":
            handed_off = True
        elif self.stage == "won" and verdict is None:
            verdict = "customer"
        return {
            "verdict": verdict, "warm": self.warm, "ok_to_market": self.ok_to_market,
            "handed_off": handed_off, "source": self.source, "owner": self.owner,
            "search_text": search.lower() if search else None,
            "stage_kinds": stage_kinds,
        }

    def describe(self) -> str:
        """A short sentence of the active filters ('all leads' when none)."""
        parts: list[str] = []
        if self.stage and self.stage != "leads":
            parts.append(f"stage {STAGE_LABELS.get(self.stage, self.stage).lower()}")
        if self.verdict:
            parts.append(self.verdict.replace("_", " "))
        if self.warm is not None:
            parts.append("warm" if self.warm else "cold")
        if self.ok_to_market is not None:
            parts.append("ok to market" if self.ok_to_market else "not ok to market")
        if self.source:
            parts.append(f"source {self.source}")
        if self.owner:
            parts.append(f"owner {self.owner}")
        if self.search:
            parts.append(f"matching {self.search!r}")
        return ", ".join(parts) if parts else "all leads"


def _escape_like(text: str) -> str:
    # ILIKE's default escape is backslash: a typed % or _ is a literal character.
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass
class StoreStatus:
    imports: int
    people: int
    verdicts: int
    as_of: datetime | None

    @property
    def empty(self) -> bool:
        return self.verdicts == 0


@dataclass
class Overview:
    as_of: datetime | None
    funnel: dict[str, int]
    verdicts: pl.DataFrame          # verdict, people, warm
    trend: pl.DataFrame             # week, handoffs, black_hole
    leakage_by_source: pl.DataFrame
    leakage_by_owner: pl.DataFrame
    people: int = 0
    black_hole: int = 0
    warm_black_hole: int = 0
    ok_to_market: int = 0
    complete: bool = True           # False: only the verdict figures (the first paint)

    @property
    def warm_share(self) -> float:
        return self.warm_black_hole / self.black_hole if self.black_hole else 0.0


def store_status(store: Store) -> StoreStatus:
    imports, people, verdicts, as_of = store.rows("ui_store_status")[0]
    return StoreStatus(int(imports), int(people), int(verdicts), as_of)


def overview_quick(store: Store) -> Overview:
    """The verdict figures alone: cheap, so the overview paints before the funnel is counted."""
    status = store_status(store)
    verdicts = store.frame("ui_verdict_counts")
    empty = pl.DataFrame()
    figures = Overview(as_of=status.as_of, funnel={}, verdicts=verdicts, trend=empty,
                       leakage_by_source=empty, leakage_by_owner=empty, complete=False)
    _verdict_figures(figures)
    return figures


def _verdict_figures(figures: Overview) -> None:
    verdicts = figures.verdicts
    black = verdicts.filter(pl.col("verdict") == "black_hole")
    ok = verdicts.filter(pl.col("verdict").is_in(["black_hole", "recycled", "marketing_owned"]))
    figures.black_hole = int(black["people"].sum()) if black.height else 0
    figures.warm_black_hole = int(black["warm"].sum()) if black.height else 0
    figures.ok_to_market = int(ok["people"].sum()) if ok.height else 0
    figures.people = int(verdicts["people"].sum()) if verdicts.height else 0


def overview(store: Store, sales_recent_days: int = 14,
             verdicts: pl.DataFrame | None = None) -> Overview:
    """Every figure of the overview screen, at the stored verdicts' as_of."""
    status = store_status(store)
    as_of = status.as_of or datetime(1970, 1, 1)
    if verdicts is None:
        verdicts = store.frame("ui_verdict_counts")
    all_kinds = sorted({k for kinds in STAGE_KINDS.values() for k in kinds})
    row = store.frame("ui_funnel", {
        "as_of": as_of, "stage_kinds": all_kinds,
        **{f"{stage}_kinds": kinds for stage, kinds in STAGE_KINDS.items()},
    }).row(0, named=True)
    funnel = {stage: int(row[stage] or 0) for stage in FUNNEL_STAGES}
    trend = store.frame("ui_weekly_trend", {"as_of": as_of, "weeks": TREND_WEEKS,
                                            "sales_recent_days": sales_recent_days})
    figures = Overview(
        as_of=status.as_of, funnel=funnel, verdicts=verdicts, trend=trend,
        leakage_by_source=leakage(store, "source"), leakage_by_owner=leakage(store, "owner"))
    _verdict_figures(figures)
    return figures


def build_leads_index(store: Store) -> None:
    """(Re)build the ranked ui_leads temp table on this cursor (after each import)."""
    store.execute(query("ui_leads_index_build").compose(query("ui_leads_ranked")))


def _filtered(indexed: bool) -> Query:
    """The filtered leads list, over the cursor's index or straight from the tables."""
    source = query("ui_leads_indexed" if indexed else "ui_leads_ranked")
    return query("ui_leads_filtered").compose(source)


def leads_count(store: Store, lead_filter: LeadFilter, *, indexed: bool = False) -> int:
    block = query("ui_leads_count").compose(_filtered(indexed))
    return int(store.scalar(block, lead_filter.params()) or 0)


def leads_page(store: Store, lead_filter: LeadFilter, page: int, page_size: int = PAGE_SIZE,
               *, indexed: bool = False) -> pl.DataFrame:
    """Rows [page * page_size, (page + 1) * page_size) of the filtered, sorted list."""
    return store.frame(query("ui_leads_page").compose(_filtered(indexed)),
                       {**lead_filter.params(), "limit": page_size, "offset": page * page_size})


def export_frame(store: Store, lead_filter: LeadFilter) -> pl.DataFrame:
    return store.frame(query("ui_leads_export").compose(_filtered(indexed=False)),
                       lead_filter.params())


def filter_options(store: Store, column: str) -> list[tuple[str, int]]:
    """(value, people) of lead_source or owner, commonest first."""
    if column not in ("lead_source", "owner"):
        raise ValueError(f"no filter on {column!r}")
    return [(str(v), int(n)) for v, n in
            store.rows("ui_filter_options", {"limit": OPTION_LIMIT}, column=column)]


def person_lookup(store: Store, text: str, limit: int = 20) -> list[tuple[str, str, str, str]]:
    """(person_id, name, email, company) of people whose name or email contains `text`."""
    pattern = f"%{_escape_like(text.strip())}%"
    return [(pid, name or "", email or "", company or "") for pid, name, email, company, _v in
            store.rows("ui_person_lookup", {"pattern": pattern, "limit": limit})]


def raw_record(store: Store, import_id: int | None, line: int | None) -> dict[str, Any] | None:
    """The verbatim raw row an event came from, as column -> value (None when unknown)."""
    if import_id is None or line is None:
        return None
    table = store.scalar("ui_import_raw_table", {"import_id": import_id})
    if not table:
        return None
    frame = store.frame("ui_raw_record", {"line": line}, raw_table=str(table))
    return frame.row(0, named=True) if frame.height else None


def day(value: date | datetime | None) -> str:
    """'YYYY-MM-DD' or '' (the app shows dates, not instants, in lists)."""
    return "" if value is None else f"{value:%Y-%m-%d}"
