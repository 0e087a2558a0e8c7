"""A small snapshot helper: the app's SVG screenshot compared with tests/ui/snapshots/NAME.svg.

LEAD_LENS_UPDATE_SNAPSHOTS=1 rewrites the files; a missing file is written on first run.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from textual.app import App

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def screen_text(app: App[int]) -> str:
    """The visible text of the screen, one line per row (for readable failure messages)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())  # noqa: SLF001


def assert_snapshot(app: App[int], name: str) -> None:
    svg = app.export_screenshot(title="lead-lens")
    path = SNAPSHOTS / f"{name}.svg"
    text_path = SNAPSHOTS / f"{name}.txt"
    text = screen_text(app)
    if os.environ.get("LEAD_LENS_UPDATE_SNAPSHOTS") == "1" or not path.exists():
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        path.write_text(svg, encoding="utf-8")
        text_path.write_text(text, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if svg != expected:
        before = text_path.read_text(encoding="utf-8") if text_path.exists() else ""
        diff = "\n".join(difflib.unified_diff(before.splitlines(), text.splitlines(),
                                              "expected", "actual", lineterm=""))
        (SNAPSHOTS / f"{name}.actual.svg").write_text(svg, encoding="utf-8")
        raise AssertionError(f"snapshot {name} differs (see {name}.actual.svg; "
                             f"LEAD_LENS_UPDATE_SNAPSHOTS=1 to accept):\n{diff}")
