"""Random pollution of valid Lead CSVs: rows in = rows loaded + rows rejected, and every good
row's values reach the raw table verbatim, at its line."""

from __future__ import annotations

import codecs
import itertools
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lead_lens.ingest.pipeline import ingest_paths
from lead_lens.store import Store, open_store
from tests.data.hostile.make_corpus import HEADER, lead_id

# Field text a real export might hold: quotes, delimiters, line breaks, accents, emoji, NUL.
TEXT = st.text(st.sampled_from(list('ab Zü€😀"\',;|\t\n\r\x00-')), max_size=12)
POLLUTION = st.sampled_from(["short", "long", "stray_quote", "inner_quote", "nul", "bad_bytes",
                             "blank"])
COUNTER = itertools.count(1)


@dataclass
class Written:
    data: bytes
    good: dict[int, list[str]]  # line -> values
    bad_lines: list[int]


def cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@st.composite
def polluted_csv(draw: st.DrawFn) -> Written:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    newline = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    plan = draw(st.lists(st.one_of(st.none(), POLLUTION), min_size=1, max_size=25))
    serial = next(COUNTER) * 1000
    # One BOM at the start, then every piece in the BOM's byte order.
    bom, encode = {"utf-8": (b"", "utf-8"), "utf-8-sig": (codecs.BOM_UTF8, "utf-8"),
                   "utf-16": (codecs.BOM_UTF16_LE, "utf-16-le")}[encoding]
    chunks: list[bytes] = [bom + (delimiter.join(HEADER) + newline).encode(encode)]
    good: dict[int, list[str]] = {}
    bad: list[int] = []
    line = 1
    for index, pollution in enumerate(plan):
        values = [lead_id(serial + index), *(draw(TEXT) or "x" for _ in HEADER[1:])]
        values[6] = "false"
        text = delimiter.join(cell(v) for v in values)
        if pollution == "blank":
            chunks.append(newline.encode(encode))  # a blank line: not a record, but a line
            line += 1
            continue
        line += 1
        if pollution is None:
            good[line] = values
        elif pollution == "nul":  # a NUL inside a quoted field is data: it loads verbatim
            values[8] = "nul\x00here"
            text = delimiter.join(cell(v) for v in values)
            good[line] = values
        elif pollution == "inner_quote":  # a quote inside an unquoted field is data, too
            values[1] = 'x"Smith"'
            text = delimiter.join([cell(values[0]), values[1], *map(cell, values[2:])])
            good[line] = values
        elif pollution == "bad_bytes" and encoding.startswith("utf-8"):
            # Bytes that are not UTF-8 in a file that otherwise is (the row carries more valid
            # multi-byte text than damage, so the file is not taken for Windows-1252).
            values[2] = "ü€€€😀"
            fields = [cell(v).encode() for v in values]
            fields[1] = b'"M\xff\xfeller"'
            chunks.append(delimiter.encode().join(fields) + newline.encode())
            bad.append(line)
            continue
        else:
            if pollution == "short":
                text = delimiter.join(cell(v) for v in values[:3])
            elif pollution == "long" or pollution == "bad_bytes":
                text += delimiter + cell("extra")
            elif pollution == "stray_quote":  # text after a quoted field's closing quote
                # (its other fields on one line: where a broken record ends is otherwise moot)
                flat = [v.replace("\r", " ").replace("\n", " ") for v in values[2:]]
                text = delimiter.join([cell(values[0]), '"Smith"x', *map(cell, flat)])
            bad.append(line)
        chunks.append((text + newline).encode(encode))
    return Written(b"".join(chunks), good, bad)


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(written=polluted_csv())
def test_rows_in_equal_rows_loaded_plus_rejected(tmp_path: Path, written: Written) -> None:
    path = tmp_path / f"leads-{next(COUNTER)}.csv"
    path.write_bytes(written.data)
    # A store per example: hypothesis may generate the same bytes twice, which a shared store
    # would rightly treat as a re-import that changes nothing.
    with open_store(":memory:") as shared_store:
        check_example(shared_store, path, written)


def check_example(shared_store: Store, path: Path, written: Written) -> None:
    [result] = ingest_paths(shared_store, [path])
    assert result.status == "imported", result.message
    assert result.rows == len(written.good) + len(written.bad_lines)
    rejected = [r[0] for r in shared_store.con.execute(
        "SELECT DISTINCT line FROM import_rejects WHERE import_id = $id ORDER BY line",
        {"id": result.import_id}).fetchall()]
    assert rejected == written.bad_lines
    assert result.rejected == len(written.bad_lines)
    raw = {row[0]: list(row[1:]) for row in shared_store.con.execute(
        f"SELECT * FROM raw.import_{result.import_id}").fetchall()}
    for line, values in written.good.items():
        # DuckDB reads an empty field as NULL; none are generated empty.
        assert raw[line] == values, f"line {line}"
    assert set(raw) == set(written.good)
