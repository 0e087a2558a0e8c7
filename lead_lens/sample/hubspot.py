"""HubSpot: the UI contacts export (label headers, label values), v1 engagements JSON, and
marketing email events (id,type,created,recipient,email_campaign_id)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from lead_lens.sample.activity import Activity
from lead_lens.sample.formats import hubspot_ui, one, ts, uuids, write_json_document
from lead_lens.sample.world import AS_OF_DATE, MARKETO_SUNSET, USERS

RECORD_BASE = 51_000
CAMPAIGN_BASE = 298_410_000
SQL_KINDS = ("interest", "question", "meeting", "price", "competitor")


def record_id() -> pl.Expr:
    return RECORD_BASE + pl.col("pid") * 13


def contacts_export(people: pl.DataFrame, web_counts: pl.DataFrame | None = None) -> pl.DataFrame:
    p = people.filter("in_hubspot")
    arch = pl.col("archetype")
    won = arch.is_in(["customer", "customer_account"])
    sql = pl.col("reply_kind").is_in(SQL_KINDS) & (pl.col("reply") > 0)
    stage = (pl.when(won).then(pl.lit("Customer")).when(arch == "sa_opp").then(
        pl.lit("Opportunity")).when(sql).then(pl.lit("Sales Qualified Lead"))
        .when(pl.col("mql") > 0).then(pl.lit("Marketing Qualified Lead"))
        .when(pl.col("lead_source") == "Purchased List").then(pl.lit("Subscriber"))
        .otherwise(pl.lit("Lead")))
    status = (pl.when(pl.col("seq_state").is_in(["active", "pending"])).then(
        pl.lit("Attempted to Contact")).when(arch == "sa_opp").then(pl.lit("Open Deal"))
        .when(sql).then(pl.lit("Connected")).when(arch.str.starts_with("recycled")).then(
            pl.lit("Bad Timing")).when(arch == "snoozed").then(pl.lit("Bad Timing"))
        .when(pl.col("mql") > 0).then(pl.lit("In Progress")).otherwise(pl.lit("New")))
    owner = pl.when(pl.col("mql") > 0).then(
        pl.col("owner").replace_strict(dict(enumerate(USERS["name"])), return_dtype=pl.String))
    customer_at = pl.when(arch == "customer").then("close").when(arch == "customer_account").then(
        "created")
    last_activity = pl.max_horizontal("created", "last_step", "reply", "held")
    frame = p.select(
        **{
            "Record ID": record_id(), "First Name": "first", "Last Name": "last",
            "Became a Customer Date": hubspot_ui(customer_at),
            "Became a Lead Date": hubspot_ui("created"),
            "Became a Marketing Qualified Lead Date": hubspot_ui(
                pl.when(pl.col("mql") > 0).then("mql")),
            "Became a Sales Qualified Lead Date": hubspot_ui(pl.when(sql).then("reply")),
            "Became an Opportunity Date": hubspot_ui(pl.when(pl.col("convert") > 0).then(
                "convert")),
            "Company Name": "company", "Contact owner": owner,
            "Create Date": hubspot_ui("created"),
            "Currently in Sequence": pl.lit("false"), "Email": "email",
            "Job Title": "title", "Last Activity Date": hubspot_ui(last_activity),
            "Last Modified Date": hubspot_ui(pl.max_horizontal(last_activity, "unsub")),
            "Lead Status": status, "Lifecycle Stage": stage,
            "Marketing contact status": pl.when(pl.col("unsub") > 0).then(
                pl.lit("Non-marketing contact")).otherwise(pl.lit("Marketing contact")),
            "Original Source": pl.col("lead_source").replace_strict(
                {"Web": "Direct Traffic", "Webinar": "Offline Sources", "Event": "Offline Sources",
                 "Content Download": "Organic Search", "Purchased List": "Offline Sources"},
                default="Other Campaigns"),
            "Phone Number": "phone",
            "Salesforce Contact ID": "contact_id", "Salesforce Lead ID": "lead_id",
            "Unsubscribed from all email": pl.when(pl.col("unsub") > 0).then(
                pl.lit("true")).otherwise(pl.lit("false")),
            "Associated Company": "company",
        })
    return frame


def _epoch_ms(column: str | pl.Expr) -> pl.Expr:
    expr = pl.col(column) if isinstance(column, str) else column
    return expr * 1000


def engagements(people: pl.DataFrame, activity: Activity) -> pl.DataFrame:
    """Inbound replies, meetings and notes of HubSpot contacts, in the legacy v1 shape."""
    keys = people.filter("in_hubspot").select("pid", "email", "first", "last", "owner",
                                              rid=record_id())
    owner_id = pl.col("owner") + 41_200_000

    def shaped(frame: pl.DataFrame, kind: str, at: str, metadata: pl.Expr) -> pl.DataFrame:
        return frame.join(keys, on="pid", how="inner", maintain_order="left").select(
            at=at, pid="pid", engagement=pl.struct(
                id=pl.lit(0, pl.Int64), type=pl.lit(kind), timestamp=_epoch_ms(at),
                ownerId=owner_id, createdAt=_epoch_ms(at)),
            associations=pl.struct(contactIds=one(pl.col("rid")),
                                   companyIds=pl.lit([], pl.List(pl.Int64)),
                                   dealIds=pl.lit([], pl.List(pl.Int64))),
            metadata=metadata)

    rep = pl.col("owner").replace_strict(dict(enumerate(USERS["name"])), return_dtype=pl.String)
    rep_mail = rep.str.to_lowercase().str.replace(" ", ".") + "@northwind-analytics.com"
    empty = {"body": pl.lit(None, pl.String), "subject": pl.lit(None, pl.String),
             "text": pl.lit(None, pl.String), "from": pl.lit(None, pl.Struct({"email": pl.String})),
             "to": pl.lit(None, pl.List(pl.Struct({"email": pl.String}))),
             "startTime": pl.lit(None, pl.Int64), "endTime": pl.lit(None, pl.Int64),
             "title": pl.lit(None, pl.String)}
    replies = shaped(activity.replies, "INCOMING_EMAIL", "ts", pl.struct(**{
        **empty, "subject": pl.col("subject"), "text": pl.col("body"),
        "from": pl.struct(email="email"), "to": one(pl.struct(email=rep_mail))}))
    meetings = shaped(activity.meetings, "MEETING", "start", pl.struct(**{
        **empty, "body": pl.col("description"), "title": pl.col("subject"),
        "startTime": _epoch_ms("start"), "endTime": _epoch_ms(pl.col("start") + pl.col(
            "minutes") * 60)}))
    notes = shaped(activity.notes, "NOTE", "ts", pl.struct(**{
        **empty, "body": pl.lit("<p>") + pl.col("body").str.replace_all("\n", "<br>") + "</p>"}))
    rows = pl.concat([replies, meetings, notes]).sort("at", "pid", maintain_order=True)
    return rows.with_columns(engagement=pl.col("engagement").struct.with_fields(
        id=pl.int_range(pl.len(), dtype=pl.Int64) + 3_100_000_000)).drop("at", "pid")


def email_events(rng: np.random.Generator, people: pl.DataFrame,
                 activity: Activity) -> pl.DataFrame:
    """SENT/DELIVERED/OPEN/CLICK per marketing email (HubSpot era), plus unsubscribes."""
    keys = people.filter("in_hubspot").select("pid", "email", "in_marketo")
    sends = activity.marketing.join(keys, on="pid", how="inner", maintain_order="left").filter(
        ~pl.col("in_marketo") | (pl.col("ts") >= MARKETO_SUNSET))
    parts = [sends.with_columns(type=pl.lit("SENT")),
             sends.with_columns(type=pl.lit("DELIVERED"), ts=pl.col("ts") + 4),
             sends.filter("opened").with_columns(type=pl.lit("OPEN"), ts=pl.col("ts") + 2400),
             sends.filter("clicked").with_columns(type=pl.lit("CLICK"), ts=pl.col("ts") + 2460)]
    unsub = people.filter(pl.col("in_hubspot") & (pl.col("unsub") > 0)).select(
        "pid", "email", ts="unsub", campaign_idx=pl.lit(8, pl.Int64)).with_columns(
        type=pl.lit("STATUSCHANGE"))
    columns = ["pid", "email", "ts", "campaign_idx", "type"]
    rows = pl.concat([part.select(columns) for part in [*parts, unsub]]).sort("ts", "pid", "type",
        maintain_order=True)
    return rows.select(
        id=uuids(rng, rows.height),
        type="type", created=ts("ts", "%Y-%m-%dT%H:%M:%S.000Z"), recipient="email",
        email_campaign_id=CAMPAIGN_BASE + pl.col("campaign_idx"))


def write_hubspot(rng: np.random.Generator, people: pl.DataFrame, activity: Activity,
                  out: Path) -> None:
    folder = out / "hubspot"
    folder.mkdir(parents=True, exist_ok=True)
    contacts = contacts_export(people)
    contacts.select(pl.all().cast(pl.String)).write_csv(
        folder / f"hubspot-crm-exports-all-contacts-{AS_OF_DATE}.csv", quote_style="always")
    rows = engagements(people, activity)
    write_json_document(folder / "engagements.json", "results", rows,
                        extra={"hasMore": False, "offset": rows.height})
    email_events(rng, people, activity).write_csv(folder / "email_events.csv")
