"""`lead-lens demo`: build a store from the bundled sample data (once) and open it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lead_lens.cli.cmd_ingest import summary_table
from lead_lens.cli.context import output_console
from lead_lens.ingest.pipeline import ImportOptions, ingest_paths
from lead_lens.paths import data_dir, sample_data_dir
from lead_lens.settings import load_settings
from lead_lens.store import open_store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "demo", parents=[common], help="open lead-lens on the bundled sample data",
        description="Builds a demo store from sample_data/ the first time, then opens it.")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the demo store")
    parser.set_defaults(run=run)


def demo_db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if args.db else data_dir() / "demo.duckdb"


def run(args: argparse.Namespace) -> int:
    path = demo_db_path(args)
    if args.rebuild:
        for stale in (path, Path(f"{path}.wal")):
            stale.unlink(missing_ok=True)
    settings = load_settings(Path(args.settings) if args.settings else None)
    console = output_console()
    with open_store(path) as store:
        imported = store.scalar("count_imports")
        if not imported:
            source = sample_data_dir()
            if not source.is_dir():
                print(f"lead-lens: no sample data at {source}.", file=sys.stderr)
                return 2
            console.print(f"Building the demo store {path} from {source} ...")
            results = ingest_paths(store, [source], ImportOptions(
                hubspot_timezone=settings.hubspot_timezone))
            console.print(summary_table(results))
            try:
                from lead_lens.people import rebuild
            except ImportError:
                pass
            else:
                rebuild(store, settings)
    args.db = str(path)
    try:
        from lead_lens.ui import open_app
    except ImportError:
        console.print(f"Demo store ready: {path}. Try: lead-lens --db {path} leads --warm")
        return 0
    return int(open_app(args))
