"""Long activity tables shared by the writers: sequence steps, replies, meetings, notes,
marketing emails. One row per activity, built by repeating people rows (np.repeat), never by
looping over people."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from lead_lens.sample import phrases as P
from lead_lens.sample import text
from lead_lens.sample.stories import STEP_DAYS, STEP_KIND
from lead_lens.sample.world import AS_OF, CAMPAIGNS, DAY, USERS


@dataclass(frozen=True)
class Activity:
    steps: pl.DataFrame       # pid, step, kind, ts, status, subject, body, connected, disposition
    replies: pl.DataFrame     # pid, ts, kind, subject, body
    meetings: pl.DataFrame    # pid, start, minutes, held, subject, description
    notes: pl.DataFrame       # pid, ts, title, body
    marketing: pl.DataFrame   # pid, ts, campaign, opened, clicked


def slots(frame: pl.DataFrame) -> dict[str, pl.Series]:
    """Text slots for rows that carry person columns (first, company, owner ...)."""
    rep = USERS["name"].gather(frame["owner"])
    return {"first": frame["first"], "last": frame["last"], "company": frame["company"],
            "title": frame["title"], "industry": frame["industry"],
            "competitor": frame["competitor"], "rep": rep,
            "rep_first": rep.str.split(" ").list.first(),
            "rep_slug": rep.str.to_lowercase().str.replace(" ", "-")}


PERSON_COLUMNS = ("pid", "first", "last", "company", "title", "industry", "competitor", "owner")


def expand(people: pl.DataFrame, counts: np.ndarray) -> tuple[pl.DataFrame, np.ndarray]:
    """Each person row repeated counts[i] times, with the 0-based index within the person."""
    rows = np.repeat(np.arange(people.height), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return people.select(PERSON_COLUMNS)[rows], np.arange(len(rows)) - starts


def build_steps(rng: np.random.Generator, people: pl.DataFrame) -> pl.DataFrame:
    """Sequence steps: delivered ones up to steps_done; active sequences also get scheduled."""
    active = (people["seq_state"] == "active").to_numpy()
    counts = np.where(active, people["steps_planned"], people["steps_done"]).astype(np.int64)
    frame, step = expand(people, counts)
    enroll = np.repeat(people["enroll"].to_numpy(), counts)
    ts = enroll + STEP_DAYS[step] * DAY + rng.integers(0, 5 * 3600, len(step))
    ts = np.where(step == 0, enroll + rng.integers(60, 3600, len(step)), ts)
    bounce = np.repeat(people["bounce"].to_numpy(), counts) & (step == 0)
    status = np.where(ts > AS_OF, "scheduled", np.where(bounce, "bounced", "delivered"))
    kind = STEP_KIND[step]
    subject, body = text.sales_email(rng, step, slots(frame))
    connected = (kind == "call") & (rng.random(len(step)) < 0.3)
    disposition = text.call_dispositions(rng, connected)
    return frame.select("pid", "owner").with_columns(
        step=step, kind=kind, ts=ts, status=status, subject=subject, body=body,
        connected=connected, disposition=disposition,
        call_seconds=np.where(connected, rng.integers(90, 1500, len(step)),
                              rng.integers(5, 40, len(step))))


def build_replies(rng: np.random.Generator, people: pl.DataFrame) -> pl.DataFrame:
    with_reply = people.filter(pl.col("reply") > 0)
    kinds = with_reply["reply_kind"].to_numpy()
    body = text.replies(rng, kinds, slots(with_reply))
    subject = "Re: " + text.fill(text.pick(rng, P.SUBJECT_FIRST, with_reply.height),
                                 slots(with_reply)).str.strip_prefix("Re: ")
    return with_reply.select("pid", "owner", ts="reply", kind="reply_kind").with_columns(
        subject=subject, body=body)


def build_meetings(rng: np.random.Generator, people: pl.DataFrame) -> pl.DataFrame:
    """Held meetings (before as-of) and booked future ones."""
    held = people.filter(pl.col("held") > 0).with_columns(start=pl.col("held"), held=True)
    booked = people.filter(pl.col("meeting") > 0).with_columns(start=pl.col("meeting"),
                                                               held=False)
    both = pl.concat([held, booked])
    n = both.height
    kinds = pl.Series(["Discovery call", "Northwind demo", "Technical deep dive",
                       "Intro: Northwind Analytics", "Pricing review"]).gather(
        rng.integers(0, 5, n))
    subject = kinds + " - " + both["company"]
    description = text.notes(rng, n, slots(both))
    # Round to the quarter hour, as calendars do.
    start = both["start"].to_numpy() // 900 * 900
    return both.select("pid", "owner", "held").with_columns(
        start=start, minutes=rng.choice([30, 30, 45, 60], n), subject=subject,
        description=description)


def build_notes(rng: np.random.Generator, people: pl.DataFrame) -> pl.DataFrame:
    """Rep notes after held meetings, on snoozes and opt-outs, and on some finished sequences."""
    snooze = people.filter(pl.col("reply_kind").is_in(["later_future", "later_past"]))
    stop = people.filter(pl.col("archetype") == "dnc_sf_optout")
    talk = people.filter((pl.col("held") > 0)
                         | ((pl.col("steps_done") >= 3) & (pl.col("pid") % 4 == 0)))
    talk_ts = np.where(talk["held"].to_numpy() > 0, talk["held"].to_numpy() + 3600,
                       talk["enroll"].to_numpy() + 5 * DAY + 7200)
    snooze_text = text.join([
        text.pick(rng, ("Replied to sequence:", "Email reply:", "Per {first}'s reply:",
                        "Heard back from {first}."), snooze.height),
        text.pick(rng, ("not now, asked to reconnect later — see reply.",
                        "timing is off, wants us to follow up later (date in thread).",
                        "budget locked; asked us to come back later.",
                        "interested in principle, asked to be contacted later."), snooze.height),
        text.pick(rng, ("Set a reminder.", "Removed from sequence.", "Snoozing.", ""),
                  snooze.height)], sep=" ")
    stop_text = text.pick(rng, (
        "{first} asked us to stop emailing. Marked Email Opt Out.",
        "Prospect replied asking to be removed from our list — opted out.",
        "Do not contact: {first} was clear they don't want further outreach.",
        "Asked to stop emailing; unsubscribed in Outreach and SFDC."), stop.height)
    parts = [
        talk.select("pid", "owner").with_columns(ts=talk_ts, title=pl.lit("Call notes"),
                                                 body=text.notes(rng, talk.height, slots(talk))),
        snooze.select("pid", "owner").with_columns(
            ts=snooze["reply"] + 1800, title=pl.lit("Follow up later"),
            body=text.fill(snooze_text, slots(snooze))),
        stop.select("pid", "owner").with_columns(
            ts=stop["reply"] + 2 * 3600, title=pl.lit("Opt-out request"),
            body=text.fill(stop_text, slots(stop))),
    ]
    return pl.concat(parts).filter(pl.col("ts") <= AS_OF)


def build_marketing(rng: np.random.Generator, people: pl.DataFrame) -> pl.DataFrame:
    """Marketing emails: while marketing owns the lead, plus nurture after a recycle."""
    start = people["created"].to_numpy() + DAY
    until = people["marketing_until"].to_numpy()
    span_days = np.clip((until - start) / DAY, 0, None)
    counts = rng.poisson(span_days / 21) * (until > start)
    frame, _ = expand(people, counts)
    ts = np.repeat(start, counts) + (rng.random(len(frame)) * np.repeat(until - start, counts))
    nurture = people.filter(pl.col("nurture") > 0)
    extra, index = expand(nurture, np.full(nurture.height, 2))
    extra_ts = np.repeat(nurture["nurture"].to_numpy(), 2) + index * 14 * DAY
    newsletter, recycle = 8, 9
    campaign = np.where(rng.random(len(frame)) < 0.7, newsletter,
                        people["campaign_idx"].to_numpy()[np.repeat(np.arange(people.height),
                                                                    counts)])
    rows = pl.concat([
        frame.select("pid").with_columns(ts=ts.astype(np.int64),
                                         campaign_idx=campaign.astype(np.int64)),
        extra.select("pid").with_columns(ts=extra_ts, campaign_idx=pl.lit(recycle, pl.Int64)),
    ]).filter(pl.col("ts") <= AS_OF)
    engage_until = people.select("pid", "web_until")
    rows = rows.join(engage_until, on="pid", how="left", maintain_order="left")
    opened = (rng.random(rows.height) < 0.35) & (rows["ts"] + 3600 <= rows["web_until"]).to_numpy()
    clicked = opened & (rng.random(rows.height) < 0.25)
    return rows.drop("web_until").with_columns(
        opened=opened, clicked=clicked,
        campaign=CAMPAIGNS["name"].gather(rows["campaign_idx"])).sort("ts", "pid",
            maintain_order=True)


def build_activity(rng: np.random.Generator, people: pl.DataFrame) -> Activity:
    return Activity(steps=build_steps(rng, people), replies=build_replies(rng, people),
                    meetings=build_meetings(rng, people), notes=build_notes(rng, people),
                    marketing=build_marketing(rng, people))
