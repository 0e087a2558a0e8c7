"""HubSpot: contacts, engagements (v1 and v3), engagement associations, marketing email events.

Contacts arrive three ways and are one kind: the UI export (label headers, label values, local
times in the portal's zone), API-named properties (CSV or the v3 JSON `{"results": [{"id",
"properties": {...}}]}`, flattened to `properties.<name>`), and Fivetran's `property_<name>`
columns. Each logical field therefore lists its label(s) and, through `_prop`, the API name in its
three spellings. Times go through `ll_ts_in(x, $hubspot_tz)`: naive strings are portal-local,
ISO-with-offset and epoch milliseconds keep their own zone. Fivetran writes naive times in UTC,
so a row with `_fivetran_synced` reads its naive times as UTC instead.

Engagements: the legacy v1 JSON (`engagement`/`associations`/`metadata`) and the v3 objects
(JSON or Fivetran-like CSV) are two kinds with the same logical fields, mapped by one block.
"""

from __future__ import annotations

from lead_lens.ingest.spec import ANY_FORMAT, JSON, REGISTRY, Field, KindSpec, opt, req


def _prop(name: str, api: str, *labels: str, required: bool = False) -> Field:
    """A field known by UI labels and an API property name (plain, Fivetran, v3 JSON)."""
    spellings = (*labels, api, f"property_{api}", f"properties.{api}")
    return Field(name, spellings, required=required)


CONTACT = KindSpec(
    name="hubspot.contact",
    title="HubSpot contacts",
    description="UI export (labels), API-named properties, Fivetran property_ columns, v3 JSON",
    formats=ANY_FORMAT,
    filename_hints=("hubspot-crm-exports", "contacts", "contact"),
    record_paths=("results",),
    fields=(
        Field("id", ("Record ID", "hs_object_id", "property_hs_object_id",
                     "properties.hs_object_id", "vid", "Contact ID"), required=True),
        _prop("createdate", "createdate", "Create Date", required=True),
        _prop("email", "email", "Email"),
        _prop("additional_emails", "hs_additional_emails", "Additional email addresses"),
        _prop("firstname", "firstname", "First Name"),
        _prop("lastname", "lastname", "Last Name"),
        _prop("phone", "phone", "Phone Number"),
        _prop("mobilephone", "mobilephone", "Mobile Phone Number"),
        # The default-view export has only the primary company's name, as "Associated Company".
        _prop("company", "company", "Company Name", "Associated Company"),
        _prop("jobtitle", "jobtitle", "Job Title"),
        _prop("owner", "hubspot_owner_id", "Contact owner", "HubSpot Owner"),
        _prop("lifecyclestage", "lifecyclestage", "Lifecycle Stage"),
        _prop("lead_status", "hs_lead_status", "Lead Status"),
        _prop("lead_source", "hs_analytics_source", "Original Source"),
        _prop("mql_date", "hs_lifecyclestage_marketingqualifiedlead_date",
              "Became a Marketing Qualified Lead Date"),
        _prop("sql_date", "hs_lifecyclestage_salesqualifiedlead_date",
              "Became a Sales Qualified Lead Date"),
        _prop("opportunity_date", "hs_lifecyclestage_opportunity_date",
              "Became an Opportunity Date"),
        _prop("customer_date", "hs_lifecyclestage_customer_date", "Became a Customer Date"),
        _prop("email_optout", "hs_email_optout", "Unsubscribed from all email",
              "Opted out of all email"),
        _prop("hard_bounce_reason", "hs_email_hard_bounce_reason_enum",
              "Email hard bounce reason", "hs_email_hard_bounce_reason"),
        _prop("bad_address", "hs_email_bad_address", "Invalid email address"),
        _prop("sf_lead_id", "salesforceleadid", "Salesforce Lead ID"),
        _prop("sf_contact_id", "salesforcecontactid", "Salesforce Contact ID"),
        _prop("company_ids", "associatedcompanyid", "Associated Company IDs",
              "Primary Associated Company ID", "Associated Company ID"),
        _prop("lastmodifieddate", "lastmodifieddate", "Last Modified Date", "updatedAt"),
        # 'vid:epoch_ms;vid:epoch_ms': the ids of the contacts merged into this one.
        _prop("merged_vids", "hs_calculated_merged_vids"),
        opt("archived", "archived", "_fivetran_deleted", "is_deleted"),
        opt("fivetran_synced", "_fivetran_synced"),
    ),
    outputs=(("person_records", "map_hubspot_contact"),),
)

# Logical engagement fields, shared by the v1 and v3 kinds so one mapping block serves both.
ENGAGEMENT_V1 = KindSpec(
    name="hubspot.engagement_v1",
    title="HubSpot engagements (legacy v1 JSON)",
    description="engagement{id,type,timestamp,ownerId}, associations{contactIds..}, metadata{..}",
    formats=JSON,
    filename_hints=("engagements",),
    record_paths=("results",),
    fields=(
        req("eng_id", "engagement.id"),
        req("eng_type", "engagement.type"),
        req("ts", "engagement.timestamp"),
        opt("owner_id", "engagement.ownerId"),
        opt("updated", "engagement.lastUpdated"),
        opt("contact_ids", "associations.contactIds"),
        opt("company_ids", "associations.companyIds"),
        opt("deal_ids", "associations.dealIds"),
        opt("title", "metadata.title"),
        opt("subject", "metadata.subject"),
        opt("body", "metadata.body"),
        opt("email_text", "metadata.text"),
        opt("email_html", "metadata.html"),
        opt("from_email", "metadata.from.email"),
        opt("to_emails", "metadata.to"),
        opt("email_direction"),
        opt("call_direction", "metadata.direction"),
        opt("duration_ms", "metadata.durationMilliseconds"),
        opt("disposition", "metadata.disposition"),
        opt("status", "metadata.status"),
        opt("start_time", "metadata.startTime"),
        opt("end_time", "metadata.endTime"),
        opt("outcome", "metadata.meetingOutcome"),
        opt("internal_notes", "metadata.internalMeetingNotes"),
        opt("fivetran_synced"),
    ),
    outputs=(("activities", "map_hubspot_engagement"),),
)

ENGAGEMENT = KindSpec(
    name="hubspot.engagement",
    title="HubSpot engagements (v3 notes/emails/calls/meetings, or Fivetran tables)",
    description="one object type per file; the type comes from a type column or the properties",
    formats=ANY_FORMAT,
    filename_hints=("engagement", "notes", "emails", "calls", "meetings"),
    record_paths=("results",),
    fields=(
        Field("eng_id", ("id", "engagement_id", "hs_object_id", "properties.hs_object_id",
                         "property_hs_object_id"), required=True),
        _prop("ts", "hs_timestamp", required=True),
        Field("eng_type", ("type", "engagement_type", "hs_engagement_type",
                           "properties.hs_engagement_type", "property_hs_engagement_type")),
        _prop("owner_id", "hubspot_owner_id", "owner_id"),
        _prop("updated", "hs_lastmodifieddate", "updatedAt", "last_updated"),
        opt("contact_ids", "associations.contacts.results", "contact_ids"),
        opt("company_ids", "associations.companies.results", "company_ids"),
        opt("deal_ids", "associations.deals.results", "deal_ids"),
        Field("title", ("hs_meeting_title", "property_hs_meeting_title",
                        "properties.hs_meeting_title", "hs_call_title",
                        "property_hs_call_title", "properties.hs_call_title",
                        "hs_task_subject", "property_hs_task_subject",
                        "properties.hs_task_subject")),
        _prop("subject", "hs_email_subject"),
        Field("body", ("hs_note_body", "property_hs_note_body", "properties.hs_note_body",
                       "hs_call_body", "property_hs_call_body", "properties.hs_call_body",
                       "hs_meeting_body", "property_hs_meeting_body",
                       "properties.hs_meeting_body", "hs_task_body", "property_hs_task_body",
                       "properties.hs_task_body", "hs_body_preview", "property_hs_body_preview",
                       "properties.hs_body_preview")),
        _prop("email_text", "hs_email_text"),
        _prop("email_html", "hs_email_html"),
        _prop("from_email", "hs_email_from_email"),
        _prop("to_emails", "hs_email_to_email"),
        _prop("email_direction", "hs_email_direction"),
        _prop("call_direction", "hs_call_direction"),
        _prop("duration_ms", "hs_call_duration"),
        _prop("disposition", "hs_call_disposition"),
        Field("status", ("hs_call_status", "property_hs_call_status",
                         "properties.hs_call_status", "hs_email_status",
                         "property_hs_email_status", "properties.hs_email_status",
                         "hs_task_status", "property_hs_task_status",
                         "properties.hs_task_status")),
        _prop("start_time", "hs_meeting_start_time"),
        _prop("end_time", "hs_meeting_end_time"),
        _prop("outcome", "hs_meeting_outcome"),
        _prop("internal_notes", "hs_internal_meeting_notes"),
        opt("fivetran_synced", "_fivetran_synced"),
    ),
    outputs=(("activities", "map_hubspot_engagement"),),
)

ENGAGEMENT_CONTACT = KindSpec(
    name="hubspot.engagement_contact",
    title="HubSpot engagement-to-contact associations",
    description="engagement_id, contact_id (Fivetran engagement_contact) -> activity_links",
    formats=ANY_FORMAT,
    filename_hints=("engagement_contact", "associations"),
    fields=(
        req("engagement_id", "engagementId", "Engagement ID"),
        req("contact_id", "contactId", "Contact ID"),
        opt("engagement_type", "engagementType"),
        opt("synced", "_fivetran_synced"),
    ),
    outputs=(("activity_links", "map_hubspot_engagement_contact"),),
)

EMAIL_EVENT = KindSpec(
    name="hubspot.email_event",
    title="HubSpot marketing email events",
    description="id, type (SENT/DELIVERED/OPEN/CLICK/BOUNCE/...), created, recipient",
    formats=ANY_FORMAT,
    filename_hints=("email_event", "email_events", "events"),
    record_paths=("events",),
    fields=(
        req("id", "Event ID"),
        req("type", "event_type", "Event Type"),
        req("created", "created_at", "Created"),
        req("recipient", "Recipient"),
        opt("email_campaign_id", "emailCampaignId", "Email Campaign ID"),
        opt("sent_by_id", "sentBy.id", "sent_by_id"),
        opt("url", "URL"),
        opt("category", "Bounce category"),
        opt("response", "Response"),
        opt("portal_subscription_status", "portalSubscriptionStatus"),
        opt("subscriptions", "Subscriptions"),
        opt("app_name", "appName"),
        opt("fivetran_synced", "_fivetran_synced"),
    ),
    outputs=(("activities", "map_hubspot_email_event"),),
)

REGISTRY.add(CONTACT, ENGAGEMENT_V1, ENGAGEMENT, ENGAGEMENT_CONTACT, EMAIL_EVENT)
