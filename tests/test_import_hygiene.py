"""The headless core never imports textual (the UI lives in lead_lens/ui only)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import lead_lens

UI_PACKAGES = ("lead_lens.ui",)


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(lead_lens.__path__, prefix="lead_lens."):
        if not info.name.startswith(UI_PACKAGES) and info.name != "lead_lens.__main__":
            names.append(info.name)
    return sorted(names)


def test_core_modules_exist() -> None:
    assert "lead_lens.ingest.pipeline" in core_modules()
    assert "lead_lens.cli" in core_modules()


def test_core_never_imports_textual() -> None:
    script = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "", f"the core imported: {done.stdout.strip()}"
