"""Each screen pinned at 120x40 on the sample store (fake model for the summary).

Regenerate after an intended change: LEAD_LENS_UPDATE_SNAPSHOTS=1 pytest tests/ui/test_snapshots.py
"""

from __future__ import annotations

from collections.abc import Callable

from lead_lens.store import Store
from lead_lens.ui.app import LeadLensApp
from tests.ui.conftest import settle
from tests.ui.snapshot import assert_snapshot

MakeApp = Callable[[Store], LeadLensApp]
SIZE = (120, 40)


async def test_snapshot_overview_leads_lead(sample_store: Store, make_app: MakeApp) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert_snapshot(app, "overview")
        await pilot.press("w")
        await settle(pilot)
        assert_snapshot(app, "leads_warm_black_hole")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert_snapshot(app, "lead_with_summary")
        await pilot.press("enter")                  # the latest event's full text
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert_snapshot(app, "help")


async def test_snapshot_export(sample_store: Store, make_app: MakeApp) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert_snapshot(app, "export")


async def test_snapshot_import_empty_store(empty_store: Store, make_app: MakeApp) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert_snapshot(app, "import_empty_store")
