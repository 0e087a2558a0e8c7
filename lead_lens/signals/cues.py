"""Objection and interest cues: shown in the lead view and given to the summarizer.

They never change the verdict (spec section 5), so they favour recall over precision. Each
cue fires at most once per sentence. Interest about pricing ("what does pricing look like")
takes precedence over the bare "pricing" objection in the same sentence.
"""

from __future__ import annotations

import re

from lead_lens.signals import context
from lead_lens.signals.model import INTEREST, OBJECTION

# Named competitors of the product being marketed. Edit for your market; matched as whole
# words, case-insensitive. Ambiguous everyday words (Mode, Sigma, Stitch, Segment) are left
# out on purpose: they would fire on ordinary prose.
COMPETITORS: tuple[str, ...] = (
    "Snowflake", "Databricks", "Looker", "Tableau", "Fivetran", "dbt", "Power BI", "BigQuery",
    "Redshift", "Airbyte", "Qlik", "Domo", "ThoughtSpot", "Matillion", "Informatica", "Talend",
    "Hightouch", "Metabase",
)

# Product areas a lead may ask about: cue name -> pattern. Edit for your product.
PRODUCT_AREAS: dict[str, str] = {
    "data_pipelines": r"pipelines?|etl|elt|ingestion|connectors?",
    "dashboards": r"dashboards?|reporting|visuali[sz]ations?",
    "data_quality": r"data quality|observability|monitoring|alerts?",
    "governance": r"governance|lineage|catalog|access control",
    "reverse_etl": r"reverse etl|activation|syncs? to (?:salesforce|hubspot)",
    "integrations": r"integrations?|\bapi\b|webhooks?",
    "security": r"security|sso|soc ?2|compliance|gdpr|hipaa",
}

_COMPETITOR_ALT = "|".join(re.escape(name.lower()) for name in COMPETITORS)

_COMPETITOR_WORDS = tuple(name.lower() for name in COMPETITORS)
# (cue, substrings one of which every match contains, pattern): the substrings gate the regex
# so most sentences cost a few `in` tests. Keep them in step when editing a pattern.
_Cue = tuple[str, tuple[str, ...], re.Pattern[str]]
_OBJECTIONS: tuple[_Cue, ...] = (
    ("budget", ("budget", "afford", "money", "funds", "freeze"), re.compile(
        r"\bno\s+budget|budgets?\s+(?:(?:is|are|was|were|has been|have been|got)\s+)?(?:\w+\s+)?"
        r"(?:frozen|cut|tight|spent|allocated|gone|slashed|locked)|budget\s+(?:freeze|cuts?|"
        r"constraints?)|(?:don't|do not|doesn't)\s+have\s+(?:the\s+|any\s+)?budget|out\s+of\s+"
        r"budget|not\s+in\s+(?:the|our|this year's)\s+budget|can't\s+afford|cannot\s+afford|"
        r"tight\s+budget|spending\s+freeze|no\s+money|no\s+funds|over\s+(?:our\s+)?budget|"
        r"than\s+we\s+budgeted")),
    ("timing", ("priorit", "timing", "time", "busy", "swamp", "now", "bandwidth",
                "early", "later", "moment"), re.compile(
        r"not\s+a\s+(?:top\s+|high\s+)?priority|bad\s+timing|not\s+the\s+right\s+time|timing\s+"
        r"(?:isn't|is not|is not great|isn't great)|too\s+busy|swamped|not\s+(?:right\s+)?now|"
        r"other\s+priorities|(?:no|don't have the|lack)\s+bandwidth|too\s+early|maybe\s+later|"
        r"not\s+at\s+(?:this|the)\s+(?:time|moment)")),
    ("competitor", _COMPETITOR_WORDS + ("already", "currently", "signed", "went with",
                    "chose", "another", "different", "current", "contract", "house"),
     re.compile(
        r"\b(?:" + _COMPETITOR_ALT + r")\b|(?:we|i)\s+(?:already|currently)\s+(?:use|have|"
        r"work with|rely on|pay for)|signed\s+(?:a\s+contract\s+)?with|went\s+with|chose\s+"
        r"(?:another|a different)|(?:another|a different)\s+(?:vendor|provider|solution|tool)|"
        r"(?:happy|satisfied)\s+with\s+(?:our|the)\s+current|under\s+contract\s+with|locked\s+"
        r"into\s+a\s+contract|built\s+(?:it|this|our own)\s+in[- ]house")),
    ("pricing", ("too", "pric", "cost", "cheaper", "justify"), re.compile(
        r"too\s+(?:expensive|pricey|costly|much)|\bpric(?:e|es|ing|ey)\b|costs?\s+too\s+much|"
        r"can't\s+justify\s+the\s+(?:cost|spend)|out\s+of\s+our\s+price\s+range|cheaper")),
    ("authority", ("decision", "right", "best", "loop in", "with my", "with our", "make",
                   "pay", "approval", "boss", "manager", "procurement", "cfo", "cto", "ceo",
                   "vp", "sign"), re.compile(
        r"not\s+the\s+(?:\w+\s+)?decision[- ]?maker|not\s+(?:the\s+)?(?:right|best)\s+"
        r"(?:person|contact)|loop\s+in\s+(?:my|our)|(?:check|talk|speak)\s+with\s+(?:my|our)\s+"
        r"(?:boss|manager|team|cfo|cto|ceo|vp|director|lead|head)|(?:don't|do not)\s+make\s+"
        r"(?:that|the|these|those)\s+decisions?|above\s+my\s+pay\s*grade|need\s+(?:\w+\s+)?"
        r"approval|(?:my|our)\s+(?:boss|manager|cfo|cto|ceo|vp)\s+(?:decides|owns|makes)|"
        r"procurement|sign[- ]off")),
    ("need", ("interested", "need", "use for", "all set", "fit", "relevant", "apply"),
     re.compile(
        r"not\s+interested|no\s+(?:need|use)\s+for|(?:don't|do not|doesn't)\s+need|we're\s+all\s+"
        r"set|not\s+a\s+(?:good\s+)?fit|not\s+relevant|doesn't\s+apply|no\s+longer\s+"
        r"(?:need|relevant)")),
)

_INTEREST_TRIGGER = (
    r"\binterested\b|happy\s+to\s+(?:take\s+a\s+look|chat|talk|learn)|let's\s+(?:talk|chat|"
    r"find|set\s+up|schedule|do\s+it)|do\s+you\s+(?:have|support|offer)|does\s+it\s+(?:work|"
    r"support|handle|integrate)|can\s+it\s+(?:handle|do|support)|wants?\s+to\s+see|asked\s+for|"
    r"curious\s+about|learn\s+more|tell\s+me\s+more|more\s+(?:info|details|"
    r"information)|questions?\s+about|how\s+does|looking\s+(?:for|into|at)\b|evaluating|"
    r"exploring|would\s+love\s+to|keen\s+to|sounds\s+interesting|intrigued")
_INTERESTS: tuple[_Cue, ...] = (
    ("demo", ("demo", "walkthrough"), re.compile(
        r"\b(?:see|get|book|schedule|set\s+up|setup|arrange|watch|have|do|take|want|like|love|"
        r"need|request|walk\s+me\s+through)\s+(?:a\s+|the\s+|your\s+|a\s+quick\s+|a\s+short\s+)?"
        r"(?:quick\s+|short\s+|live\s+|product\s+)?demo|\bdemo\s*\?|walkthrough")),
    ("case_study", ("case stud", "customer stor", "reference"), re.compile(
        r"case\s+stud(?:y|ies)|customer\s+(?:stories|story|references?)|\breferences?\b")),
    ("pricing", ("pric", "how much", "quote"), re.compile(
        r"what\s+(?:does|is|would)\s+(?:the\s+|your\s+)?pric(?:e|ing)|how\s+much\s+(?:does|"
        r"would|is|do)|(?:send|share|see|get|ask(?:ed|ing|s)?\s+for)\s+(?:me\s+|us\s+|over\s+)?(?:the\s+|your\s+|some\s+)?"
        r"pric(?:e|es|ing)|pricing\s+(?:info|details|sheet|page|options|tiers)|how\s+is\s+it\s+"
        r"priced|(?:send|get|share|need|request|want)\s+(?:me\s+|us\s+)?a\s+quote")),
    ("trial", ("trial", "try it", "pilot", "proof of concept", "poc"), re.compile(
        r"free\s+trial|\btrial\b|try\s+it\s+out|\bpilot\b|proof\s+of\s+concept|\bpoc\b")),
)
_AREAS = tuple((name, re.compile(r"\b(?:" + pattern + r")\b"))
               for name, pattern in PRODUCT_AREAS.items())
_INTEREST_TRIGGER_RE = re.compile(_INTEREST_TRIGGER)

_INTEREST_WORDS = ("interested", "happy to", "let's", "do you", "does it", "can it",
                   "to see", "asked for", "curious", "learn more", "tell me more", "more info",
                   "more details", "question", "how does", "looking", "evaluating", "exploring",
                   "love to", "keen", "sounds interesting", "intrigued")


def _first_live(pattern: re.Pattern[str], sentence: str) -> bool:
    """The pattern occurs somewhere not negated ("I don't need a demo" is no demo request)."""
    return any(not context.is_negated(sentence, m.start()) for m in pattern.finditer(sentence))


def _has(sentence: str, words: tuple[str, ...]) -> bool:
    return any(word in sentence for word in words)


def find_cues(sentence: str) -> list[tuple[str, str]]:
    """(signal, cue) pairs of a lower-cased, normalized sentence, objections first."""
    interests: list[tuple[str, str]] = []
    for cue, words, pattern in _INTERESTS:
        if _has(sentence, words) and _first_live(pattern, sentence):
            interests.append((INTEREST, cue))
    if _has(sentence, _INTEREST_WORDS) and _first_live(_INTEREST_TRIGGER_RE, sentence):
        areas = [(INTEREST, name) for name, pattern in _AREAS if pattern.search(sentence)]
        interests.extend(areas or ([] if interests else [(INTEREST, "info")]))
    asked_pricing = (INTEREST, "pricing") in interests
    objections = [(OBJECTION, cue) for cue, words, pattern in _OBJECTIONS
                  if _has(sentence, words) and pattern.search(sentence)
                  and not (cue == "pricing" and asked_pricing)]
    return objections + interests
