"""Which kind a file is, from its columns (or JSON keys), format and name."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePath

from lead_lens.errors import UnknownKindError
from lead_lens.ingest.spec import KindSpec, normalize_header


@dataclass(frozen=True)
class Candidate:
    kind: KindSpec
    missing: tuple[str, ...]
    matched_required: int
    matched_optional: int
    name_hint: bool

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def score(self) -> tuple[int, int, int, int]:
        # Complete kinds first; among them the most specific (most required fields matched),
        # then the file name's hint, then how many optional fields matched.
        return (int(self.complete), self.matched_required, int(self.name_hint),
                self.matched_optional)


def _name_hint(spec: KindSpec, display: str) -> bool:
    stem = normalize_header(PurePath(display.split("!/")[-1]).stem)
    return any(normalize_header(hint) == stem or (len(hint) > 4 and normalize_header(hint) in stem)
               for hint in spec.filename_hints)


def rank(kinds: list[KindSpec], columns: list[str], file_format: str,
         display: str) -> list[Candidate]:
    ranked = []
    for spec in kinds:
        if file_format not in spec.formats:
            continue
        resolved = spec.resolve(columns)
        required = spec.required
        missing = tuple(spec.missing(columns))
        ranked.append(Candidate(
            spec, missing,
            matched_required=sum(1 for f in required if f.name in resolved),
            matched_optional=sum(1 for f in spec.fields if not f.required and f.name in resolved),
            name_hint=_name_hint(spec, display)))
    return sorted(ranked, key=lambda c: c.score, reverse=True)


def detect_kind(kinds: list[KindSpec], columns: list[str], file_format: str,
                display: str) -> KindSpec:
    ranked = rank(kinds, columns, file_format, display)
    if ranked and ranked[0].complete:
        return ranked[0].kind
    raise UnknownKindError(unknown_kind_message(ranked, columns, file_format, display))


def unknown_kind_message(ranked: list[Candidate], columns: list[str], file_format: str,
                         display: str) -> str:
    shown = ", ".join(columns[:12]) + (" ..." if len(columns) > 12 else "")
    lines = [f"{display}: could not tell what kind of {file_format.upper()} export this is "
             f"(columns: {shown or 'none'}). Nothing was imported."]
    closest = sorted(ranked, key=lambda c: (c.matched_required / max(len(c.kind.required), 1),
                                            c.matched_optional), reverse=True)[:3]
    if closest:
        lines.append("Closest kinds:")
        for cand in closest:
            line = f"  {cand.kind.name} ({cand.kind.title}): missing " + ", ".join(cand.missing)
            if cand.missing and not cand.kind.missing(columns, forced=True):
                line += f" (it can still be read with --as {cand.kind.name})"
            lines.append(line)
    lines.append("Use --as KIND to force a kind, or a mapping file (--mapping FILE.toml).")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------- zips
# What reading a damaged member raises: bad CRC or header, broken deflate data, a cut-off
# stream, an encrypted member (RuntimeError) or an unsupported compression method.
ZIP_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError)


def damaged_zip_problem(path: Path) -> str:
    """A refusal message when `path` is a zip archive that cannot be opened, else ''."""
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic not in (b"PK\x03\x04", b"PK\x05\x06") and path.suffix.lower() != ".zip":
        return ""
    try:
        with zipfile.ZipFile(path) as archive:
            archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        return (f"{path}: a damaged zip archive (truncated or corrupt: {error}); nothing in it "
                "was imported. Download or export it again.")
    return ""


def member_problem(archive: Path, name: str, error: BaseException) -> str:
    return (f"{archive}!/{name}: cannot be read from the zip archive ({error}); the archive is "
            "damaged or encrypted, so this file was not imported.")
