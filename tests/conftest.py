"""Shared fixtures: throwaway stores and a helper to import fixture files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lead_lens.ingest.pipeline import FileResult, ImportOptions, ingest_paths
from lead_lens.store import Store, open_store

DATA = Path(__file__).parent / "data"


@pytest.fixture
def store() -> Iterator[Store]:
    """An empty, migrated, in-memory store."""
    s = open_store(":memory:")
    yield s
    s.close()


@pytest.fixture
def file_store(tmp_path: Path) -> Iterator[Store]:
    """An empty store in a file under tmp_path."""
    s = open_store(tmp_path / "store.duckdb")
    yield s
    s.close()


def ingest(store: Store, *paths: Path, as_kind: str | None = None) -> list[FileResult]:
    """Import paths and fail the test on any failed file."""
    results = ingest_paths(store, list(paths), ImportOptions(as_kind=as_kind))
    failed = [r for r in results if r.status == "failed"]
    assert not failed, "\n".join(r.message for r in failed)
    return results


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real store or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("LEAD_LENS_HOME", str(home / "data"))
    monkeypatch.setenv("LEAD_LENS_SETTINGS", str(home / "settings.toml"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A full run must execute every named SQL block at least once (AGENTS.md)."""
    from lead_lens.store.queries import load_queries, used_query_names

    whole_suite = {Path(__file__).parent, Path(__file__).parent.parent}
    ran_everything = not session.config.option.keyword and not session.config.option.markexpr \
        and all(Path(arg).resolve() in whole_suite for arg in session.config.args)
    if not ran_everything or exitstatus != 0 or session.testsfailed:
        return
    unused = sorted(set(load_queries()) - used_query_names())
    if unused:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "named SQL blocks no test executed: " + ", ".join(unused)
        if reporter is not None:
            reporter.write_line(message, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
