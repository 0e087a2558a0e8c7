"""Named SQL blocks from `queries/*.sql`.

A block starts with `-- name: block_name`; the comment lines right after it are its doc. Names are
unique across all files. Values are always bound (`$name` parameters); the only text ever filled
into a block is a table or column identifier taken from the store's own catalog (see `render`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lead_lens.paths import queries_dir

_NAME_LINE = re.compile(r"^--\s*name:\s*([A-Za-z_][A-Za-z0-9_]*)\s*$", re.MULTILINE)
_PARAM = re.compile(r"(?<![$\w])\$([A-Za-z_][A-Za-z0-9_]*)")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
_QUOTED_IDENT = re.compile(r'^"(?:[^"\x00]|"")+"$')


@dataclass(frozen=True)
class FilePath:
    """A file path lead-lens made, for the few statements whose path DuckDB cannot bind
    (ATTACH). It is filled in as a quoted SQL string literal, never as bare text."""

    path: str

    def literal(self) -> str:
        if any(ch in self.path for ch in "\x00\n\r"):
            raise ValueError(f"not a usable file path: {self.path!r}")
        return "'" + self.path.replace("'", "''") + "'"


def quote_identifier(name: str) -> str:
    """A name read from the catalog (a database named after its file, 'lead-lens'), quoted."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Query:
    name: str
    sql: str
    doc: str
    source: Path

    @property
    def params(self) -> frozenset[str]:
        """The `$name` parameters the block binds (ignoring those inside string literals)."""
        without_comments = re.sub(r"--[^\n]*", "", self.sql)
        without_strings = re.sub(r"'(?:[^']|'')*'", "''", without_comments)
        return frozenset(_PARAM.findall(without_strings))

    def bind(self, params: dict[str, object]) -> dict[str, object]:
        """Only the parameters this block uses; DuckDB rejects extra ones."""
        missing = self.params - params.keys()
        if missing:
            raise KeyError(f"query {self.name!r} needs parameters {sorted(missing)}")
        return {k: v for k, v in params.items() if k in self.params}

    def render(self, **identifiers: str | FilePath) -> str:
        """Fill `{placeholders}` with identifiers (never values): each must be a plain or
        quoted name, or a FilePath (a quoted literal)."""
        filled: dict[str, str] = {}
        for key, value in identifiers.items():
            if isinstance(value, FilePath):
                filled[key] = value.literal()
                continue
            if not _QUOTED_IDENT.match(value):
                for part in value.split(","):
                    if not _IDENT.match(part.strip().strip('"')):
                        raise ValueError(f"not an identifier: {part!r}")
            filled[key] = value
        return re.sub(r"\{([a-z_]+)\}", lambda m: filled.get(m.group(1), m.group(0)), self.sql)


    def compose(self, inner: Query, **identifiers: str) -> Query:
        """This block with `{mapping}` replaced by another block as a subquery (both ours)."""
        text = self.render(**identifiers).replace("{mapping}", inner.sql.rstrip().rstrip(";"))
        return Query(f"{self.name}({inner.name})", text, self.doc, self.source)


def parse_blocks(text: str, source: Path) -> list[Query]:
    matches = list(_NAME_LINE.finditer(text))
    blocks: list[Query] = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end() : end].strip("\n")
        doc_lines: list[str] = []
        for line in body.splitlines():
            if not line.startswith("--"):
                break
            doc_lines.append(line.lstrip("-").strip())
        blocks.append(Query(match.group(1), body.strip(), " ".join(doc_lines), source))
    return blocks


@cache
def load_queries(root: Path | None = None) -> dict[str, Query]:
    """Every named block under `root` (default: the project's queries folder)."""
    root = root or queries_dir()
    found: dict[str, Query] = {}
    for path in sorted(root.rglob("*.sql")):
        for block in parse_blocks(path.read_text(encoding="utf-8"), path):
            if block.name in found:
                raise ValueError(
                    f"query name {block.name!r} is defined in both {found[block.name].source} "
                    f"and {path}"
                )
            found[block.name] = block
    return found


_USED: set[str] = set()


def query(name: str) -> Query:
    try:
        block = load_queries()[name]
    except KeyError:
        raise KeyError(f"no query named {name!r} in {queries_dir()}") from None
    _USED.add(name)
    return block


def used_query_names() -> frozenset[str]:
    """Blocks looked up in this process (the test suite checks every block is exercised)."""
    return frozenset(_USED)
