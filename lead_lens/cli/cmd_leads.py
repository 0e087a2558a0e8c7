"""`lead-lens leads | export | leakage`: the lists a marketer takes away (spec 8 and 9)."""

from __future__ import annotations

import argparse
from pathlib import Path

from lead_lens.cli.context import settings_from, store_from
from lead_lens.people import VERDICTS, leads, parse_as_of
from lead_lens.people.exporting import TARGET_COLUMNS, leads_csv, leads_json, write_export
from lead_lens.people.leakage import leakage
from lead_lens.people.render import table


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser("leads", parents=[common], help="people with their verdicts")
    _filters(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--limit", type=int)
    p.set_defaults(run=run_leads)

    p = subparsers.add_parser("export", parents=[common],
                              help="an import file for HubSpot, Marketo or Salesforce")
    _filters(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.csv")
    p.add_argument("--target", choices=sorted(TARGET_COLUMNS), default="hubspot")
    p.set_defaults(run=run_export)

    p = subparsers.add_parser("leakage", parents=[common],
                              help="handoff leakage per lead source or owner")
    p.add_argument("--by", choices=("source", "owner"), default="source")
    p.set_defaults(run=run_leakage)


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--verdict", choices=VERDICTS)
    p.add_argument("--warm", action="store_true", help="only warm people")
    p.add_argument("--as-of", help="analysis instant (default: the last rebuild's)")


def run_leads(args: argparse.Namespace) -> int:
    with store_from(args) as store:
        frame = leads(store, settings_from(args), verdict=args.verdict,
                      warm=True if args.warm else None, as_of=parse_as_of(args.as_of),
                      limit=args.limit)
    if args.format == "csv":
        print(leads_csv(frame), end="")
    elif args.format == "json":
        print(leads_json(frame))
    else:
        print(table(["person_id", "email", "name", "verdict", "warm", "priority"],
                    [[r["person_id"], r["email"] or "", r["name"] or "", r["verdict"],
                      "warm" if r["warm"] else "", r["priority"]]
                     for r in frame.iter_rows(named=True)]))
    return 0


def run_export(args: argparse.Namespace) -> int:
    with store_from(args) as store:
        frame = leads(store, settings_from(args), verdict=args.verdict,
                      warm=True if args.warm else None, as_of=parse_as_of(args.as_of))
    if args.verdict is None:
        frame = frame.filter(frame["ok_to_market"])
    without_email = frame.filter(frame["email"].is_null()).height
    written = write_export(frame.filter(frame["email"].is_not_null()), args.target,
                           Path(args.output))
    note = f" ({without_email} without an email left out)" if without_email else ""
    print(f"{written} people written to {args.output} for {args.target}{note}")
    return 0


def run_leakage(args: argparse.Namespace) -> int:
    with store_from(args) as store:
        frame = leakage(store, args.by)
    print(table(frame.columns, frame.rows()))
    return 0
