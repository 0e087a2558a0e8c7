"""A big JSON document's record arrays, found without parsing the document whole.

An API export that wraps its records in one document ({"data": [...], "links": {...}}) can be
gigabytes: DuckDB reads one document as one value (at most 1 GiB, and about ten times its size
in memory). The members of the top-level object are found here by a vectorized scan of the
bytes (quotes, escapes and brackets), so a record array can be copied out as a file of its own
and streamed record by record.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CHUNK = 16 * 1024 * 1024
# Byte -> is it an opening bracket / any bracket: a table lookup is many times faster than np.isin.
_IS_OPENER = np.zeros(256, dtype=bool)
_IS_OPENER[[ord("{"), ord("[")]] = True
_IS_BRACKET = _IS_OPENER.copy()
_IS_BRACKET[[ord("}"), ord("]")]] = True
_KEY_BEFORE = re.compile(rb'"((?:[^"\\]|\\.)*)"\s*:\s*$', re.S)


@dataclass(frozen=True)
class Member:
    """A top-level member whose value is an object or an array, and the bytes of that value."""

    key: str
    kind: str  # 'ARRAY' | 'OBJECT'
    start: int  # offset of the opening bracket
    end: int  # one past the closing bracket


class _Scan:
    """State carried from one chunk to the next."""

    def __init__(self) -> None:
        self.in_string = False
        self.backslashes = 0  # backslashes that ended the previous chunk
        self.depth = 0
        self.opened: list[tuple[int, int]] = []  # (offset, byte) of depth-1 values still open
        self.members: list[tuple[int, int, int]] = []  # (start, end, opening byte)
        self.first_opener: int | None = None
        self.values_closed = 0  # top-level values: more than one is not one document


def top_level_members(path: Path) -> list[Member] | None:
    """The object- and array-valued members of the file's top-level object, in file order.

    None when the file is not one JSON object (several documents one after another, or brackets
    that do not balance): the caller then reads it the ordinary way, which reads every document
    and reports what DuckDB finds.
    """
    scan = _Scan()
    with path.open("rb") as handle:
        offset = 0
        while chunk := handle.read(CHUNK):
            _scan_chunk(scan, chunk, offset)
            offset += len(chunk)
        if (scan.depth != 0 or scan.in_string or scan.first_opener != ord("{")
                or scan.values_closed != 1):
            return None
        members = []
        for start, end, opener in scan.members:
            handle.seek(max(0, start - 4096))
            before = handle.read(min(start, 4096))
            found = _KEY_BEFORE.search(before)
            if found is None:
                return None
            key = json.loads(b'"' + found.group(1) + b'"')
            members.append(Member(key, "ARRAY" if opener == ord("[") else "OBJECT", start, end))
    return members


def _scan_chunk(scan: _Scan, chunk: bytes, offset: int) -> None:
    data = np.frombuffer(chunk, dtype=np.uint8)
    quotes = np.flatnonzero(data == ord('"'))
    quotes = quotes[~_escaped(scan, chunk, quotes)]
    brackets = np.flatnonzero(_IS_BRACKET[data])
    # A bracket is structure when an even number of unescaped quotes lies before it (counting
    # from outside a string).
    parity = (np.searchsorted(quotes, brackets) + int(scan.in_string)) % 2
    brackets = brackets[parity == 0]
    scan.in_string = (int(scan.in_string) + quotes.size) % 2 == 1
    scan.backslashes = _trailing_backslashes(chunk, scan.backslashes)
    if brackets.size == 0:
        return
    values = data[brackets]
    opens = _IS_OPENER[values]
    depth_after = scan.depth + np.cumsum(np.where(opens, 1, -1))
    scan.values_closed += int(np.count_nonzero(depth_after == 0))
    if scan.first_opener is None:
        scan.first_opener = int(values[0])
    # Values of the top-level object open at depth 1 -> 2 and close at 2 -> 1.
    starts = np.flatnonzero(opens & (depth_after == 2))
    ends = np.flatnonzero(~opens & (depth_after == 1))
    events = sorted([(int(i), True) for i in starts] + [(int(i), False) for i in ends])
    for index, is_start in events:
        position = offset + int(brackets[index])
        if is_start:
            scan.opened.append((position, int(values[index])))
        elif scan.opened:
            start, opener = scan.opened.pop()
            scan.members.append((start, position + 1, opener))
    scan.depth = int(depth_after[-1])


def _escaped(scan: _Scan, chunk: bytes, quotes: np.ndarray) -> np.ndarray:
    """Which quotes follow an odd run of backslashes (rare: only those are looked at)."""
    escaped = np.zeros(quotes.size, dtype=bool)
    after_backslash = np.flatnonzero(
        np.frombuffer(chunk, dtype=np.uint8)[np.maximum(quotes - 1, 0)] == ord("\\"))
    for i in after_backslash:
        position = int(quotes[i])
        if position == 0:
            continue
        run = 0
        while position - run - 1 >= 0 and chunk[position - run - 1] == ord("\\"):
            run += 1
        if position - run == 0:
            run += scan.backslashes
        escaped[i] = run % 2 == 1
    if quotes.size and quotes[0] == 0 and scan.backslashes % 2 == 1:
        escaped[0] = True
    return escaped


def _trailing_backslashes(chunk: bytes, carried: int) -> int:
    stripped = chunk.rstrip(b"\\")
    run = len(chunk) - len(stripped)
    return run + carried if not stripped else run


def copy_span(path: Path, member: Member, target: Path) -> None:
    """Write the member's value (an array of records) to `target`, as a file of its own."""
    with path.open("rb") as source, target.open("wb") as out:
        source.seek(member.start)
        left = member.end - member.start
        while left > 0:
            block = source.read(min(CHUNK, left))
            if not block:
                break
            out.write(block)
            left -= len(block)
