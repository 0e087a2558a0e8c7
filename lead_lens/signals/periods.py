"""Time phrases ("in July", "next quarter", "after Q3", "in 3 months") resolved to a date.

Rule (spec section 5): resolve relative to the message's own date, to the first day of the
named period. Documented choices:
- A bare period ("July", "Q2", "the fall") is its next occurrence that is not entirely past:
  one already over this year means next year; the current one resolves to its own first day
  (already begun, so it snoozes nobody).
- "next X" is the first X that starts strictly after the message date.
- "after X" is the first day of the period following X ("after Q3" -> Oct 1).
- "end of"/"late" a year or quarter is its last month ("end of year" -> Dec 1); "mid" is its
  middle month ("mid-year" -> Jul 1); "end of July" is still July 1 (a month is the finest
  period named).
- Relative counts keep the day: "in 3 months" -> +3 months (clamped to month end), weeks and
  days add exactly; "a couple" = 2, "a few"/"several" = 3, a range "2-3 weeks" takes its lower
  bound, "half a year" = 6 months.
- "next week" -> the Monday after; "new year"/"first of the year" -> Jan 1 of next year (of
  this year when written in January); "after the holidays" -> Jan 2 on the same year rule
  (Jan 1 is itself a holiday); "after Christmas" -> Dec 26.
- Seasons (northern hemisphere) start spring Mar 1, summer Jun 1, fall/autumn Sep 1,
  winter Dec 1.
Unresolvable phrases ("later", "later this year", "next Monday", "end of the month") give no
date, and so no follow-up signal.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "few": 3,
    "several": 3,
}
_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                  "fourth": 4, "4th": 4}

_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMBER_ALT = r"\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))
# Where inside a period the phrase points ("end of Q3"); None = the period's start.
_MOD = (r"(?P<mod>after|post|early|earlier in|beginning of|start of|late|later in|end of|"
        r"mid|middle of|in|during|by|around|until|till|before|this|next|come|for|over|of|"
        r"sometime in|circa)")


@dataclass(frozen=True)
class Period:
    """A resolved time phrase: where it sits in the sentence and its date."""

    start: int
    end: int
    phrase: str
    date: dt.date


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's last day (Jan 31 + 1 -> Feb 29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _modifier(match: re.Match[str]) -> str:
    mod = match.group("mod") or ""
    return {"post": "after", "earlier in": "early", "beginning of": "early",
            "start of": "early", "later in": "late", "end of": "late", "middle of": "mid",
            "come": "next", "the end of": "late", "the start of": "early",
            "the beginning of": "early"}.get(mod, mod)


def _span_date(first: dt.date, months: int, mod: str) -> dt.date:
    """Date inside a period of `months` months starting at `first`, per modifier."""
    if mod == "after":
        return add_months(first, months)
    if mod == "late" and months > 1:
        return add_months(first, months - 1)
    if mod == "mid" and months > 1:
        return add_months(first, months // 2)
    return first


def _pick_year(first_of: Callable[[int], dt.date], months: int, mod: str,
               written: dt.date, year: int | None) -> dt.date:
    """First day of the chosen occurrence: explicit year, 'next' (starts after written), or
    the next one not entirely past."""
    if year is not None:
        return first_of(year)
    first = first_of(written.year - 1)  # winter started last December may still be running
    while True:
        after_end = add_months(first, months) <= written
        if mod == "next" and first <= written or after_end:
            first = first_of(first.year + 1)
            continue
        return first


def _year_of(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.strip(" '")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _month(match: re.Match[str], written: dt.date) -> dt.date | None:
    month = _MONTHS[match.group("month").rstrip(".")]
    day = match.group("day") or match.group("day2")
    mod, year = _modifier(match), _year_of(match.group("year"))
    if match.group("month") == "may" and not (match.group("mod") or day or year):
        return None  # the modal verb "may"
    if day:
        def on_day(y: int) -> dt.date:
            return dt.date(y, month, min(int(day), calendar.monthrange(y, month)[1]))
        if year is not None:
            chosen = on_day(year)
        else:
            chosen = on_day(written.year)
            if chosen < written or (mod == "next" and chosen <= written):
                chosen = on_day(written.year + 1)
        return chosen + dt.timedelta(days=1) if mod == "after" else chosen
    first = _pick_year(lambda y: dt.date(y, month, 1), 1, mod, written, year)
    return _span_date(first, 1, mod)


def _quarter(match: re.Match[str], written: dt.date) -> dt.date | None:
    quarter = int(match.group("q") or _QUARTER_WORDS[match.group("qword")])
    mod = _modifier(match)
    year = _year_of(match.group("year"))
    if match.group("nextyear"):
        year = written.year + 1
    first = _pick_year(lambda y: dt.date(y, 3 * quarter - 2, 1), 3, mod, written, year)
    return _span_date(first, 3, mod)


def _season(match: re.Match[str], written: dt.date) -> dt.date | None:
    if not (match.group("mod") or match.group("the") or match.group("year")):
        return None  # "sales fall", "spring into action"
    month = _SEASON_START[match.group("season")]
    mod = _modifier(match)
    first = _pick_year(lambda y: dt.date(y, month, 1), 3, mod, written,
                       _year_of(match.group("year")))
    return _span_date(first, 3, mod)


def _count(word: str) -> int:
    word = word.removesuffix(" of").split()[-1]
    return int(word) if word.isdigit() else _NUMBERS[word]


def _relative(match: re.Match[str], written: dt.date) -> dt.date | None:
    count = _count(match.group("n") or match.group("n2"))
    unit = match.group("unit") or match.group("unit2")
    if match.group("half"):
        return add_months(written, 6) if unit.startswith("year") else None
    if unit.startswith("day"):
        return written + dt.timedelta(days=count)
    if unit.startswith("week"):
        return written + dt.timedelta(weeks=count)
    if unit.startswith("quarter"):
        return add_months(written, 3 * count)
    if unit.startswith("year"):
        return add_months(written, 12 * count)
    return add_months(written, count)


def _next_unit(match: re.Match[str], written: dt.date) -> dt.date | None:
    unit, mod = match.group("unit"), _modifier(match)
    if unit == "week":
        return written + dt.timedelta(days=7 - written.weekday())
    if unit == "month":
        return add_months(written.replace(day=1), 1)
    if unit == "quarter":
        first = dt.date(written.year, 3 * ((written.month - 1) // 3) + 1, 1)
        return _span_date(add_months(first, 3), 3, mod)
    return _span_date(dt.date(written.year + 1, 1, 1), 12, mod)


def _year_end(match: re.Match[str], written: dt.date) -> dt.date | None:
    year = _year_of(match.group("year")) or written.year
    return dt.date(year, 12, 1)


def _explicit_year(match: re.Match[str], written: dt.date) -> dt.date | None:
    return _span_date(dt.date(int(match.group("year")), 1, 1), 12, _modifier(match))


def _mid_year(match: re.Match[str], written: dt.date) -> dt.date | None:
    return _pick_year(lambda y: dt.date(y, 7, 1), 1, "", written, None)


def _tomorrow(match: re.Match[str], written: dt.date) -> dt.date | None:
    return written + dt.timedelta(days=1)


def _half(match: re.Match[str], written: dt.date) -> dt.date | None:
    month = 7 if (match.group("which") or match.group("which2")) in ("h2", "second") else 1
    if match.group("nextyear"):
        return dt.date(written.year + 1, month, 1)
    return _pick_year(lambda y: dt.date(y, month, 1), 6, "", written, None)


def _year_turn(match: re.Match[str], written: dt.date) -> dt.date | None:
    year = written.year if written.month == 1 else written.year + 1
    holiday = match.group("holiday") or "new year"
    if holiday in ("holidays", "holiday season"):
        return dt.date(year, 1, 2)
    if holiday in ("christmas", "xmas"):
        christmas = dt.date(written.year, 12, 26)
        return christmas if christmas >= written else dt.date(written.year + 1, 12, 26)
    return dt.date(year, 1, 1)


_YEAR = r"(?P<year>20\d\d|'\d\d)"
_Resolver = Callable[[re.Match[str], dt.date], "dt.date | None"]
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec")
# Most specific first: a span claimed by an earlier resolver is not re-read by a later one
# ("Q1 next year" is a quarter, not "next year"). The third item lists substrings one of
# which every match contains, so a resolver's regex runs only when one is present.
_RESOLVERS: tuple[tuple[re.Pattern[str], _Resolver, tuple[str, ...]], ...] = (
    (re.compile(r"\b(?:in|within|after|another|give it|wait)\s+(?:about\s+|around\s+|"
                r"roughly\s+|another\s+|like\s+|maybe\s+|the\s+next\s+|next\s+)?"
                r"(?P<half>half\s+)?(?P<n>a couple(?: of)?|a few|" + _NUMBER_ALT + r")"
                r"(?:\s*(?:-|to|or)\s*(?:" + _NUMBER_ALT + r"))?(?:\s+of)?\s+"
                r"(?P<unit>days?|weeks?|months?|quarters?|years?)\b"
                r"|\b(?P<n2>" + _NUMBER_ALT + r")\s+(?P<unit2>days?|weeks?|months?)\s+"
                r"(?:from now|from today|out)\b"), _relative,
     ("day", "week", "month", "quarter", "year")),
    (re.compile(r"\b(?:" + _MOD + r"[\s-]+)?(?:the\s+)?(?:q(?P<q>[1-4])|(?P<qword>first|1st|"
                r"second|2nd|third|3rd|fourth|4th)\s+quarter)\b(?:\s*(?:of\s+)?"
                r"(?:" + _YEAR + r"|(?P<nextyear>next year)))?"), _quarter,
     ("q1", "q2", "q3", "q4", "quarter")),
    (re.compile(r"\b(?:(?P<which>h1|h2)|(?P<which2>first|second)\s+half)\b(?:\s+of)?"
                r"(?:\s+(?:the\s+)?(?P<nextyear>next\s+)?year)?"), _half, ("half", "h1", "h2")),
    (re.compile(r"\b(?:the\s+)?(?:end\s+of\s+(?:the\s+|this\s+)?(?:calendar\s+)?(?:year|"
                + _YEAR + r")|year[- ]end|eoy)\b"), _year_end, ("end", "eoy")),
    (re.compile(r"\b(?:(?P<mod>early|beginning of|start of|late|end of|mid|middle of|"
                r"the end of|the start of|the beginning of)[\s-]+)?(?:next|the following|"
                r"the coming|this coming)\s+(?P<unit>week|month|quarter|year)\b"), _next_unit,
     ("next", "following", "coming")),
    (re.compile(r"\b(?:" + _MOD + r"[\s-]+)?(?:the\s+)?(?:(?P<day2>\d{1,2})(?:st|nd|rd|th)?"
                r"\s+(?:of\s+)?)?(?P<month>" + _MONTH_ALT + r")\b\.?(?:\s+(?P<day>\d{1,2})"
                r"(?:st|nd|rd|th)?\b)?(?:,?\s+" + _YEAR + r")?"), _month, _MONTH_STEMS),
    (re.compile(r"\b(?:" + _MOD + r"\s+)?(?P<the>the\s+)?(?P<season>spring|summer|fall|"
                r"autumn|winter)\b(?:\s+" + _YEAR + r")?"), _season, tuple(_SEASON_START)),
    (re.compile(r"\b(?:after|in|post|past|following|over)\s+(?:the\s+)?(?P<holiday>new "
                r"year'?s?|holidays|holiday season|christmas|xmas|first of the year)"
                r"|\b(?:start|beginning|first)\s+of\s+the\s+year\b"), _year_turn,
     ("year", "holiday", "christmas", "xmas")),
    (re.compile(r"\b(?:mid[- ]?year|middle of the year)\b"), _mid_year, ("year",)),
    (re.compile(r"\b(?P<mod>in|during|by|until|early|late|mid|end of|start of|beginning of|"
                r"sometime in)\s+(?P<year>20\d\d)\b"), _explicit_year, ("20",)),
    (re.compile(r"\btomorrow\b"), _tomorrow, ("tomorrow",)),
)


# Every resolvable phrase has a digit or one of these; checked before any resolver runs.
_TIME_WORDS = _MONTH_STEMS + ("quarter", "week", "month", "year", "day", "spring", "summer",
                              "fall", "autumn", "winter", "holiday", "christmas", "xmas",
                              "tomorrow", "eoy")
_DIGIT = re.compile(r"\d")


def has_time_words(sentence: str) -> bool:
    """Cheap necessary condition for find_periods to find anything."""
    return any(word in sentence for word in _TIME_WORDS) or bool(_DIGIT.search(sentence))


def find_periods(sentence: str, written: dt.date) -> list[Period]:
    """Every resolvable time phrase in a lower-cased sentence, without overlaps (the first
    resolver, the most specific, wins a contested span)."""
    found: list[Period] = []
    if not has_time_words(sentence):
        return found
    for pattern, resolve, words in _RESOLVERS:
        if not any(word in sentence for word in words):
            continue
        for match in pattern.finditer(sentence):
            if any(match.start() < p.end and p.start < match.end() for p in found):
                continue
            date = resolve(match, written)
            if date is not None:
                found.append(Period(match.start(), match.end(), match.group(0).strip(), date))
    return found
