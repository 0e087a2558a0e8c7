"""Text signals (spec section 5): opt-out and follow-up requests, objection and interest cues.

Pure Python (re + dataclasses): no store, no UI. `find_signals` reads one message,
`scan_texts` a batch of timeline rows.
"""

from lead_lens.signals.cues import COMPETITORS, PRODUCT_AREAS
from lead_lens.signals.model import (
    FOLLOW_UP,
    INTEREST,
    OBJECTION,
    OPT_OUT,
    READ_KINDS,
    Signal,
)
from lead_lens.signals.periods import add_months, find_periods
from lead_lens.signals.scan import find_signals, scan_texts

__all__ = [
    "COMPETITORS", "FOLLOW_UP", "INTEREST", "OBJECTION", "OPT_OUT", "PRODUCT_AREAS",
    "READ_KINDS", "Signal", "add_months", "find_periods", "find_signals", "scan_texts",
]
