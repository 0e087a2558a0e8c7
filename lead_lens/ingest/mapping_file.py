"""Mapping files: import a CSV of any shape into one canonical table (docs/mapping-file.md).

A mapping file is TOML naming the target table, the system the rows come from, which CSV header
fills which canonical column, constants for columns the file lacks, and the timezone of naive
timestamps. It becomes a `KindSpec` whose fields are the target's mappable columns: mapped ones
read exactly the named header, constants and unmapped ones are fixed values (NULL when unmapped),
so a header is never picked up just because it happens to share a canonical column's name.
"""

from __future__ import annotations

import re
import tomllib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lead_lens.errors import IngestError, SettingsError
from lead_lens.ingest.source_view import ConstantField
from lead_lens.ingest.spec import ANY_FORMAT, Field, KindSpec, normalize_header


@dataclass(frozen=True)
class Target:
    """A canonical table a mapping file may fill, and what it needs."""

    table: str
    columns: tuple[str, ...]  # canonical columns the file may map or set
    required: tuple[tuple[str, ...], ...] = ()  # each: at least one of these must be given
    notes: str = ""


_PERSON_TIMES = ("converted_at", "opted_out_at", "bounced_at", "mql_at", "sql_at",
                 "opportunity_at", "customer_at", "created_at", "updated_at")

TARGETS: dict[str, Target] = {
    "person_records": Target(
        "person_records",
        ("source_id", "object", "email", "emails", "first_name", "last_name", "name", "company",
         "title", "phone", "account_ref", "owner", "lead_source", "status", "lifecycle_stage",
         "is_converted", "converted_ref", "linked_refs", "opted_out", "do_not_call",
         "is_deleted", *_PERSON_TIMES),
        required=(("source_id", "email"),),
    ),
    "activities": Target(
        "activities",
        ("source_id", "object", "email", "person_refs", "ts", "kind", "actor", "title", "body",
         "direction", "status", "sequence_ref", "campaign_ref", "opportunity_ref", "account_ref",
         "starts_at", "ends_at", "cancelled", "updated_at"),
        required=(("ts",), ("kind",), ("email", "person_refs")),
    ),
    "web_events": Target(
        "web_events",
        ("source_id", "event_name", "kind", "ts", "anonymous_id", "user_id", "email", "url",
         "path", "title", "referrer", "session_id", "updated_at"),
        required=(("ts",), ("anonymous_id", "user_id", "email")),
    ),
}

_TOP_LEVEL_KEYS = ("target", "system", "timezone", "columns", "constants")
_SYSTEM_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class MappedKindSpec(KindSpec):
    """A kind made from a mapping file: each mapped field reads exactly the header it names."""

    mapped: tuple[tuple[str, str], ...] = ()  # (canonical column, file column)

    def resolve(self, columns: list[str]) -> dict[str, str]:
        present = set(columns)
        return {name: column for name, column in self.mapped if column in present}


@dataclass(frozen=True)
class MappingFile:
    """A loaded, validated mapping file."""

    path: Path
    target: str
    system: str
    timezone: str = "UTC"
    columns: dict[str, str] = field(default_factory=dict)  # canonical column -> CSV header
    constants: dict[str, str] = field(default_factory=dict)  # canonical column -> value

    @classmethod
    def load(cls, path: Path | str) -> MappingFile:
        """Read and check `path`; SettingsError names the file and the offending key."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise SettingsError(f"{path}: cannot read the mapping file ({error}).") from error
        except UnicodeDecodeError as error:
            raise SettingsError(f"{path}: the mapping file is not UTF-8 text.") from error
        except tomllib.TOMLDecodeError as error:
            raise SettingsError(f"{path}: not valid TOML: {error}.") from error
        return cls.from_dict(data, path)

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: Path) -> MappingFile:
        unknown = sorted(set(data) - set(_TOP_LEVEL_KEYS))
        if unknown:
            raise SettingsError(f"{path}: unknown key {unknown[0]!r}; a mapping file has "
                                + ", ".join(_TOP_LEVEL_KEYS) + ".")
        target_name = data.get("target")
        if target_name not in TARGETS:
            shown = "missing" if target_name is None else repr(target_name)
            raise SettingsError(f"{path}: target is {shown}; it must be one of "
                                + ", ".join(TARGETS) + ".")
        target = TARGETS[target_name]
        system = data.get("system")
        if not isinstance(system, str) or not _SYSTEM_NAME.match(system):
            raise SettingsError(
                f"{path}: system is {'missing' if system is None else repr(system)}; it must be "
                "a short lower-case name (letters, digits, '_' or '-'), e.g. system = \"matomo\". "
                "It fills the system column and prefixes record keys.")
        timezone = data.get("timezone", "UTC")
        _check_timezone(path, timezone)
        columns = _column_table(path, data, "columns", target)
        constants = _column_table(path, data, "constants", target)
        both = sorted(set(columns) & set(constants))
        if both:
            raise SettingsError(f"{path}: {both[0]!r} is both in [columns] and in [constants]; "
                                "keep one.")
        for options in target.required:
            if not any(name in columns or name in constants for name in options):
                wanted = " or ".join(options)
                raise SettingsError(f"{path}: a {target.table} mapping needs {wanted} in "
                                    "[columns] (or [constants]).")
        return cls(path, target.table, system, timezone, columns, constants)

    @property
    def kind_name(self) -> str:
        return f"custom.{self.target}"

    def kind_spec(self, file_columns: list[str], display: str) -> KindSpec:
        """The kind that imports a file with these columns; IngestError for a missing header."""
        mapped = tuple((name, self._find_header(name, header, file_columns, display))
                       for name, header in self.columns.items())
        fields: list[Field] = [ConstantField("system", value=self.system),
                               ConstantField("source_timezone", value=self.timezone)]
        for name in TARGETS[self.target].columns:
            if name in self.columns:
                fields.append(Field(name))
            else:
                fields.append(ConstantField(name, value=self.constants.get(name)))
        return MappedKindSpec(
            name=self.kind_name,
            title=f"{self.system} {self.target} (mapping file {self.path.name})",
            fields=tuple(fields),
            outputs=((self.target, f"map_custom_{self.target}"),),
            formats=ANY_FORMAT,
            description=f"Columns mapped by {self.path}.",
            mapped=mapped,
        )

    def _find_header(self, name: str, header: str, file_columns: list[str],
                     display: str) -> str:
        """The file column `header` names: exact text first, then spelled loosely if unique."""
        if header in file_columns:
            return header
        loose = [c for c in file_columns if normalize_header(c) == normalize_header(header)]
        if len(loose) == 1:
            return loose[0]
        shown = ", ".join(repr(c) for c in file_columns) or "none"
        raise IngestError(f"{display}: mapping file {self.path}: [columns] {name} = {header!r}, "
                          f"but the file has no such column. Its columns: {shown}. "
                          "Nothing was imported.")


def _check_timezone(path: Path, timezone: object) -> None:
    if not isinstance(timezone, str) or not timezone:
        raise SettingsError(f"{path}: timezone must be a zone name such as \"Europe/Berlin\" "
                            "or \"UTC\".")
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"{path}: timezone {timezone!r} is not a known zone name "
                            "(use an IANA name such as \"America/New_York\" or \"UTC\").") from None


def _column_table(path: Path, data: dict[str, Any], section: str,
                  target: Target) -> dict[str, str]:
    """[columns] or [constants]: canonical column -> text, every key a column of the target."""
    table = data.get(section, {})
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: {section} must be a table: [{section}] followed by "
                            "canonical_column = \"...\" lines.")
    out: dict[str, str] = {}
    for key, value in table.items():
        if key not in target.columns:
            raise SettingsError(
                f"{path}: [{section}] {key!r} is not a column a {target.table} mapping can "
                "fill. Known columns: " + ", ".join(target.columns) + ".")
        if section == "columns" and (not isinstance(value, str) or not value.strip()):
            raise SettingsError(f"{path}: [columns] {key} must name a CSV header as a string, "
                                f"e.g. {key} = \"My Header\".")
        if section == "constants" and not isinstance(value, str | bool | int | float):
            raise SettingsError(f"{path}: [constants] {key} must be a plain value "
                                "(text, number or true/false).")
        out[key] = str(value).lower() if isinstance(value, bool) else str(value)
    return out
