"""Salesforce Data Export: people and pipeline objects (Lead, Contact, Account, Opportunity,
OpportunityContactRole, LeadHistory). Activities live in salesforce_activity.py."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from lead_lens.sample.formats import sf_bool, sf_date, sf_datetime
from lead_lens.sample.ids import sf_ids
from lead_lens.sample.world import AS_OF, DAY, USERS

INDUSTRY_LABELS = {"fintech": "Finance", "healthcare": "Healthcare", "logistics": "Transportation",
                   "retail": "Retail", "SaaS": "Technology", "manufacturing": "Manufacturing",
                   "insurance": "Insurance", "media": "Media", "cybersecurity": "Technology",
                   "edtech": "Education"}


def industry_label() -> pl.Expr:
    """Salesforce's standard Industry picklist values."""
    return pl.col("industry").replace_strict(INDUSTRY_LABELS, default="Other")


@dataclass(frozen=True)
class SalesforceIds:
    """Ids per person (null where the person has no such record) and per object."""
    lead: pl.Series      # per pid
    contact: pl.Series   # per pid
    account: pl.Series   # per pid: the Account of the person's company, if any
    users: pl.Series     # per USERS row
    campaigns: pl.Series


def _ids(rng: np.random.Generator, prefix: str, n: int) -> np.ndarray:
    return sf_ids(prefix, n, int(rng.integers(2 * 62**5, 4 * 62**5)))


def _masked(values: np.ndarray, keep: np.ndarray) -> pl.Series:
    """values where keep, null elsewhere."""
    return pl.select(pl.when(pl.Series(keep)).then(pl.Series(values))).to_series()


def assign_ids(rng: np.random.Generator, people: pl.DataFrame, campaigns: int) -> SalesforceIds:
    n = people.height
    lead = _masked(_ids(rng, "00Q", n), people["in_sf_lead"].to_numpy())
    has_contact = ((people["convert"] > 0) | (people["archetype"] == "customer_account")).to_numpy()
    contact = _masked(_ids(rng, "003", n), has_contact)
    companies = people["company_idx"].to_numpy()
    with_account = np.unique(companies[has_contact])
    account_of = dict(zip(with_account.tolist(), _ids(rng, "001", len(with_account)).tolist(),
                          strict=True))
    account = pl.Series(companies).replace_strict(account_of, default=None, return_dtype=pl.String)
    return SalesforceIds(lead=lead, contact=contact, account=account,
                         users=pl.Series(_ids(rng, "005", USERS.height)),
                         campaigns=pl.Series(_ids(rng, "701", campaigns)))


LEAD_STATUS = {
    "mo_cold": "Open - Not Contacted", "mo_warm": "Open - Not Contacted",
    "dnc_hubspot_unsub": "Open - Not Contacted", "bh_untouched": "Marketing Qualified",
    "recycled": "Nurture", "recycled_later_passed": "Nurture",
    "dnc_sf_optout": "Closed - Not Converted", "dnc_bounce": "Closed - Not Converted",
    "dnc_outreach_optout": "Closed - Not Converted",
}


def with_ids(people: pl.DataFrame, ids: SalesforceIds) -> pl.DataFrame:
    people = people.with_columns(lead_id=ids.lead, contact_id=ids.contact, account_id=ids.account,
                                 owner_id=ids.users.gather(people["owner"]),
                                 campaign_id=ids.campaigns.gather(people["campaign_idx"]))
    # About 1% of sequenced leads also exist as an email-less duplicate (_fuzzy_duplicates).
    return people.with_columns(fuzzy_duplicate=(pl.col("steps_done") >= 3)
                               & (pl.col("pid") % 89 == 5) & pl.col("lead_id").is_not_null())


def leads(rng: np.random.Generator, people: pl.DataFrame, ids: SalesforceIds) -> pl.DataFrame:
    p = people.filter(pl.col("lead_id").is_not_null())
    converted = pl.col("convert") > 0
    status = (pl.when(converted).then(pl.lit("Closed - Converted"))
              .otherwise(pl.col("archetype").replace_strict(LEAD_STATUS,
                                                            default="Working - Contacted")))
    modified = pl.max_horizontal("created", "mql", "last_step", "reply", "convert", "nurture")
    system, marketing = ids.users[USERS.height - 2], ids.users[USERS.height - 1]
    frame = p.select(
        Id="lead_id", IsDeleted=pl.lit("false"), MasterRecordId=pl.lit(None),
        LastName="last", FirstName="first", Salutation=pl.lit(None),
        Name=pl.col("first") + " " + pl.col("last"), Title="title", Company="company",
        Street=pl.lit(None), City=pl.lit(None), State=pl.lit(None), PostalCode=pl.lit(None),
        Country=pl.lit(None), Phone="phone", MobilePhone=pl.lit(None), Email="email",
        Website="domain", Description=pl.lit(None), LeadSource="lead_source", Status=status,
        Industry=industry_label(), Rating=pl.lit(None),
        AnnualRevenue=pl.lit(None), NumberOfEmployees="employees", OwnerId="owner_id",
        HasOptedOutOfEmail=sf_bool("sf_optout"), IsConverted=sf_bool(converted),
        ConvertedDate=sf_date("convert"),
        ConvertedAccountId=pl.when(converted).then("account_id"),
        ConvertedContactId=pl.when(converted).then("contact_id"),
        ConvertedOpportunityId=pl.lit(None), IsUnreadByOwner=pl.lit("false"),
        CreatedDate=sf_datetime("created"), CreatedById=pl.lit(marketing),
        LastModifiedDate=sf_datetime(modified), LastModifiedById=pl.lit(system),
        SystemModstamp=sf_datetime(modified), LastActivityDate=sf_date(
            pl.max_horizontal("last_step", "reply", "held")),
        DoNotCall=pl.lit("false"), EmailBouncedReason=pl.when("bounce").then(
            pl.lit("550 5.1.1 The email account that you tried to reach does not exist")),
        EmailBouncedDate=pl.when("bounce").then(sf_datetime(pl.col("enroll") + 600)),
        MQL_Date__c=sf_date("mql"),
        Lead_Score__c=pl.Series(rng.integers(5, 95, p.height)).cast(pl.String),
        Original_Campaign__c="campaign_id", Persona__c=pl.col("title"),
    ).select(pl.all().cast(pl.String))
    return pl.concat([frame, _fuzzy_duplicates(rng, p, frame, ids)])


def _fuzzy_duplicates(rng: np.random.Generator, p: pl.DataFrame, frame: pl.DataFrame,
                      ids: SalesforceIds) -> pl.DataFrame:
    """A rep re-keys a lead from a phone call: same name and company, no email address."""
    picks = np.flatnonzero(p["fuzzy_duplicate"].to_numpy())
    dup = frame[picks]
    new_ids = _ids(rng, "00Q", len(picks))
    created = p["enroll"].to_numpy()[picks] + 6 * DAY
    return dup.with_columns(
        Id=pl.Series(new_ids, dtype=pl.String), Email=pl.lit(None, pl.String),
        LeadSource=pl.lit("Phone Inquiry"), Status=pl.lit("Open - Not Contacted"),
        Phone=pl.lit(None, pl.String), MobilePhone=dup["Phone"],
        HasOptedOutOfEmail=pl.lit("false"), EmailBouncedDate=pl.lit(None, pl.String),
        EmailBouncedReason=pl.lit(None, pl.String), MQL_Date__c=pl.lit(None, pl.String),
        CreatedDate=pl.select(sf_datetime(pl.lit(created))).to_series(),
        LastModifiedDate=pl.select(sf_datetime(pl.lit(created))).to_series(),
        SystemModstamp=pl.select(sf_datetime(pl.lit(created))).to_series(),
        Description=pl.lit("Called in from the number on the pricing page; no email given."),
        CreatedById=ids.users.gather(p["owner"].to_numpy()[picks]),
        LastActivityDate=pl.lit(None, pl.String))


def contacts(people: pl.DataFrame) -> pl.DataFrame:
    p = people.filter(pl.col("contact_id").is_not_null())
    created = pl.when(pl.col("convert") > 0).then("convert").otherwise("created")
    return p.select(
        Id="contact_id", IsDeleted=pl.lit("false"), MasterRecordId=pl.lit(None),
        AccountId="account_id", LastName="last", FirstName="first", Salutation=pl.lit(None),
        Name=pl.col("first") + " " + pl.col("last"), MailingStreet=pl.lit(None),
        MailingCity=pl.lit(None), MailingState=pl.lit(None), MailingPostalCode=pl.lit(None),
        MailingCountry=pl.lit(None), Phone="phone", MobilePhone=pl.lit(None),
        ReportsToId=pl.lit(None),
        Email=pl.when("contact_new_email").then("alt_email").otherwise("email"),
        Title="title", Department=pl.lit(None), LeadSource="lead_source", OwnerId="owner_id",
        HasOptedOutOfEmail=pl.lit("false"), CreatedDate=sf_datetime(created),
        CreatedById="owner_id", LastModifiedDate=sf_datetime(pl.max_horizontal(created, "close")),
        LastModifiedById="owner_id", SystemModstamp=sf_datetime(pl.max_horizontal(created,
                                                                                 "close")),
        LastActivityDate=sf_date(pl.max_horizontal("held", "close")), EmailBouncedReason=pl.lit(
            None), EmailBouncedDate=pl.lit(None), Persona__c="title")


def accounts(people: pl.DataFrame) -> pl.DataFrame:
    p = people.filter(pl.col("account_id").is_not_null())
    won = (pl.col("archetype") == "customer").any().over("account_id")
    return p.with_columns(won=won, first_seen=pl.col("convert").max().over("account_id")).unique(
        "account_id", keep="first", maintain_order=True).select(
        Id="account_id", IsDeleted=pl.lit("false"), MasterRecordId=pl.lit(None), Name="company",
        Type=pl.when("won").then(pl.lit("Customer")).otherwise(pl.lit("Prospect")),
        ParentId=pl.lit(None), BillingCountry=pl.lit(None), Phone=pl.lit(None),
        Website="domain", Industry=industry_label(),
        NumberOfEmployees="employees", OwnerId="owner_id",
        CreatedDate=sf_datetime(pl.max_horizontal("first_seen", "created")),
        LastModifiedDate=sf_datetime(pl.max_horizontal("first_seen", "created")),
        Customer_Since__c=pl.when("won").then(pl.lit("2025")))


OPEN_STAGES = ("Qualification", "Needs Analysis", "Value Proposition", "Proposal/Price Quote",
               "Negotiation/Review")


def opportunities(rng: np.random.Generator, people: pl.DataFrame) -> pl.DataFrame:
    """One opportunity per converted sa_opp/customer/bh_lost_opp person, with a contact role."""
    p = people.filter(pl.col("archetype").is_in(["sa_opp", "customer", "bh_lost_opp"]))
    n = p.height
    stage = pl.Series(OPEN_STAGES).gather(rng.integers(0, len(OPEN_STAGES), n))
    won, lost = pl.col("archetype") == "customer", pl.col("archetype") == "bh_lost_opp"
    amount = (rng.integers(18, 160, n) * 1000).astype(str)
    planned_close = p["convert"].to_numpy() + rng.integers(30, 120, n) * DAY
    return p.with_columns(opp_id=pl.Series(_ids(rng, "006", n)), role_id=pl.Series(
        _ids(rng, "00K", n)), stage=stage, amount=amount, planned=planned_close,
        role=pl.Series(["Decision Maker", "Economic Buyer", "Evaluator", "Influencer",
                        "Technical Buyer"]).gather(rng.integers(0, 5, n)),
        StageName=pl.when(won).then(pl.lit("Closed Won")).when(lost)
        .then(pl.lit("Closed Lost")).otherwise(stage),
        closed=won | lost)


def opportunity_rows(opps: pl.DataFrame) -> pl.DataFrame:
    close = pl.when("closed").then("close").otherwise("planned")
    won = pl.col("StageName") == "Closed Won"
    return opps.select(
        Id="opp_id", IsDeleted=pl.lit("false"), AccountId="account_id", IsPrivate=pl.lit("false"),
        Name=pl.col("company") + " - Northwind Platform", Description=pl.lit(None),
        StageName="StageName", Amount="amount",
        Probability=pl.when(won).then(pl.lit("100")).when("closed").then(pl.lit("0"))
        .otherwise(pl.lit("40")), CloseDate=sf_date(close), Type=pl.lit("New Business"),
        NextStep=pl.when(pl.col("closed")).then(None).otherwise(pl.lit("Pricing review w/ CFO")),
        LeadSource="lead_source", IsClosed=sf_bool("closed"), IsWon=sf_bool(won),
        ForecastCategoryName=pl.when(won).then(pl.lit("Closed")).when("closed")
        .then(pl.lit("Omitted")).otherwise(pl.lit("Pipeline")), CampaignId="campaign_id",
        OwnerId="owner_id", CreatedDate=sf_datetime("convert"),
        LastModifiedDate=sf_datetime(pl.max_horizontal("convert", "close")),
        FiscalYear=pl.lit("2025"), FiscalQuarter=_stamp_quarter(close))


def _stamp_quarter(column: pl.Expr) -> pl.Expr:
    return pl.from_epoch(column, time_unit="s").dt.quarter().cast(pl.String)


def contact_roles(opps: pl.DataFrame) -> pl.DataFrame:
    return opps.select(
        Id="role_id", OpportunityId="opp_id", ContactId="contact_id", Role="role",
        IsPrimary=pl.lit("true"), CreatedDate=sf_datetime("convert"), CreatedById="owner_id",
        LastModifiedDate=sf_datetime("convert"), LastModifiedById="owner_id",
        SystemModstamp=sf_datetime("convert"), IsDeleted=pl.lit("false"))


def lead_history(rng: np.random.Generator, people: pl.DataFrame) -> pl.DataFrame:
    """Status changes (MQL, working, nurture, closed, converted) and owner assignments."""
    p = people.filter(pl.col("lead_id").is_not_null())
    steps: list[pl.DataFrame] = []

    def add(mask: pl.Expr, at: pl.Expr, field: str, old: pl.Expr | str | None,
            new: pl.Expr | str | None) -> None:
        rows = p.filter(mask).select(LeadId="lead_id", ts=at, CreatedById="owner_id",
                                     Field=pl.lit(field), OldValue=_lit(old), NewValue=_lit(new))
        steps.append(rows)

    handed, seq = pl.col("mql") > 0, pl.col("enroll") > 0
    add(pl.lit(True), pl.col("created"), "created", None, None)
    add(handed, pl.col("mql"), "Status", "Open - Not Contacted", "Marketing Qualified")
    add(handed, pl.col("mql") + 1, "Owner", "Marketing Queue",
        pl.col("owner").replace_strict(dict(enumerate(USERS["name"])), return_dtype=pl.String))
    add(seq, pl.col("enroll"), "Status", "Marketing Qualified", "Working - Contacted")
    add(pl.col("nurture") > 0, pl.col("nurture") - 3600, "Status", "Working - Contacted",
        "Nurture")
    closed = pl.col("archetype").is_in(["dnc_sf_optout", "dnc_bounce", "dnc_outreach_optout"])
    add(closed, pl.max_horizontal("reply", "last_step") + 7200, "Status", "Working - Contacted",
        "Closed - Not Converted")
    add(pl.col("convert") > 0, pl.col("convert"), "leadConverted", None, None)
    add(pl.col("convert") > 0, pl.col("convert"), "Status", "Working - Contacted",
        "Closed - Converted")
    rows = pl.concat(steps).filter(pl.col("ts") <= AS_OF).sort("ts", "LeadId", maintain_order=True)
    return rows.select(
        Id=pl.Series(_ids(rng, "017", rows.height)), IsDeleted=pl.lit("false"), LeadId="LeadId",
        CreatedById="CreatedById", CreatedDate=sf_datetime("ts"), Field="Field",
        DataType=pl.when(pl.col("Field") == "Status").then(pl.lit("DynamicEnum"))
        .when(pl.col("Field") == "Owner").then(pl.lit("EntityId")).otherwise(None),
        OldValue="OldValue", NewValue="NewValue")


def _lit(value: pl.Expr | str | None) -> pl.Expr:
    return value if isinstance(value, pl.Expr) else pl.lit(value, pl.String)
