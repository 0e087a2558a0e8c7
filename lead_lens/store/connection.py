"""Opening the store: one DuckDB file, migrated to this version's schema on open."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from lead_lens.errors import StoreError
from lead_lens.store.queries import Query, load_queries, query

_MIGRATION = re.compile(r"^migration_(\d{3})$")
_SIZE_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
               "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}


def migrations() -> list[tuple[int, Query]]:
    """All schema migrations known to this version, oldest first."""
    found = []
    for name, block in load_queries().items():
        match = _MIGRATION.match(name)
        if match:
            found.append((int(match.group(1)), block))
    return sorted(found, key=lambda pair: pair[0])


def schema_version() -> int:
    """The schema version this lead-lens writes."""
    return migrations()[-1][0]


class Store:
    """A connection to one lead-lens store, with the named queries bound to it."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path

    # -- running named queries -------------------------------------------------------------
    def execute(self, name: str | Query, params: Mapping[str, Any] | None = None,
                **identifiers: str) -> duckdb.DuckDBPyConnection:
        """Run the named block (or a block composed of named ones) with its bound parameters."""
        block = name if isinstance(name, Query) else query(name)
        sql = block.render(**identifiers) if identifiers else block.sql
        bound = block.bind(dict(params or {}))
        return self.con.execute(sql, bound) if bound else self.con.execute(sql)

    def script(self, name: str, **identifiers: str) -> None:
        """Run a block of several statements that binds no values."""
        block = query(name)
        self.con.execute(block.render(**identifiers) if identifiers else block.sql)

    def rows(self, name: str | Query, params: Mapping[str, Any] | None = None,
             **identifiers: str) -> list[tuple[Any, ...]]:
        return self.execute(name, params, **identifiers).fetchall()

    def frame(self, name: str | Query, params: Mapping[str, Any] | None = None,
              **identifiers: str) -> pl.DataFrame:
        return self.execute(name, params, **identifiers).pl()

    def scalar(self, name: str | Query, params: Mapping[str, Any] | None = None,
               **identifiers: str) -> Any:
        row = self.execute(name, params, **identifiers).fetchone()
        return row[0] if row else None

    def changed(self, name: str | Query, params: Mapping[str, Any] | None = None,
                **identifiers: str) -> int:
        """Run a DELETE, UPDATE or INSERT block; the number of rows it changed."""
        return int(self.scalar(name, params, **identifiers) or 0)

    def memory_limit(self) -> int | None:
        """DuckDB's memory limit in bytes (it reports '18.8 GiB'); None when unreadable."""
        number, _, unit = str(self.scalar("session_memory_limit")).strip().partition(" ")
        try:
            return int(float(number) * _SIZE_UNITS[unit.upper() or "B"])
        except (ValueError, KeyError):
            return None

    def threads(self) -> int:
        return max(1, int(self.scalar("session_threads")))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: commit on success, roll back on any exception."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    def cursor(self) -> Store:
        """A store handle for another thread (DuckDB wants one cursor per thread)."""
        cur = self.con.cursor()
        _prepare_session(cur)
        return Store(cur, self.path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _prepare_session(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("SET TimeZone = 'UTC'")
    con.execute(query("create_macros").sql)


def _lock_message(path: str, error: Exception) -> str:
    holder = re.search(r"PID (\d+)", str(error))
    who = f"process {holder.group(1)}" if holder else "another process"
    return (f"The store {path} is in use by {who} (another lead-lens import or app). "
            "Wait for it to finish or close it, then try again.")


def open_store(path: str | os.PathLike[str] = ":memory:", *, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the store at `path`."""
    location = str(path)
    if location != ":memory:":
        file = Path(location).expanduser()
        # Customer PII: the folder and the file are the user's alone.
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not file.exists() and not read_only:
            file.touch(mode=0o600)
            file.unlink()  # DuckDB creates the file itself; the touch only checked we may write
        location = str(file)
    try:
        con = duckdb.connect(location, read_only=read_only)
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise StoreError(_lock_message(location, error)) from error
        raise StoreError(f"Cannot open the store {location}: {error}") from error
    except duckdb.Error as error:
        raise StoreError(f"Cannot open the store {location}: {error}") from error
    if location != ":memory:":
        for candidate in (Path(location), Path(location + ".wal")):
            if candidate.exists():
                candidate.chmod(0o600)
    store = Store(con, location)
    try:
        _prepare_session(con)
        if not read_only:
            migrate(store)
            drop_unfinished_imports(store)
        else:
            check_version(store)
    except BaseException:
        con.close()
        raise
    return store


def drop_unfinished_imports(store: Store) -> list[str]:
    """Drop the raw tables of imports that were killed before they committed.

    An import writes its raw table before the transaction that lands its records and records
    it (see queries/store/raw.sql), so a kill in between leaves a pending table no import owns.
    """
    names = [f"raw.{row[0]}" for row in store.rows("unfinished_raw_tables")]  # pending_<hex>
    for name in names:
        store.execute("drop_raw_table", raw_table=name)
    return names


def stored_version(store: Store) -> int:
    """The schema version the store was written at (0: a new, empty store)."""
    if not store.scalar("store_has_meta"):
        return 0
    value = store.scalar("current_schema_version")
    return int(value) if value is not None else 0


def check_version(store: Store) -> int:
    current = stored_version(store)
    newest = schema_version()
    if current > newest:
        raise StoreError(
            f"The store {store.path} was written by a newer lead-lens (schema version {current}; "
            f"this one knows up to {newest}). Upgrade lead-lens to open it.")
    return current


def migrate(store: Store) -> list[int]:
    """Apply the migrations the store lacks, each in its own transaction."""
    current = check_version(store)
    applied = []
    for version, block in migrations():
        if version <= current:
            continue
        with store.transaction():
            store.con.execute(query(block.name).sql)
            store.execute("set_schema_version", {"version": str(version)})
        applied.append(version)
    return applied
