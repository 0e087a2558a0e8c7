"""Fuzzy merges (spec 2.4): list proposals, accept or undo them. Decisions are kept forever and
applied on every rebuild (identity_graph_from_merges), so they survive re-imports."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from lead_lens.errors import LeadLensError
from lead_lens.people.identity import prepare
from lead_lens.store import Store


class MergeError(LeadLensError):
    title = "Merge error"


def propose_merges(store: Store) -> None:
    prepare(store)
    store.execute("merge_proposals_build", {"now": _now()})


def list_merges(store: Store) -> pl.DataFrame:
    return store.frame("merge_list")


def decide_merge(store: Store, merge_id: str, decision: str) -> tuple[str, str]:
    """Record 'accepted' or 'undone' for a merge; returns its two refs. Rebuild to apply."""
    if decision not in ("accepted", "undone"):
        raise MergeError(f"unknown decision {decision!r}")
    rows = store.rows("merge_lookup", {"merge_id": merge_id})
    if not rows:
        raise MergeError(f"No merge {merge_id!r}. `lead-lens merges` lists them.")
    _, left, right, evidence = rows[0]
    store.execute("merge_decide", {"merge_id": merge_id, "left_ref": left, "right_ref": right,
                                   "decision": decision, "evidence": evidence,
                                   "decided_at": _now()})
    return left, right


def _now() -> datetime:
    # Decision bookkeeping only (which decision is latest); never used by a rule.
    return datetime.now(UTC).replace(tzinfo=None)
