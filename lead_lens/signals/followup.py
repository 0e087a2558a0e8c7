"""Follow-up requests: the lead asks to be contacted later, at a resolvable time.

A date alone is not a request ("we launched in July"): the sentence must also ask for, or
offer, later contact ("reach out", "circle back", "ping me", "try me", "not now, maybe in
Q3", "when our contract renews in March"). The lead's own promise ("I'll reach back out in
Q3") counts too: it defers our contact the same way. The period nearest to the request
phrase wins when a sentence names several.
"""

from __future__ import annotations

import datetime as dt
import re

from lead_lens.signals import context
from lead_lens.signals.periods import Period, find_periods, has_time_words

# Base forms only, so past narration ("we reached out", "followed up in July") is not a
# request.
_REQUEST = re.compile(
    r"\b(?:reach(?:\s+back)?\s+out|circle\s+back|ping|follow[- ]?up|get\s+back\s+(?:to|in\s+"
    r"touch)|get\s+in\s+touch|touch\s+base|revisit|try\s+(?:me|us)|try\s+again|contact\s+"
    r"(?:me|us)|check\s+(?:back|in)|reconnect|re-?engage|connect\s+again|come\s+back\s+to|"
    r"(?:talk|speak|chat)\s+(?:again|then|more|later)|call\s+(?:me|us)|e-?mail\s+(?:me|us)|"
    r"drop\s+(?:me|us)\s+a\s+(?:line|note)|hit\s+(?:me|us)\s+up|give\s+(?:me|us)\s+a\s+"
    r"(?:call|shout|ring|buzz)|let's\s+(?:talk|chat|speak|connect|revisit|reconnect|discuss|"
    r"regroup|pick)|ask\s+(?:me|us)\s+again|pick\s+(?:this|it|things)\s+(?:back\s+)?up|"
    r"(?:more\s+)?open\s+to\s+(?:it|this|that|talking|chatting|a\s+(?:chat|call|conversation|"
    r"demo)|revisiting|discussing|hearing)|better\s+time|good\s+time\s+to|"
    r"hold\s+off|wait\s+(?:until|till)|keep\s+(?:me|us)\s+posted)\b")
# Deferrals that carry their own negation ("not now, maybe in Q3"), so no negation check.
_DEFERRAL = re.compile(
    r"\b(?:not\s+(?:right\s+)?now|not\s+at\s+(?:this|the)\s+(?:time|moment)|not\s+this\s+"
    r"(?:year|quarter|month)|not\s+yet|(?:would|'d|might|may)\s+be\s+(?:more\s+)?interested|(?:maybe|perhaps|possibly)\s+(?:again\s+)?(?:in|next|"
    r"after|around|closer|once|when)|(?:when|once|after)\s+(?:our|the|my)\s+(?:contract|"
    r"renewal|budget|subscription|agreement|licen[cs]e|fiscal|planning)\b[^.?!]{0,60}?\b"
    r"(?:renews|is up|'s up|ends|expires|comes up|resets|opens|starts|will|closes|wraps))\b")
# "reach out to my team in July" / "follow up with our CFO": the author will talk to someone
# else; only "to/with me, us, you" is contact with us.
_OTHER_PARTY = re.compile(r"\s+(?:to|with)\s+(?!(?:me|us|you|u|again|this|it)\b)\w+")

def _request_spans(sentence: str) -> list[tuple[int, int]]:
    spans = []
    for match in _REQUEST.finditer(sentence):
        if context.is_negated(sentence, match.start()):
            continue  # "no need to follow up next quarter"
        if _OTHER_PARTY.match(sentence, match.end()):
            continue
        spans.append(match.span())
    spans.extend(match.span() for match in _DEFERRAL.finditer(sentence))
    return spans


def _distance(span: tuple[int, int], period: Period) -> int:
    if period.start < span[1] and span[0] < period.end:
        return 0
    return period.start - span[1] if period.start >= span[1] else span[0] - period.end


def find_follow_up(sentence: str, written: dt.date) -> Period | None:
    """The requested follow-up period in a lower-cased, normalized sentence, if any."""
    # The time check is a few `in` tests; the request regex is the costly part.
    if not has_time_words(sentence) or context.is_past_question(sentence):
        return None
    spans = _request_spans(sentence)
    if not spans:
        return None
    periods = find_periods(sentence, written)
    if not periods:
        return None
    return min(periods, key=lambda p: min(_distance(span, p) for span in spans))
