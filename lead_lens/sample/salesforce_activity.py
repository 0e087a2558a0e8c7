"""Salesforce Data Export: activities and campaigns (Task, Event, Note, Campaign,
CampaignMember), and the writer that zips all objects like the weekly export."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from lead_lens.sample import salesforce as sf
from lead_lens.sample.activity import Activity
from lead_lens.sample.formats import sf_bool, sf_date, sf_datetime, write_quoted_csv, zip_directory
from lead_lens.sample.stories import SEQUENCES
from lead_lens.sample.world import AS_OF, DAY, START, World

EXPORT_NAME = "WE_00D5g000004XyZ1_1.zip"
PERSON_KEYS = ("pid", "lead_id", "contact_id", "account_id", "convert", "tool", "sequence_idx")


def _who(frame: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    """Attach WhoId: the Contact once the lead was converted, the Lead before."""
    joined = frame.join(people.select(PERSON_KEYS), on="pid", how="left", maintain_order="left")
    on_contact = (pl.col("convert") > 0) & (pl.col("ts") >= pl.col("convert"))
    return joined.with_columns(
        WhoId=pl.when(on_contact).then("contact_id").otherwise(
            pl.coalesce("lead_id", "contact_id")),
        AccountId=pl.when(on_contact).then("account_id"),
        sequence=SEQUENCES["name"].gather(joined["sequence_idx"]),
    ).filter(pl.col("WhoId").is_not_null())


def tasks(rng: np.random.Generator, people: pl.DataFrame, activity: Activity,
          users: pl.Series) -> pl.DataFrame:
    steps = _who(activity.steps.filter(pl.col("status") != "scheduled"), people)
    is_call = pl.col("kind") == "call"
    outreach = pl.col("tool") == "outreach"
    out_subject = (pl.when(is_call & outreach).then("[Outreach] [Call] [Out] " + pl.col(
        "disposition")).when(is_call).then("Call: " + pl.col("disposition"))
        .when(outreach).then("[Outreach] [Email] [Out] " + pl.col("subject"))
        .otherwise("Email: " + pl.col("subject")))
    sent = steps.with_columns(
        Subject=out_subject,
        Description=pl.when(is_call).then(pl.lit(None)).otherwise("body"),
        subtype=pl.when(is_call).then(pl.lit("Call")).otherwise(pl.lit("Email")),
        CallDisposition=pl.when(is_call).then("disposition"),
        CallDurationInSeconds=pl.when(is_call).then(pl.col("call_seconds").cast(pl.String)),
        CallType=pl.when(is_call).then(pl.lit("Outbound")))
    inbound = _who(activity.replies, people).with_columns(
        Subject=pl.when(pl.col("tool") == "outreach").then("[Outreach] [Email] [In] "
                                                           + pl.col("subject"))
        .otherwise("Email: " + pl.col("subject")), Description="body",
        subtype=pl.lit("Email"), CallDisposition=pl.lit(None, pl.String),
        CallDurationInSeconds=pl.lit(None, pl.String), CallType=pl.lit(None, pl.String))
    columns = ["pid", "owner", "ts", "WhoId", "AccountId", "sequence", "Subject", "Description",
               "subtype", "CallDisposition", "CallDurationInSeconds", "CallType"]
    rows = pl.concat([sent.select(columns), inbound.select(columns)]).sort("ts", "pid",
        maintain_order=True)
    owner = users.gather(rows["owner"])
    return rows.select(
        Id=pl.Series(sf._ids(rng, "00T", rows.height)), WhoId="WhoId", WhatId="AccountId",
        WhoCount=pl.lit("1"), WhatCount=pl.when(pl.col("AccountId").is_null()).then(
            pl.lit("0")).otherwise(pl.lit("1")), Subject="Subject", ActivityDate=sf_date("ts"),
        Status=pl.lit("Completed"), Priority=pl.lit("Normal"), IsHighPriority=pl.lit("false"),
        OwnerId=owner, Description="Description", Type=pl.col("subtype"),
        IsDeleted=pl.lit("false"), AccountId="AccountId", IsClosed=pl.lit("true"),
        CreatedDate=sf_datetime("ts"), CreatedById=owner, LastModifiedDate=sf_datetime("ts"),
        LastModifiedById=owner, SystemModstamp=sf_datetime("ts"),
        CallDurationInSeconds="CallDurationInSeconds", CallType="CallType",
        CallDisposition="CallDisposition", CallObject=pl.lit(None), TaskSubtype="subtype",
        CompletedDateTime=sf_datetime("ts"), Sequence_Name__c="sequence")


def events(rng: np.random.Generator, people: pl.DataFrame, activity: Activity,
           users: pl.Series) -> pl.DataFrame:
    m = _who(activity.meetings.with_columns(ts=pl.col("start")), people)
    end = pl.col("start") + pl.col("minutes") * 60
    booked = pl.col("start") - pl.when("held").then(3 * DAY).otherwise(9 * DAY)
    owner = users.gather(m["owner"])
    return m.select(
        Id=pl.Series(sf._ids(rng, "00U", m.height)), WhoId="WhoId", WhatId="AccountId",
        AccountId="AccountId", Subject="subject", Location=pl.lit("Zoom"),
        IsAllDayEvent=pl.lit("false"), ActivityDateTime=sf_datetime("start"),
        ActivityDate=sf_date("start"), DurationInMinutes=pl.col("minutes").cast(pl.String),
        StartDateTime=sf_datetime("start"), EndDateTime=sf_datetime(end),
        Description="description", OwnerId=owner, Type=pl.lit("Meeting"),
        IsPrivate=pl.lit("false"), ShowAs=pl.lit("Busy"), IsDeleted=pl.lit("false"),
        IsChild=pl.lit("false"), IsGroupEvent=pl.lit("false"), EventSubtype=pl.lit("Event"),
        CreatedDate=sf_datetime(pl.min_horizontal(booked, pl.lit(AS_OF))), CreatedById=owner,
        LastModifiedDate=sf_datetime(pl.min_horizontal(booked, pl.lit(AS_OF))))


def notes(rng: np.random.Generator, people: pl.DataFrame, activity: Activity,
          users: pl.Series) -> pl.DataFrame:
    n = _who(activity.notes, people)
    owner = users.gather(n["owner"])
    return n.select(
        Id=pl.Series(sf._ids(rng, "002", n.height)), IsDeleted=pl.lit("false"), ParentId="WhoId",
        Title="title", IsPrivate=pl.lit("false"), Body="body", OwnerId=owner,
        CreatedDate=sf_datetime("ts"), CreatedById=owner, LastModifiedDate=sf_datetime("ts"),
        LastModifiedById=owner, SystemModstamp=sf_datetime("ts"))


def campaigns(world: World, ids: sf.SalesforceIds) -> pl.DataFrame:
    c = world.campaigns
    start = START + c["start_day"] * DAY
    return c.select(
        Id=ids.campaigns, IsDeleted=pl.lit("false"), Name="name", ParentId=pl.lit(None),
        Type="type", Status=pl.when(pl.col("type").is_in(["Email", "Website", "Content"]))
        .then(pl.lit("In Progress")).otherwise(pl.lit("Completed")),
        StartDate=sf_date(pl.lit(start)), EndDate=pl.lit(None), IsActive=pl.lit("true"),
        CreatedDate=sf_datetime(pl.lit(start - 20 * DAY)), OwnerId=pl.lit(ids.users[-1]))


def campaign_members(rng: np.random.Generator, people: pl.DataFrame,
                     ids: sf.SalesforceIds) -> pl.DataFrame:
    """The acquisition campaign of each lead (added at creation), plus recycle nurture adds."""
    base = people.filter(pl.col("lead_id").is_not_null() | pl.col("contact_id").is_not_null())
    responded = pl.col("lead_source").is_in(["Webinar", "Content Download", "Web", "Event"])
    acquired = base.with_columns(added=pl.col("created"), responded=responded,
                                 status=pl.when(responded).then(pl.lit("Responded"))
                                 .otherwise(pl.lit("Sent")))
    nurture = base.filter(pl.col("nurture") > 0).with_columns(
        added=pl.col("nurture"), responded=pl.lit(False), status=pl.lit("Sent"),
        campaign_id=pl.lit(ids.campaigns[9]))
    rows = pl.concat([acquired, nurture]).sort("added", "pid", maintain_order=True)
    lead_side = pl.col("lead_id").is_not_null()
    return rows.select(
        Id=pl.Series(sf._ids(rng, "00v", rows.height)), IsDeleted=pl.lit("false"),
        CampaignId="campaign_id", LeadId="lead_id",
        ContactId=pl.when(lead_side).then(None).otherwise("contact_id"),
        Status="status", HasResponded=sf_bool("responded"),
        CreatedDate=sf_datetime("added"), LastModifiedDate=sf_datetime("added"),
        FirstRespondedDate=pl.when("responded").then(sf_date("added")),
        LeadOrContactId=pl.coalesce("lead_id", "contact_id"), FirstName="first",
        LastName="last", Title="title", Email="email", CompanyOrAccount="company",
        LeadSource="lead_source")


def write_salesforce(rng: np.random.Generator, world: World, people: pl.DataFrame,
                     activity: Activity, out: Path) -> tuple[pl.DataFrame, sf.SalesforceIds]:
    """Write the export zip; return people with their Salesforce ids, for the other writers."""
    ids = sf.assign_ids(rng, people, world.campaigns.height)
    people = sf.with_ids(people, ids)
    opps = sf.opportunities(rng, people)
    tables = {
        "Lead": sf.leads(rng, people, ids), "Contact": sf.contacts(people),
        "Account": sf.accounts(people), "Opportunity": sf.opportunity_rows(opps),
        "OpportunityContactRole": sf.contact_roles(opps),
        "LeadHistory": sf.lead_history(rng, people),
        "Task": tasks(rng, people, activity, ids.users),
        "Event": events(rng, people, activity, ids.users),
        "Note": notes(rng, people, activity, ids.users),
        "Campaign": campaigns(world, ids),
        "CampaignMember": campaign_members(rng, people, ids),
    }
    staging = out / "salesforce" / ".export"
    staging.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        write_quoted_csv(frame, staging / f"{name}.csv")
    zip_directory(staging, out / "salesforce" / EXPORT_NAME)
    return people, ids
