"""Big wrapping JSON documents: the record array found by a byte scan, then streamed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lead_lens.ingest import json_reader, json_split
from lead_lens.ingest.json_split import top_level_members
from lead_lens.ingest.pipeline import ImportOptions, ingest_paths
from lead_lens.store import open_store

CHUNKS = (1, 2, 3, 5, 8, 1 << 20)
TRICKY = ['a "quoted" word', "brackets ] } [ { inside", "back\\slash", 'ends in a backslash\\',
          'quote after backslashes \\\\"', "zoë Ærø — 日本", "", "\"]}", "\\\"}\\"]


def spans_are_right(path: Path, document: dict) -> None:
    data = path.read_bytes()
    found = top_level_members(path)
    assert found is not None
    expected = [k for k, v in document.items() if isinstance(v, (dict, list))]
    assert [m.key for m in found] == expected
    for member in found:
        assert json.loads(data[member.start:member.end]) == document[member.key]
        assert member.kind == ("ARRAY" if isinstance(document[member.key], list) else "OBJECT")


@pytest.mark.parametrize("chunk", CHUNKS)
def test_members_of_a_document_with_tricky_strings(tmp_path: Path, chunk: int,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_split, "CHUNK", chunk)
    document = {"meta": {"count": 3, "note": TRICKY[1]}, "na]me": "x",
                "data": [{"id": i, "text": t, "tags": [t, {"k": t}]} for i, t in enumerate(TRICKY)],
                "links": {"next": None}, "empty": [], "k\"ey": [1]}
    for indent in (None, 2):
        path = tmp_path / "doc.json"
        path.write_text(json.dumps(document, indent=indent, ensure_ascii=indent is None),
                        encoding="utf-8")
        spans_are_right(path, document)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='ab"\\[]{}:, \n\u00e9'),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(alphabet='ab"\\[]{}', max_size=3), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(document=st.dictionaries(st.text(alphabet='ab"\\[]{}', max_size=3), json_values,
                                max_size=5),
       chunk=st.sampled_from(CHUNKS), indent=st.sampled_from([None, 1]))
def test_members_match_the_parsed_document(tmp_path_factory: pytest.TempPathFactory,
                                           document: dict, chunk: int, indent: int | None) -> None:
    path = tmp_path_factory.mktemp("doc") / "doc.json"
    path.write_text(json.dumps(document, indent=indent), encoding="utf-8")
    original = json_split.CHUNK
    json_split.CHUNK = chunk
    try:
        spans_are_right(path, document)
    finally:
        json_split.CHUNK = original


@pytest.mark.parametrize("text", ['[{"a": 1}]', '{"a": [1, 2]', '"just a string"',
                                  '{"a": "unterminated}', '{"a": [1]}\n{"a": [2]}'])
def test_not_one_whole_object_is_left_to_the_ordinary_reader(tmp_path: Path, text: str) -> None:
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    assert top_level_members(path) is None


def test_a_big_document_imports_as_a_small_one_does(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # An Outreach mailings page, written with the awkward strings; read whole, then split.
    records = [{"type": "mailing", "id": 100 + i,
                "attributes": {"mailingType": "sequence", "subject": f"Re: {t}",
                               "bodyText": f"Hi.\n{t}\n", "state": "replied",
                               "mailboxAddress": "rep@northwind.example",
                               "deliveredAt": "2025-03-01T10:00:00.000Z",
                               "repliedAt": "2025-03-02T10:00:00.000Z"},
                "relationships": {"prospect": {"data": {"type": "prospect", "id": 7 + i}}}}
               for i, t in enumerate(TRICKY)]
    path = tmp_path / "mailings.json"
    path.write_text(json.dumps({"data": records, "meta": {"count": len(records)},
                                "links": {"next": None}}), encoding="utf-8")
    results = {}
    for label, threshold in (("whole", 1 << 40), ("split", 0)):
        monkeypatch.setattr(json_reader, "SCAN_DOCUMENTS_FROM", threshold)
        store = open_store(tmp_path / f"{label}.duckdb")
        [result] = ingest_paths(store, [path], ImportOptions())
        assert (result.status, result.kind, result.rows) == ("imported", "outreach.mailings",
                                                            len(records)), result.message
        results[label] = store.con.execute(
            "SELECT * EXCLUDE (import_id) FROM activities ORDER BY record_key").fetchall()
        raw = store.con.execute(f"SELECT _line, record FROM raw.import_{result.import_id} "
                                "ORDER BY _line").fetchall()
        assert [json.loads(text) for _, text in raw] == records
        assert [line for line, _ in raw] == list(range(1, len(records) + 1))
        store.close()
    assert results["split"] == results["whole"] and results["whole"]


def test_documents_one_after_another_import_every_record(tmp_path: Path) -> None:
    # Two pages of an API export saved into one file: the byte scan leaves them to DuckDB,
    # which reads both.
    flat = json.loads((Path(__file__).parent.parent / "data" / "gong" / "calls_flat.json")
                      .read_text(encoding="utf-8"))["calls"][0]
    pages = [{"records": {"currentPageSize": 3},
              "calls": [{**flat, "id": f"{page}{i}"} for i in range(3)]} for page in (1, 2)]
    path = tmp_path / "calls.json"
    path.write_text("\n".join(json.dumps(page, indent=2) for page in pages), encoding="utf-8")
    store = open_store(tmp_path / "store.duckdb")
    [result] = ingest_paths(store, [path], ImportOptions())
    assert (result.status, result.kind, result.rows) == ("imported", "gong.calls", 6), result
    ids = store.con.execute(f"SELECT json_extract_string(record, '$.id') FROM "
                            f"raw.import_{result.import_id} ORDER BY _line").fetchall()
    assert [row[0] for row in ids] == ["10", "11", "12", "20", "21", "22"]
    store.close()
