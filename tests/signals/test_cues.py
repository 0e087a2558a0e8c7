"""Objection and interest cues: shown and summarized, never a verdict."""

from __future__ import annotations

import datetime as dt

import pytest

from lead_lens.signals import COMPETITORS, INTEREST, OBJECTION, find_signals

WRITTEN = dt.datetime(2024, 3, 4, 15, 30)


def cues(text: str) -> set[tuple[str, str | None]]:
    return {(s.signal, s.cue) for s in find_signals(text, WRITTEN, source_kind="reply")
            if s.signal in (OBJECTION, INTEREST)}


@pytest.mark.parametrize(("text", "cue"), [
    ("We have no budget for this.", "budget"),
    ("Our budget is frozen until further notice.", "budget"),
    ("Budgets were cut this year.", "budget"),
    ("We can't afford another tool.", "budget"),
    ("This is not a priority right now.", "timing"),
    ("Bad timing, we're mid-migration.", "timing"),
    ("We're swamped with the migration.", "timing"),
    ("We already use Snowflake for this.", "competitor"),
    ("We signed with a competitor last month.", "competitor"),
    ("Our team is on Databricks.", "competitor"),
    ("Dashboards live in Tableau.", "competitor"),
    ("We just moved to dbt and Fivetran.", "competitor"),
    ("It's too expensive for us.", "pricing"),
    ("The pricing doesn't work for a team our size.", "pricing"),
    ("I'm not the decision maker.", "authority"),
    ("Let me loop in my boss.", "authority"),
    ("I need to check with my CFO.", "authority"),
    ("Not interested.", "need"),
    ("We're all set, thanks.", "need"),
])
def test_objection_cues(text: str, cue: str) -> None:
    assert (OBJECTION, cue) in cues(text)


@pytest.mark.parametrize(("text", "cue"), [
    ("Send me a case study.", "case_study"),
    ("Do you have customer stories in fintech?", "case_study"),
    ("Can we see a demo?", "demo"),
    ("I'd like to book a quick demo next week.", "demo"),
    ("What does pricing look like?", "pricing"),
    ("How much does it cost for 50 seats?", "pricing"),
    ("Is there a free trial?", "trial"),
    ("I'm interested in your data pipelines.", "data_pipelines"),
    ("Tell me more about lineage and governance.", "governance"),
    ("Interested in learning more.", "info"),
    ("Do you have SOC 2 Type II?", "security"),
    ("Asked for pricing for 50 seats.", "pricing"),
])
def test_interest_cues(text: str, cue: str) -> None:
    assert (INTEREST, cue) in cues(text)


def test_pricing_question_is_interest_not_objection() -> None:
    assert cues("What does pricing look like?") == {(INTEREST, "pricing")}


@pytest.mark.parametrize("text", [
    "I'm not interested in a demo.",
    "We don't need a demo.",
])
def test_negated_interest_is_not_interest(text: str) -> None:
    assert not {c for c in cues(text) if c[0] == INTEREST}


def test_plain_messages_have_no_cues() -> None:
    assert cues("Thanks, talk soon!") == set()
    assert cues("Got it.") == set()
    assert cues("Looking forward to it.") == set()


def test_competitor_list_is_documented_constant() -> None:
    assert {"Snowflake", "Databricks", "Looker", "Tableau", "Fivetran", "dbt"} <= set(
        COMPETITORS)


def test_cue_signals_carry_no_date() -> None:
    hits = find_signals("No budget. Send me a case study.", WRITTEN, source_kind="reply")
    assert [(s.signal, s.cue, s.sentence, s.resolved_date) for s in hits] == [
        (OBJECTION, "budget", "No budget.", None),
        (INTEREST, "case_study", "Send me a case study.", None),
    ]
