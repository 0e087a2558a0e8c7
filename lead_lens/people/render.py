"""Plain-text rendering of timelines, explanations and tables for the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from lead_lens.people.instants import iso_date, iso_utc
from lead_lens.people.verdicts import Explanation

GIST_WIDTH = 90


def gist(title: Any, body: Any) -> str:
    """A one-line summary: the title, else the body's first line, cut to GIST_WIDTH."""
    text = str(title or "").strip()
    if not text:
        lines = str(body or "").strip().splitlines()
        text = lines[0] if lines else ""
    text = " ".join(text.split())
    return text if len(text) <= GIST_WIDTH else text[: GIST_WIDTH - 1] + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line.rstrip(), "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(out)


def timeline_rows(frame: pl.DataFrame) -> list[dict[str, Any]]:
    return [{"event_id": r["event_id"], "time": iso_utc(r["ts"]), "system": r["system"],
             "kind": r["kind"], "who": r["actor"] or "", "gist": gist(r["title"], r["body"])}
            for r in frame.iter_rows(named=True)]


def timeline_table(frame: pl.DataFrame) -> str:
    rows = timeline_rows(frame)
    return table(["time", "system", "kind", "who", "gist"],
                 [[r["time"], r["system"], r["kind"], r["who"], r["gist"]] for r in rows])


def explanation_text(ex: Explanation) -> str:
    p = ex.profile
    lines = [
        f"{p.get('name') or '(no name)'} <{p.get('email') or 'no email'}>  {ex.person_id}",
        f"company: {p.get('company') or ''}   account: {p.get('account_key') or ''}   "
        f"owner: {p.get('owner') or ''}   source: {p.get('lead_source') or ''}",
        f"as of {iso_utc(ex.as_of)}",
        "",
        f"verdict: {ex.verdict}   ok_to_market: {str(ex.ok_to_market).lower()}   "
        f"warm: {str(ex.warm).lower()}   priority: {ex.priority}"
        + (f"   snooze_until: {iso_date(ex.snooze_until)}" if ex.snooze_until else ""),
        f"handoff_at: {iso_utc(ex.handoff_at) or '-'}   "
        f"last_sales_touch_at: {iso_utc(ex.last_sales_touch_at) or '-'}   "
        f"last_engagement_at: {iso_utc(ex.last_engagement_at) or '-'}",
        "",
        "reasons:",
    ]
    titles = {r["event_id"]: r for r in ex.evidence.iter_rows(named=True)}
    for reason in ex.reasons:
        lines.append(f"  [{reason.about}] {reason.text}")
        for event_id in reason.event_ids:
            ev = titles.get(event_id)
            where = f"{iso_utc(ev['ts'])} {ev['system']} {ev['kind']}" if ev else ""
            lines.append(f"      {event_id} {where}")
    if not ex.signals.is_empty():
        lines += ["", "text signals:"]
        for s in ex.signals.iter_rows(named=True):
            when = f" -> {iso_date(s['resolved_date'])}" if s["resolved_date"] else ""
            lines.append(f"  {iso_utc(s['ts'])} {s['signal']} ({s['cue'] or ''}){when}: "
                         f"\"{gist(s['sentence'], None)}\" [{s['event_id']}]")
    lines += ["", "linked records:"] + [f"  {ref} ({via})" for ref, via in ex.refs]
    return "\n".join(lines)
