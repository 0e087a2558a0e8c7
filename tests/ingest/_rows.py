"""Reading canonical rows and rejects back in the importer tests."""

from __future__ import annotations

from typing import Any

from lead_lens.store import Store


def rows_by_key(store: Store, table: str) -> dict[str, dict[str, Any]]:
    """Every row of a canonical table as a dict, by record_key."""
    cursor = store.con.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def row(store: Store, table: str, key: str) -> dict[str, Any]:
    """The row of `table` with this record_key, as a dict."""
    cursor = store.con.execute(f"SELECT * FROM {table} WHERE record_key = ?", [key])
    names = [d[0] for d in cursor.description]
    found = cursor.fetchone()
    assert found is not None, f"{key} not in {table}"
    return dict(zip(names, found, strict=True))


def rejects(store: Store) -> list[tuple[int, str]]:
    """(line, reason) of every reject, in line order."""
    return store.con.execute("SELECT line, reason FROM import_rejects ORDER BY line").fetchall()
