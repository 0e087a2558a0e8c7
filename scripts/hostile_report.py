"""Print docs/hostile-inputs.md's corpus table by importing every file of tests/data/hostile/.

Run: .venv/bin/python scripts/hostile_report.py
Each file goes into a fresh in-memory store; the row says what lead-lens did with it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lead_lens.ingest.pipeline import FileResult, ingest_paths  # noqa: E402
from lead_lens.store import open_store  # noqa: E402
from tests.data.hostile import make_corpus  # noqa: E402

CORPUS = Path(make_corpus.__file__).parent
WHAT = {
    "ragged_short_leads.csv": "a row with too few fields",
    "ragged_long_leads.csv": "a row with too many fields",
    "unbalanced_quote_mid_leads.csv": "a quote opened mid-file and never closed",
    "stray_quote_leads.csv": "a stray quote inside an unquoted field",
    "unbalanced_quote_end_leads.csv": "the last row's quote never closed",
    "quoted_newlines_leads.csv": "LF, CRLF and CR inside quoted fields; one broken row",
    "nul_byte_leads.csv": "a NUL byte inside a value",
    "bom_utf8_leads.csv": "UTF-8 with BOM",
    "bom_utf16le_leads.csv": "UTF-16 LE with BOM (Excel 'Unicode text')",
    "bom_utf16be_leads.csv": "UTF-16 BE with BOM",
    "utf16le_no_bom_leads.csv": "UTF-16 LE without BOM",
    "latin1_leads.csv": "Windows-1252/Latin-1 throughout",
    "latin1_rows_in_utf8_leads.csv": "UTF-8 with two Latin-1 rows pasted in",
    "invalid_utf8_leads.csv": "an invalid UTF-8 byte sequence in one row",
    "cr_only_leads.csv": "old Mac line endings (CR only)",
    "mixed_endings_leads.csv": "CRLF, LF and CR line endings mixed",
    "duplicate_empty_headers_leads.csv": "duplicate and empty column names",
    "header_only_leads.csv": "a header and no rows",
    "empty_leads.csv": "zero bytes",
    "whitespace_only_leads.csv": "only blanks and newlines",
    "mystery.csv": "a CSV of no known kind",
    "not_json_leads.json": "a .json file that is not JSON",
    "truncated_marketo_leads.json": "a JSON array cut off mid-record",
    "bad_lines_marketo_leads.ndjson": "NDJSON with broken and non-object lines",
    "nested_export.zip": "a zip with folders, a PNG and a PDF beside the CSV",
    "truncated_export.zip": "a zip cut off mid-archive",
    "corrupt_member_export.zip": "a zip whose CSV member is corrupt",
}


def describe(result: FileResult) -> str:
    name = result.display.split("!/")[-1] if "!/" in result.display else ""
    prefix = f"`{name}`: " if name else ""
    if result.status == "failed":
        message = result.message.replace(str(CORPUS) + "/", "").replace("|", "\\|")
        message = " ".join(line.strip() for line in message.splitlines())
        return f"{prefix}refused: {message}"
    if result.status == "skipped":
        return f"{prefix}skipped: {result.message.replace(str(CORPUS) + '/', '')}"
    text = f"{prefix}loads {result.new} rows as {result.kind}"
    if result.rejects:
        lines = ", ".join(str(r.line) for r in result.rejects)
        reasons = sorted({(r.reason or "").split(":")[0][:60] for r in result.rejects})
        text += f"; {result.rejected} rejected (line {lines}: {'; '.join(reasons)})"
    return text


def main() -> None:
    print("| file | what it is | rows in it | what lead-lens does |")
    print("|---|---|---|---|")
    for case in make_corpus.all_cases():
        if not case.committed:
            continue
        path = CORPUS / case.name
        with open_store(":memory:") as store:
            results = ingest_paths(store, [path])
        what = "<br>".join(describe(r) for r in results)
        expected = (f"{len(case.good)} good rows, {len(case.bad_lines)} bad "
                    f"(line {', '.join(map(str, case.bad_lines))})" if case.bad_lines
                    else f"{len(case.good)} good rows" if case.good else "")
        print(f"| `{case.name}` | {WHAT.get(case.name, '')} | {expected} | {what} |")


if __name__ == "__main__":
    main()
