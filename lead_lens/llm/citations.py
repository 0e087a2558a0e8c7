"""Citations: item ids like [E3] in the model's text, checked against the context.

Ids the context does not hold are removed (after the fact and while streaming). A section in
which the model cited nothing gets the ids of the items it overlaps most, found by matching
words, so every claim can be traced to a timeline event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lead_lens.llm.context import ContextItem

_CITATION = re.compile(r"\[\s*(E\d+(?:\s*[,;]\s*E\d+)*)\s*\]", re.IGNORECASE)
_JUNK_REF = re.compile(r"\[\s*[A-Za-z]?\s*\]")  # "[E]", "[A]", "[]": a citation gone wrong
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:!?])")
_DOUBLE_SPACE = re.compile(r"[ \t]{2,}")
_WORD = re.compile(r"[a-z][a-z0-9'/-]{3,}")
_STOPWORD_TEXT = """
    about after again also been before being below between both came could does doing down
    during each from further have having here into just lead lead's leads like made make many
    more most much must next only other over same should some such than that their them then
    there these they this those through under until very want wants was were what when where
    which while will with would your team said says asked know looking help need needs
    marketing sales company business"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def filter_citations(text: str, valid: Iterable[str]) -> str:
    """`text` without citations to ids outside `valid` ([E1, E9] -> [E1])."""
    allowed = set(valid)

    def keep(match: re.Match[str]) -> str:
        refs = [r.strip().upper() for r in re.split(r"[,;]", match.group(1))]
        kept = [r for r in refs if r in allowed]
        return f"[{', '.join(kept)}]" if kept else ""

    cleaned = _JUNK_REF.sub("", _CITATION.sub(keep, text))
    if cleaned == text:
        return text
    return _DOUBLE_SPACE.sub(" ", _SPACE_BEFORE_PUNCT.sub(r"\1", cleaned))


def cited_refs(text: str) -> list[str]:
    refs: list[str] = []
    for match in _CITATION.finditer(text):
        refs.extend(r.strip().upper() for r in re.split(r"[,;]", match.group(1)))
    return refs


class CitationStream:
    """Filters citations out of a token stream: holds text from '[' until the bracket closes,
    and holds spaces so that a dropped citation leaves no double space or space before a stop."""

    MAX_HELD = 24

    def __init__(self, valid: Iterable[str]) -> None:
        self.valid = frozenset(valid)
        self.held = ""
        self.spaces = ""
        self.dropped = False

    def feed(self, piece: str) -> str:
        out: list[str] = []
        for char in piece:
            if self.held:
                self.held += char
                if char == "]" or char == "\n" or len(self.held) > self.MAX_HELD:
                    kept = filter_citations(self.held, self.valid)
                    self.held = ""
                    self.dropped = not kept
                    if kept:
                        out.append(self.spaces + kept)
                        self.spaces = ""
            elif char == "[":
                self.held = char
            elif char in " \t":
                if not (self.dropped and self.spaces):
                    self.spaces += char
            else:
                if not (self.dropped and char in ".,;:!?"):
                    out.append(self.spaces)
                out.append(char)
                self.spaces, self.dropped = "", False
        return "".join(out)

    def flush(self) -> str:
        rest = filter_citations(self.held, self.valid)
        rest = self.spaces + rest if rest else ""
        self.held = self.spaces = ""
        return rest


def content_words(text: str, ignore: frozenset[str] = frozenset()) -> set[str]:
    return {w.strip("'") for w in _WORD.findall(text.lower())} - STOPWORDS - ignore


def supporting_refs(text: str, items: Iterable[ContextItem], ignore: frozenset[str],
                    *, least: int = 2, most: int = 2) -> list[str]:
    """The ids of the items sharing the most content words with `text` (at least `least`)."""
    words = content_words(text, ignore)
    scored = []
    for order, item in enumerate(items):
        overlap = len(words & content_words(item.text + " " + item.label, ignore))
        if overlap >= least:
            scored.append((overlap, order, item.ref))
    best = sorted(scored, reverse=True)[:most]
    return [ref for _overlap, _order, ref in sorted(best, key=lambda s: s[1])]
