"""The leakage report (spec section 9): where handed-off leads fall into the black hole."""

from __future__ import annotations

import polars as pl

from lead_lens.store import Store

GROUPINGS = ("source", "owner")


def leakage(store: Store, by: str = "source") -> pl.DataFrame:
    """Per lead source or owner: handed off, median hours to first touch, never touched,
    black hole, leaked share, warm black hole (from the stored verdicts)."""
    if by not in GROUPINGS:
        raise ValueError(f"leakage by {by!r}: use one of {', '.join(GROUPINGS)}")
    return store.frame("leakage_report", {"by": by})
