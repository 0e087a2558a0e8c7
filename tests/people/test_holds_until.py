"""Each verdict says until when it holds (`holds_until`): walking the as_of forward a few days at
a time, the rebuild judges again only the people whose verdict may read differently, and every row
equals a full judgement at that instant. The cast crosses every kind of deadline on the way: a
sequence finishing, a meeting coming, sales touches and replies ageing out of their windows,
warm engagement going cold, a snooze running out, the priority's recency and window (those
people only scored again, from what their row keeps)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from lead_lens.people.verdicts import SCRATCH, compute_verdicts
from lead_lens.settings import Settings
from lead_lens.store import Store, open_store
from tests.people.conftest import load_sql, run

START, END = datetime(2025, 3, 20), datetime(2025, 10, 1)
# Not a round number of days, so the walk meets deadlines at many times of day.
STEP = timedelta(days=2, hours=7)


def stale_rows(store: Store) -> int:
    """Rows of the stored verdicts and a fresh judgement at their as_of, not in the other."""
    a, b = "SELECT * FROM verdicts", f"SELECT * FROM {SCRATCH}"
    row = store.con.execute(f"SELECT (SELECT count(*) FROM ({a} EXCEPT ALL {b})) "
                            f"+ (SELECT count(*) FROM ({b} EXCEPT ALL {a}))").fetchone()
    return int(row[0]) if row else -1


@pytest.fixture
def imported_cast() -> Iterator[Store]:
    """The cast, its rows as of one import (rows of no import count as new to a rebuild)."""
    store = open_store(":memory:")
    load_sql(store, "cast.sql")
    store.con.execute("INSERT INTO imports (import_id, file_path, file_sha256, kind, raw_table) "
                      "VALUES (1, 'cast.sql', 'x', 'fixture', 'raw.cast')")
    tables = store.con.execute(
        "SELECT table_name FROM information_schema.columns WHERE column_name = 'import_id' "
        "AND table_schema = 'main' AND table_name <> 'imports'").fetchall()
    for (table,) in tables:
        store.con.execute(f"UPDATE {table} SET import_id = 1")
    assert run(store, as_of=START).touched is None  # the first rebuild: a full one
    yield store
    store.close()


def test_walking_the_as_of_forward_judges_the_due_alone_and_right(imported_cast: Store) -> None:
    cast = imported_cast
    people = int(cast.scalar("people_counts"))
    judged, scored, as_of = [], [], START
    while as_of < END:
        as_of += STEP
        stats = run(cast, as_of=as_of)
        assert stats.touched == 0 and stats.judged_again is not None
        judged.append(stats.judged_again)
        scored.append(stats.scored_again or 0)
        compute_verdicts(cast, Settings(), as_of, target=SCRATCH)
        assert stale_rows(cast) == 0, f"stale verdicts at {as_of}"
    assert 0 < sum(judged) < people * len(judged) / 4  # far from everyone each time
    assert sum(scored) > 0  # some only had their priority scored again
    assert cast.scalar("verdict_stored_as_of") == as_of
