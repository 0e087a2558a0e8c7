"""What every command needs: the store and the settings, from the common flags."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from lead_lens.paths import default_db_path
from lead_lens.settings import Settings, load_settings
from lead_lens.store import Store, open_store


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if getattr(args, "db", None) else default_db_path()


def store_from(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    return open_store(db_path(args), read_only=read_only)


def settings_from(args: argparse.Namespace) -> Settings:
    path = getattr(args, "settings", None)
    return load_settings(Path(path) if path else None)


def output_console() -> Console:
    """Standard output; piped output is not cut to 80 columns (tables stay readable in logs)."""
    return Console() if sys.stdout.isatty() else Console(width=200)
