"""The app's named queries (queries/ui/ui.sql), each run against the sample store."""

from __future__ import annotations

import pytest

from lead_lens.store import Store
from lead_lens.ui import data
from lead_lens.ui.data import LeadFilter

FILTERS = [LeadFilter(), LeadFilter(verdict="black_hole"), LeadFilter(warm=True),
           LeadFilter(verdict="black_hole", warm=True), LeadFilter(ok_to_market=True),
           LeadFilter(stage="replied"), LeadFilter(stage="handed_off"), LeadFilter(stage="won"),
           LeadFilter(search="an"), LeadFilter(search="100%_")]


def test_overview_figures(sample_store: Store) -> None:
    quick = data.overview_quick(sample_store)
    full = data.overview(sample_store)
    assert not quick.complete and full.complete
    assert quick.people == full.funnel["leads"] == data.store_status(sample_store).verdicts
    assert full.funnel["handed_off"] <= full.funnel["leads"]
    assert full.trend.height == data.TREND_WEEKS
    assert full.leakage_by_source.height > 0
    assert 0 <= full.warm_share <= 1


@pytest.mark.parametrize("lead_filter", FILTERS, ids=lambda f: f.describe())
def test_index_matches_direct_queries(sample_store: Store, lead_filter: LeadFilter) -> None:
    data.build_leads_index(sample_store)
    direct = data.leads_count(sample_store, lead_filter)
    assert data.leads_count(sample_store, lead_filter, indexed=True) == direct
    page = data.leads_page(sample_store, lead_filter, 0, page_size=25)
    indexed = data.leads_page(sample_store, lead_filter, 0, page_size=25, indexed=True)
    assert page["person_id"].to_list() == indexed["person_id"].to_list()
    assert page.height == min(direct, 25)
    assert data.export_frame(sample_store, lead_filter).height == direct


def test_lookups(sample_store: Store) -> None:
    sources = data.filter_options(sample_store, "lead_source")
    owners = data.filter_options(sample_store, "owner")
    assert sources and owners
    source = sources[0][0]
    assert data.leads_count(sample_store, LeadFilter(source=source)) == sources[0][1]
    name = sample_store.con.execute("SELECT name FROM people WHERE name IS NOT NULL "
                                    "ORDER BY person_id LIMIT 1").fetchone()[0]
    assert any(hit[1] == name for hit in data.person_lookup(sample_store, name))
    event = sample_store.con.execute(
        "SELECT import_id, raw_line FROM timeline_events WHERE import_id IS NOT NULL "
        "AND raw_line IS NOT NULL LIMIT 1").fetchone()
    record = data.raw_record(sample_store, event[0], event[1])
    assert record is not None and record["_line"] == event[1]
    assert data.raw_record(sample_store, None, None) is None
