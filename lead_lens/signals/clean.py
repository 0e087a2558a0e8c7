"""Reduce a message to what its author wrote: no quoted thread, signature or mail footer.

The rules must never fire on our own outbound text that a reply quotes (spec section 5), so
everything after a reply header is dropped, as are '>' lines and footer sentences.
"""

from __future__ import annotations

import re

# Curly quotes and odd spaces would defeat every "don't"/"I'm" pattern downstream.
_TRANSLATE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                            "\u00a0": " ", "\u2013": "-", "\u2014": "-", "\r": ""})

# Cheap substring test: only texts that contain one of these need the line-by-line pass.
_QUOTE_HINTS = ("wrote", "original message", "forwarded", "from:", "\n--", "____",
                "sent from my", "get outlook", "écrit", "schrieb")
_HEADER_VERBS = ("wrote", "a écrit", "schrieb")
_OUTLOOK_FIELDS = ("sent:", "date:", "to:", "subject:", "cc:", "*sent:*", "*date:*", "*to:*")
_MOBILE_TAGS = ("sent from my", "get outlook for")

# Sentences that are mail boilerplate, ours or anyone's: unsubscribe links, preference
# centres, "if you'd rather not hear from me" closers, legal notices.
FOOTER = re.compile(
    r"unsubscribe\s*[|·•]|[|·•]\s*unsubscribe"
    r"|manage (?:your )?(?:e-?mail |subscription |communication )?preferences"
    r"|update (?:your )?(?:e-?mail |subscription )?preferences"
    r"|^to unsubscribe\b|(?:click here to|click to|you can|you may|here to) unsubscribe"
    r"|to unsubscribe,?\s+(?:click|visit|reply|use|follow|go|update|e-?mail|send)"
    r"|unsubscribe (?:here|below|link|at any time|anytime|from (?:these|all|our) (?:e-?mails|"
    r"communications|marketing))"
    r"|click here|opt[- ]out (?:here|at any time|anytime|below|link)"
    r"|\bif you(?:'d| would| no longer| don't| do not| prefer| rather)\b.{0,40}"
    r"\b(?:hear|receive|get|want|like)\b.{0,40}\b(?:let me know|reply|unsubscribe|click|opt)"
    r"|\bif (?:this|it) (?:is|isn't|is not|'s not)\b.{0,60}\b(?:let me know|reply)"
    r"|reply\s+[\"']?(?:stop|unsubscribe|remove)[\"']?\s+(?:to|and)"
    r"|you (?:are )?receiv(?:ed|ing) this (?:e-?mail|message)"
    r"|this (?:e-?mail|message)(?: and any attachments)? (?:is|are|may be|may contain) "
    r"(?:confidential|privileged)"
    r"|view (?:this e-?mail )?in (?:your )?browser|privacy policy",
    re.I,
)

# Every FOOTER branch contains one of these; most sentences contain none and skip the regex.
_FOOTER_WORDS = ("unsubscribe", "preferences", "click", "opt", "if ", "reply", "receiv",
                 "confidential", "privileged", "browser", "privacy")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+|(?<=[.!?])(?=[A-Z])")
_SPACES = re.compile(r"[ \t]+")


def normalize(text: str) -> str:
    """Straight quotes, plain dashes and spaces, no carriage returns."""
    return text.translate(_TRANSLATE)


def _gmail_header(line: str) -> bool:
    """'On <date>, <name> wrote:' (or the French/German forms), as one lower-case line."""
    return (line.startswith(("on ", "le ", "am ")) and line.endswith(":") and len(line) < 400
            and any(verb in line for verb in _HEADER_VERBS))


def _is_reply_header(lows: list[str], index: int) -> bool:
    """Whether lower-cased, stripped line `index` opens the quoted previous message.

    Plain string tests, not regexes: this runs on every line of every message that has a
    quote hint, and most lines fail on their first character.
    """
    line = lows[index]
    if not line:
        return False
    first = line[0]
    if first in "ola":
        if _gmail_header(line):
            return True
        # Gmail wraps long headers: "On Tue, ... Sam Seller <" / "sam@vendor.com> wrote:".
        return (line.startswith("on ") and index + 1 < len(lows)
                and _gmail_header(line + " " + lows[index + 1]))
    if first == "-":
        return "original message" in line or "forwarded message" in line
    if first == "_":
        return len(line) >= 8 and not line.strip("_")
    if first == "b":
        return line.startswith("begin forwarded message")
    if line.startswith(("from:", "*from:*")):
        if any(f" {field}" in line for field in ("sent:", "date:")):
            return True  # Outlook mobile puts the whole header on one line
        return any(following.startswith(_OUTLOOK_FIELDS)
                   for following in lows[index + 1:index + 5])
    return False


def _next_content_line(lows: list[str], index: int) -> str:
    for line in lows[index:]:
        if line:
            return line
    return ""


def strip_quoted(text: str) -> str:
    """The author's own lines of normalized text: drop '>' quotes, everything after an
    unprefixed reply header (Outlook quotes without '>'), the signature after '-- ', and
    mobile tags."""
    lowered = text.lower()
    if ">" not in text and not any(hint in lowered for hint in _QUOTE_HINTS):
        return text
    lines = text.split("\n")
    lows = [line.strip().lower() for line in lines]
    kept: list[str] = []
    index = 0
    while index < len(lines):
        low = lows[index]
        if low == "--":
            break  # RFC 3676 signature delimiter "-- "
        if _is_reply_header(lows, index):
            # Header followed by '>' lines: interleaved quoting, the author may answer below
            # the quote, so only the header and quoted lines go. Otherwise the rest of the
            # message is the quoted thread.
            if _next_content_line(lows, index + 1).startswith(">"):
                index += 1
                continue
            break
        if not low.startswith(">") and not low.startswith(_MOBILE_TAGS):
            kept.append(lines[index])
        index += 1
    return "\n".join(kept)


def split_sentences(text: str) -> list[str]:
    """Trimmed sentences of already-stripped text, without mail-footer sentences."""
    sentences = []
    for piece in _SENTENCE_BREAK.split(text):
        sentence = _SPACES.sub(" ", piece).strip(" \t-*•")
        if not sentence:
            continue
        lowered = sentence.lower()
        if any(word in lowered for word in _FOOTER_WORDS) and FOOTER.search(lowered):
            continue
        sentences.append(sentence)
    return sentences


def author_sentences(text: str) -> list[str]:
    """The sentences the author of (normalized) `text` wrote, ready for the rules."""
    return split_sentences(strip_quoted(normalize(text)))
