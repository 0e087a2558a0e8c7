"""Text encodings of exports: detect, and transcode to UTF-8 for DuckDB where needed.

Real exports arrive as UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") and
Windows-1252 (Excel's "CSV" on Windows, Salesforce's Data Export when ISO-8859-1 is chosen).
DuckDB reads UTF-8 natively; anything else is transcoded once into a temporary UTF-8 file.
"""

from __future__ import annotations

import codecs
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHUNK = 8 * 1024 * 1024


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    # The five bytes cp1252 leaves undefined decode as their Latin-1 code points.
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("ll_cp1252_latin1", _cp1252_fallback)


@dataclass(frozen=True)
class Encoding:
    name: str  # 'utf-8', 'utf-8-sig', 'utf-16-le', 'utf-16-be', 'cp1252'
    bom_bytes: int = 0
    invalid_sequences: int = 0  # undecodable byte runs in a file judged to be UTF-8

    @property
    def needs_transcoding(self) -> bool:
        return self.name.startswith("utf-16") or self.name == "cp1252"


def detect_encoding(path: Path) -> Encoding:
    """UTF-8 unless a BOM, NUL-byte pattern or invalid UTF-8 says otherwise."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8-sig", 3, _count_invalid_utf8(path, 3)[0])
    if head.startswith(codecs.BOM_UTF16_LE):
        return Encoding("utf-16-le", 2)
    if head.startswith(codecs.BOM_UTF16_BE):
        return Encoding("utf-16-be", 2)
    if len(head) >= 4:
        even_nuls = head[0::2].count(0)
        odd_nuls = head[1::2].count(0)
        half = len(head) // 2
        if odd_nuls > half * 0.6 and even_nuls < half * 0.1:
            return Encoding("utf-16-le")
        if even_nuls > half * 0.6 and odd_nuls < half * 0.1:
            return Encoding("utf-16-be")
    invalid, multibyte = _count_invalid_utf8(path, 0)
    if invalid == 0:
        return Encoding("utf-8")
    # Real UTF-8 text with a few damaged bytes keeps its encoding (the damaged rows are rejected
    # and reported); text with no valid multi-byte characters is a single-byte Windows encoding.
    if multibyte >= 2 * invalid:
        return Encoding("utf-8", 0, invalid)
    return Encoding("cp1252")


def _count_invalid_utf8(path: Path, skip: int) -> tuple[int, int]:
    """(invalid byte runs, valid non-ASCII characters) over the whole file."""
    invalid = multibyte = 0
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    with path.open("rb") as handle:
        handle.seek(skip)
        while chunk := handle.read(CHUNK):
            if chunk.isascii():
                continue
            try:
                text = chunk.decode("utf-8")
                decoder.reset()
            except UnicodeDecodeError:
                text = decoder.decode(chunk)
            bad = text.count("\ufffd")
            invalid += bad
            multibyte += sum(1 for ch in text if ord(ch) > 127) - bad
    return invalid, multibyte


def to_utf8(path: Path, encoding: Encoding, workdir: Path) -> Path:
    """A UTF-8 copy of `path` in `workdir` (or `path` itself when it already is UTF-8)."""
    if not encoding.needs_transcoding:
        return path
    target = Path(tempfile.mkstemp(suffix=path.suffix, dir=workdir)[1])
    errors = "ll_cp1252_latin1" if encoding.name == "cp1252" else "replace"
    decoder = codecs.getincrementaldecoder(encoding.name)(errors=errors)
    with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        src.seek(encoding.bom_bytes)
        while chunk := src.read(CHUNK):
            dst.write(decoder.decode(chunk))
        dst.write(decoder.decode(b"", final=True))
    return target


def copy_to(path: Path, workdir: Path) -> Path:
    target = workdir / path.name
    shutil.copyfile(path, target)
    return target
