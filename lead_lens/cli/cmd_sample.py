"""`lead-lens sample`: write the deterministic sample data set (Northwind Analytics)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lead_lens.errors import LeadLensError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "sample", parents=[common],
        help="write a realistic sample data set (CRM, sequencer, calls, web) to a folder",
        description="Generate the Northwind Analytics sample exports: Salesforce, HubSpot, "
                    "Outreach, Salesloft, Gong, GA4, Segment and Marketo files in which every "
                    "verdict occurs. The same --seed gives the same bytes.")
    parser.add_argument("--leads", type=int, default=2000, metavar="N",
                        help="number of people (default: 2000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default: 7)")
    parser.add_argument("--out", type=Path, default=Path("sample_data"), metavar="DIR",
                        help="output folder (default: ./sample_data)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from lead_lens.sample import generate

    if args.leads < 1:
        raise LeadLensError("--leads must be at least 1")

    def progress(line: str) -> None:
        if not args.quiet:
            print(f"  {line}", file=sys.stderr)

    report = generate(args.out, leads=args.leads, seed=args.seed, progress=progress)
    total = sum(report.seconds.values())
    print(f"Wrote {report.leads} leads ({report.rows.get('web_events', 0)} GA4 events) to "
          f"{report.out} in {total:.1f}s; see {report.out / 'README.md'}.")
    return 0
