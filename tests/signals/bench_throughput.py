"""Throughput of scan_texts on synthetic timeline text.

Run: .venv/bin/python -m tests.signals.bench_throughput [count]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from lead_lens.signals import scan_texts

_QUOTE = ("\n\nOn Mon, Mar 4, 2024 at 9:12 AM Sam Seller <sam@vendor.com> wrote:\n"
          "> Hi Ann, quick follow-up on pipelines for your team.\n"
          "> If you'd rather not hear from me, just let me know.\n"
          "> Unsubscribe | Manage preferences\n")
_BODIES = (
    "Thanks, talk soon!",
    "Got it, I'll take a look and get back to you.",
    "Sounds good. See you Tuesday at 3pm.",
    "Please remove me from your list.",
    "Not interested, stop reaching out.",
    "Reach out in July, we're mid-migration until then.",
    "Circle back next quarter, budget is frozen right now.",
    "We already use Snowflake and Fivetran, happy with our current setup.",
    "Can we see a demo? What does pricing look like for 40 seats?",
    "Can you send me a case study in retail?",
    "Left voicemail, no answer.",
    "Spoke with Ann; she asked us to stop emailing. Marked DNC.",
    "Prospect said timing is bad, try again after Q3.",
    "I'm not the decision maker, loop in my boss Dana.",
    "We had a great offsite last week and the team is growing fast. "
    "I've shared your note with our data lead, who will review it when things calm down.",
    "Hello,\n\nThe invoice is attached. Regards,\nAnn\n--\nAnn Lee, Head of Data, Acme",
)
_KINDS = ("reply", "reply", "inbound_email", "note", "call_disposition", "transcript",
          "sales_email", "marketing_email")


def synthetic_rows(count: int, seed: int = 7) -> list[tuple[str, str, dt.datetime, str]]:
    rng = random.Random(seed)
    start = dt.datetime(2023, 1, 1)
    rows = []
    for index in range(count):
        body = rng.choice(_BODIES)
        if rng.random() < 0.4:
            body += _QUOTE
        written = start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 700))
        rows.append((f"e{index}", body, written, rng.choice(_KINDS)))
    return rows


def measure(count: int) -> tuple[float, float, int]:
    """(texts per wall second, texts per CPU second, signals found) for `count` rows.

    CPU time is reported too because a busy machine makes wall time noisy.
    """
    rows = synthetic_rows(count)
    wall, cpu = time.perf_counter(), time.process_time()
    found = scan_texts(rows)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return count / wall, count / cpu, len(found)


if __name__ == "__main__":
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    per_wall, per_cpu, signals = measure(total)
    print(f"{total} texts, {signals} signals: {per_wall:,.0f} texts/s wall, "
          f"{per_cpu:,.0f} texts/s CPU")
