"""`lead-lens ingest PATH...`: import exports, with progress and a per-file summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from lead_lens.cli.context import output_console, settings_from, store_from
from lead_lens.ingest.pipeline import FileResult, ImportOptions, changed_anything, ingest_paths
from lead_lens.ingest.pipeline import Progress as ImportProgress


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "ingest", parents=[common], help="import export files, folders or zips",
        description="Import CSV, JSON, Parquet or zip exports. Each file's kind is detected "
                    "from its columns; re-importing a file changes nothing.")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--as", dest="as_kind", metavar="KIND",
                        help="read every file as this kind (see `lead-lens kinds`)")
    parser.add_argument("--mapping", type=Path, metavar="FILE.toml",
                        help="a mapping file for a CSV of any other shape")
    parser.add_argument("--rejects", action="store_true", help="list every rejected row")
    parser.set_defaults(run=run)

    kinds = subparsers.add_parser("kinds", parents=[common], help="list the export kinds")
    kinds.set_defaults(run=run_kinds)

    imports = subparsers.add_parser("imports", parents=[common],
                                    help="list past imports, or one import's rejected rows")
    imports.add_argument("--rejects", metavar="IMPORT_ID", nargs="?", const="all",
                         help="list rejected rows (of one import, or of all)")
    imports.set_defaults(run=run_imports)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    options = ImportOptions(as_kind=args.as_kind, hubspot_timezone=settings.hubspot_timezone)
    if args.mapping is not None:
        from lead_lens.ingest.mapping_file import MappingFile

        options.mapping = MappingFile.load(args.mapping)
    console = Console(stderr=True)
    with store_from(args) as store:
        results = _ingest_with_progress(store, args.paths, options, console)
        rebuilt = _rebuild_if_available(store, settings, results, console)
    out = output_console()
    out.print(summary_table(results))
    if args.rejects:
        for result in results:
            for reject in result.rejects:
                out.print(f"{result.display}:{reject.line}: {reject.reason}"
                          + (f" [{reject.column}]" if reject.column else ""),
                          markup=False, highlight=False, soft_wrap=True)
    for result in results:
        if result.status == "failed":
            print(result.message, file=sys.stderr)
    if rejected := sum(r.rejected for r in results):
        print(f"{rejected} rows were rejected and kept in the store's import_rejects table "
              "(see them with --rejects).", file=sys.stderr)
    if rebuilt:
        print(rebuilt, file=sys.stderr)
    return 1 if any(r.status == "failed" for r in results) else 0


def _ingest_with_progress(store: object, paths: list[Path], options: ImportOptions,
                          console: Console) -> list[FileResult]:
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[file]}"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("importing", total=None, file="")

        def on_progress(event: ImportProgress) -> None:
            name = event.display.rsplit("/", 1)[-1]
            progress.update(task, total=event.bytes_total or None, completed=event.bytes_done,
                            description=f"{event.index + 1}/{event.total} {event.stage}",
                            file=name)

        return ingest_paths(store, paths, options, on_progress)  # type: ignore[arg-type]


def _rebuild_if_available(store: object, settings: object, results: list[FileResult],
                          console: Console) -> str | None:
    """People, timeline and verdicts follow every import that changed something."""
    if not changed_anything(results):
        return None
    try:
        from lead_lens.people import rebuild
    except ImportError:
        return None
    label = "rebuilding people, timelines and verdicts"
    with console.status(label) as status:
        stats = rebuild(store, settings,
                        on_step=lambda _step, doing: status.update(f"{label}: {doing}"))
    return f"People, timelines and verdicts {stats.summary()}."


def summary_table(results: list[FileResult]) -> Table:
    table = Table(title="Import summary", show_lines=False)
    table.add_column("file", overflow="fold", ratio=1)
    table.add_column("kind", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for name in ("rows", "rejected", "new", "updated", "seconds"):
        table.add_column(name, justify="right", no_wrap=True)
    for r in results:
        table.add_row(short_name(r.display), r.kind or "-", r.status, f"{r.rows:,}",
                      f"{r.rejected:,}",
                      f"{r.new:,}", f"{r.updated:,}", f"{r.seconds:.2f}")
    if len(results) > 1:
        table.add_row("total", "", f"{sum(r.status == 'imported' for r in results)} imported",
                      f"{sum(r.rows for r in results):,}", f"{sum(r.rejected for r in results):,}",
                      f"{sum(r.new for r in results):,}", f"{sum(r.updated for r in results):,}",
                      f"{sum(r.seconds for r in results):.2f}")
    return table


def short_name(display: str) -> str:
    """'exports/x.zip!/export/Lead.csv' -> 'x.zip!/export/Lead.csv'; plain paths -> file name."""
    archive, sep, member = display.partition("!/")
    return f"{Path(archive).name}{sep}{member}" if sep else Path(display).name


def run_kinds(args: argparse.Namespace) -> int:
    from lead_lens.ingest.spec import all_kinds

    table = Table(title="Export kinds")
    table.add_column("kind")
    table.add_column("what")
    table.add_column("formats")
    table.add_column("detected by")
    for spec in sorted(all_kinds().values(), key=lambda s: s.name):
        table.add_row(spec.name, spec.title, ", ".join(sorted(spec.formats)),
                      ", ".join((f.spellings or (f.name,))[0] for f in spec.required))
    output_console().print(table)
    return 0


def run_imports(args: argparse.Namespace) -> int:
    out = output_console()
    with store_from(args) as store:
        if args.rejects is None:
            table = Table(title="Imports")
            table.add_column("id", justify="right")
            table.add_column("file", overflow="fold", ratio=1)
            table.add_column("kind", no_wrap=True)
            for name in ("rows", "rejected", "new", "updated"):
                table.add_column(name, justify="right", no_wrap=True)
            for import_id, path, kind, rows, rejected, new, updated, _same, _at in store.rows(
                    "list_imports"):
                table.add_row(str(import_id), short_name(path), kind, f"{rows:,}",
                              f"{rejected:,}", f"{new:,}", f"{updated:,}")
            out.print(table)
            return 0
        import_id = None if args.rejects == "all" else int(args.rejects)
        rows = store.rows("list_rejects", {"import_id": import_id})
    for _import_id, path, line, column, _kind, reason, text in rows:
        where = f"{path}:{line}" + (f" [{column}]" if column else "")
        out.print(f"{where}: {reason}" + (f"\n    {text[:200]!r}" if text else ""),
                  markup=False, highlight=False, soft_wrap=True)
    if not rows:
        out.print("No rejected rows.")
    return 0
