"""Sentence context shared by the rules: negation, questions, conditionals, third parties.

All functions take the lower-cased, normalized sentence and the start offset of a match.
"""

from __future__ import annotations

import re

# A clause ends at punctuation or a conjunction: "not interested, stop emailing me" must not
# read the "not" of the first clause into the second.
_CLAUSE_BREAK = re.compile(r"[,;:()\"]|\s-\s|\b(?:but|so|and|because|though|although|just)\b")
# Standalone rejections that precede a request without negating it
# ("no thanks please remove me", "not interested stop emailing").
_STANDALONE_REJECTION = re.compile(
    r"\b(?:no,? thanks?(?: you)?|no thx|not interested|not relevant|not a fit)\b")
_NEGATION = re.compile(
    r"\b(?:not|no|never|don't|dont|doesn't|didn't|won't|wouldn't|shouldn't|isn't|aren't|"
    r"wasn't|can't|cannot|nobody|neither|nor|without|no need to|hardly)\b")
_WORD = re.compile(r"[\w']+")
NEGATION_WINDOW_WORDS = 4  # "I do not want you to remove me": "not want you to"

# Questions that are really requests ("can you take me off your list?").
_REQUEST_QUESTION = re.compile(
    r"^(?:\w+[,!]?\s+)?(?:please\s+)?(?:can|could|would|will|may)\s+(?:you|u|someone|somebody|"
    r"i|we)\b|^(?:\w+[,!]?\s+)?how\s+(?:do|can|would)\s+(?:i|we)\b|^is there a way\b"
    r"|^how many (?:more )?times\b")
_PAST_QUESTION = re.compile(r"^(?:why\s+)?(?:did|have|has|had|were|was)\b")

# A conditional clause is an offer, not a request ("if you want to unsubscribe ..."); the
# polite "if you could remove me" is a request.
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether)\b(?!\s+(?:you|u)\s+(?:could|would|can|"
                          r"don't mind|do not mind|please)\b)")

# Someone other than the author: in a reply "they asked to be removed" is not the lead.
# In notes and dispositions the rep writes about the lead, so pronouns mean the lead there.
_THIRD_PARTY_ROLES = (
    r"\b(?:my|our|the|a|his|her|their)\s+(?:colleague|coworker|co-worker|boss|manager|team|"
    r"teammate|assistant|ceo|cfo|cto|cio|vp|director|husband|wife|friend|partner|customer|"
    r"client|vendor|supplier|agency|intern|employee|staff|rep|sales team)s?\b"
    r"|\b(?:vendors?|suppliers?|customers|clients|competitors?|that company)\b")
_THIRD_PARTY_REPLY = re.compile(_THIRD_PARTY_ROLES +
                                r"|\b(?:they|them|their|he|she|him|her|his)\b")
_THIRD_PARTY_NOTE = re.compile(r"\b(?:vendors?|suppliers?|competitors?|their old|another "
                               r"company)\b|\b(?:his|her|their)\s+(?:colleague|boss|team)\b")


def clause_prefix(sentence: str, start: int) -> str:
    """The text of the clause that contains `start`, up to `start`."""
    prefix = sentence[:start]
    breaks = list(_CLAUSE_BREAK.finditer(prefix))
    return prefix[breaks[-1].end():] if breaks else prefix


def is_negated(sentence: str, start: int) -> bool:
    """A negation among the few words right before `start`, in the same clause."""
    prefix = _STANDALONE_REJECTION.sub(" ", clause_prefix(sentence, start))
    words = _WORD.findall(prefix)[-NEGATION_WINDOW_WORDS:]
    return bool(words) and bool(_NEGATION.search(" ".join(words)))


def is_conditional(sentence: str, start: int) -> bool:
    """The match sits in an if/unless clause that is not a polite request."""
    return bool(_CONDITIONAL.search(clause_prefix(sentence, start)))


_QUESTION_BREAK = re.compile(r"[,;]")


def is_non_request_question(sentence: str, start: int) -> bool:
    """The comma-delimited part holding `start` is a question that does not ask us to do
    something ("did you remove me?", "why ...?"); "can you remove me?" and "how do I
    unsubscribe?" are requests. "I unsubscribed last week, why am I still getting this?" is a
    statement followed by a question, so its first part still counts.
    """
    breaks_before = list(_QUESTION_BREAK.finditer(sentence, 0, start))
    begin = breaks_before[-1].end() if breaks_before else 0
    after = _QUESTION_BREAK.search(sentence, start)
    part = sentence[begin:after.start() if after else len(sentence)].strip()
    if not part.endswith("?"):
        return False
    if _PAST_QUESTION.match(part):
        return True
    return not _REQUEST_QUESTION.match(part)


def is_past_question(sentence: str) -> bool:
    """'Did you reach out in July?': asks about the past, requests nothing."""
    return sentence.rstrip().endswith("?") and bool(_PAST_QUESTION.match(sentence.lstrip()))


def names_third_party(sentence: str, start: int, *, about_lead: bool) -> bool:
    """Someone else is the subject or agent of the clause before `start`."""
    prefix = clause_prefix(sentence, start)
    pattern = _THIRD_PARTY_NOTE if about_lead else _THIRD_PARTY_REPLY
    return bool(pattern.search(prefix))


def words_after(sentence: str, end: int, count: int = 2) -> list[str]:
    """The next `count` words after `end` (lower-case)."""
    return _WORD.findall(sentence[end:end + 60])[:count]
