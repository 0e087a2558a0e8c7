"""Salesforce: Data Export CSVs (API names) and warehouse-synced tables (snake_case).

Spellings normalize (ConvertedContactId == converted_contact_id), so one list serves both;
UI labels (report exports) are added where they differ. Detection ranks complete kinds by how many
required fields they match, so each kind requires the fields that set its object apart from its
look-alikes (Lead vs Contact vs CampaignMember all carry FirstName/LastName/Email; Task vs Event
both carry WhoId/WhatId/Subject). Custom `__c` columns normalize to names ending in `c`
(`Status__c` -> `statusc`) and so never match a standard field.

The first spelling of each field is its API name: detection messages show it.
"""

from __future__ import annotations

from lead_lens.ingest.spec import REGISTRY, Field, KindSpec, ident, opt, req


def _record_id(*labels: str) -> Field:
    return req("id", "Id", *labels)


def _bookkeeping(created_label: str = "Created Date") -> tuple[Field, ...]:
    """Columns every object has, plus the ones Fivetran adds to each synced table."""
    return (
        opt("created_date", "CreatedDate", created_label, "Create Date"),
        opt("last_modified_date", "LastModifiedDate", "Last Modified Date"),
        opt("system_modstamp", "SystemModstamp"),
        opt("is_deleted", "IsDeleted", "Deleted"),
        opt("fivetran_deleted", "_fivetran_deleted"),
        opt("fivetran_active", "_fivetran_active"),
    )


def _person_fields() -> tuple[Field, ...]:
    """Fields Lead and Contact share (the mapping of both reads them)."""
    return (
        opt("first_name", "FirstName", "First Name"),
        opt("name", "Name", "Full Name"),
        opt("email", "Email"),
        opt("title", "Title"),
        opt("phone", "Phone"),
        opt("mobile_phone", "MobilePhone", "Mobile Phone", "Mobile"),
        opt("lead_source", "LeadSource", "Lead Source"),
        opt("has_opted_out_of_email", "HasOptedOutOfEmail", "Email Opt Out"),
        opt("do_not_call", "DoNotCall", "Do Not Call"),
        opt("email_bounced_date", "EmailBouncedDate", "Email Bounced Date"),
        opt("master_record_id", "MasterRecordId", "Master Record ID"),
    )


def _activity_fields() -> tuple[Field, ...]:
    """Fields Task and Event share."""
    return (
        req("who_id", "WhoId", "Name ID"),
        req("what_id", "WhatId", "Related To ID"),
        req("subject", "Subject"),
        opt("account_id", "AccountId", "Account ID"),
        opt("description", "Description", "Comments", "Full Comments"),
        opt("activity_date", "ActivityDate", "Due Date", "Date"),
        opt("type", "Type"),
        opt("owner_id", "OwnerId", "Owner ID", "Assigned To ID"),
    )


LEAD = KindSpec(
    name="salesforce.lead",
    title="Salesforce Lead",
    filename_hints=("Lead", "sf_lead", "leads"),
    fields=(
        _record_id("Lead ID"),
        req("last_name", "LastName", "Last Name"),
        req("company", "Company"),
        req("status", "Status", "Lead Status"),
        # Sets a Lead apart from other person lists (a Marketo lead export has name, company
        # and status too); a Lead report that left it out imports with --as salesforce.lead.
        ident("is_converted", "IsConverted", "Converted"),
        *_person_fields(),
        opt("owner_id", "OwnerId", "Owner ID", "Lead Owner"),
        opt("converted_date", "ConvertedDate", "Converted Date"),
        opt("converted_contact_id", "ConvertedContactId", "Converted Contact ID"),
        opt("converted_account_id", "ConvertedAccountId", "Converted Account ID"),
        *_bookkeeping(),
    ),
    outputs=(("person_records", "map_salesforce_lead"),),
)

CONTACT = KindSpec(
    name="salesforce.contact",
    title="Salesforce Contact",
    filename_hints=("Contact", "sf_contact", "contacts"),
    # AccountId sets a Contact apart from a Lead or CampaignMember; HasOptedOutOfEmail from a
    # User (which also has LastName and AccountId).
    fields=(
        _record_id("Contact ID"),
        req("last_name", "LastName", "Last Name"),
        req("account_id", "AccountId", "Account ID"),
        req("has_opted_out_of_email", "HasOptedOutOfEmail", "Email Opt Out"),
        *(f for f in _person_fields() if f.name != "has_opted_out_of_email"),
        opt("company", "Account Name", "Account.Name"),
        opt("owner_id", "OwnerId", "Owner ID", "Contact Owner"),
        *_bookkeeping(),
    ),
    outputs=(("person_records", "map_salesforce_contact"),),
)

ACCOUNT = KindSpec(
    name="salesforce.account",
    title="Salesforce Account",
    filename_hints=("Account", "sf_account", "accounts"),
    fields=(
        _record_id("Account ID"),
        req("name", "Name", "Account Name"),
        # Any of the company-only standard fields tells an Account from other Id+Name objects
        # (exports differ in which ones they carry; reports drop the address).
        req("account_signature", "BillingCity", "BillingCountry", "BillingState",
            "BillingPostalCode", "BillingStreet", "ShippingCity", "ShippingCountry",
            "AccountNumber", "AccountSource", "Billing City", "Billing Country",
            "Account Name"),
        opt("website", "Website"),
        opt("industry", "Industry"),
        opt("type", "Type", "Account Type"),
        opt("owner_id", "OwnerId", "Owner ID", "Account Owner"),
        *_bookkeeping(),
    ),
    outputs=(("accounts", "map_salesforce_account"),),
)

OPPORTUNITY = KindSpec(
    name="salesforce.opportunity",
    title="Salesforce Opportunity",
    filename_hints=("Opportunity", "sf_opportunity", "opportunities"),
    fields=(
        _record_id("Opportunity ID"),
        req("name", "Name", "Opportunity Name"),
        req("stage_name", "StageName", "Stage"),
        req("close_date", "CloseDate", "Close Date"),
        opt("account_id", "AccountId", "Account ID"),
        opt("amount", "Amount"),
        opt("is_closed", "IsClosed", "Closed"),
        opt("is_won", "IsWon", "Won"),
        opt("lead_source", "LeadSource", "Lead Source"),
        opt("campaign_id", "CampaignId", "Campaign ID"),
        opt("owner_id", "OwnerId", "Owner ID", "Opportunity Owner"),
        *_bookkeeping(),
    ),
    outputs=(("opportunities", "map_salesforce_opportunity"),),
)

OPPORTUNITY_CONTACT_ROLE = KindSpec(
    name="salesforce.opportunity_contact_role",
    title="Salesforce OpportunityContactRole",
    filename_hints=("OpportunityContactRole", "sf_opportunity_contact_role"),
    fields=(
        _record_id("Contact Role ID"),
        req("opportunity_id", "OpportunityId", "Opportunity ID"),
        req("contact_id", "ContactId", "Contact ID"),
        req("role", "Role"),
        req("is_primary", "IsPrimary", "Primary"),
        *_bookkeeping(),
    ),
    outputs=(("opportunity_roles", "map_salesforce_opportunity_contact_role"),),
)

TASK = KindSpec(
    name="salesforce.task",
    title="Salesforce Task",
    filename_hints=("Task", "sf_task", "tasks"),
    # Status and Priority are Task-only (Event has neither).
    fields=(
        _record_id("Activity ID", "Task ID"),
        *_activity_fields(),
        req("status", "Status"),
        req("priority", "Priority"),
        opt("task_subtype", "TaskSubtype", "Task Subtype"),
        opt("call_type", "CallType", "Call Type"),
        opt("call_disposition", "CallDisposition", "Call Result"),
        opt("call_duration", "CallDurationInSeconds", "Call Duration"),
        opt("completed_date_time", "CompletedDateTime", "Completed Date/Time"),
        opt("is_closed", "IsClosed", "Closed"),
        # Not standard: sequencer packages and admins add a direction field to logged emails.
        opt("direction", "Direction", "Direction__c", "Email Direction", "EmailDirection__c"),
        *_bookkeeping(),
    ),
    outputs=(("activities", "map_salesforce_task"),),
)

EVENT = KindSpec(
    name="salesforce.event",
    title="Salesforce Event",
    filename_hints=("Event", "sf_event", "events"),
    fields=(
        _record_id("Activity ID", "Event ID"),
        *_activity_fields(),
        req("start_date_time", "StartDateTime", "Start Date Time", "Start"),
        req("end_date_time", "EndDateTime", "End Date Time", "End"),
        opt("activity_date_time", "ActivityDateTime", "Activity Date Time"),
        opt("duration_in_minutes", "DurationInMinutes", "Duration"),
        opt("is_all_day_event", "IsAllDayEvent", "All-Day Event"),
        opt("show_as", "ShowAs", "Show Time As"),
        opt("location", "Location"),
        opt("event_subtype", "EventSubtype", "Event Subtype"),
        *_bookkeeping(),
    ),
    outputs=(("activities", "map_salesforce_event"),),
)

CAMPAIGN = KindSpec(
    name="salesforce.campaign",
    title="Salesforce Campaign",
    filename_hints=("Campaign", "sf_campaign", "campaigns"),
    fields=(
        _record_id("Campaign ID"),
        req("name", "Name", "Campaign Name"),
        req("status", "Status"),
        req("is_active", "IsActive", "Active"),
        opt("type", "Type", "Campaign Type"),
        opt("start_date", "StartDate", "Start Date"),
        opt("end_date", "EndDate", "End Date"),
        *_bookkeeping(),
    ),
    outputs=(("campaigns", "map_salesforce_campaign"),),
)

CAMPAIGN_MEMBER = KindSpec(
    name="salesforce.campaign_member",
    title="Salesforce CampaignMember",
    filename_hints=("CampaignMember", "sf_campaign_member", "campaign_members"),
    fields=(
        _record_id("Campaign Member ID"),
        req("campaign_id", "CampaignId", "Campaign ID"),
        req("lead_id", "LeadId", "Lead ID"),
        req("contact_id", "ContactId", "Contact ID"),
        req("status", "Status", "Member Status"),
        req("has_responded", "HasResponded", "Responded"),
        opt("lead_or_contact_id", "LeadOrContactId", "Lead or Contact ID"),
        opt("email", "Email"),
        opt("first_responded_date", "FirstRespondedDate", "First Responded Date"),
        *_bookkeeping("Member First Associated Date"),
    ),
    outputs=(("campaign_members", "map_salesforce_campaign_member"),),
)

LEAD_HISTORY = KindSpec(
    name="salesforce.lead_history",
    title="Salesforce LeadHistory",
    filename_hints=("LeadHistory", "sf_lead_history"),
    fields=(
        _record_id("History ID"),
        req("lead_id", "LeadId", "Lead ID"),
        req("field", "Field", "Field / Event"),
        req("old_value", "OldValue", "Old Value"),
        req("new_value", "NewValue", "New Value"),
        opt("created_by_id", "CreatedById", "Created By ID", "Edited By"),
        *_bookkeeping("Edit Date"),
    ),
    outputs=(("field_history", "map_salesforce_lead_history"),),
)

NOTE = KindSpec(
    name="salesforce.note",
    title="Salesforce Note (classic)",
    filename_hints=("Note", "sf_note", "notes"),
    # Title sets a Note apart from an Attachment (ParentId, Name, Body).
    fields=(
        _record_id("Note ID"),
        req("parent_id", "ParentId", "Parent ID"),
        req("title", "Title"),
        req("body", "Body"),
        opt("is_private", "IsPrivate", "Private"),
        opt("owner_id", "OwnerId", "Owner ID"),
        *_bookkeeping(),
    ),
    outputs=(("activities", "map_salesforce_note"),),
)


def _relation_kind(activity: str) -> KindSpec:
    """TaskRelation / EventRelation: the extra people of a task or event (Shared Activities)."""
    lower = activity.lower()
    return KindSpec(
        name=f"salesforce.{lower}_relation",
        title=f"Salesforce {activity}Relation",
        filename_hints=(f"{activity}Relation", f"sf_{lower}_relation", f"{activity}WhoRelation"),
        fields=(
            _record_id(),
            req("activity_id", f"{activity}Id", f"{activity} ID"),
            req("relation_id", "RelationId", "Relation ID"),
            opt("is_what", "IsWhat"),
            *_bookkeeping(),
        ),
        outputs=(("activity_links", "map_salesforce_activity_relation"),),
    )


TASK_RELATION = _relation_kind("Task")
EVENT_RELATION = _relation_kind("Event")

KINDS = (LEAD, CONTACT, ACCOUNT, OPPORTUNITY, OPPORTUNITY_CONTACT_ROLE, TASK, EVENT, CAMPAIGN,
         CAMPAIGN_MEMBER, LEAD_HISTORY, NOTE, TASK_RELATION, EVENT_RELATION)

REGISTRY.add(*KINDS)
