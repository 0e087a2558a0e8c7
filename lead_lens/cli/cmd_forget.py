"""`lead-lens forget EMAIL`: a data subject's erasure request (docs/forget.md)."""

from __future__ import annotations

import argparse
import sys

from lead_lens.cli.context import settings_from, store_from
from lead_lens.people.errors import PeopleError
from lead_lens.people.forget import ForgetResult, Subject, forget


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "forget", parents=[common],
        help="remove everything of one person from the store (an erasure request)",
        description="Remove every record, activity, web event, timeline event, verdict, cached "
                    "summary and verbatim source row of the person with this email (and every "
                    "address and id tied to them), then rewrite the store file so no bytes of "
                    "theirs remain. Shared records (accounts, opportunities, calls with other "
                    "people) stay, without the person. See docs/forget.md.")
    p.add_argument("who", metavar="EMAIL", help="any email of the person (or a ref or person id)")
    p.add_argument("--yes", action="store_true",
                   help="do not ask for confirmation (required when input is not a terminal)")
    p.set_defaults(run=run_forget)


def _ask(subject: Subject) -> bool:
    print(_describe(subject))
    answer = input("Remove all of this from the store? This cannot be undone. [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def _describe(subject: Subject) -> str:
    names = ", ".join(subject.names) or "(no name)"
    return (f"Person: {names}\nEmails: {', '.join(subject.emails) or '(none)'}\n"
            f"Every ref tied to them ({len(subject.refs)}): {', '.join(subject.refs)}")


def summary_lines(result: ForgetResult) -> list[str]:
    lines = [f"Forgot {', '.join(result.subject.names) or 'the person'} "
             f"({', '.join(result.subject.emails) or ', '.join(result.subject.refs)})."]
    lines += [f"  {count:>7,}  {what}" for what, count in result.removed.items() if count]
    if result.shared_kept:
        lines.append(f"  {result.shared_kept:>7,}  shared activities kept for the other people "
                     "on them, without this person")
    if result.rewritten:
        lines.append("The store file was rewritten: none of the removed bytes remain in it.")
    lines.append("Exports that still hold this person will bring them back when imported "
                 "again: remove them at the source too.")
    return lines


def run_forget(args: argparse.Namespace) -> int:
    if not args.yes and not sys.stdin.isatty():
        raise PeopleError("`lead-lens forget` removes data for good: run it in a terminal to "
                          "confirm, or pass --yes.")
    store = store_from(args)
    try:
        result, store = forget(store, settings_from(args), args.who,
                               confirm=None if args.yes else _ask)
    finally:
        store.close()
    print("\n".join(summary_lines(result)))
    return 0
