"""Salesforce: Data Export CSVs (API names) and warehouse-synced tables (snake_case).

Spellings normalize (ConvertedContactId == converted_contact_id), so one list serves both;
UI labels (report exports) are added where they differ.
"""

from __future__ import annotations

from lead_lens.ingest.spec import REGISTRY, KindSpec, opt, req

LEAD = KindSpec(
    name="salesforce.lead",
    title="Salesforce Lead",
    filename_hints=("Lead", "sf_lead", "leads"),
    fields=(
        req("id", "Id", "Lead ID"),
        req("last_name", "LastName", "Last Name"),
        req("company", "Company"),
        req("status", "Status", "Lead Status"),
        req("is_converted", "IsConverted", "Converted"),
        opt("first_name", "FirstName", "First Name"),
        opt("email", "Email"),
        opt("title", "Title"),
        opt("phone", "Phone"),
        opt("lead_source", "LeadSource", "Lead Source"),
        opt("owner_id", "OwnerId", "Owner ID", "Lead Owner"),
        opt("converted_date", "ConvertedDate", "Converted Date"),
        opt("converted_contact_id", "ConvertedContactId", "Converted Contact ID"),
        opt("converted_account_id", "ConvertedAccountId", "Converted Account ID"),
        opt("has_opted_out_of_email", "HasOptedOutOfEmail", "Email Opt Out"),
        opt("do_not_call", "DoNotCall", "Do Not Call"),
        opt("email_bounced_date", "EmailBouncedDate", "Email Bounced Date"),
        opt("created_date", "CreatedDate", "Create Date", "Created Date"),
        opt("last_modified_date", "LastModifiedDate", "Last Modified Date", "SystemModstamp"),
        opt("is_deleted", "IsDeleted", "Deleted"),
    ),
    outputs=(("person_records", "map_salesforce_lead"),),
)

REGISTRY.add(LEAD)
