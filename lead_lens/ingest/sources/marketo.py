"""Marketo: the Bulk Activity Extract (CSV) or REST activities (JSON), and lead exports.

Activities carry `attributes`: a JSON object in the bulk CSV (its quotes CSV-escaped, so the CSV
reader returns plain JSON text) or a `[{"name", "value"}]` list in the REST JSON; the mapping reads
both. Leads link to Salesforce through `sfdcLeadId` / `sfdcContactId`.
"""

from __future__ import annotations

from lead_lens.ingest.spec import ANY_FORMAT, REGISTRY, KindSpec, opt, req

ACTIVITY = KindSpec(
    name="marketo.activity",
    title="Marketo activities",
    description="marketoGUID, leadId, activityDate, activityTypeId, ..., attributes (JSON)",
    formats=ANY_FORMAT,
    filename_hints=("activities", "activity", "marketo"),
    record_paths=("result",),
    fields=(
        req("marketo_guid", "marketoGUID", "id"),
        req("lead_id", "leadId"),
        req("activity_date", "activityDate"),
        req("activity_type_id", "activityTypeId"),
        opt("campaign_id", "campaignId"),
        opt("primary_attribute_value_id", "primaryAttributeValueId"),
        opt("primary_attribute_value", "primaryAttributeValue"),
        opt("attributes"),
        # Fivetran's per-type tables spell some attributes as columns.
        opt("link"),
        opt("webpage_url", "Webpage URL"),
        opt("old_value", "oldValue"),
        opt("new_value", "newValue"),
    ),
    outputs=(("activities", "map_marketo_activity"),),
)

LEAD = KindSpec(
    name="marketo.lead",
    title="Marketo leads",
    description="id, email, firstName, lastName, ..., createdAt, updatedAt, sfdcLeadId",
    formats=ANY_FORMAT,
    filename_hints=("marketo", "leads", "marketo_leads"),
    record_paths=("result",),
    fields=(
        req("id", "Id", "Lead ID", "Marketo ID"),
        req("email", "Email Address"),
        req("created_at", "createdAt", "Created At"),
        req("updated_at", "updatedAt", "Updated At"),
        opt("first_name", "firstName", "First Name"),
        opt("last_name", "lastName", "Last Name"),
        opt("mkto_name", "mktoName", "Full Name"),
        opt("company", "Company Name"),
        opt("title", "Job Title"),
        opt("phone", "Phone Number"),
        opt("lead_source", "leadSource", "Lead Source"),
        opt("lead_status", "leadStatus", "Lead Status"),
        opt("unsubscribed", "Unsubscribed"),
        opt("email_invalid", "emailInvalid", "Email Invalid"),
        opt("sfdc_lead_id", "sfdcLeadId", "SFDC Lead ID"),
        opt("sfdc_contact_id", "sfdcContactId", "SFDC Contact ID"),
        opt("sfdc_account_id", "sfdcAccountId", "SFDC Account ID"),
        opt("sfdc_type", "sfdcType", "SFDC Type"),
        opt("owner", "leadOwnerEmail", "sfdcLeadOwnerId", "Lead Owner"),
        opt("is_deleted", "_fivetran_deleted"),
    ),
    outputs=(("person_records", "map_marketo_lead"),),
)

REGISTRY.add(ACTIVITY, LEAD)
