"""Where lead-lens keeps its files: one place, so the CLI, the app and tests agree."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "lead-lens"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The user's data directory for lead-lens (LEAD_LENS_HOME overrides it)."""
    override = os.environ.get("LEAD_LENS_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def default_db_path() -> Path:
    return data_dir() / "lead-lens.duckdb"


def queries_dir() -> Path:
    """The named SQL blocks: `queries/` at the project root (an installed wheel ships a copy)."""
    packaged = Path(__file__).resolve().parent / "_queries"
    return packaged if packaged.is_dir() else PROJECT_ROOT / "queries"


def sample_data_dir() -> Path:
    return PROJECT_ROOT / "sample_data"


def settings_path() -> Path:
    """The user's settings file (LEAD_LENS_SETTINGS overrides it)."""
    override = os.environ.get("LEAD_LENS_SETTINGS")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.toml"
