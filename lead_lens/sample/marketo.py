"""Marketo (the instance retired on 2025-03-01): leads.csv and activities.csv, the latter in
the Bulk Activity Extract layout (attributes as a JSON string)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from lead_lens.sample.activity import Activity
from lead_lens.sample.formats import iso_z, uuids
from lead_lens.sample.world import DAY, MARKETO_SUNSET

LEAD_BASE = 1_204_000
def _text(*parts: str | pl.Expr) -> pl.Expr:
    """Concatenate literal text and column values (for the attributes JSON strings)."""
    return pl.concat_str([p.cast(pl.String) if isinstance(p, pl.Expr) else pl.lit(p)
                          for p in parts])


def write_marketo(rng: np.random.Generator, people: pl.DataFrame, activity: Activity,
                  out: Path) -> None:
    folder = out / "marketo"
    folder.mkdir(parents=True, exist_ok=True)
    p = people.filter("in_marketo").with_columns(lead=LEAD_BASE + pl.col("pid") * 3)
    mql_here = (pl.col("mql") > 0) & (pl.col("mql") < MARKETO_SUNSET)
    p.select(
        id="lead", email="email", firstName="first", lastName="last", company="company",
        title="title", leadSource="lead_source",
        leadStatus=pl.when(mql_here).then(pl.lit("MQL")).otherwise(pl.lit("Engaged")),
        createdAt=iso_z("created"), updatedAt=iso_z(pl.min_horizontal(
            pl.max_horizontal("created", "mql"), pl.lit(MARKETO_SUNSET))),
        sfdcLeadId="lead_id", sfdcContactId=pl.lit(None, pl.String),
        unsubscribed=pl.lit(False), emailInvalid=pl.lit(False),
    ).write_csv(folder / "leads.csv")

    keys = p.select("pid", "lead")
    mails = activity.marketing.filter(pl.col("ts") < MARKETO_SUNSET).join(keys, on="pid",
        maintain_order="left")
    program = pl.col("campaign") + ".Email " + pl.from_epoch("ts", time_unit="s").dt.strftime(
        "%B")
    email_attrs = _text('{"Campaign Run ID": "', pl.col("campaign_idx") * 101 + 5,
                        '", "Choice Number": 0, "Step ID": ', pl.col("campaign_idx") + 31, "}")

    def typed(frame: pl.DataFrame, type_id: int, shift: int, attrs: pl.Expr) -> pl.DataFrame:
        return frame.select("lead", ts=pl.col("ts") + shift, activityTypeId=pl.lit(type_id),
                            campaignId=pl.col("campaign_idx") + 1400,
                            primaryAttributeValueId=pl.col("campaign_idx") + 2200,
                            primaryAttributeValue=program, attributes=attrs)

    click_attrs = pl.lit('{"Link": "https://www.northwind-analytics.com/case-studies/brightline-'
                         'health", "Is Mobile Device": false, "Platform": "Windows 10"}')
    form = p.select("lead", ts="created", activityTypeId=pl.lit(2), campaignId=pl.lit(1388),
                    primaryAttributeValueId=pl.lit(1017),
                    primaryAttributeValue=pl.lit("Contact Us Form"),
                    attributes=_text('{"Webpage ID": 4, "Query Parameters": "utm_source=',
                                     pl.col("lead_source").str.to_lowercase().str.replace(" ", "_"),
                                     '", "Client IP Address": "203.0.113.', pl.col("pid") % 250,
                                     '"}'))
    progression = p.filter(mql_here).select(
        "lead", ts="mql", activityTypeId=pl.lit(104), campaignId=pl.lit(1391),
        primaryAttributeValueId=pl.lit(1090), primaryAttributeValue=pl.lit("Lifecycle Program"),
        attributes=pl.lit('{"Old Status": "Engaged", "New Status": "MQL", "Success": false}'))
    soft = p.filter((pl.col("mql") == 0) & (pl.col("pid") % 17 == 0)).select(
        "lead", ts=pl.col("created") + 9 * DAY, activityTypeId=pl.lit(27),
        campaignId=pl.lit(1402), primaryAttributeValueId=pl.lit(2208),
        primaryAttributeValue=pl.lit("Newsletter - Monthly.Email February"),
        attributes=pl.lit('{"Category": "4", "Details": "452 4.2.2 Mailbox full", '
                          '"Subcategory": "4.2.2"}'))
    parts = [typed(mails, 6, 0, email_attrs), typed(mails, 7, 3, email_attrs),
             typed(mails.filter("opened"), 10, 2400, email_attrs),
             typed(mails.filter("clicked"), 11, 2460, click_attrs), form, progression, soft]
    rows = pl.concat([part.with_columns(pl.col("activityTypeId").cast(pl.Int64),
                                        pl.col("campaignId").cast(pl.Int64),
                                        pl.col("primaryAttributeValueId").cast(pl.Int64))
                      for part in parts]).filter(pl.col("ts") < MARKETO_SUNSET)
    rows = rows.sort("ts", "lead", "activityTypeId", maintain_order=True)
    rows.select(
        marketoGUID=uuids(rng, rows.height), leadId="lead", activityDate=iso_z("ts"),
        activityTypeId="activityTypeId", campaignId="campaignId",
        primaryAttributeValueId="primaryAttributeValueId",
        primaryAttributeValue="primaryAttributeValue", attributes="attributes",
    ).write_csv(folder / "activities.csv")
