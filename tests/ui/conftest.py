"""App test fixtures: one small sample store per session, copied for each test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import DataTable

from lead_lens.ingest.pipeline import ImportOptions, ingest_paths
from lead_lens.llm.model import FakeModel
from lead_lens.people import rebuild
from lead_lens.settings import Settings
from lead_lens.store import Store, open_store
from lead_lens.ui.app import LeadLensApp

SAMPLE_LEADS = 60
SAMPLE_SEED = 7
DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="session")
def sample_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from `lead-lens sample --leads 60 --seed 7` (built once per session)."""
    from lead_lens.sample import generate

    root = tmp_path_factory.mktemp("ui-sample")
    generate(root / "data", leads=SAMPLE_LEADS, seed=SAMPLE_SEED)
    path = root / "store.duckdb"
    with open_store(path) as store:
        ingest_paths(store, [root / "data"], ImportOptions())
        rebuild(store, Settings())
        store.con.execute("CHECKPOINT")
    return path


@pytest.fixture
def sample_store(sample_store_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A private copy of the sample store (tests may write summaries or imports)."""
    target = tmp_path / "store.duckdb"
    shutil.copy(sample_store_file, target)
    store = open_store(target)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "store.duckdb")
    yield store
    store.close()


@pytest.fixture
def make_app() -> Callable[[Store], LeadLensApp]:
    """The app as tests run it: fake model, no cursor blink, fixed browse and export folders."""
    def make(store: Store) -> LeadLensApp:
        return LeadLensApp(store, Settings(), model_factory=FakeModel, browse_root=DATA / "web",
                           export_dir=Path("exports"), blink=False)
    return make


async def settle(pilot: Pilot[int], rounds: int = 3) -> None:
    """Wait until the app's own workers are done and the screen has caught up (no sleeps
    beyond short pauses for message processing)."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause(0.05)
        running = [w for w in app.workers if w.node is app and not w.is_finished]
        if running:
            await app.workers.wait_for_complete(running)
    await pilot.pause(0.1)
    # A DataTable sizes its columns for new rows only when its message queue runs empty, which
    # on a loaded machine can come after any fixed pause: wait for every table's pending rows,
    # then for two frames alike.
    frame = ""
    for _ in range(100):
        pending = [t for t in app.screen.query(DataTable)
                   if t._new_rows or t._updated_cells or t._require_update_dimensions]
        again = app.export_screenshot()
        if not pending and again == frame:
            return
        frame = again
        await pilot.pause(0.05)


M = TypeVar("M", bound=Message)


def of_type(messages: list[Message], kind: type[M]) -> list[M]:
    """Messages of one type, each once (a bubbling message is seen by every node it visits)."""
    seen: set[int] = set()
    found: list[M] = []
    for message in messages:
        if isinstance(message, kind) and id(message) not in seen:
            seen.add(id(message))
            found.append(message)
    return found
