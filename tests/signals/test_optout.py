"""Opt-out requests: paraphrases that must fire, and look-alikes that must not."""

from __future__ import annotations

import datetime as dt

import pytest

from lead_lens.signals import OPT_OUT, find_signals

WRITTEN = dt.datetime(2024, 3, 4, 15, 30)


def opt_outs(text: str, kind: str = "reply") -> list[str]:
    return [s.sentence for s in find_signals(text, WRITTEN, source_kind=kind)
            if s.signal == OPT_OUT]


@pytest.mark.parametrize("text", [
    "Please stop emailing me.",
    "Unsubscribe me.",
    "UNSUBSCRIBE",
    "Remove me from your list.",
    "Do not contact me again.",
    "Take me off your mailing list, thanks.",
    "Not interested, stop reaching out.",
    "I've asked you three times to stop.",
    "Please remove my email address from your database.",
    "Kindly unsubscribe me from all future communications.",
    "Can you take me off this list?",
    "Could you please stop sending me these emails?",
    "No thanks please remove me",
    "Not interested please stop emailing",
    "I no longer wish to receive these emails.",
    "Please don't email me again.",
    "Lose my number.",
    "STOP",
    "I would like to be removed from your mailing list.",
    "Opt me out please.",
    "How do I unsubscribe?",
    "Quit spamming me!",
    "Stop. Contacting. Me.",
    "Delete my data under GDPR and never contact us again.",
    "No more emails please.",
    "Hi Sam, I'm not the right person and I don't want any more emails, remove me.",
    "Please leave me alone.",
    "If you could remove me from your list that would be great.",
    "We're not a fit. Please don't reach out again.",
    "I tried to unsubscribe but I still get your emails.",
    "I unsubscribed from your list last week, why am I still getting this?",
    "This is the fifth email, please stop.",
    "How many times do I have to ask you to stop emailing me?",
])
def test_opt_out_paraphrases_fire(text: str) -> None:
    assert opt_outs(text), text


@pytest.mark.parametrize("text", [
    "Asked us to stop emailing.",
    "Prospect requested no further contact.",
    "Wants to be removed from all lists.",
    "She asked us to stop emailing her.",
    "Do Not Call",
    "Not interested - DNC",
    "Remove from list",
    "Told me to lose his number.",
    "Please take him off the list per his request.",
])
def test_opt_out_in_notes_and_dispositions(text: str) -> None:
    assert opt_outs(text, kind="note"), text
    assert opt_outs(text, kind="call_disposition"), text


@pytest.mark.parametrize("text", [
    # negations
    "I don't want to unsubscribe.",
    "Please don't remove me from the list, I like these.",
    "I am not asking you to stop emailing me.",
    "No need to remove me, I'll read it later.",
    # questions that are not requests
    "How do I unsubscribe my colleague?",
    "Did you unsubscribe me by mistake?",
    "Why did you remove me from the webinar list?",
    # third parties
    "We stopped emailing that vendor last year.",
    "My colleague asked to be removed from your list.",
    "They asked us to stop calling them.",
    "I told the vendor to stop emailing our team.",
    "Please take him off the list and add me instead.",
    # footers (ours or anybody's)
    "If you'd rather not hear from me, just let me know.",
    "To unsubscribe click here.",
    "Unsubscribe | Manage preferences",
    "You are receiving this email because you signed up. Unsubscribe here.",
    # conditional offers and scheduling
    "If you want to unsubscribe, use the link at the bottom.",
    "Don't call me before 10am, I'm in meetings.",
    "We stop sending reports on Fridays.",
    "I unsubscribed from the Snowflake newsletter.",
    "The unsubscribe link in your footer is broken, fyi.",
])
def test_opt_out_look_alikes_do_not_fire(text: str) -> None:
    assert opt_outs(text) == [], text


def test_the_sentence_is_reported_trimmed() -> None:
    text = "Hi Sam,\n\n  Thanks for the note.   Please   stop emailing me.  \nBest, Ann"
    assert opt_outs(text) == ["Please stop emailing me."]


@pytest.mark.parametrize("kind", ["sales_email", "marketing_email", "sequence_enrolled",
                                  "web_visit", "something_new"])
def test_outbound_and_unknown_kinds_are_never_read(kind: str) -> None:
    text = "Please remove me from your list. Reach out in July. No budget."
    assert find_signals(text, WRITTEN, source_kind=kind) == []


@pytest.mark.parametrize("kind", ["reply", "inbound_email", "note", "call_disposition",
                                  "transcript"])
def test_lead_kinds_are_read(kind: str) -> None:
    assert opt_outs("Please remove me from your list.", kind=kind)
