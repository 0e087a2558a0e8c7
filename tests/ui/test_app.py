"""The main paths, driven with the pilot; assertions on posted messages first, then state."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from textual.message import Message
from textual.widgets import Input, Select

from lead_lens.people.rebuild import STEPS
from lead_lens.store import Store
from lead_lens.ui.app import LeadLensApp
from lead_lens.ui.data import LeadFilter
from lead_lens.ui.messages import (
    DrillDown,
    ExportFinished,
    ImportFinished,
    ImportStage,
    LeadLoaded,
    LeadsCounted,
    OpenLead,
    OverviewLoaded,
    StatusLoaded,
    SummaryChunk,
    SummaryFinished,
    TaskFailed,
)
from lead_lens.ui.screens.import_screen import ImportScreen
from lead_lens.ui.screens.lead import LeadScreen
from lead_lens.ui.screens.leads import LeadsScreen
from lead_lens.ui.screens.overview import OverviewScreen
from lead_lens.ui.widgets.leads_table import LeadsTable
from lead_lens.ui.widgets.timeline_view import TimelineView
from tests.ui.conftest import DATA, of_type, settle

MakeApp = Callable[[Store], LeadLensApp]
SIZE = (120, 40)


def scalar(store: Store, sql: str) -> int:
    row = store.con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


async def test_empty_store_opens_on_import(empty_store: Store, make_app: MakeApp) -> None:
    messages: list[Message] = []
    app = make_app(empty_store)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        [status] = of_type(messages, StatusLoaded)
        assert status.status.empty
        assert isinstance(app.screen, ImportScreen)


async def test_overview_drill_lead_summary(sample_store: Store, make_app: MakeApp) -> None:
    messages: list[Message] = []
    app = make_app(sample_store)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        quick, overview = of_type(messages, OverviewLoaded)
        assert not quick.overview.complete and overview.overview.complete
        assert isinstance(app.screen, OverviewScreen)
        black_hole = scalar(sample_store,
                            "SELECT count(*) FROM verdicts WHERE verdict = 'black_hole'")
        assert overview.overview.black_hole == black_hole
        assert overview.overview.funnel["leads"] == scalar(sample_store,
                                                           "SELECT count(*) FROM verdicts")

        await pilot.press("b")                      # the black-hole figure
        await settle(pilot)
        [drill] = of_type(messages, DrillDown)
        assert drill.lead_filter == LeadFilter(verdict="black_hole")
        counted = of_type(messages, LeadsCounted)[-1]
        assert counted.count == black_hole
        assert isinstance(app.screen, LeadsScreen)
        table = app.screen.query_one(LeadsTable)
        first = table.selected
        assert first is not None and first.verdict == "black_hole"

        await pilot.press("enter")                  # open the first lead
        await settle(pilot)
        [opened] = of_type(messages, OpenLead)
        assert opened.person_id == first.person_id
        [loaded] = of_type(messages, LeadLoaded)
        assert loaded.explanation.verdict == "black_hole"
        assert loaded.explanation.reasons
        assert isinstance(app.screen, LeadScreen)
        timeline = app.screen.query_one(TimelineView)
        assert len(timeline.events) == loaded.timeline.height > 0

        await pilot.press("s")                      # summarize with the fake model
        await settle(pilot)
        assert of_type(messages, SummaryChunk)
        [finished] = of_type(messages, SummaryFinished)
        assert finished.person_id == first.person_id
        assert len(finished.sections) == 4
        assert finished.citations, "the fake model cites [E1]"

        await pilot.press("c")                      # jump to the first citation
        await pilot.pause(0.1)
        current = timeline.current
        assert current is not None and current.event_id == finished.citations[0][1]

        await pilot.press("escape")
        await pilot.pause(0.1)
        assert isinstance(app.screen, LeadsScreen)
        assert not of_type(messages, TaskFailed)


async def test_search(sample_store: Store, make_app: MakeApp) -> None:
    name = sample_store.con.execute(
        "SELECT split_part(name, ' ', 2) FROM people WHERE name IS NOT NULL "
        "ORDER BY person_id LIMIT 1").fetchone()[0]
    expected = scalar(sample_store, f"SELECT count(*) FROM people JOIN verdicts USING "
                      f"(person_id) WHERE name ILIKE '%{name}%' OR email ILIKE '%{name}%' "
                      f"OR company ILIKE '%{name}%'")
    messages: list[Message] = []
    app = make_app(sample_store)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("l", "slash")
        await pilot.press(*name)
        await pilot.press("enter")
        await settle(pilot)
        counted = of_type(messages, LeadsCounted)[-1]
        assert counted.lead_filter.search == name
        assert counted.count == expected
        assert isinstance(app.screen, LeadsScreen)
        table = app.screen.query_one(LeadsTable)
        assert table.row_count == expected
        assert app.lead_filter.search == name       # kept for the export screen


async def test_filter_by_verdict_and_warm(sample_store: Store, make_app: MakeApp) -> None:
    messages: list[Message] = []
    app = make_app(sample_store)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LeadsScreen)
        screen.query_one("#verdict", Select).value = "marketing_owned"
        await settle(pilot)
        screen.query_one("#warm", Select).value = True
        await settle(pilot)
        counted = of_type(messages, LeadsCounted)[-1]
        assert counted.lead_filter.verdict == "marketing_owned"
        assert counted.lead_filter.warm is True
        assert counted.count == scalar(sample_store, "SELECT count(*) FROM verdicts WHERE "
                                       "verdict = 'marketing_owned' AND warm")
        table = screen.query_one(LeadsTable)
        assert all(table.row_at(i).warm for i in range(table.row_count))  # type: ignore[union-attr]

        await pilot.press("x")                      # clear the filters
        await settle(pilot)
        assert of_type(messages, LeadsCounted)[-1].count == scalar(
            sample_store, "SELECT count(*) FROM verdicts")
        assert screen.query_one("#verdict", Select).value is Select.NULL


async def test_import_a_folder(empty_store: Store, make_app: MakeApp) -> None:
    folder = DATA / "salesforce" / "export"
    messages: list[Message] = []
    app = make_app(empty_store)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one("#import-path", Input).value = str(folder)
        app.screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await settle(pilot, rounds=5)
        [finished] = of_type(messages, ImportFinished)
        assert finished.rebuilt and not finished.cancelled
        files = sorted(p.name for p in folder.iterdir())
        assert sorted(Path(r.display).name for r in finished.results) == files
        assert any(r.status == "imported" for r in finished.results)
        assert scalar(empty_store, "SELECT count(*) FROM verdicts") > 0
        await pilot.press("o")                      # the overview now has data
        await settle(pilot)
        assert of_type(messages, OverviewLoaded)[-1].overview.funnel["leads"] > 0



async def test_importing_the_same_files_again_skips_the_rebuild(empty_store: Store,
                                                                 make_app: MakeApp) -> None:
    folder = DATA / "salesforce" / "export"
    messages: list[Message] = []
    app = make_app(empty_store)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        for _ in range(2):
            await pilot.press("i")
            await settle(pilot)
            app.screen.query_one("#import-path", Input).value = str(folder)
            app.screen.query_one("#import-path", Input).focus()
            await pilot.press("enter")
            await settle(pilot, rounds=5)
        first, second = of_type(messages, ImportFinished)
        assert first.rebuilt and not second.rebuilt
        assert {r.status for r in second.results} <= {"unchanged", "skipped"}
        assert not any(isinstance(m, ImportStage) for m in messages[messages.index(first):])
        # The first import's rebuild said which step was running, each in turn.
        stages = [m.text for m in of_type(messages[:messages.index(first)], ImportStage)]
        assert [next(s for s in STEPS.values() if s in text) for text in stages] \
            == list(STEPS.values())

async def test_export_filtered_list(sample_store: Store, make_app: MakeApp,
                                    tmp_path: Path) -> None:
    out = tmp_path / "black-hole.csv"
    messages: list[Message] = []
    app = make_app(sample_store)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        path_input = app.screen.query_one("#export-path", Input)
        path_input.value = str(out)
        path_input.focus()
        await pilot.press("enter")
        await settle(pilot)
        [done] = of_type(messages, ExportFinished)
        assert done.target == "hubspot"
        expected = scalar(sample_store, "SELECT count(*) FROM verdicts JOIN people USING "
                          "(person_id) WHERE verdict = 'black_hole' AND email IS NOT NULL")
        assert done.written == expected
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["Email", "First Name", "Last Name", "Company Name"]
    assert len(rows) - 1 == expected
    assert {r[4] for r in rows[1:]} <= {"black_hole"}


async def test_palette_jumps_to_a_lead(sample_store: Store, make_app: MakeApp) -> None:
    email = sample_store.con.execute(
        "SELECT email FROM people WHERE email IS NOT NULL ORDER BY person_id LIMIT 1"
    ).fetchone()[0]
    messages: list[Message] = []
    app = make_app(sample_store)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*email)
        await settle(pilot)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        [opened] = of_type(messages, OpenLead)
        assert isinstance(app.screen, LeadScreen)
        assert opened.person_id == app.screen.person_id
