"""Quoted threads, signatures and footers never reach the rules."""

from __future__ import annotations

import datetime as dt

import pytest

from lead_lens.signals import OPT_OUT, find_signals
from lead_lens.signals.clean import author_sentences, strip_quoted

WRITTEN = dt.datetime(2024, 3, 4, 15, 30)

OUR_EMAIL = ("Hi Ann, following up on our data pipeline offer.\n"
             "If you'd rather not hear from me, just let me know.\n"
             "Please stop by our booth at the summit!\n"
             "To unsubscribe from these emails, click here. Remove me from this list: link")

QUOTED_REPLIES = {
    "gmail": "Sounds good, thanks.\n\nOn Mon, Mar 4, 2024 at 9:12 AM Sam Seller "
             "<sam@vendor.com> wrote:\n" + "\n".join("> " + line for line in
                                                     OUR_EMAIL.split("\n")),
    "gmail_wrapped": "Sounds good, thanks.\n\nOn Mon, Mar 4, 2024 at 9:12 AM Sam Seller <\n"
                     "sam@vendor.com> wrote:\n\n" + OUR_EMAIL,
    "outlook": "Sounds good, thanks.\n\n-----Original Message-----\nFrom: Sam Seller\n"
               "Sent: Monday, March 4, 2024 9:12 AM\nTo: Ann\nSubject: Data\n\n" + OUR_EMAIL,
    "outlook_headers": "Sounds good, thanks.\n________________________________\n"
                       "From: Sam Seller <sam@vendor.com>\nSent: Monday, March 4, 2024\n"
                       "To: Ann <ann@acme.com>\n\n" + OUR_EMAIL,
    "outlook_no_rule": "Sounds good, thanks.\n\nFrom: Sam Seller <sam@vendor.com>\n"
                       "Date: Monday, March 4, 2024\nSubject: Data\n\n" + OUR_EMAIL,
    "prefixed_only": "Sounds good, thanks.\n" + "\n".join(">" + line for line in
                                                          OUR_EMAIL.split("\n")),
    "forwarded": "Sounds good, thanks.\n---------- Forwarded message ---------\n" + OUR_EMAIL,
}


@pytest.mark.parametrize("name", sorted(QUOTED_REPLIES))
def test_quoted_outbound_never_fires(name: str) -> None:
    text = QUOTED_REPLIES[name]
    assert author_sentences(text) == ["Sounds good, thanks."]
    assert find_signals(text, WRITTEN, source_kind="reply") == []


def test_reply_above_quote_still_fires() -> None:
    text = "Please remove me from your list.\n\n" + QUOTED_REPLIES["gmail"]
    hits = find_signals(text, WRITTEN, source_kind="reply")
    assert [(s.signal, s.sentence) for s in hits] == [
        (OPT_OUT, "Please remove me from your list.")]


def test_inline_answer_below_prefixed_quote_is_kept() -> None:
    text = ("On Mon, Mar 4, 2024 at 9:12 AM Sam <sam@vendor.com> wrote:\n"
            "> Would you like a demo?\nNo. Unsubscribe me.")
    assert strip_quoted(text).strip() == "No. Unsubscribe me."
    assert [s.signal for s in find_signals(text, WRITTEN, source_kind="reply")] == [OPT_OUT]


def test_signature_and_mobile_tag_are_dropped() -> None:
    text = "Thanks!\n-- \nAnn Lee | Acme\nDo not call this number after 6pm\nSent from my iPhone"
    assert author_sentences(text) == ["Thanks!"]


def test_curly_apostrophes_are_normalized() -> None:
    hits = find_signals("I don\u2019t want to unsubscribe.", WRITTEN, source_kind="reply")
    assert hits == []
    hits = find_signals("Please don\u2019t contact me again.", WRITTEN, source_kind="reply")
    assert [s.signal for s in hits] == [OPT_OUT]


def test_scan_texts_pairs_signals_with_event_ids_and_skips_outbound() -> None:
    from lead_lens.signals import FOLLOW_UP, scan_texts

    rows = [
        ("e1", "Please unsubscribe me.", WRITTEN, "reply"),
        ("e2", "Unsubscribe me. Reach out in July.", WRITTEN, "sales_email"),
        ("e3", "Thanks!", WRITTEN, "reply"),
        ("e4", "Said to circle back in July.", WRITTEN, "note"),
        ("e5", "", WRITTEN, "reply"),
    ]
    found = [(event_id, s.signal, s.resolved_date) for event_id, s in scan_texts(rows)]
    assert found == [("e1", OPT_OUT, None), ("e4", FOLLOW_UP, dt.date(2024, 7, 1))]


def test_a_large_batch_is_scanned_in_processes_with_the_same_result(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from lead_lens.signals import scan as scan_module

    texts = ["Please unsubscribe me.", "Reach out in July, budget is frozen.", "Thanks!",
             "Too expensive compared to HubSpot.", "Not now, maybe next quarter."]
    rows = [(f"e{i}", texts[i % len(texts)], WRITTEN, "reply") for i in range(400)]
    serial = scan_module._scan(rows)
    monkeypatch.setattr(scan_module, "PARALLEL_MIN_TEXTS", 100)
    monkeypatch.setattr(scan_module, "_cpu_count", lambda: 2)
    spawned: list[int] = []
    real_pool = scan_module.ProcessPoolExecutor

    def counting_pool(workers: int, **kwargs: object) -> object:
        spawned.append(workers)
        return real_pool(workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scan_module, "ProcessPoolExecutor", counting_pool)
    assert scan_module.scan_texts(rows) == serial
    assert spawned == [2] and len(serial) > 300
