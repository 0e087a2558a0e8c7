"""The signal record and which timeline kinds the text rules may read (spec section 5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

OPT_OUT = "opt_out_request"
FOLLOW_UP = "follow_up_request"
OBJECTION = "objection"
INTEREST = "interest"

# Only text the lead wrote, or a rep wrote about the lead, can carry the lead's wishes.
# An allow-list (not a deny-list of outbound kinds) so a new outbound kind added later can
# never turn our own unsubscribe footer into an opt-out.
READ_KINDS = frozenset({"reply", "inbound_email", "note", "call_disposition", "transcript"})
# Kinds a rep writes *about* the lead: there "he/she/they" and "Do Not Call" mean the lead.
ABOUT_LEAD_KINDS = frozenset({"note", "call_disposition"})


@dataclass(frozen=True)
class Signal:
    """One hit of a text rule, with the sentence it came from."""

    signal: str  # OPT_OUT | FOLLOW_UP | OBJECTION | INTEREST
    # Objection/interest topic (budget, timing, competitor, pricing, authority, need, demo,
    # case_study, trial, info, or a product area); for follow-ups the period phrase as written.
    cue: str | None
    sentence: str
    resolved_date: dt.date | None = None  # follow-ups only: first day of the named period
