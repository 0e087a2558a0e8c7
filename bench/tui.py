"""The app on a big store: time to the first painted overview, to the leads table, to a filter
and to a search (headless, run_test at 120x40).

    python bench/tui.py STORE.duckdb [--create 1000000] [--events-per-lead 6]

--create fills a new store with N synthetic people, verdicts and timeline events straight in
SQL (the app reads only the derived tables, so this is what it sees after a rebuild of N leads).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lead_lens.llm.model import FakeModel  # noqa: E402
from lead_lens.settings import Settings  # noqa: E402
from lead_lens.store import open_store  # noqa: E402

VERDICTS = ["black_hole", "recycled", "marketing_owned", "snoozed", "sales_active", "customer",
            "do_not_contact"]
KINDS = ["web_visit", "sales_email", "marketing_email", "reply", "sequence_enrolled",
         "meeting_held", "mql", "opportunity_opened"]


def create(path: Path, leads: int, events_per_lead: int) -> None:
    """A store of `leads` synthetic people with verdicts and events (bench fixture only)."""
    with open_store(path) as store:
        con = store.con
        con.execute("SELECT setseed(0.42)")
        con.execute(f"""
            INSERT INTO people (person_id, email, name, company, lead_source, owner, sources)
            SELECT printf('p_%010d', i), printf('person%d@company%d.com', i, i % 50000),
                   printf('Person %d', i), printf('Company %d', i % 50000),
                   ['Webinar', 'Organic Search', 'Event', 'Purchased List'][1 + i % 4],
                   printf('owner_%02d', i % 40), ['salesforce', 'ga4']
            FROM range({leads}) t(i)""")
        verdicts = "[" + ", ".join(f"'{v}'" for v in VERDICTS) + "]"
        con.execute(f"""
            INSERT INTO verdicts (person_id, as_of, verdict, ok_to_market, warm, snooze_until,
                                  handoff_at, last_sales_touch_at, last_engagement_at,
                                  priority, reasons, first_sales_touch_at)
            SELECT printf('p_%010d', i), TIMESTAMP '2025-06-30 12:00:00', v,
                   v IN ('black_hole', 'recycled', 'marketing_owned'), random() < 0.3,
                   CASE WHEN v = 'snoozed' THEN DATE '2025-09-01' END,
                   CASE WHEN v <> 'marketing_owned'
                        THEN TIMESTAMP '2025-01-01' + to_days((i % 150)::INT) END,
                   CASE WHEN v <> 'marketing_owned'
                        THEN TIMESTAMP '2025-01-10' + to_days((i % 160)::INT) END,
                   TIMESTAMP '2025-02-01' + to_days((i % 149)::INT),
                   (i * 7919 % 101)::INT, '[]',
                   CASE WHEN v <> 'marketing_owned'
                        THEN TIMESTAMP '2025-01-02' + to_days((i % 150)::INT) END
            FROM (SELECT i, {verdicts}[1 + (i * 31 % 7)::INT] AS v FROM range({leads}) t(i))""")
        kinds = "[" + ", ".join(f"'{k}'" for k in KINDS) + "]"
        con.execute(f"""
            INSERT INTO timeline_events (event_id, person_id, ts, system, kind, family, title)
            SELECT printf('e_%d_%d', i, j), printf('p_%010d', i),
                   TIMESTAMP '2025-01-01' + to_minutes(((i * 13 + j * 977) % 260000)::INT),
                   'salesforce', {kinds}[1 + ((i + j * 3) % 8)::INT], 'engagement', 'event'
            FROM range({leads}) a(i), range({events_per_lead}) b(j)""")
        con.execute("CHECKPOINT")


async def measure(path: Path) -> dict[str, float]:
    from lead_lens.ui.app import LeadLensApp
    from lead_lens.ui.messages import LeadsCounted, OverviewLoaded
    from lead_lens.ui.screens.leads import LeadsScreen
    from lead_lens.ui.widgets.leads_table import LeadsTable

    started = time.perf_counter()
    marks: dict[str, float] = {}
    seen: list[object] = []

    def hook(message: object) -> None:
        seen.append(message)

    async def until(kind: type, count: int = 1, timeout: float = 60.0) -> None:
        deadline = time.perf_counter() + timeout
        while sum(isinstance(m, kind) for m in {id(m): m for m in seen}.values()) < count:
            if time.perf_counter() > deadline:
                raise TimeoutError(kind.__name__)
            await asyncio.sleep(0.002)

    store = open_store(path)
    app = LeadLensApp(store, Settings(), model_factory=FakeModel, blink=False)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await until(OverviewLoaded)
        await pilot.pause(0)          # one refresh: the figures are on screen
        marks["first painted overview (s)"] = time.perf_counter() - started
        await until(OverviewLoaded, 2)
        await pilot.pause(0)
        marks["overview complete (s)"] = time.perf_counter() - started
        t = time.perf_counter()
        while app._index_version != app.data_version:  # noqa: SLF001
            await asyncio.sleep(0.01)
        marks["leads index built (s)"] = time.perf_counter() - t
        t = time.perf_counter()
        await pilot.press("l")
        await until(LeadsCounted)
        await pilot.pause(0)
        marks["leads table after 'l' (s)"] = time.perf_counter() - t
        screen = app.screen
        assert isinstance(screen, LeadsScreen)
        from lead_lens.ui.data import LeadFilter

        for label, lead_filter, n in (
                ("filter verdict=black_hole (s)", LeadFilter(verdict="black_hole"), 2),
                ("filter black_hole + warm (s)", LeadFilter(verdict="black_hole", warm=True), 3),
                ("search 'Person 4242' (s)", LeadFilter(search="Person 4242"), 4),
                ("search 'company123' (s)", LeadFilter(search="company123"), 5)):
            t = time.perf_counter()
            screen.apply_filter(lead_filter)
            await until(LeadsCounted, n)
            await pilot.pause(0)
            marks[label] = time.perf_counter() - t
        table = screen.query_one(LeadsTable)
        t = time.perf_counter()
        table.action_jump(-1)             # the last row: a deep page
        await pilot.pause(0)
        while table.row_at(table.row_count - 1) is None:
            await asyncio.sleep(0.002)
        marks["jump to the last row (s)"] = time.perf_counter() - t
    store.close()
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--create", type=int, metavar="N", help="build N synthetic leads first")
    parser.add_argument("--events-per-lead", type=int, default=6)
    args = parser.parse_args()
    if args.create:
        for stale in (args.store, Path(f"{args.store}.wal")):
            stale.unlink(missing_ok=True)
        t = time.perf_counter()
        create(args.store, args.create, args.events_per_lead)
        print(f"created {args.create:,} leads in {time.perf_counter() - t:.1f}s")
    for name, seconds in asyncio.run(measure(args.store)).items():
        print(f"{name:<34} {seconds * 1000:9.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
