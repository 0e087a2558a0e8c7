"""The terminal app (the only package that imports textual). `open_app(args)` starts it."""

from __future__ import annotations

import argparse
import sys


def open_app(args: argparse.Namespace) -> int:
    """Open the app on the store given by --db (default: the user's store)."""
    from lead_lens.cli.context import db_path, settings_from
    from lead_lens.errors import LeadLensError
    from lead_lens.store import open_store
    from lead_lens.ui.app import LeadLensApp

    try:
        settings = settings_from(args)
        store = open_store(db_path(args))
    except LeadLensError as error:
        print(f"lead-lens: {error}", file=sys.stderr)
        return 2
    with store:
        result = LeadLensApp(store, settings).run()
    return int(result or 0)
