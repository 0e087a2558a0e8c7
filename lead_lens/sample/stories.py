"""Story archetypes: what happened to each lead, as timestamp columns on the people table.

Each archetype is one path through the funnel (never handed off; sequenced and forgotten;
replied "circle back in September"; opted out ...) aimed at one verdict of
spec/lead-states.md. Timestamps are int64 seconds (0 = never); the writers turn them into each
system's rows. The loop is over archetypes, never over people.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from lead_lens.sample.world import (
    ACQUISITION_CAMPAIGNS,
    ACQUISITION_WEIGHTS,
    AS_OF,
    CAMPAIGNS,
    DAY,
    MARKETO_SUNSET,
    START,
    World,
)

# name, expected verdict, share of leads, one-line story (README).
ARCHETYPES: tuple[tuple[str, str, float, str], ...] = (
    ("mo_cold", "marketing_owned", 0.20, "came in through marketing, never handed to sales, quiet"),
    ("mo_warm", "marketing_owned", 0.12, "never handed off and still reading the site this month"),
    ("bh_cold", "black_hole", 0.09, "MQL, sequenced, no reply, nothing since"),
    ("bh_warm", "black_hole", 0.09, "MQL, sequence finished unanswered, now back on pricing and "
     "case studies: the lead sales forgot"),
    ("bh_untouched", "black_hole", 0.03, "marked MQL and assigned, but no rep ever touched them"),
    ("bh_later_passed", "black_hole", 0.02, "asked to be contacted later; that date has passed "
     "and nobody followed up"),
    ("bh_lost_opp", "black_hole", 0.01, "converted, opportunity closed lost, nothing since"),
    ("recycled", "recycled", 0.06, "sequence finished, then put back into marketing nurture"),
    ("recycled_later_passed", "recycled", 0.01, "'circle back in March', then nurture emails"),
    ("sa_active", "sales_active", 0.04, "in an active Outreach/Salesloft sequence right now"),
    ("sa_paused", "sales_active", 0.015, "sequence paused (out of office), still owned by sales"),
    ("sa_pending", "sales_active", 0.01, "just added to a sequence, first step pending"),
    ("sa_replied", "sales_active", 0.025, "replied in the last two weeks: a live conversation"),
    ("sa_meeting", "sales_active", 0.02, "meeting booked for after the as-of date"),
    ("sa_opp", "sales_active", 0.025, "converted, open opportunity with a contact role"),
    ("snoozed", "snoozed", 0.035, "replied 'reach out after Q3 / in September / in 3 months'"),
    ("customer", "customer", 0.03, "won deal, contact role on the opportunity"),
    ("customer_account", "customer", 0.01, "contact at a customer account (no contact role)"),
    ("dnc_sf_optout", "do_not_contact", 0.015, "asked to stop; rep ticked Email Opt Out"),
    ("dnc_outreach_optout", "do_not_contact", 0.015, "opted out from an Outreach email"),
    ("dnc_hubspot_unsub", "do_not_contact", 0.012, "unsubscribed from marketing email in HubSpot"),
    ("dnc_text", "do_not_contact", 0.015, "replied 'please take me off your list'; no flag set "
     "anywhere (only the text says so)"),
    ("dnc_bounce", "do_not_contact", 0.02, "first sequence email hard-bounced"),
    ("dnc_second_email", "do_not_contact", 0.004, "converted to a contact with a new address; "
     "the old address is unsubscribed in HubSpot"),
)
NAMES = np.array([a[0] for a in ARCHETYPES])
STEP_DAYS = np.array([0, 2, 5, 9, 14, 21])
STEP_KIND = np.array(["email", "email", "call", "email", "call", "email"])
SEQUENCES = pl.DataFrame({
    "name": ["Inbound Demo Request", "Webinar Follow-up", "Content Download - Nurture to Meeting",
             "Event Follow-up", "Outbound - RevOps Leaders", "EMEA Inbound"],
    "tool": ["outreach", "outreach", "outreach", "outreach", "outreach", "salesloft"],
})
SEQUENCE_BY_SOURCE = {"Web": 0, "Webinar": 1, "Content Download": 2, "Event": 3,
                      "Purchased List": 4}


def archetype_counts(leads: int) -> np.ndarray:
    """Leads per archetype: the shares, at least 2 each when there is room, summing to leads."""
    shares = np.array([a[2] for a in ARCHETYPES])
    counts = np.floor(shares / shares.sum() * leads).astype(np.int64)
    if leads >= 4 * len(ARCHETYPES):
        counts = np.maximum(counts, 2)
    counts[0] += leads - counts.sum()
    return counts


def _days(rng: np.random.Generator, n: int, lo: float, hi: float) -> np.ndarray:
    """n instants uniformly between AS_OF+lo and AS_OF+hi days, in seconds."""
    return (AS_OF + rng.uniform(lo, hi, n) * DAY).astype(np.int64)


NAME_INDEX = {name: i for i, name in enumerate(NAMES)}
REPLY_KINDS = ("", "interest", "question", "price", "competitor", "meeting", "later_future",
               "later_past", "stop")
KIND = {name: i for i, name in enumerate(REPLY_KINDS)}
STATES = ("", "active", "paused", "pending", "bounced", "opted_out", "finished")


def _in(arch: np.ndarray, *names: str) -> np.ndarray:
    """Rows whose archetype (an index into NAMES) is one of names."""
    return np.isin(arch, [NAME_INDEX[name] for name in names])


def _labels(values: tuple[str, ...] | np.ndarray, codes: np.ndarray) -> pl.Series:
    return pl.Series(list(values), dtype=pl.String).gather(codes)


def draw_archetypes(rng: np.random.Generator, leads: int) -> np.ndarray:
    """The archetype of each person, shuffled."""
    return rng.permutation(np.repeat(np.arange(len(NAMES)), archetype_counts(leads)))


def needs_own_company(arch: np.ndarray) -> np.ndarray:
    """People whose opportunity must not make other leads at their company customers."""
    return _in(arch, "sa_opp", "customer", "bh_lost_opp", "dnc_second_email")


def add_stories(rng: np.random.Generator, world: World, arch: np.ndarray) -> pl.DataFrame:
    """The people table plus archetype, source, timestamps and per-system flags."""
    people = world.people
    n = people.height
    zero = np.zeros(n, np.int64)
    enroll, reply, held, meeting, convert, close = (zero.copy() for _ in range(6))
    steps_planned = np.where(_in(arch, "mo_cold", "mo_warm", "bh_untouched", "customer_account",
                                 "dnc_hubspot_unsub"), 0, 6)
    steps_done = steps_planned.copy()
    reply_kind = np.zeros(n, np.int64)

    def window(names: tuple[str, ...], lo: float, hi: float) -> np.ndarray:
        mask = _in(arch, *names)
        enroll[mask] = _days(rng, int(mask.sum()), lo, hi)
        return mask

    window(("bh_cold", "bh_warm", "dnc_text", "dnc_sf_optout", "dnc_outreach_optout",
            "dnc_bounce"), -170, -40)
    window(("recycled",), -170, -60)
    window(("bh_later_passed", "recycled_later_passed"), -178, -150)
    window(("sa_active",), -12, -1)
    window(("sa_paused",), -70, -30)
    window(("sa_pending",), -4, -0.2)
    window(("sa_opp", "bh_lost_opp", "dnc_second_email"), -160, -70)
    window(("customer",), -178, -100)
    # Replies: after step k (1..3) of the sequence, a few hours to days later.
    replied = _in(arch, "bh_later_passed", "recycled_later_passed", "sa_opp", "bh_lost_opp",
                  "customer", "dnc_text", "dnc_sf_optout", "dnc_second_email")
    k = rng.integers(1, 4, n)
    reply_at_step = enroll + STEP_DAYS[k - 1] * DAY + rng.integers(8 * 3600, 3 * DAY, n)
    reply = np.where(replied, reply_at_step, reply)
    steps_done = np.where(replied, k, steps_done)
    # Replies pinned to a date window; the sequence started some days before.
    for names, lo, hi in ((("sa_replied",), -13, -1), (("sa_meeting",), -30, -3),
                          (("snoozed",), -75, -16)):
        mask = _in(arch, *names)
        reply[mask] = _days(rng, int(mask.sum()), lo, hi)
        kk = rng.integers(1, 4, int(mask.sum()))
        steps_done[mask] = kk
        enroll[mask] = reply[mask] - STEP_DAYS[kk - 1] * DAY - rng.integers(8 * 3600, 3 * DAY,
                                                                            int(mask.sum()))
    reply_kind[_in(arch, "sa_replied")] = rng.choice(
        [KIND["interest"], KIND["question"], KIND["price"], KIND["competitor"]],
        int(_in(arch, "sa_replied").sum()))
    reply_kind[_in(arch, "sa_meeting")] = KIND["meeting"]
    reply_kind[_in(arch, "snoozed")] = KIND["later_future"]
    reply_kind[_in(arch, "bh_later_passed", "recycled_later_passed")] = KIND["later_past"]
    reply_kind[_in(arch, "dnc_text", "dnc_sf_optout")] = KIND["stop"]
    won = _in(arch, "sa_opp", "bh_lost_opp", "customer", "dnc_second_email")
    reply_kind[won] = rng.choice([KIND["interest"], KIND["question"], KIND["price"]],
                                 int(won.sum()))
    # Meetings held, conversions and opportunities.
    held = np.where(won, reply + rng.integers(2 * DAY, 8 * DAY, n), held)
    convert = np.where(won, held + rng.integers(3600, 3 * DAY, n), convert)
    close = np.where(_in(arch, "customer"), np.minimum(convert + rng.integers(20, 60, n) * DAY,
                                                       AS_OF - 2 * DAY), close)
    close = np.where(_in(arch, "bh_lost_opp"), convert + rng.integers(10, 40, n) * DAY, close)
    meeting = np.where(_in(arch, "sa_meeting"), _days(rng, n, 1, 21), meeting)
    # Sequence progress for the open-ended states.
    active = _in(arch, "sa_active")
    due = enroll[:, None] + STEP_DAYS[None, :] * DAY
    steps_done = np.where(active, (due <= AS_OF).sum(axis=1), steps_done)
    steps_done = np.where(_in(arch, "sa_paused"), rng.integers(2, 4, n), steps_done)
    steps_done = np.where(_in(arch, "sa_pending"), 0, steps_done)
    steps_done = np.where(_in(arch, "dnc_bounce"), 1, steps_done)
    steps_done = np.where(_in(arch, "dnc_outreach_optout"), rng.integers(1, 5, n), steps_done)
    has_seq = steps_planned > 0
    last_step = enroll + STEP_DAYS[np.maximum(steps_done - 1, 0)] * DAY
    mql = np.where(has_seq, enroll - rng.integers(2 * 3600, 4 * DAY, n), zero)
    mql = np.where(_in(arch, "bh_untouched"), _days(rng, n, -150, -20), mql)
    handed = mql > 0
    created = np.where(handed, mql - rng.integers(0, 40 * DAY, n),
                       _days(rng, n, -(AS_OF - START) / DAY - 30, -35))
    created = np.where(_in(arch, "mo_warm"), _days(rng, n, -200, -2), created)
    created = np.maximum(created, START - 60 * DAY)
    last_sales = np.maximum.reduce([last_step * has_seq, reply, held, close, mql])
    nurture = np.where(_in(arch, "recycled", "recycled_later_passed"),
                       np.minimum(last_sales + rng.integers(5, 40, n) * DAY, AS_OF - DAY), zero)
    state = np.select(
        [active, _in(arch, "sa_paused"), _in(arch, "sa_pending"), _in(arch, "dnc_bounce"),
         _in(arch, "dnc_outreach_optout"), has_seq],
        [1, 2, 3, 4, 5, 6], 0)
    warm = _in(arch, "mo_warm", "bh_warm") | (_in(arch, "bh_untouched", "recycled", "bh_lost_opp")
                                              & (rng.random(n) < 0.4))
    # When web visits stop (cold leads: well before the last 30 days and before sales touched).
    quiet_from = np.where(handed, mql, np.minimum(created + 20 * DAY, AS_OF - 31 * DAY))
    web_until = np.where(warm | _in(arch, "sa_active", "sa_replied", "sa_meeting", "sa_opp",
                                    "customer", "customer_account"), AS_OF, quiet_from)
    unsub = np.where(_in(arch, "dnc_hubspot_unsub"), _days(rng, n, -90, -5), zero)
    unsub = np.where(_in(arch, "dnc_second_email"), convert + rng.integers(5, 20, n) * DAY, unsub)
    marketing_until = np.where(handed, mql, AS_OF)
    marketing_until = np.where(unsub > 0, np.minimum(unsub, marketing_until), marketing_until)
    source_idx = rng.choice(ACQUISITION_CAMPAIGNS, n, p=ACQUISITION_WEIGHTS)
    # EMEA reps (users 8-12) work in Salesloft; opt-out and bounce stories need Outreach states.
    emea = (people["owner"].to_numpy() >= 8) & ~_in(arch, "dnc_outreach_optout", "dnc_bounce")
    tool = np.where(~has_seq, 0, np.where(emea, 2, 1))
    salesforce_lead = ~(_in(arch, "mo_cold", "mo_warm", "dnc_hubspot_unsub")
                        & (rng.random(n) < 0.25)) & ~_in(arch, "customer_account")
    hubspot = (~salesforce_lead | (rng.random(n) < 0.7)
               | _in(arch, "dnc_second_email", "dnc_hubspot_unsub"))
    stories = pl.DataFrame({
        "archetype": _labels(NAMES, arch),
        "verdict": _labels(tuple(a[1] for a in ARCHETYPES), arch),
        "created": created, "mql": mql, "enroll": enroll * has_seq, "steps_done": steps_done,
        "steps_planned": steps_planned, "seq_state": _labels(STATES, state),
        "last_step": last_step * has_seq, "reply": reply,
        "reply_kind": _labels(REPLY_KINDS, reply_kind), "held": held, "meeting": meeting,
        "convert": convert, "close": close, "nurture": nurture, "unsub": unsub,
        "warm": warm, "web_until": web_until, "marketing_until": marketing_until,
        "campaign_idx": source_idx, "tool": _labels(("", "outreach", "salesloft"), tool),
        "in_sf_lead": salesforce_lead,
        "in_hubspot": hubspot, "in_marketo": (created < MARKETO_SUNSET - 20 * DAY)
        & (rng.random(n) < 0.8) & salesforce_lead,
        "in_web": rng.random(n) < 0.8, "in_segment": rng.random(n) < 0.25,
        "contact_new_email": _in(arch, "dnc_second_email") | (convert > 0) & (rng.random(n) < 0.3),
        "sf_optout": _in(arch, "dnc_sf_optout"), "outreach_optout": _in(arch,
                                                                        "dnc_outreach_optout"),
        "bounce": _in(arch, "dnc_bounce"),
        "external_id_form": _labels(("18", "15", ""), rng.choice(3, n, p=[0.75, 0.12, 0.13])),
    })
    people = pl.concat([people, stories], how="horizontal_extend")
    people = people.with_columns(
        lead_source=pl.Series(CAMPAIGNS["lead_source"].to_numpy()[source_idx])).with_columns(
        sequence_idx=pl.when(pl.col("tool") == "salesloft").then(5).otherwise(
            pl.col("lead_source").replace_strict(SEQUENCE_BY_SOURCE, default=4)))
    return _customer_accounts(people)


def _customer_accounts(people: pl.DataFrame) -> pl.DataFrame:
    """Move each customer_account person to the company of a won customer."""
    customers = people.filter(pl.col("archetype") == "customer").select(
        "company_idx", "company", "domain", "industry", "competitor", "employees")
    mask = (people["archetype"] == "customer_account").to_numpy()
    if customers.height == 0 or not mask.any():
        return people
    pick = customers[np.arange(int(mask.sum())) % customers.height]
    rows = np.flatnonzero(mask)
    updates = pick.with_columns(pid=pl.Series(people["pid"].to_numpy()[rows]))
    people = people.update(updates, on="pid")
    at_work = pl.col("email").str.split("@").list.first() + "@" + pl.col("domain")
    return people.with_columns(email=pl.when(pl.col("archetype") == "customer_account")
                               .then(at_work).otherwise(pl.col("email")))
