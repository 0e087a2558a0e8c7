"""Outreach: REST API JSON (JSON:API), Singer tap records, and CSV (camelCase or Data Sharing).

Spellings normalize (`prospectId` == `prospect_id` == `PROSPECT_ID`), so one logical field serves
all three shapes. JSON:API records reach the kind already flattened by the JSON reader:
`attributes.firstName` -> `firstName`, `relationships.prospect.data.id` -> `prospectId`.

Each kind requires a field the other Outreach kinds lack, so detection never confuses them:
mailings need `mailingType`, sequence states `activeAt`, calls `outcome` and `direction`.
"""

from __future__ import annotations

from lead_lens.ingest.spec import ANY_FORMAT, REGISTRY, KindSpec, opt, req

PROSPECTS = KindSpec(
    name="outreach.prospects",
    title="Outreach prospects",
    formats=ANY_FORMAT,
    filename_hints=("prospects", "prospect", "outreach_prospects"),
    record_paths=("data",),
    fields=(
        req("id"),
        req("emails"),
        req("first_name", "firstName"),
        req("last_name", "lastName"),
        opt("name"),
        opt("title"),
        opt("company", "company_name"),
        opt("account_id", "accountId"),
        opt("owner_id", "ownerId"),
        opt("stage_id", "stageId"),
        opt("source"),
        opt("work_phones", "workPhones"),
        opt("mobile_phones", "mobilePhones"),
        opt("opted_out", "optedOut"),
        opt("opted_out_at", "optedOutAt"),
        opt("external_id", "externalId"),
        opt("external_source", "externalSource"),
        opt("created_at", "createdAt"),
        opt("updated_at", "updatedAt"),
    ),
    outputs=(("person_records", "map_outreach_prospects"),),
)

SEQUENCES = KindSpec(
    name="outreach.sequences",
    title="Outreach sequences",
    formats=ANY_FORMAT,
    filename_hints=("sequences", "sequence"),
    record_paths=("data",),
    fields=(
        req("id"),
        req("name"),
        req("sequence_type", "sequenceType"),
        opt("enabled"),
        opt("created_at", "createdAt"),
        opt("updated_at", "updatedAt"),
    ),
    outputs=(("sequences", "map_outreach_sequences"),),
)

SEQUENCE_STATES = KindSpec(
    name="outreach.sequence_states",
    title="Outreach sequence states",
    formats=ANY_FORMAT,
    filename_hints=("sequenceStates", "sequence_states", "sequencestate"),
    record_paths=("data",),
    fields=(
        req("id"),
        req("state"),
        req("prospect_id", "prospectId"),
        req("sequence_id", "sequenceId"),
        req("active_at", "activeAt"),
        opt("state_changed_at", "stateChangedAt"),
        opt("replied_at", "repliedAt"),
        opt("created_at", "createdAt"),
        opt("updated_at", "updatedAt"),
    ),
    outputs=(("sequence_memberships", "map_outreach_sequence_states"),),
)

MAILINGS = KindSpec(
    name="outreach.mailings",
    title="Outreach mailings",
    formats=ANY_FORMAT,
    filename_hints=("mailings", "mailing"),
    record_paths=("data",),
    fields=(
        req("id"),
        req("prospect_id", "prospectId"),
        req("mailing_type", "mailingType"),
        opt("state"),
        opt("subject"),
        opt("body_text", "bodyText"),
        opt("body_html", "bodyHtml"),
        opt("mailbox_address", "mailboxAddress"),
        opt("message_id", "messageId"),
        opt("scheduled_at", "scheduledAt"),
        opt("delivered_at", "deliveredAt"),
        opt("opened_at", "openedAt"),
        opt("open_count", "openCount"),
        opt("click_count", "clickCount"),
        opt("replied_at", "repliedAt"),
        opt("bounced_at", "bouncedAt"),
        opt("unsubscribed_at", "unsubscribedAt"),
        opt("error_reason", "errorReason"),
        opt("sequence_id", "sequenceId"),
        opt("sequence_state_id", "sequenceStateId"),
        opt("user_id", "userId"),
        opt("created_at", "createdAt"),
        opt("updated_at", "updatedAt", "stateChangedAt"),
    ),
    outputs=(("activities", "map_outreach_mailings"),),
)

CALLS = KindSpec(
    name="outreach.calls",
    title="Outreach calls",
    formats=ANY_FORMAT,
    filename_hints=("calls", "call"),
    record_paths=("data",),
    fields=(
        req("id"),
        req("prospect_id", "prospectId"),
        req("direction"),
        req("outcome"),
        opt("state"),
        opt("note"),
        opt("call_from", "from"),
        opt("call_to", "to"),
        opt("dialed_at", "dialedAt"),
        opt("answered_at", "answeredAt"),
        opt("completed_at", "completedAt"),
        opt("recording_url", "recordingUrl"),
        opt("call_disposition_id", "callDispositionId"),
        opt("sequence_id", "sequenceId"),
        opt("user_id", "userId"),
        opt("created_at", "createdAt"),
        opt("updated_at", "updatedAt"),
    ),
    outputs=(("activities", "map_outreach_calls"),),
)

REGISTRY.add(PROSPECTS, SEQUENCES, SEQUENCE_STATES, MAILINGS, CALLS)
