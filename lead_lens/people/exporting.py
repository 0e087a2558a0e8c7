"""Machine-readable output (spec section 8) and CRM/MAP import files.

The leads contract: exactly LEADS_COLUMNS, booleans true/false, timestamps ISO 8601 UTC with Z,
dates YYYY-MM-DD, reasons joined with ' | ', sources joined with ';'. Import files for
HubSpot, Marketo and Salesforce use each tool's column names; every cell that a spreadsheet
would run as a formula is neutralized with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from lead_lens.people.instants import iso_date, iso_utc
from lead_lens.people.verdicts import parse_reasons

LEADS_COLUMNS = ("person_id", "email", "name", "company", "verdict", "ok_to_market", "warm",
                 "snooze_until", "handoff_at", "last_sales_touch_at", "last_engagement_at",
                 "priority", "reasons", "sources")
REASON_SEPARATOR = " | "
SOURCE_SEPARATOR = ";"

# Each target's import column names for email, first name, last name, company.
TARGET_COLUMNS: dict[str, tuple[str, str, str, str]] = {
    "hubspot": ("Email", "First Name", "Last Name", "Company Name"),
    "marketo": ("Email Address", "First Name", "Last Name", "Company Name"),
    "salesforce": ("Email", "FirstName", "LastName", "Company"),
}
EXTRA_EXPORT_COLUMNS = ("lead_lens_verdict", "lead_lens_warm", "lead_lens_priority",
                        "lead_lens_reasons", "lead_lens_person_id")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def reasons_text(raw: Any) -> str:
    return REASON_SEPARATOR.join(r.text for r in parse_reasons(raw))


def _cell(value: Any) -> Any:
    """A JSON-ready value: booleans stay booleans, times become ISO strings."""
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return iso_date(value)
    return value


def lead_records(frame: pl.DataFrame) -> Iterator[dict[str, Any]]:
    """One dict per person with exactly LEADS_COLUMNS, values typed for JSON."""
    for row in frame.iter_rows(named=True):
        out = {name: _cell(row[name]) for name in LEADS_COLUMNS}
        out["email"] = row["email"] or ""
        out["reasons"] = reasons_text(row["reasons"])
        out["sources"] = SOURCE_SEPARATOR.join(row["sources"] or [])
        out["ok_to_market"] = bool(row["ok_to_market"])
        out["warm"] = bool(row["warm"])
        yield out


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def leads_csv(frame: pl.DataFrame) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LEADS_COLUMNS)
    for record in lead_records(frame):
        writer.writerow([_csv_value(record[c]) for c in LEADS_COLUMNS])
    return buffer.getvalue()


def leads_json(frame: pl.DataFrame) -> str:
    """A JSON array, one object per person (same columns and values as the CSV)."""
    return json.dumps(list(lead_records(frame)), ensure_ascii=False, indent=1)


def neutralize(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_rows(frame: pl.DataFrame, target: str) -> Iterable[list[str]]:
    if target not in TARGET_COLUMNS:
        raise ValueError(f"unknown export target {target!r}")
    yield [*TARGET_COLUMNS[target], *EXTRA_EXPORT_COLUMNS]
    for row in frame.iter_rows(named=True):
        first, last = row["first_name"], row["last_name"]
        if not first and not last and row["name"]:
            first, _, last = str(row["name"]).partition(" ")
        values = [row["email"] or "", first or "", last or "", row["company"] or "",
                  row["verdict"], _csv_value(bool(row["warm"])), str(row["priority"]),
                  reasons_text(row["reasons"]), row["person_id"]]
        yield [neutralize(v) for v in values]


def write_export(frame: pl.DataFrame, target: str, path: Path) -> int:
    """Write an import file for target; returns the number of people written."""
    rows = list(export_rows(frame, target))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return len(rows) - 1
