"""Rewriting the store into a fresh file, so deleted rows leave no bytes behind.

DuckDB marks the blocks of deleted rows free but does not wipe them: after `lead-lens forget`
the person's text would still sit in the file. The live rows are copied into a new file next to
the store (`COPY FROM DATABASE`), which is synced and renamed over the old one. A crash before
the rename leaves the old store whole (and a `.rewrite` file the next rewrite removes).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from lead_lens.errors import StoreError
from lead_lens.store.connection import Store, open_store
from lead_lens.store.queries import FilePath, query, quote_identifier

try:  # POSIX: hold the old file's lock between DuckDB letting go of it and the rename
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

REWRITE_SUFFIX = ".rewrite"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def rewrite_store(store: Store) -> Store:
    """Copy the live rows of `store` into a new file that replaces it; returns the store opened
    on the new file (`store` itself is closed). An in-memory store is returned as is."""
    if store.path == ":memory:":
        return store
    path = Path(store.path)
    fresh = path.with_name(path.name + REWRITE_SUFFIX)
    for leftover in (fresh, Path(f"{fresh}.wal")):  # from a rewrite that was killed
        _remove(leftover)
    store.script("store_checkpoint")
    database = quote_identifier(str(store.scalar("store_database_name")))
    store.con.execute(query("store_attach_fresh").render(fresh_file=FilePath(str(fresh))))
    try:
        fresh.chmod(0o600)  # before any row lands in it: customer PII
        store.con.execute(query("store_copy_to_fresh").render(database=database))
    except BaseException:
        store.script("store_detach_fresh")
        _remove(fresh)
        raise
    store.script("store_detach_fresh")
    if Path(f"{fresh}.wal").exists():  # pragma: no cover - DuckDB checkpoints on detach
        _remove(fresh)
        raise StoreError(f"Rewriting {path} did not finish cleanly; the store is unchanged.")
    _fsync(fresh)
    store.close()
    _swap(fresh, path)
    return open_store(path)


def _swap(fresh: Path, path: Path) -> None:
    """Rename `fresh` over `path`. While it happens the old file stays locked, so no other
    lead-lens can open it and write into a file about to disappear."""
    lock_fd = os.open(path, os.O_RDWR)
    try:
        if fcntl is not None:
            try:
                fcntl.lockf(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                _remove(fresh)
                raise StoreError(
                    f"Another process opened {path} while it was being rewritten; the rows are "
                    "removed but their bytes may remain in the file. Run the command again when "
                    "the store is free.") from error
        # A WAL beside the old file belongs to the old file: replayed on the new one it would
        # corrupt it. After the checkpoint there is none, but a crash could have left one.
        _remove(Path(f"{path}.wal"))
        os.replace(fresh, path)
        _fsync(path.parent)
    finally:
        os.close(lock_fd)
