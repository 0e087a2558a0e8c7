"""Fixtures for the people core: canonical rows inserted directly, never through importers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from lead_lens.people import find_person, rebuild
from lead_lens.people.rebuild import RebuildStats
from lead_lens.settings import Settings
from lead_lens.store import Store, open_store
from tests.people.stubs import StubScanner

DATA = Path(__file__).parent.parent / "data" / "people"
AS_OF = datetime(2025, 6, 30, 12, 0)


def load_sql(store: Store, name: str) -> None:
    store.con.execute((DATA / name).read_text(encoding="utf-8"))


def insert(store: Store, table: str, **values: Any) -> None:
    """One canonical row with just the given columns (test fixture helper)."""
    select = ", ".join(f"${k} AS {k}" for k in values)
    store.con.execute(f"INSERT INTO {table} BY NAME SELECT {select}", values)


def run(store: Store, settings: Settings | None = None, as_of: Any = None,
        scanner: StubScanner | None = None) -> RebuildStats:
    return rebuild(store, settings or Settings(), as_of, scanner=scanner or StubScanner(),
                   scanner_version="stub")


def verdict(store: Store, who: str) -> dict[str, Any]:
    person_id = find_person(store, who)
    assert person_id, f"no person {who}"
    frame = store.con.execute("SELECT * FROM verdicts WHERE person_id = $p",
                              {"p": person_id}).pl()
    return frame.row(0, named=True)


@pytest.fixture
def empty() -> Iterator[Store]:
    s = open_store(":memory:")
    yield s
    s.close()


@pytest.fixture
def cast() -> Iterator[Store]:
    """The cast of tests/data/people/cast.sql, rebuilt with the stub scanner."""
    s = open_store(":memory:")
    load_sql(s, "cast.sql")
    run(s)
    yield s
    s.close()
