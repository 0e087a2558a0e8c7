"""Composing realistic text column-wise: pick phrases from banks, join them, fill the slots.

Every text is a concatenation of independently chosen phrases (greeting, opener, body, ask,
sign-off ...), so a few banks of 10-40 alternatives give many thousands of distinct texts. All
choices come from the caller's seeded generator; nothing loops per row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import polars as pl

from lead_lens.sample import phrases as P

Bank = Sequence[str]


def pick(rng: np.random.Generator, bank: Bank, n: int, *, p_empty: float = 0.0) -> pl.Series:
    """n phrases drawn from bank; with probability p_empty a phrase is left out ("")."""
    choice = pl.Series(list(bank), dtype=pl.String).gather(rng.integers(0, len(bank), n))
    if p_empty > 0:
        keep = rng.random(n) >= p_empty
        choice = pl.select(pl.when(pl.Series(keep)).then(choice).otherwise(pl.lit(""))).to_series()
    return choice


def join(parts: Sequence[pl.Series], sep: str = "") -> pl.Series:
    """Join phrase columns row by row, skipping empty phrases (so no doubled separators)."""
    frame = pl.DataFrame({f"p{i}": part for i, part in enumerate(parts)})
    exprs = [pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)) for c in frame.columns]
    return frame.select(pl.concat_str(exprs, separator=sep, ignore_nulls=True)).to_series()


def fill(texts: pl.Series, slots: Mapping[str, pl.Series | np.ndarray],
         bank: Bank | None = None) -> pl.Series:
    """Replace `{name}` placeholders with the row's value of each slot column. With `bank`
    (the phrases texts were drawn from), only the slots that occur in it are replaced."""
    used = [k for k in slots if bank is None or any("{" + k + "}" in b for b in bank)]
    if not used:
        return texts
    frame = pl.DataFrame({"t": texts, **{k: pl.Series(slots[k]).cast(pl.String) for k in used}})
    expr = pl.col("t")
    for name in used:
        expr = expr.str.replace_all("{" + name + "}", pl.col(name).fill_null(""), literal=True)
    return frame.select(expr).to_series()


def pick_filled(rng: np.random.Generator, bank: Bank, n: int,
                slots: Mapping[str, pl.Series | np.ndarray], *, p_empty: float = 0.0
                ) -> pl.Series:
    """pick() then fill() one phrase column (cheaper than filling whole composed texts)."""
    return fill(pick(rng, bank, n, p_empty=p_empty), slots, bank)


def sales_email(rng: np.random.Generator, step: np.ndarray,
                slots: Mapping[str, pl.Series | np.ndarray]) -> tuple[pl.Series, pl.Series]:
    """Subjects and bodies of outbound sequence emails; step 0 introduces, later steps bump."""
    n = len(step)
    first = step == 0
    subject = pl.select(pl.when(pl.Series(first)).then(pick_filled(rng, P.SUBJECT_FIRST, n, slots))
                        .otherwise(pick_filled(rng, P.SUBJECT_FOLLOW, n, slots))).to_series()
    opener = pl.select(pl.when(pl.Series(first)).then(pick_filled(rng, P.OPENER_FIRST, n, slots))
                       .otherwise(pick(rng, P.OPENER_FOLLOW, n))).to_series()
    body = join([
        pick_filled(rng, P.GREETING, n, slots), opener,
        pick_filled(rng, P.VALUE_PROP, n, slots),
        pick_filled(rng, P.PROOF, n, slots, p_empty=0.35), pick_filled(rng, P.CTA, n, slots),
        pick_filled(rng, P.SIGNOFF, n, slots), pick(rng, P.FOOTER, n, p_empty=0.6),
    ], sep="\n\n")
    return subject, body


REPLY_BANKS: dict[str, Bank] = {
    "interest": P.REPLY_INTEREST, "question": P.REPLY_QUESTION,
    "price": P.REPLY_PRICE, "timing": P.REPLY_TIMING, "competitor": P.REPLY_COMPETITOR,
    "later_future": P.REPLY_LATER_FUTURE, "later_past": P.REPLY_LATER_PAST,
    "stop": P.REPLY_STOP, "meeting": P.REPLY_MEETING,
}


def replies(rng: np.random.Generator, kind: np.ndarray,
            slots: Mapping[str, pl.Series | np.ndarray]) -> pl.Series:
    """Inbound reply bodies; `kind` names the REPLY_BANKS entry of each row."""
    n = len(kind)
    core = pl.Series([""] * n, dtype=pl.String)
    kinds = pl.Series(kind, dtype=pl.String)  # typed: with no replies it is empty (Object)
    for name, bank in REPLY_BANKS.items():
        chosen = pick(rng, bank, n)
        core = pl.select(pl.when(kinds == name).then(chosen).otherwise(core)).to_series()
    body = join([pick(rng, P.REPLY_GREETING, n, p_empty=0.3), core,
                 pick(rng, P.REPLY_CONTEXT, n, p_empty=0.55),
                 pick(rng, P.REPLY_SIGNOFF, n, p_empty=0.2)], sep="\n\n")
    return fill(body, slots)


def notes(rng: np.random.Generator, n: int,
          slots: Mapping[str, pl.Series | np.ndarray]) -> pl.Series:
    """Rep notes: who was spoken to, what they are evaluating, the constraint, the ask."""
    text = join([pick(rng, P.NOTE_OPENER, n), pick(rng, P.NOTE_SITUATION, n),
                 pick(rng, P.NOTE_CONSTRAINT, n, p_empty=0.25),
                 pick(rng, P.NOTE_ASK, n, p_empty=0.2)], sep=" ").str.replace(r",$", ".")
    more = pick(rng, P.NOTE_NEXT, n, p_empty=0.5)
    return fill(join([text, more], sep="\nNext: "), slots)


def call_dispositions(rng: np.random.Generator, connected: np.ndarray) -> pl.Series:
    """Free-text Salesforce CallDisposition values (connected calls get richer results)."""
    n = len(connected)
    return pl.select(pl.when(pl.Series(connected)).then(pick(rng, P.DISPOSITION_CONNECTED, n))
                     .otherwise(pick(rng, P.DISPOSITION_NOT_CONNECTED, n))).to_series()
