"""The hostile-input corpus: broken files shaped like real exports, with what each must become.

Run `python tests/data/hostile/make_corpus.py` to (re)write the small committed files next to this
script. Large cases (1,000 columns, 2 GB) are generated into a temporary folder by the tests.

Every case knows independently of lead-lens which records it holds: `good` are the record keys that
must land in the store, `bad_lines` the CSV record numbers (header = 1) or JSON lines that must be
reported as rejects. A case with `refused` set must instead be refused whole with a message naming
the file and containing that text.
"""

from __future__ import annotations

import codecs
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent

HEADER = ["Id", "LastName", "FirstName", "Company", "Email", "Status", "IsConverted",
          "LastModifiedDate", "Description"]


def lead_id(n: int) -> str:
    """An 18-character Salesforce Lead id; its record key is 'sf:' + the first 15."""
    return f"00Q{n:012d}AAA"


def lead_key(n: int) -> str:
    return "sf:" + lead_id(n)[:15]


def lead_row(n: int, description: str | None = None) -> list[str]:
    return [lead_id(n), f"Müller-{n}", "Jürgen", f"Straße {n}, GmbH", f"lead{n}@example.com",
            "Open - Not Contacted", "false", "2024-01-17T15:04:05.000Z",
            description if description is not None else f'Said "call me" – €{n}k']


def cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def record(values: list[str], delimiter: str = ",") -> str:
    return delimiter.join(cell(v) for v in values)


@dataclass(frozen=True)
class Case:
    name: str  # file name
    data: bytes
    good: tuple[str, ...] = ()  # record keys that must be loaded
    bad_lines: tuple[int, ...] = ()  # lines that must be rejected (and reported)
    good_lines: tuple[int, ...] = ()  # where each good record sits, when the case knows it
    refused: str | None = None  # text the refusal message must contain
    committed: bool = True
    members: dict[str, str] = field(default_factory=dict)  # zip: member -> expected status


class LeadFile:
    """Builds a Lead CSV record by record, counting good records and bad lines as it goes."""

    def __init__(self, header: list[str] | None = None, newline: str = "\r\n") -> None:
        self.parts: list[str] = [record(header or HEADER) + newline]
        self.newline = newline
        self.line = 1
        self.good: list[str] = []
        self.good_lines: list[int] = []
        self.bad: list[int] = []

    def good_rows(self, first: int, count: int, description: str | None = None) -> LeadFile:
        for n in range(first, first + count):
            self.raw(record(lead_row(n, description)) + self.newline)
            self.good.append(lead_key(n))
            self.good_lines.append(self.line)
        return self

    def bad_row(self, text: str) -> LeadFile:
        self.raw(text)
        self.bad.append(self.line)
        return self

    def raw(self, text: str) -> None:
        self.parts.append(text)
        self.line += 1

    def text(self) -> str:
        return "".join(self.parts)

    def case(self, name: str, encoding: str = "utf-8", **extra: object) -> Case:
        return Case(name, self.text().encode(encoding), tuple(self.good), tuple(self.bad),
                    tuple(self.good_lines), **extra)  # type: ignore[arg-type]


def _bytes_case(name: str, lead: LeadFile, replace: dict[int, bytes]) -> Case:
    """A UTF-8 Lead file where some records' bytes are swapped for damaged ones (bad lines)."""
    out = io.BytesIO()
    for index, part in enumerate(lead.parts):
        out.write(replace.get(index, part.encode("utf-8")))
    return Case(name, out.getvalue(), tuple(lead.good), tuple(lead.bad), tuple(lead.good_lines))


def _damaged_row(n: int, damage: bytes) -> bytes:
    row = lead_row(n)
    return record(row[:1]).encode() + b',"M' + damage + b'ller",' + record(row[2:]).encode() \
        + b"\r\n"


def csv_cases() -> Iterator[Case]:
    yield LeadFile().good_rows(1, 5).bad_row(record([lead_id(99), "Short"]) + "\r\n") \
        .good_rows(6, 5).case("ragged_short_leads.csv")
    yield LeadFile().good_rows(1, 4).bad_row(record(lead_row(99) + ["extra", "more"]) + "\r\n") \
        .good_rows(5, 5).case("ragged_long_leads.csv")
    # An opening quote that never closes: the rest of the file looks like one quoted field.
    yield LeadFile().good_rows(1, 8).bad_row(f'"{lead_id(99)}","Unclosed,Co\r\n') \
        .good_rows(9, 10).case("unbalanced_quote_mid_leads.csv")
    # A quote that closes early, then more text: the field's end is wrong, not the file's.
    yield LeadFile().good_rows(1, 3).bad_row(f'"{lead_id(98)}","Early"close,"Co"\r\n') \
        .good_rows(4, 3).case("stray_quote_leads.csv")
    yield LeadFile().good_rows(1, 6).bad_row(f'"{lead_id(99)}","Unclosed\r\nstill open') \
        .case("unbalanced_quote_end_leads.csv")
    yield LeadFile().good_rows(1, 2).good_rows(3, 2, "line one\nline two\r\nline three\rend") \
        .bad_row(record([lead_id(99), "Short"]) + "\r\n").good_rows(5, 3, "a\n\nb") \
        .case("quoted_newlines_leads.csv")
    yield LeadFile().good_rows(1, 3).good_rows(4, 1, "before\x00after").good_rows(5, 3) \
        .case("nul_byte_leads.csv")
    lead = LeadFile().good_rows(1, 5)
    yield Case("bom_utf8_leads.csv", codecs.BOM_UTF8 + lead.text().encode(), tuple(lead.good),
               good_lines=tuple(lead.good_lines))
    yield lead.case("bom_utf16le_leads.csv", "utf-16")  # Python writes a BOM, little-endian
    yield Case("bom_utf16be_leads.csv", codecs.BOM_UTF16_BE + lead.text().encode("utf-16-be"),
               tuple(lead.good), good_lines=tuple(lead.good_lines))
    yield lead.case("utf16le_no_bom_leads.csv", "utf-16-le")
    yield LeadFile().good_rows(1, 5).case("latin1_leads.csv", "cp1252")
    mixed = LeadFile().good_rows(1, 4)
    mixed.bad_row("")
    mixed.good_rows(5, 4)
    mixed.bad_row("")
    mixed.good_rows(9, 3)
    yield _bytes_case("latin1_rows_in_utf8_leads.csv", mixed,
                      {5: _damaged_row(90, "ü".encode("latin-1")),
                       10: _damaged_row(91, "ü".encode("latin-1"))})
    bad = LeadFile().good_rows(1, 3)
    bad.bad_row("")
    bad.good_rows(4, 5)
    yield _bytes_case("invalid_utf8_leads.csv", bad, {4: _damaged_row(92, b"\xff\xfe\xc3")})
    yield LeadFile(newline="\r").good_rows(1, 6).case("cr_only_leads.csv")
    mixed_endings = LeadFile()
    for n, ending in enumerate(["\r\n", "\n", "\r", "\n", "\r\n", "\r"], start=1):
        mixed_endings.raw(record(lead_row(n)) + ending)
        mixed_endings.good.append(lead_key(n))
        mixed_endings.good_lines.append(mixed_endings.line)
    yield mixed_endings.case("mixed_endings_leads.csv")
    yield _duplicate_headers()
    yield LeadFile().case("header_only_leads.csv")
    yield Case("empty_leads.csv", b"", refused="empty")
    yield Case("whitespace_only_leads.csv", b"  \r\n\t\n   \n", refused="empty")
    yield Case("mystery.csv", b"Foo,Bar\r\n1,2\r\n", refused="could not tell what kind")


def _duplicate_headers() -> Case:
    header = HEADER + ["Email", "", "", "Notes"]
    lead = LeadFile(header)
    for n in range(1, 5):
        lead.raw(record(lead_row(n) + [f"other{n}@example.com", "x", "y", "z"]) + "\r\n")
        lead.good.append(lead_key(n))
        lead.good_lines.append(lead.line)
    return lead.case("duplicate_empty_headers_leads.csv")


def marketo_record(n: int) -> str:
    return json.dumps({"id": n, "email": f"m{n}@example.com", "firstName": "Zoë",
                       "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-02T00:00:00Z"})


def json_cases() -> Iterator[Case]:
    yield Case("not_json_leads.json", b"Id,LastName\r\nthis is not JSON {\r\n",
               refused="not valid JSON")
    truncated = "[" + ",\n".join(marketo_record(n) for n in range(1, 4)) + ',\n{"id": 4, "em'
    yield Case("truncated_marketo_leads.json", truncated.encode(), refused="not valid JSON")
    lines = [marketo_record(1), marketo_record(2), '{"id": 3, "email": "m3@exa', marketo_record(4),
             "", "not json at all", marketo_record(5), "[1, 2]", marketo_record(6)]
    yield Case("bad_lines_marketo_leads.ndjson", ("\n".join(lines) + "\n").encode(),
               good=tuple(f"marketo:{n}" for n in (1, 2, 4, 5, 6)), bad_lines=(3, 6, 8),
               good_lines=(1, 2, 4, 7, 9))


def zip_cases() -> Iterator[Case]:
    buffer = io.BytesIO()
    members = {
        "export/2024/q1/Lead.csv": LeadFile().good_rows(1, 4).text().encode(),
        "export/2024/logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20,
        "export/readme.pdf": b"%PDF-1.4\n\x00\x01\x02binary\xff" * 20,
        "__MACOSX/export/._Lead.csv": b"\x00\x05\x16\x07junk",
    }
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():  # a fixed time keeps the bytes reproducible
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    yield Case("nested_export.zip", buffer.getvalue(),
               good=tuple(lead_key(n) for n in range(1, 5)),
               members={"export/2024/q1/Lead.csv": "imported", "export/2024/logo.png": "skipped",
                        "export/readme.pdf": "skipped"})
    whole = buffer.getvalue()
    yield Case("truncated_export.zip", whole[: len(whole) // 2], refused="zip")
    # Flip bytes inside the first member's compressed data: the directory is intact, the data not.
    damaged = bytearray(whole)
    for offset in range(60, 90):
        damaged[offset] ^= 0x5A
    yield Case("corrupt_member_export.zip", bytes(damaged), refused="zip")


def all_cases() -> list[Case]:
    return [*csv_cases(), *json_cases(), *zip_cases()]


def wide_case(columns: int = 1000, rows: int = 20) -> Case:
    """1,000 columns: the Lead fields then custom ones (generated, not committed)."""
    extra = [f"Custom_{i}__c" for i in range(columns - len(HEADER))]
    lead = LeadFile(HEADER + extra)
    for n in range(1, rows + 1):
        lead.raw(record(lead_row(n) + [f"v{n}-{i}" for i in range(len(extra))]) + "\r\n")
        lead.good.append(lead_key(n))
        lead.good_lines.append(lead.line)
    return lead.case("wide_1000_columns_leads.csv", committed=False)


def write_big_csv(path: Path, target_bytes: int) -> int:
    """Stream a Lead CSV of about `target_bytes` to `path`; returns the number of data records.

    Written in blocks so memory stays flat; every record is good and unique.
    """
    padding = "lorem ipsum dolor sit amet " * 40  # ~1 KB per record keeps the row count sane
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        written = handle.write(record(HEADER) + "\r\n")
        while written < target_bytes:
            block = "".join(record(lead_row(n, padding + str(n))) + "\r\n"
                            for n in range(rows + 1, rows + 1001))
            written += len(block.encode("utf-8"))
            handle.write(block)
            rows += 1000
    return rows


def main() -> None:
    for case in all_cases():
        if case.committed:
            (HERE / case.name).write_bytes(case.data)
    print(f"wrote {sum(c.committed for c in all_cases())} files to {HERE}")


if __name__ == "__main__":
    main()
