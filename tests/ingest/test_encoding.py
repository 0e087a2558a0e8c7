"""Encoding and line-ending checks, at chunk sizes that split every byte pair of the input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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



def _trouble_by_regex(data: bytes) -> bool:
    """The definition, written plainly: a lone CR or blank line at even quote parity."""
    if data.lstrip(b"\xef\xbb\xbf")[:1] in (b"\r", b"\n"):
        return True
    found = [data.count(b'"', 0, m.start()) % 2
             for m in re.finditer(rb"\r(?!\n)|\n\r?\n", data)]
    return 0 in found or (bool(found) and data.count(b'"') % 2 == 1)


@settings(max_examples=300, deadline=None)
@given(data=st.lists(st.sampled_from([b"a", b",", b'"', b"\r", b"\n"]), max_size=40).map(b"".join),
       chunk=st.sampled_from(CHUNKS))
def test_line_trouble_matches_its_definition(tmp_path_factory: pytest.TempPathFactory,
                                             data: bytes, chunk: int) -> None:
    path = tmp_path_factory.mktemp("trouble") / "f.csv"
    path.write_bytes(data)
    original = encoding.CHUNK
    encoding.CHUNK = chunk
    try:
        assert has_line_trouble(path) is _trouble_by_regex(data), (data, chunk)
    finally:
        encoding.CHUNK = original

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
