"""Salesloft (the EMEA team's sequencer): people.json and cadence_memberships.json, both
{"data": [...]} as the v2 list endpoints return them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from lead_lens.sample.activity import Activity
from lead_lens.sample.formats import iso_millis, one, write_json_document

# Outreach-style states of the story -> Salesloft's current_state.
STATE = {"active": "active", "paused": "scheduled", "pending": "staged",
         "finished": "completed", "opted_out": "removed", "bounced": "removed"}
PERSON_BASE = 6_100_000


def write_salesloft(rng: np.random.Generator, people: pl.DataFrame, activity: Activity,
                    out: Path) -> None:
    folder = out / "salesloft"
    folder.mkdir(parents=True, exist_ok=True)
    p = people.filter(pl.col("tool") == "salesloft").with_columns(
        person_id=PERSON_BASE + pl.int_range(pl.len()) * 7,
        membership_id=43_000_000 + pl.int_range(pl.len()) * 11)
    counts = activity.steps.filter(pl.col("status") != "scheduled").group_by("pid").agg(
        sent_emails=(pl.col("kind") == "email").sum().cast(pl.Int64),
        calls=(pl.col("kind") == "call").sum().cast(pl.Int64))
    p = p.join(counts, on="pid", how="left", maintain_order="left").with_columns(
        pl.col("sent_emails", "calls").fill_null(0))
    crm_id = pl.coalesce("lead_id", "contact_id")
    updated = pl.max_horizontal("enroll", "last_step", "reply")
    user = pl.struct(id=pl.col("owner") + 9000, _href=pl.lit(
        "https://api.salesloft.com/v2/users/") + (pl.col("owner") + 9000).cast(pl.String))
    people_rows = p.select(
        id="person_id", created_at=iso_millis(pl.col("enroll") - 1800),
        updated_at=iso_millis(updated), last_contacted_at=iso_millis(
            pl.when(pl.col("last_step") > 0).then("last_step")),
        last_replied_at=iso_millis(pl.when(pl.col("reply") > 0).then("reply")),
        first_name="first", last_name="last", display_name=pl.col("first") + " " + pl.col("last"),
        email_address="email",
        secondary_email_address=pl.when("contact_new_email").then("alt_email"),
        phone="phone", title="title", person_company_name="company",
        person_company_website=pl.lit("https://") + pl.col("domain"),
        do_not_contact=pl.lit(False), bouncing=pl.lit(False),
        crm_id=crm_id, crm_object_type=pl.when(pl.col("lead_id").is_not_null()).then(
            pl.lit("lead")).otherwise(pl.lit("contact")),
        crm_url=pl.lit("https://northwind.my.salesforce.com/") + crm_id,
        owner=user, tags=one(pl.col("lead_source")),
        counts=pl.struct(emails_sent="sent_emails", calls="calls",
                         emails_replied_to=(pl.col("reply") > 0).cast(pl.Int64)))
    write_json_document(folder / "people.json", "data", people_rows,
                        extra={"metadata": {"paging": {"per_page": people_rows.height,
                                                        "current_page": 1}}})
    state = pl.col("seq_state").replace_strict(STATE, default="completed")
    memberships = p.select(
        id="membership_id", added_at=iso_millis("enroll"), created_at=iso_millis("enroll"),
        updated_at=iso_millis(updated), person_deleted=pl.lit(False),
        currently_on_cadence=state.is_in(["active", "scheduled", "staged", "processing"]),
        current_state=state,
        cadence=pl.struct(id=pl.lit(812_044), _href=pl.lit(
            "https://api.salesloft.com/v2/cadences/812044")),
        person=pl.struct(id="person_id", _href=pl.lit("https://api.salesloft.com/v2/people/")
                         + pl.col("person_id").cast(pl.String)),
        user=user, latest_action=pl.struct(id=pl.col("membership_id") * 3),
        counts=pl.struct(views=pl.col("pid") % 5, clicks=pl.col("pid") % 2,
                         replies=(pl.col("reply") > 0).cast(pl.Int64), calls="calls",
                         sent_emails="sent_emails", bounces=pl.lit(0)))
    write_json_document(folder / "cadence_memberships.json", "data", memberships,
                        extra={"metadata": {"paging": {"per_page": memberships.height,
                                                        "current_page": 1}}})
