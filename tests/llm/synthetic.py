"""Fixture rows for the summarizer, inserted straight into the contract tables (migrations 001
and 002), plus a synthetic store of varied leads for tests and bench/summarize.py."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from typing import Any

from lead_lens.store import Store


def insert(store: Store, table: str, **values: Any) -> None:
    """One row into a contract table; unnamed columns stay NULL."""
    columns = ", ".join(values)
    params = ", ".join(f"${name}" for name in values)
    store.con.execute(f"INSERT INTO {table} ({columns}) VALUES ({params})", values)


def add_person(store: Store, person_id: str, email: str, name: str, company: str,
               title: str | None = None) -> None:
    insert(store, "people", person_id=person_id, email=email, emails=[email], name=name,
           company=company, title=title, account_key=f"domain:{email.split('@')[1]}",
           owner="Sam Rep", lead_source="Webinar", sources=["hubspot"],
           refs=[f"email:{email}", f"hubspot:{person_id}"])
    insert(store, "person_keys", ref=f"email:{email}", person_id=person_id, via="email")
    insert(store, "person_keys", ref=f"hubspot:{person_id}", person_id=person_id, via="record")


def add_event(store: Store, person_id: str, event_id: str, ts: datetime, kind: str, family: str,
              *, title: str | None = None, body: str | None = None,
              direction: str | None = None, actor: str | None = None,
              source_key: str | None = None) -> None:
    insert(store, "timeline_events", event_id=event_id, person_id=person_id, ts=ts,
           system="hubspot", kind=kind, family=family, actor=actor, title=title, body=body,
           direction=direction, source_table="activities", source_key=source_key or event_id)


def add_call(store: Store, person_id: str, event_id: str, ts: datetime,
             turns: list[tuple[str, str, str, str]]) -> None:
    """A call event with transcript turns (speaker id, name, affiliation, text)."""
    call_ref = f"gong:{event_id}"
    add_event(store, person_id, event_id, ts, "sales_call", "sales_touch", title="Discovery call",
              actor="Sam Rep", source_key=call_ref)
    speakers = {}
    for turn_no, (speaker_id, name, affiliation, text) in enumerate(turns):
        speakers[speaker_id] = (name, affiliation)
        insert(store, "call_transcripts", record_key=f"{call_ref}:{turn_no}", system="gong",
               call_ref=call_ref, turn_no=turn_no, speaker_id=speaker_id, text=text)
    for speaker_id, (name, affiliation) in speakers.items():
        insert(store, "call_parties", record_key=f"{call_ref}:{speaker_id}", system="gong",
               call_ref=call_ref, party_id=speaker_id, speaker_id=speaker_id, name=name,
               affiliation=affiliation)


def add_verdict(store: Store, person_id: str, verdict: str, *, warm: bool,
                last_sales_touch_at: datetime | None, last_engagement_at: datetime | None,
                reasons: list[str], priority: int = 50,
                as_of: datetime = datetime(2024, 6, 1)) -> None:
    insert(store, "verdicts", person_id=person_id, as_of=as_of, verdict=verdict,
           ok_to_market=verdict in ("black_hole", "recycled", "marketing_owned"), warm=warm,
           handoff_at=datetime(2024, 1, 10), last_sales_touch_at=last_sales_touch_at,
           last_engagement_at=last_engagement_at, priority=priority,
           reasons=json.dumps([{"about": "verdict", "text": r, "event_ids": []}
                               for r in reasons]))


def add_signal(store: Store, person_id: str, event_id: str, signal: str, cue: str | None,
               sentence: str, ts: datetime) -> None:
    insert(store, "signals", event_id=event_id, person_id=person_id, signal=signal, cue=cue,
           sentence=sentence, ts=ts)


def add_sequence(store: Store, person_id: str, name: str, state: str, changed: datetime) -> None:
    insert(store, "sequence_memberships", record_key=f"outreach-state:{person_id}:{name}",
           system="outreach", person_ref=f"hubspot:{person_id}", sequence_name=name, state=state,
           state_changed_at=changed)


def add_dana(store: Store) -> None:
    """The tiny fixture: one black-hole lead with a reply, a note, a call and web visits."""
    add_person(store, "p-dana", "dana@acme.io", "Dana Lee", "Acme", "VP Operations")
    add_event(store, "p-dana", "ev-enrolled", datetime(2024, 1, 12), "sequence_enrolled",
              "sales_touch", title="Enrolled in Inbound Demo")
    add_call(store, "p-dana", "ev-call", datetime(2024, 1, 20), [
        ("s1", "Sam Rep", "Internal", "Thanks for joining. What made you look at us?"),
        ("s2", "Dana Lee", "External", "Our reporting takes two days every month and the team "
         "hates it. We need something that works with Salesforce."),
        ("s1", "Sam Rep", "Internal", "Got it. Is budget set for this?"),
        ("s2", "Dana Lee", "External", "Budget is frozen until Q3, so nothing before July."),
    ])
    add_event(store, "p-dana", "ev-reply", datetime(2024, 2, 2), "reply", "engagement",
              title="Re: pricing", direction="inbound",
              body="Thanks. Your price is higher than Competitor X. Please reach out in July "
                   "when the new budget opens.")
    add_signal(store, "p-dana", "ev-reply", "follow_up_request", "timing",
               "Please reach out in July when the new budget opens.", datetime(2024, 2, 2))
    add_signal(store, "p-dana", "ev-reply", "objection", "pricing",
               "Your price is higher than Competitor X.", datetime(2024, 2, 2))
    add_event(store, "p-dana", "ev-note", datetime(2024, 2, 5), "note", "state", actor="Sam Rep",
              body="Dana is the decision maker. Wants a Salesforce integration demo.")
    add_event(store, "p-dana", "ev-finished", datetime(2024, 2, 20), "sequence_finished",
              "sales_touch", title="Inbound Demo finished")
    add_sequence(store, "p-dana", "Inbound Demo", "finished", datetime(2024, 2, 20))
    for day, path in ((12, "/pricing"), (18, "/case-studies/salesforce"), (25, "/pricing")):
        add_event(store, "p-dana", f"ev-web-{day}", datetime(2024, 5, day), "web_visit",
                  "engagement", title=f"Viewed {path}")
    add_verdict(store, "p-dana", "black_hole", warm=True,
                last_sales_touch_at=datetime(2024, 2, 20),
                last_engagement_at=datetime(2024, 5, 25),
                reasons=["Sequence 'Inbound Demo' finished on 2024-02-20; no sales touch since",
                         "Visited /pricing on 2024-05-25"], priority=88)


# -- a larger synthetic store ---------------------------------------------------------------------

FIRST = ["Ava", "Ben", "Chloe", "Diego", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
         "Kara", "Liam", "Maya", "Nils", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara"]
LAST = ["Smith", "Garcia", "Chen", "Okafor", "Novak", "Haddad", "Kim", "Rossi", "Berg", "Silva"]
COMPANIES = ["Northwind", "Globex", "Initech", "Umbrella Labs", "Hooli", "Vandelay", "Stark Ops",
             "Wayne Logistics", "Tyrell Data", "Cyberdyne"]
TITLES = ["Head of Marketing Ops", "VP Sales", "RevOps Manager", "CFO", "Director of Growth"]
REPLIES = [
    "We're evaluating you against {comp}. Pricing looks high for a team of our size.",
    "Not a priority right now. Circle back next quarter once the migration is done.",
    "Can you send the security questionnaire? Procurement needs it before any trial.",
    "Interested, but we need the HubSpot integration and SSO. Do you support both?",
    "Budget was cut this year. Happy to talk again in January.",
    "We signed with {comp} last month, sorry. Keep me posted on the API roadmap.",
]
NOTES = [
    "Champion is {first}; the economic buyer is their CFO. Needs ROI numbers.",
    "Left voicemail twice, no answer. Marked as nurture.",
    "{first} asked for a pilot with 5 seats; legal review takes about 6 weeks.",
    "Call went well. Pain: manual lead routing. Timeline: end of year.",
]
CALL_LINES = [
    ("We lose leads between marketing and sales, nobody follows up.", "Who owns follow-up today?"),
    ("Our reps ignore MQLs older than a week.", "How many MQLs a month?"),
    ("We want one view of every lead across Outreach and Salesforce.", "Any deadline?"),
]
PAGES = ["/pricing", "/demo", "/blog/lead-routing", "/case-studies/saas", "/integrations/hubspot"]


def build_synthetic(store: Store, count: int = 20, seed: int = 7) -> list[str]:
    """`count` varied leads with replies, notes, calls, sequences, web visits and verdicts."""
    rng = random.Random(seed)
    people: list[str] = []
    for n in range(count):
        first, last = FIRST[n % len(FIRST)], LAST[(n * 3) % len(LAST)]
        company = COMPANIES[n % len(COMPANIES)]
        pid = f"syn-{n:03d}"
        email = f"{first.lower()}.{last.lower()}@{company.split()[0].lower()}.example"
        add_person(store, pid, email, f"{first} {last}", company, rng.choice(TITLES))
        start = datetime(2024, 1, 5) + timedelta(days=rng.randint(0, 40))
        add_event(store, pid, f"{pid}-enr", start, "sequence_enrolled", "sales_touch",
                  title="Enrolled in Q1 Outbound")
        for k in range(3):
            add_event(store, pid, f"{pid}-se{k}", start + timedelta(days=2 + 3 * k),
                      "sales_email", "sales_touch", direction="outbound", actor="Sam Rep",
                      title=f"Step {k + 1}: quick question",
                      body="Hi, following up on lead routing. Worth a 15 minute chat?")
        comp = rng.choice(["Acme CRM", "LeadFlow", "Pipeline Pro"])
        reply_at = start + timedelta(days=12)
        reply = rng.choice(REPLIES).format(comp=comp)
        add_event(store, pid, f"{pid}-rep", reply_at, "reply", "engagement", direction="inbound",
                  title="Re: quick question", body=reply + " Thanks, " + first)
        if "price" in reply.lower() or "pricing" in reply.lower():
            add_signal(store, pid, f"{pid}-rep", "objection", "pricing", reply, reply_at)
        if n % 2 == 0:
            lines = rng.choice(CALL_LINES)
            add_call(store, pid, f"{pid}-call", reply_at + timedelta(days=5), [
                ("r", "Sam Rep", "Internal", "Thanks for the time today. " + lines[1]),
                ("l", f"{first} {last}", "External", lines[0]),
                ("r", "Sam Rep", "Internal", "Makes sense. I'll send a proposal."),
                ("l", f"{first} {last}", "External", "Send it over, but no decision before "
                 "the board meeting."),
            ])
        add_event(store, pid, f"{pid}-note", reply_at + timedelta(days=7), "note", "state",
                  actor="Sam Rep", body=rng.choice(NOTES).format(first=first))
        finished = reply_at + timedelta(days=20)
        add_event(store, pid, f"{pid}-fin", finished, "sequence_finished", "sales_touch",
                  title="Q1 Outbound finished")
        add_sequence(store, pid, "Q1 Outbound", "finished", finished)
        last_visit = finished
        for v in range(rng.randint(1, 5)):
            last_visit = finished + timedelta(days=30 + 9 * v)
            add_event(store, pid, f"{pid}-web{v}", last_visit, "web_visit", "engagement",
                      title=f"Viewed {rng.choice(PAGES)}")
        warm = n % 4 != 3
        add_verdict(store, pid, "black_hole", warm=warm, last_sales_touch_at=finished,
                    last_engagement_at=last_visit,
                    reasons=[f"Sequence 'Q1 Outbound' finished on {finished:%Y-%m-%d}",
                             "No marketing touch since"], priority=90 - n)
        people.append(pid)
    return people
