"""Text encodings of exports: detect, and transcode to UTF-8 for DuckDB where needed.

Real exports arrive as UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") and
Windows-1252 (Excel's "CSV" on Windows, Salesforce's Data Export when ISO-8859-1 is chosen).
DuckDB reads UTF-8 natively; anything else is transcoded once into a temporary UTF-8 file.
"""

from __future__ import annotations

import codecs
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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
    """(invalid byte runs, valid non-ASCII characters) over the whole file.

    Valid UTF-8 (nearly every export) is confirmed by one strict incremental decode at C speed;
    only a file that fails it is counted, with the counts also done by C string methods.
    """
    if _is_valid_utf8(path, skip):
        return 0, 0
    invalid = multibyte = 0
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    with path.open("rb") as handle:
        handle.seek(skip)
        while chunk := handle.read(CHUNK):
            if chunk.isascii():
                continue
            text = decoder.decode(chunk)
            bad = text.count("\ufffd")
            invalid += bad
            non_ascii = len(text) - len(text.encode("ascii", "ignore"))
            multibyte += non_ascii - bad
        tail = decoder.decode(b"", final=True)
        invalid += tail.count("\ufffd")
    return invalid, multibyte


def _is_valid_utf8(path: Path, skip: int) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    with path.open("rb") as handle:
        handle.seek(skip)
        try:
            while chunk := handle.read(CHUNK):
                if not chunk.isascii() or decoder.getstate()[0]:
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


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


# ------------------------------------------------------------------------------ line endings
# DuckDB's CSV reader wants one line-ending style per file and skips blank lines without
# counting them in its row order. Files with lone CRs (old Mac exports, mixed line endings) or
# blank lines are rewritten once: record ends become '\n', blank lines go, and where they were is
# remembered so reported lines still count every line a spreadsheet shows.
# A longer record is left whole; also the max_line_size lead-lens gives DuckDB (readers).
MAX_RECORD_CHARS = 16 * 1024 * 1024
_LINE_END = re.compile(r"\r\n|\r|\n")



def has_line_trouble(path: Path) -> bool:
    """True when the file holds a lone CR or a blank line outside quoted fields.

    Inside a quoted field (a CRM note's paragraphs) both are text, and DuckDB reads them as such.
    Quote parity tells inside from outside; a file whose quotes do not pair up is rewritten to
    be safe, as is one that starts with a line break. The scan is vectorized (numpy): notes with
    paragraphs put a blank line in most records, too many to visit one by one.
    """
    with path.open("rb") as handle:
        pending = handle.read(CHUNK)
        if pending.lstrip(codecs.BOM_UTF8)[:1] in (b"\r", b"\n"):
            return True
        quotes_before = 0  # quote characters before the chunk, mod 2
        seen_inside = False
        while pending:
            data, pending = pending, handle.read(CHUNK)
            while len(pending) < 2 and (more := handle.read(CHUNK)):
                pending += more  # two bytes of look-ahead: a break may straddle the chunks
            parities, quotes = _trouble_parities(data, pending[:2], quotes_before)
            if (parities == 0).any():
                return True
            seen_inside = seen_inside or parities.size > 0
            quotes_before = (quotes_before + quotes) % 2
        return seen_inside and quotes_before != 0


def _trouble_parities(data: bytes, ahead: bytes,
                      quotes_before: int) -> tuple[np.ndarray, int]:
    """Quote parity (0 = outside quotes) at each lone CR or blank line of `data`; and its quotes.

    `ahead` is the next bytes of the file (up to two). A blank line is an LF followed by LF or
    CRLF; a lone CR is a CR not followed by LF (the file's last byte included). Only the line
    breaks' neighbours are looked at, not every byte's.
    """
    size = len(data)
    both = np.frombuffer(data + ahead + b"\0\0", dtype=np.uint8)  # two bytes past any break
    here = both[:size]
    crs = np.flatnonzero(here == 13)
    lone_cr = crs[both[crs + 1] != 10]
    lfs = np.flatnonzero(here == 10)
    next1, next2 = both[lfs + 1], both[lfs + 2]
    blank = lfs[(next1 == 10) | ((next1 == 13) & (next2 == 10))]
    trouble = np.union1d(lone_cr, blank)
    if trouble.size == 0:
        return trouble, data.count(b'"')
    quote_at = np.flatnonzero(here == 34)
    parities = (quotes_before + np.searchsorted(quote_at, trouble)) % 2
    return parities, int(quote_at.size)


def _record_pattern(delimiter: str) -> re.Pattern[str]:
    """One CSV record as DuckDB's strict reader splits it; a quote opens a field only at its start.

    Groups: 1 = the record's text, 2 = its line ending ('' at the end of the text).
    """
    d = re.escape(delimiter)
    field_ = rf'(?:"(?:[^"]|"")*"[^{d}\r\n]*|[^{d}"\r\n][^{d}\r\n]*|)'
    return re.compile(rf"({field_}(?:{d}{field_})*)(\r\n|\r|\n|)")


def repair_lines(path: Path, delimiter: str, target: Path) -> list[int]:
    """Write `path` to `target` with '\\n' record ends and no blank lines.

    Returns, for each blank line dropped, how many records (header included) came before it.
    Bytes that are not UTF-8 pass through unchanged (the reader rejects their rows). A record
    that cannot be split (an unclosed quote) is copied up to the end of its physical line, as
    DuckDB sees it; the reader re-reads what such a record swallows.
    """
    pattern = _record_pattern(delimiter)
    blank_after: list[int] = []
    records = 0
    buffer = ""
    eof = False
    with path.open("r", encoding="utf-8", errors="surrogateescape", newline="") as src, \
            target.open("w", encoding="utf-8", errors="surrogateescape", newline="") as dst:
        first = src.read(1)
        if first == "\ufeff":
            dst.write(first)
        else:
            buffer = first
        stalled = True  # the buffer holds no complete record: read more before splitting
        while not eof or buffer:
            if not eof and (stalled or len(buffer) < CHUNK):
                chunk = src.read(CHUNK)
                eof = not chunk
                buffer += chunk
            out: list[str] = []
            pos = 0
            while pos < len(buffer):
                match = pattern.match(buffer, pos)
                assert match is not None  # every alternative may match empty
                text, ending, end = match.group(1), match.group(2), match.end()
                if not eof and end == len(buffer):
                    break  # the record (or its CRLF) may go on in the next chunk
                if not ending and end < len(buffer):
                    # Not splittable (an unclosed or stray quote): copy to the end of the line.
                    line_end = _LINE_END.search(buffer, end)
                    if line_end is None and not eof and len(buffer) - pos < MAX_RECORD_CHARS:
                        break
                    stop = line_end.start() if line_end else len(buffer)
                    text, ending = buffer[pos:stop], line_end.group() if line_end else ""
                    end = line_end.end() if line_end else len(buffer)
                if text:
                    out.append(text + ("\n" if ending else ""))
                    records += 1 if ending else 0
                elif ending:
                    blank_after.append(records)
                pos = end
            dst.write("".join(out))
            stalled = pos == 0
            buffer = buffer[pos:]
    return blank_after


def repair_json_lines(path: Path, target: Path) -> None:
    """Newline-delimited JSON with '\\n' line ends and each blank line kept as one space.

    JSON text holds no raw line breaks, so every CR or LF ends a line; the space keeps blank lines
    in DuckDB's line count (it skips empty ones) while still reading as blank.
    """
    at_line_start = True
    with path.open("r", encoding="utf-8", errors="surrogateescape", newline="") as src, \
            target.open("w", encoding="utf-8", errors="surrogateescape", newline="") as dst:
        pending = ""
        while chunk := src.read(CHUNK):
            text = pending + chunk
            pending = "\r" if text.endswith("\r") else ""
            text = _LINE_END.sub("\n", text[:-1] if pending else text)
            if at_line_start and text.startswith("\n"):
                text = " " + text
            text = text.replace("\n\n", "\n \n").replace("\n\n", "\n \n")
            at_line_start = text.endswith("\n")
            dst.write(text)
        if pending:
            dst.write(" \n" if at_line_start else "\n")
