"""What a kind of export looks like, and the registry of all kinds.

A kind names the logical fields its mapping SQL reads, each with the header spellings real exports
use (API name, snake_case warehouse name, UI label). Spellings compare normalized: lower-case with
everything but letters and digits removed, so `ConvertedContactId`, `converted_contact_id` and
`Converted Contact ID` are one spelling. The mapping SQL reads a relation `src` whose columns are
the logical field names (missing optional fields are NULL), plus `_line`, the source line or
record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

TABULAR = frozenset({"csv", "parquet"})
JSON = frozenset({"json"})
ANY_FORMAT = frozenset({"csv", "parquet", "json"})


@cache
def normalize_header(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@dataclass(frozen=True)
class Field:
    """A logical column of a kind, with the spellings it goes by in real exports."""

    name: str
    spellings: tuple[str, ...] = ()
    required: bool = False
    # Required only to recognise the kind: a file the user forces with --as may lack it.
    identifying: bool = False

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(normalize_header(s) for s in (self.name, *self.spellings))


def req(name: str, *spellings: str) -> Field:
    return Field(name, spellings, required=True)


def ident(name: str, *spellings: str) -> Field:
    """A column that tells this kind apart from look-alikes, but that the mapping can do
    without (a report that left it out can still be imported with --as)."""
    return Field(name, spellings, required=True, identifying=True)


def opt(name: str, *spellings: str) -> Field:
    return Field(name, spellings)


@dataclass(frozen=True)
class KindSpec:
    """One kind of export file: how to recognise it and which queries map it.

    outputs: (canonical table, query name) pairs run in order against `src`.
    formats: the file formats this kind arrives in ('csv', 'parquet', 'json').
    filename_hints: words in a file's name that favour this kind when several match equally
        (Salesforce's Data Export names files after the object: Lead.csv, Task.csv).
    record_paths: for JSON, where the records sit (tried in order; '' = the top level is the
        record list or the file is newline-delimited records).
    """

    name: str
    title: str
    fields: tuple[Field, ...]
    outputs: tuple[tuple[str, str], ...]
    formats: frozenset[str] = TABULAR
    filename_hints: tuple[str, ...] = ()
    record_paths: tuple[str, ...] = ("",)
    description: str = ""

    @property
    def required(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)

    def resolve(self, columns: list[str]) -> dict[str, str]:
        """Map each logical field to the file column that spells it (first match wins)."""
        by_key: dict[str, str] = {}
        for column in columns:
            by_key.setdefault(normalize_header(column), column)
        resolved: dict[str, str] = {}
        for fld in self.fields:
            for spelling in (fld.name, *fld.spellings):
                column = by_key.get(normalize_header(spelling))
                if column is not None:
                    resolved[fld.name] = column
                    break
        return resolved

    def missing(self, columns: list[str], *, forced: bool = False) -> list[str]:
        """Required fields the columns lack, by their first spelling; `forced` (--as): only
        those the mapping cannot do without."""
        resolved = self.resolve(columns)
        return [(f.spellings or (f.name,))[0] for f in self.required
                if f.name not in resolved and not (forced and f.identifying)]


@dataclass
class Registry:
    kinds: dict[str, KindSpec] = field(default_factory=dict)

    def add(self, *specs: KindSpec) -> None:
        for spec in specs:
            if spec.name in self.kinds:
                raise ValueError(f"kind {spec.name!r} registered twice")
            self.kinds[spec.name] = spec

    def get(self, name: str) -> KindSpec:
        try:
            return self.kinds[name]
        except KeyError:
            known = ", ".join(sorted(self.kinds))
            raise KeyError(f"unknown kind {name!r}; known kinds: {known}") from None


REGISTRY = Registry()


def all_kinds() -> dict[str, KindSpec]:
    """Every kind, with the source modules imported so they have registered."""
    from lead_lens.ingest import sources  # noqa: F401  (registers the kinds)

    return REGISTRY.kinds
