"""`lead-lens rebuild | timeline | explain | merges`: people, their timelines and verdicts."""

from __future__ import annotations

import argparse
import json

from rich.console import Console

from lead_lens.cli.context import settings_from, store_from
from lead_lens.people import explain, find_person, parse_as_of, rebuild, timeline
from lead_lens.people.errors import PeopleError
from lead_lens.people.merges import decide_merge, list_merges
from lead_lens.people.render import explanation_text, table, timeline_rows, timeline_table
from lead_lens.store import Store


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser("rebuild", parents=[common],
                              help="rebuild people, timelines, signals and verdicts")
    p.add_argument("--as-of", help="analysis instant (default: the latest event)")
    p.add_argument("--full", action="store_true",
                   help="rebuild everyone, not only the people touched since the last rebuild")
    p.set_defaults(run=run_rebuild)

    p = subparsers.add_parser("timeline", parents=[common], help="one person's timeline")
    p.add_argument("who", metavar="EMAIL|PERSON_ID")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=run_timeline)

    p = subparsers.add_parser("explain", parents=[common],
                              help="one person's verdict with its reasons and evidence")
    p.add_argument("who", metavar="EMAIL|PERSON_ID")
    p.add_argument("--as-of", help="analysis instant (default: the last rebuild's)")
    p.set_defaults(run=run_explain)

    p = subparsers.add_parser("merges", parents=[common],
                              help="fuzzy merge proposals: list, accept ID, undo ID")
    p.add_argument("action", nargs="?", choices=("list", "accept", "undo"), default="list")
    p.add_argument("merge_id", nargs="?", metavar="ID")
    p.set_defaults(run=run_merges)


def resolve(store: Store, who: str) -> str:
    person_id = find_person(store, who)
    if person_id is None:
        raise PeopleError(f"No person matches {who!r} (an email, a person id or a ref like "
                          "'sf:00Q...'). Did you run `lead-lens rebuild`?")
    return person_id


def run_rebuild(args: argparse.Namespace) -> int:
    settings, as_of = settings_from(args), parse_as_of(args.as_of)
    with store_from(args) as store, Console(stderr=True).status("rebuilding") as status:
        stats = rebuild(store, settings, as_of, full=args.full,
                        on_step=lambda _step, doing: status.update(f"rebuilding: {doing}"))
    print(stats.summary())
    return 0


def run_timeline(args: argparse.Namespace) -> int:
    with store_from(args) as store:
        frame = timeline(store, resolve(store, args.who))
    if args.format == "json":
        print(json.dumps(timeline_rows(frame), ensure_ascii=False, indent=1))
    else:
        print(timeline_table(frame))
    return 0


def run_explain(args: argparse.Namespace) -> int:
    with store_from(args) as store:
        result = explain(store, settings_from(args), resolve(store, args.who),
                         parse_as_of(args.as_of))
    print(explanation_text(result))
    return 0


def run_merges(args: argparse.Namespace) -> int:
    with store_from(args) as store:
        if args.action == "list":
            frame = list_merges(store)
            print(table(["merge_id", "status", "left", "right", "evidence"],
                        [[r["merge_id"], r["status"], r["left_ref"], r["right_ref"],
                          r["evidence"]] for r in frame.iter_rows(named=True)]))
            return 0
        if not args.merge_id:
            raise PeopleError(f"`lead-lens merges {args.action}` needs a merge id.")
        decision = "accepted" if args.action == "accept" else "undone"
        left, right = decide_merge(store, args.merge_id, decision)
        stats = rebuild(store, settings_from(args))
    print(f"{args.merge_id} {decision}: {left} + {right}; rebuilt ({stats.people} people)")
    return 0
