"""Opt-out requests: the lead asks us to stop contacting them (spec section 5, verdict rule 1).

A false positive silences a lead for good and a miss keeps mailing someone who said stop, so
each pattern names its object: "remove me" fires, "remove my colleague" does not; negations
("don't remove me"), non-request questions ("did you unsubscribe me?"), conditional offers
("if you want to unsubscribe ...") and third parties ("they asked to be removed") do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lead_lens.signals import context

# Who the request is about. In notes "him/her/them/the lead" is the lead as well.
_SELF = (r"(?:me|us|myself|my\s+(?:e-?mail|email address|address|name|number|phone number|"
         r"details|info|information|contact(?:\s+(?:info|details|information))?|account|data)|"
         r"our\s+(?:e-?mail|address|team|company|details|domain)|"
         r"this\s+(?:e-?mail|email address|address|account|inbox|number|contact))")
_LEAD = (r"(?:him|her|them|the\s+(?:lead|contact|prospect|person)|this\s+(?:lead|prospect|"
         r"person)|his\s+(?:e-?mail|number|details|data|info)|her\s+(?:e-?mail|number|details|"
         r"data|info)|their\s+(?:e-?mail|number|details|data|info))")

# Object words allowed right after "unsubscribe"/"stop emailing": the author, our mail, or
# nothing (end of sentence, filler). Anything else ("that vendor", "my colleague") is a
# third party.
_ALLOWED_AFTER = frozenset({
    "me", "us", "myself", "from", "please", "pls", "plz", "now", "asap", "immediately",
    "already", "right", "thanks", "thank", "thx", "again", "at", "all", "this", "these",
    "those", "your", "the", "to", "and", "or", "but", "so", "i", "we", "it", "permanently",
    "for", "altogether", "completely", "once", "twice", "several", "multiple", "many", "three",
    "today", "anymore", "forever", "entirely", "too", "as", "ok", "okay", "then",
})
_ALLOWED_AFTER_NOTE = _ALLOWED_AFTER | {"him", "her", "them", "lead", "contact", "prospect"}
_MY_THINGS = frozenset({"e", "email", "e-mail", "address", "name", "number", "details", "info",
                        "information", "contact", "account", "data", "inbox", "emails"})


def _self_object(words: list[str], about_lead: bool) -> bool:
    """The words after the verb point at the author (or nothing), not at someone else."""
    if not words:
        return True
    first = words[0]
    if first in ("my", "our"):
        return len(words) < 2 or words[1] in _MY_THINGS or first == "our"
    return first in (_ALLOWED_AFTER_NOTE if about_lead else _ALLOWED_AFTER)


_Check = Callable[[str, "re.Match[str]", bool], bool]


def _always(_sentence: str, _match: re.Match[str], _about_lead: bool) -> bool:
    return True


def _object_is_self(sentence: str, match: re.Match[str], about_lead: bool) -> bool:
    return _self_object(context.words_after(sentence, match.end()), about_lead)


_OUR_LISTS = frozenset({"your", "this", "these", "you", "all", "it", "them"})


def _from_us_or_nothing(sentence: str, match: re.Match[str], _about_lead: bool) -> bool:
    """'I unsubscribed from your emails' is ours; 'from the Snowflake newsletter' is not."""
    words = context.words_after(sentence, match.end())
    return not words or words[0] != "from" or (len(words) > 1 and words[1] in _OUR_LISTS)


_PERSISTENT = re.compile(r"\b(?:again|anymore|any more|ever|further|in (?:the )?future|going "
                         r"forward|at all|from now on|no more)\b")


def _contact_ban_is_lasting(sentence: str, match: re.Match[str], _about_lead: bool) -> bool:
    """'don't contact me' is always an opt-out; 'don't call me' only with 'again', 'ever' ...
    ('don't call me before 10am' is a scheduling preference)."""
    if match.group("verb") in ("contact", "bother", "solicit", "spam", "harass"):
        return True
    return bool(_PERSISTENT.search(sentence, match.end()))


def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source.replace("SELF", _SELF).replace("LEAD", _LEAD))


_STOP_VERBS = (r"(?:e-?mailing|emails?|contacting|calling|calls|messaging|messages|reaching out|"
               r"sending|spamming|texting|bugging|pestering|bothering|harassing|following up|"
               r"pinging|hounding|communicat\w*|outreach|marketing|writing)")

_REMOVE_VERBS = ("remove", "delete", "drop", "erase", "scrub", "purge", "exclude")
_NEGATORS = ("do not", "don't", "dont", "never", "no need")

# (pattern, extra check, only in text about the lead, substrings one of which every match
# contains: a pattern runs only when one is present; keep them in step when editing)
_PATTERNS: tuple[tuple[re.Pattern[str], _Check, bool, tuple[str, ...]], ...] = (
    # "unsubscribe me", "please unsubscribe", "I want to unsubscribe from this list"
    (_pattern(r"\bunsubscribe\b"), _object_is_self, False, ("unsubscribe",)),
    # "opt me out", "I'd like to opt out", "opt-out please"
    (_pattern(r"\bopt(?:\s+(?:me|us|LEAD))?[\s-]+out\b"), _always, False, ("opt",)),
    # "remove me from your list", "delete my data", "take me off the mailing list"
    (_pattern(r"\b(?:remove|delete|drop|erase|scrub|purge|exclude)\s+(?:SELF)\b"), _always,
     False, _REMOVE_VERBS),
    (_pattern(r"\b(?:remove|delete|drop|erase|scrub|purge|exclude)\s+(?:LEAD)\b"), _always,
     True, _REMOVE_VERBS),
    (_pattern(r"\b(?:take|get|keep)\s+(?:SELF)\s+off\b"), _always, False, ("off",)),
    (_pattern(r"\b(?:take|get|keep)\s+(?:LEAD)\s+off\b"), _always, True, ("off",)),
    # "Remove from list" in a disposition or a terse reply
    (_pattern(r"\bremove\s+from\s+(?:all\s+|the\s+|your\s+|our\s+|this\s+)?(?:mailing\s+|"
              r"e-?mail\s+|marketing\s+)?(?:lists?|mailings?|database|cadences?|sequences?|"
              r"marketing|e-?mails)\b"), _always, False, ("remove",)),
    # "I want to be removed", "wants to be taken off", "asked to be unsubscribed"
    (_pattern(r"\b(?:be|get|getting|been|being|i'm|i am|we're|we are)\s+(?:removed|taken off|"
              r"unsubscribed|deleted|opted out|erased)\b"), _always, False,
     ("removed", "taken off", "unsubscribed", "deleted", "opted", "erased")),
    # "please stop emailing me", "stop reaching out", "quit sending these"
    (_pattern(r"\b(?:stop|quit|cease)\s+(?:(?:all|any|the|with the|your)\s+)?" + _STOP_VERBS
              + r"\b"), _object_is_self, False, ("stop", "quit", "cease")),
    # A bare "STOP" / "please stop" / "remove me please" as a whole sentence or last clause.
    (_pattern(r"(?:^|[,;:-]\s*)(?:please\s+|pls\s+|just\s+)?(?:stop(?:\s+it)?|remove|"
              r"unsubscribe)(?:\s+(?:please|now|already))?[\s.!]*$"), _always, False,
     ("stop", "remove", "unsubscribe")),
    # "I've unsubscribed three times already", "we already opted out"
    (_pattern(r"\b(?:i|we)(?:'ve|'d| have| had)?\s+(?:already\s+)?(?:unsubscribed|opted\s+"
              r"out)\b"), _from_us_or_nothing, False, ("unsubscribed", "opted")),
    # "I've asked you three times to stop", "asked us to stop emailing", "told you to quit"
    (_pattern(r"\b(?:asked|told|requested|begged|instructed|asking|telling)\s+(?:(?:you|u|us|"
              r"me)\s+(?:\w+\s+){0,3}?)?to\s+(?:stop|quit|cease|not\s+(?:contact|e-?mail|call|"
              r"reach|message)|no longer)\b"), _always, False,
     ("asked", "told", "requested", "begged", "instructed", "asking", "telling")),
    # "do not contact me again", "please don't email us anymore"
    (_pattern(r"\b(?:do not|don't|dont|never|no need to)\s+(?:ever\s+)?(?P<verb>contact|e-?mail|"
              r"call|message|text|ping|reach out to|write to|bother|solicit|spam|harass)\s+"
              r"(?:SELF)\b"), _contact_ban_is_lasting, False, _NEGATORS),
    (_pattern(r"\b(?:do not|don't|dont|never)\s+(?:ever\s+)?(?P<verb>contact|e-?mail|call|"
              r"message|text|ping|reach out to|solicit)\s+(?:LEAD)\b"), _always, True,
     _NEGATORS),
    # "please don't reach out again", "never email again" (no object, but lasting)
    (_pattern(r"\b(?:do not|don't|dont|never)\s+(?:ever\s+)?(?:contact|e-?mail|call|reach out|"
              r"write|message)\s+(?:(?:to\s+)?(?:me|us)\s+)?(?:again|anymore|any more)\b"),
     _always, False, _NEGATORS),
    # Dispositions and notes: "Do Not Call", "DNC", "do-not-contact"
    (_pattern(r"\b(?:dnc|do[- ]not[- ](?:call|contact|e-?mail|solicit))\b"), _always, True,
     ("dnc", "do not", "do-not")),
    (_pattern(r"\b(?:put|add|place)\s+(?:SELF|LEAD)\s+on\s+(?:your|the|a)\s+do[- ]not[- ]"
              r"(?:call|contact|e-?mail|mail)"), _always, False, ("do not", "do-not")),
    # "requested no further contact", "no more emails please"
    (_pattern(r"\bno\s+(?:further|more|additional)\s+(?:contact|e-?mails?|calls?|outreach|"
              r"communications?|messages?|follow[- ]?ups?|solicitations?)\b"), _always, False,
     ("no further", "no more", "no additional")),
    # "I don't want to receive these", "no longer wish to be contacted"
    (_pattern(r"\b(?:don't|do not|no longer)\s+(?:want|wish|care|need)\s+to\s+(?:receive|get|"
              r"hear from|be contacted|be emailed|be e-mailed|be called|be on)\b"), _always,
     False, ("don't", "do not", "no longer")),
    (_pattern(r"\b(?:don't|do not)\s+(?:want|need)\s+(?:any\s+more|anymore|any|your|these|more)"
              r"\s+(?:e-?mails|messages|calls|outreach)\b"), _always, False, ("don't", "do not")),
    # "lose my number", "leave me alone"
    (_pattern(r"\blose\s+(?:my|our|his|her|their)\s+(?:number|e-?mail|email address|contact)"),
     _always, False, ("lose",)),
    (_pattern(r"\bleave\s+(?:me|us)\s+alone\b"), _always, False, ("alone",)),
)
# Any sentence without one of these is no opt-out: one pass of `in` tests before the patterns.
KEYWORDS = tuple(sorted({word for *_, words in _PATTERNS for word in words}))


def is_opt_out(sentence: str, *, about_lead: bool) -> bool:
    """Whether a lower-cased, normalized sentence asks us to stop contacting its subject."""
    if not any(word in sentence for word in KEYWORDS):
        return False
    for pattern, check, needs_about_lead, words in _PATTERNS:
        if needs_about_lead and not about_lead or not any(w in sentence for w in words):
            continue
        for match in pattern.finditer(sentence):
            start = match.start()
            if context.is_non_request_question(sentence, start):
                continue
            if context.is_negated(sentence, start) or context.is_conditional(sentence, start):
                continue
            if context.names_third_party(sentence, start, about_lead=about_lead):
                continue
            if check(sentence, match, about_lead):
                return True
    return False
