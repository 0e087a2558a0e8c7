"""Follow-up requests: the period resolves to an exact date relative to the message date."""

from __future__ import annotations

import datetime as dt

import pytest

from lead_lens.signals import FOLLOW_UP, add_months, find_signals


def follow_ups(text: str, written: dt.datetime, kind: str = "reply") -> list[dt.date | None]:
    return [s.resolved_date for s in find_signals(text, written, source_kind=kind)
            if s.signal == FOLLOW_UP]


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 10, 0)


@pytest.mark.parametrize(("text", "written", "expected"), [
    # months: this year while ahead, next year once past, same month = this period
    ("Reach out in July.", at(2024, 1, 10), dt.date(2024, 7, 1)),
    ("Can you reach out in March?", at(2024, 7, 10), dt.date(2025, 3, 1)),
    ("Circle back in September.", at(2024, 9, 20), dt.date(2024, 9, 1)),
    ("Let's talk again in early February.", at(2024, 11, 3), dt.date(2025, 2, 1)),
    ("Please follow up mid-June.", at(2024, 1, 2), dt.date(2024, 6, 1)),
    ("Check back after July.", at(2024, 3, 1), dt.date(2024, 8, 1)),
    ("Ping me next May.", at(2024, 5, 20), dt.date(2025, 5, 1)),
    ("Try me again after our budget cycle in October.", at(2024, 4, 1), dt.date(2024, 10, 1)),
    ("Reach out when our contract with Snowflake renews in March.", at(2024, 5, 1),
     dt.date(2025, 3, 1)),
    ("When our contract with Looker renews in March, we'd look again.", at(2024, 1, 5),
     dt.date(2024, 3, 1)),
    ("Follow up on March 15th please.", at(2024, 3, 20), dt.date(2025, 3, 15)),
    ("Reach out in July 2025.", at(2024, 1, 10), dt.date(2025, 7, 1)),
    # quarters, including the year edge
    ("Circle back next quarter.", at(2024, 2, 5), dt.date(2024, 4, 1)),
    ("Circle back next quarter.", at(2024, 11, 30), dt.date(2025, 1, 1)),
    ("Touch base after Q3.", at(2024, 5, 1), dt.date(2024, 10, 1)),
    ("Touch base after Q4.", at(2024, 5, 1), dt.date(2025, 1, 1)),
    ("Not now, maybe in Q3.", at(2024, 2, 1), dt.date(2024, 7, 1)),
    ("Let's reconnect in Q2.", at(2024, 8, 14), dt.date(2025, 4, 1)),
    ("Revisit in Q1 next year.", at(2024, 2, 1), dt.date(2025, 1, 1)),
    ("Get back to me at the end of Q3.", at(2024, 2, 1), dt.date(2024, 9, 1)),
    ("Reach out in the third quarter.", at(2024, 2, 1), dt.date(2024, 7, 1)),
    # relative counts keep the day
    ("Ping me in 3 months.", at(2024, 1, 10), dt.date(2024, 4, 10)),
    ("Ping me in three months.", at(2024, 11, 30), dt.date(2025, 2, 28)),
    ("Follow up in a couple of weeks.", at(2024, 12, 25), dt.date(2025, 1, 8)),
    ("Check in with me in six weeks.", at(2024, 1, 10), dt.date(2024, 2, 21)),
    ("Reach back out in a few months.", at(2024, 1, 31), dt.date(2024, 4, 30)),
    ("Let's chat again in 2-3 weeks.", at(2024, 1, 10), dt.date(2024, 1, 24)),
    ("Try me again 10 days from now.", at(2024, 2, 25), dt.date(2024, 3, 6)),
    ("Reconnect in half a year.", at(2024, 8, 31), dt.date(2025, 2, 28)),
    # years and year-ish periods
    ("Circle back next year.", at(2024, 6, 1), dt.date(2025, 1, 1)),
    ("Reach out early next year.", at(2024, 6, 1), dt.date(2025, 1, 1)),
    ("Let's revisit after the new year.", at(2024, 11, 12), dt.date(2025, 1, 1)),
    ("Ping me after the holidays.", at(2024, 12, 18), dt.date(2025, 1, 2)),
    ("Contact me at the end of the year.", at(2024, 4, 2), dt.date(2024, 12, 1)),
    ("Follow up by year-end.", at(2024, 4, 2), dt.date(2024, 12, 1)),
    ("Let's talk mid next year.", at(2024, 4, 2), dt.date(2025, 7, 1)),
    ("Reach out in 2026.", at(2024, 4, 2), dt.date(2026, 1, 1)),
    ("Check back in the second half of next year.", at(2024, 4, 2), dt.date(2025, 7, 1)),
    # seasons
    ("Reach out in the fall.", at(2024, 3, 1), dt.date(2024, 9, 1)),
    ("Circle back in the autumn.", at(2024, 10, 15), dt.date(2024, 9, 1)),
    ("Try us again in the spring.", at(2024, 7, 1), dt.date(2025, 3, 1)),
    ("Ping me this summer.", at(2024, 2, 1), dt.date(2024, 6, 1)),
    ("Get back in touch after the summer.", at(2024, 2, 1), dt.date(2024, 9, 1)),
    ("Let's pick this back up next spring.", at(2024, 4, 1), dt.date(2025, 3, 1)),
    # weeks and months
    ("Reach out next month.", at(2024, 12, 10), dt.date(2025, 1, 1)),
    ("Follow up next week.", at(2024, 3, 6), dt.date(2024, 3, 11)),
    ("Not right now. Maybe in a month.", at(2024, 1, 31), dt.date(2024, 2, 29)),
    ("Q3 would be a better time.", at(2024, 2, 1), dt.date(2024, 7, 1)),
    ("I'll reach back out in Q4.", at(2024, 2, 1), dt.date(2024, 10, 1)),
    ("We'd be interested in Q4.", at(2024, 5, 10), dt.date(2024, 10, 1)),
])
def test_follow_up_resolves_to_exact_date(text: str, written: dt.datetime,
                                          expected: dt.date) -> None:
    assert follow_ups(text, written) == [expected]


@pytest.mark.parametrize("text", [
    "We launched in July.",
    "Our fiscal year ends in June.",
    "We reached out to Snowflake in March.",
    "We followed up internally in Q3.",
    "Our contract with Looker renewed in March.",
    "I'll reach out to my team in July about it.",
    "No need to follow up next quarter.",
    "Don't bother circling back next year.",
    "Reach out later.",
    "Did you reach out in July?",
    "Thanks for the call, we may have questions.",
    "The numbers fall short this spring, but thanks.",
])
def test_date_without_a_request_or_request_without_a_date(text: str) -> None:
    assert follow_ups(text, at(2024, 1, 10)) == []


def test_cue_is_the_period_phrase_and_nearest_period_wins() -> None:
    hits = find_signals("We launched in July, so reach out next quarter.", at(2024, 2, 5),
                        source_kind="reply")
    follow = [s for s in hits if s.signal == FOLLOW_UP]
    assert [(s.cue, s.resolved_date) for s in follow] == [("next quarter", dt.date(2024, 4, 1))]


def test_follow_up_in_a_note() -> None:
    assert follow_ups("Said to circle back in September.", at(2024, 1, 10), kind="note") == [
        dt.date(2024, 9, 1)]


@pytest.mark.parametrize(("day", "months", "expected"), [
    (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
    (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
    (dt.date(2024, 11, 15), 3, dt.date(2025, 2, 15)),
    (dt.date(2024, 12, 1), 12, dt.date(2025, 12, 1)),
])
def test_add_months_clamps_to_month_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected
