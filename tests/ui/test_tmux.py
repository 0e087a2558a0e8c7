"""The app in a real terminal: tmux drives `lead-lens --db STORE` with send-keys/capture-pane."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
ROOT = Path(__file__).resolve().parents[2]


def capture(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], check=True,
                          capture_output=True, text=True).stdout


def wait_for(session: str, *texts: str, timeout: float = 20.0) -> str:
    """The pane once it shows every one of `texts` (a capture can land mid-redraw)."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = capture(session)
        if all(text in screen for text in texts):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{texts!r} never all appeared; the pane shows:\n{screen}")


def keys(session: str, *names: str) -> None:
    subprocess.run(["tmux", "send-keys", "-t", session, *names], check=True)


def test_app_in_tmux(sample_store_file: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    shutil.copy(sample_store_file, store)
    session = f"lead-lens-test-{uuid.uuid4().hex[:8]}"
    env = f"LEAD_LENS_HOME={shlex.quote(os.environ['LEAD_LENS_HOME'])} TERM=xterm-256color"
    command = (f"cd {shlex.quote(str(ROOT))} && {env} {shlex.quote(sys.executable)} -m lead_lens "
               f"--db {shlex.quote(str(store))}; echo LEAD-LENS-EXITED=$?; sleep 30")
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                    command], check=True)
    try:
        wait_for(session, "Funnel", "Black hole", "Leakage by source")
        keys(session, "b")
        wait_for(session, "Days since sales", "black hole")
        keys(session, "Enter")
        wait_for(session, "BLACK HOLE", "Timeline", "Summary")
        keys(session, "Escape")
        wait_for(session, "Days since sales")
        keys(session, "q")
        screen = wait_for(session, "LEAD-LENS-EXITED=")
        assert "LEAD-LENS-EXITED=0" in screen
        assert "Traceback" not in screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
