"""Encoding and line-ending checks, at chunk sizes that split every byte pair of the input."""

from __future__ import annotations

from pathlib import Path

import pytest

from lead_lens.ingest import encoding
from lead_lens.ingest.encoding import detect_encoding, has_line_trouble

CHUNKS = (3, 4, 5, 7, 1 << 20)

LINE_CASES = [
    (b'a,b\r\n1,"x\r\n\r\ny"\r\n2,3\r\n', False),  # a note's blank line inside quotes
    (b'a,b\n1,"x\n\ny"\n2,3\n', False),
    (b'a,b\r\n1,"x\ry"\r\n', False),  # a lone CR inside quotes is text
    (b'a,b\n1,"say ""hi""\n\nbye"\n', False),  # escaped quotes keep the parity
    (b"a,b\n1,2\n\n3,4\n", True),  # a blank line between records
    (b"a,b\r\n1,2\r\n\r\n3,4\r\n", True),
    (b"a,b\r1,2\r", True),  # old Mac line ends
    (b"a,b\r\n1,2\n3,4\r5,6\r\n", True),  # mixed
    (b"\na,b\n", True),  # a leading blank line
    (b'a,b\n1,"x\n\ny\n2,3\n', True),  # quotes that never close: rewrite to be safe
    (b"a,b\n1,2\n", False),
    (b"a,b\r\n1,2\r\n", False),
]


@pytest.mark.parametrize(("data", "trouble"), LINE_CASES)
def test_line_trouble_only_outside_quotes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          data: bytes, trouble: bool) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    for chunk in CHUNKS:
        monkeypatch.setattr(encoding, "CHUNK", chunk)
        assert has_line_trouble(path) is trouble, (data, chunk)


@pytest.mark.parametrize(("text", "codec", "expected"), [
    ("Name\nJosé Müller\n", "utf-8", "utf-8"),
    ("Name\nJosé Müller\n", "cp1252", "cp1252"),
    ("Name\nplain\n", "utf-8", "utf-8"),
])
def test_encoding_across_chunk_boundaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          text: str, codec: str, expected: str) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode(codec))
    for chunk in CHUNKS:  # a two-byte character split over two reads is still valid UTF-8
        monkeypatch.setattr(encoding, "CHUNK", chunk)
        assert detect_encoding(path).name == expected, chunk


def test_utf8_with_a_few_damaged_bytes_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"Name\n" + "Zoë Ærø Ñuñez Łódź\n".encode() * 10 + b"bad \xff\n")
    found = detect_encoding(path)
    assert (found.name, found.invalid_sequences) == ("utf-8", 1)
