"""The `lead-lens` command. Each `cmd_*.py` module here adds its subcommands via `register`.

A command module defines `register(subparsers, common)`: it adds its parser(s) with
`parents=[common]` (which carries --db and --settings) and sets `run=<function(args) -> int>`.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from lead_lens import __version__
from lead_lens.errors import LeadLensError


def common_options(*, top_level: bool = False) -> argparse.ArgumentParser:
    """--db and --settings, accepted before or after the command.

    Subcommands don't set a default (SUPPRESS), so `lead-lens --db X leads` keeps X instead of
    the subcommand's parser overwriting it with None.
    """
    common = argparse.ArgumentParser(add_help=False)
    default = None if top_level else argparse.SUPPRESS
    common.add_argument("--db", metavar="FILE", default=default,
                        help="the store (default: in your data folder)")
    common.add_argument("--settings", metavar="FILE", default=default,
                        help="a settings TOML file")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="lead-lens", parents=[common_options(top_level=True)],
        description="Find the leads marketing lost in the sales black hole.")
    parser.add_argument("--version", action="version", version=f"lead-lens {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    package = importlib.import_module(__name__)
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if module_info.name.startswith("cmd_"):
            module = importlib.import_module(f"{__name__}.{module_info.name}")
            module.register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run = getattr(args, "run", None)
    if run is None:
        # No command: the terminal app (issue 5); until it exists, help.
        app = getattr(args, "open_app", None)
        if app is None:
            from lead_lens.ui import open_app as app
        if app is not None:
            return int(app(args))
        parser.print_help()
        return 0
    try:
        return int(run(args))
    except LeadLensError as error:
        print(f"lead-lens: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("lead-lens: interrupted; work finished so far is kept.", file=sys.stderr)
        return 130
