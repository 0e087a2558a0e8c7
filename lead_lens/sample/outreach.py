"""Outreach REST API exports in the JSON:API shape: prospects, sequences, sequence_states,
mailings, calls ({"data": [{"id", "type", "attributes", "relationships"}]})."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from lead_lens.sample.activity import Activity
from lead_lens.sample.formats import iso_z, list_of, one, write_json_document
from lead_lens.sample.stories import SEQUENCES
from lead_lens.sample.world import AS_OF, DAY, USERS

PROSPECT_BASE = 18_400


def _rel(kind: str, column: str | pl.Expr) -> pl.Expr:
    """A JSON:API relationship object {"data": {"type": kind, "id": <int>}} (null id -> null)."""
    expr = pl.col(column) if isinstance(column, str) else column
    return pl.when(expr.is_not_null()).then(
        pl.struct(pl.struct(type=pl.lit(kind), id=expr).alias("data")))


def mailbox(owner: pl.Expr) -> pl.Expr:
    names = USERS["name"].str.to_lowercase().str.replace(" ", ".")
    return owner.replace_strict(dict(enumerate(names)), return_dtype=pl.String) + pl.lit(
        "@northwind-analytics.com")


def prospects(people: pl.DataFrame) -> pl.DataFrame:
    p = people.filter(pl.col("tool") == "outreach").with_columns(
        prospect_id=PROSPECT_BASE + pl.int_range(pl.len()) * 3)
    return p


def write_outreach(rng: np.random.Generator, people: pl.DataFrame, activity: Activity,
                   out: Path) -> None:
    folder = out / "outreach"
    folder.mkdir(parents=True, exist_ok=True)
    p = prospects(people)
    sf_id = pl.coalesce("lead_id", "contact_id")
    external = (pl.when(pl.col("external_id_form") == "18").then(sf_id)
                .when(pl.col("external_id_form") == "15").then(sf_id.str.slice(0, 15)))
    p = p.with_columns(emails=list_of(p, pl.col("email"), pl.when("contact_new_email").then(
        "alt_email"), drop_nulls=True))
    touched = pl.max_horizontal("last_step", "reply")
    opted_at = pl.col("last_step") + 5 * 3600
    user = pl.col("owner") + 1
    prospect_rows = p.select(
        id="prospect_id", type=pl.lit("prospect"), attributes=pl.struct(
            firstName="first", lastName="last", emails="emails", title="title", company="company",
            createdAt=iso_z(pl.col("enroll") - 3600), updatedAt=iso_z(touched),
            engagedAt=iso_z(pl.when(pl.col("reply") > 0).then("reply")), touchedAt=iso_z(touched),
            openCount=pl.col("pid") % 4, clickCount=pl.col("pid") % 2 * (pl.col("pid") % 3 == 0),
            replyCount=(pl.col("reply") > 0).cast(pl.Int64), optedOut="outreach_optout",
            optedOutAt=iso_z(pl.when("outreach_optout").then(opted_at)), source=pl.lit(
                "Salesforce"), tags=one(pl.col("lead_source")), externalId=external,
            externalSource=pl.when(external.is_not_null()).then(pl.lit("salesforce")),
            custom1="lead_source"),
        relationships=pl.struct(owner=_rel("user", user), account=pl.lit(None)))
    write_json_document(folder / "prospects.json", "data", prospect_rows)

    seqs = SEQUENCES.with_row_index("sid").filter(pl.col("tool") == "outreach")
    seq_rows = seqs.select(
        id=pl.col("sid").cast(pl.Int64) + 41, type=pl.lit("sequence"), attributes=pl.struct(
            name="name", enabled=pl.lit(True), enabledAt=pl.lit("2024-11-04T16:00:00Z"),
            sequenceType=pl.lit("interval"), sequenceStepCount=pl.lit(6),
            primaryReplyAction=pl.lit("finish"), createdAt=pl.lit("2024-11-04T15:12:40Z")),
        relationships=pl.struct(owner=_rel("user", pl.lit(6))))
    write_json_document(folder / "sequences.json", "data", seq_rows)

    state_changed = (pl.when(pl.col("seq_state") == "opted_out").then(opted_at)
                     .when(pl.col("seq_state") == "finished").then(
                         pl.max_horizontal("last_step", "reply") + 3600)
                     .otherwise(pl.max_horizontal("enroll", "last_step")))
    p = p.with_columns(state_id=900_000 + pl.col("prospect_id") * 2)
    state_rows = p.select(
        id="state_id", type=pl.lit("sequenceState"), attributes=pl.struct(
            state="seq_state", stateChangedAt=iso_z(state_changed),
            activeAt=iso_z(pl.when(pl.col("seq_state") != "pending").then("enroll")),
            pauseReason=pl.when(pl.col("seq_state") == "paused").then(pl.lit("ooo")),
            errorReason=pl.lit(None, pl.String),
            repliedAt=iso_z(pl.when(pl.col("reply") > 0).then("reply")),
            createdAt=iso_z("enroll"), updatedAt=iso_z(state_changed)),
        relationships=pl.struct(prospect=_rel("prospect", "prospect_id"),
                                sequence=_rel("sequence", pl.col("sequence_idx") + 41),
                                mailbox=_rel("mailbox", pl.col("owner") + 1)))
    write_json_document(folder / "sequence_states.json", "data", state_rows)

    keys = p.select("pid", "prospect_id", "state_id", "sequence_idx", "reply", "seq_state",
                    "last_step", "web_until")
    steps = activity.steps.join(keys, on="pid", how="inner", maintain_order="left")
    steps = steps.sort("ts", "pid", maintain_order=True)
    _write_mailings(rng, steps.filter(pl.col("kind") == "email"), folder)
    _write_calls(steps.filter(pl.col("kind") == "call"), folder)


def _write_mailings(rng: np.random.Generator, m: pl.DataFrame, folder: Path) -> None:
    n = m.height
    is_last = pl.col("ts") == pl.col("ts").max().over("pid")
    replied = is_last & (pl.col("reply") > 0)
    opened_ok = (pl.col("ts") + 3600 <= pl.col("web_until")) & pl.Series(rng.random(n) < 0.45)
    opened = pl.col("ts") + pl.Series(rng.integers(600, 2 * DAY, n))
    state = (pl.when(pl.col("status") == "scheduled").then(pl.lit("scheduled"))
             .when(pl.col("status") == "bounced").then(pl.lit("bounced"))
             .when(replied).then(pl.lit("replied")).when(opened_ok).then(pl.lit("opened"))
             .otherwise(pl.lit("delivered")))
    sent = pl.col("status") != "scheduled"
    unsub = is_last & (pl.col("seq_state") == "opted_out")
    rows = m.with_columns(mailing_state=state).select(
        id=pl.int_range(pl.len()) + 5_200_000, type=pl.lit("mailing"), attributes=pl.struct(
            state="mailing_state", stateChangedAt=iso_z("ts"), mailingType=pl.lit("sequence"),
            subject="subject", bodyText="body", mailboxAddress=mailbox(pl.col("owner")),
            messageId=pl.lit("<") + pl.int_range(pl.len()).cast(pl.String)
            + pl.lit(".nw@mail.outreach.io>"),
            scheduledAt=iso_z(pl.col("ts") - 300), deliveredAt=iso_z(
                pl.when(sent & (pl.col("status") != "bounced")).then("ts")),
            openedAt=iso_z(pl.when(pl.col("mailing_state").is_in(["opened", "replied"]))
                           .then(pl.min_horizontal(opened, pl.lit(AS_OF)))),
            repliedAt=iso_z(pl.when(replied).then("reply")),
            bouncedAt=iso_z(pl.when(pl.col("status") == "bounced").then(pl.col("ts") + 40)),
            unsubscribedAt=iso_z(pl.when(unsub).then(pl.col("ts") + 5 * 3600)),
            errorReason=pl.when(pl.col("status") == "bounced").then(
                pl.lit("550 5.1.1 Recipient address rejected: User unknown")),
            createdAt=iso_z(pl.col("ts") - 300)),
        relationships=pl.struct(
            prospect=_rel("prospect", "prospect_id"),
            sequence=_rel("sequence", pl.col("sequence_idx") + 41),
            sequenceState=_rel("sequenceState", "state_id"),
            user=_rel("user", pl.col("owner") + 1)))
    write_json_document(folder / "mailings.json", "data", rows)


def _write_calls(c: pl.DataFrame, folder: Path) -> None:
    done = pl.col("status") != "scheduled"
    rows = c.filter(done).select(
        id=pl.int_range(pl.len()) + 77_000, type=pl.lit("call"), attributes=pl.struct(
            direction=pl.lit("outbound"),
            outcome=pl.when("connected").then(pl.lit("Answered")).otherwise(
                pl.lit("Not Answered")),
            state=pl.lit("completed"), note="disposition", dialedAt=iso_z("ts"),
            answeredAt=iso_z(pl.when("connected").then(pl.col("ts") + 12)),
            completedAt=iso_z(pl.col("ts") + pl.col("call_seconds")),
            recordingUrl=pl.lit(None, pl.String), createdAt=iso_z("ts")),
        relationships=pl.struct(
            prospect=_rel("prospect", "prospect_id"),
            sequence=_rel("sequence", pl.col("sequence_idx") + 41),
            sequenceState=_rel("sequenceState", "state_id"),
            user=_rel("user", pl.col("owner") + 1)))
    write_json_document(folder / "calls.json", "data", rows)
