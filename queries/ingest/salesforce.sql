-- Salesforce exports -> canonical rows. Each block reads `src` (logical field names, all text for
-- CSV, the file's own types for Parquet) and returns the target table's columns (less import_id
-- and row_hash) plus reject_reason.
-- Shared rules:
--   * Ids match on their first 15 characters: ll_sfid() -> 'sf:<id15>'; 18-character ids (Data
--     Export) and 15-character ids (reports) give the same key.
--   * A row whose Id is not a 15/18-character id is rejected, naming the value.
--   * Fivetran history mode keeps earlier versions of a record with _fivetran_active = false; they
--     are rejected (reported, not loaded) so the active version is the one kept.
--   * _fivetran_deleted = true counts as IsDeleted. Tables with an is_deleted column keep deleted
--     rows (a merge loser is IsDeleted with MasterRecordId set); activities and history have no
--     such column, so their deleted rows are rejected with that reason.

-- name: map_salesforce_lead
-- Lead -> person_records. A merged-away lead links to its master through linked_refs.
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    'Lead' AS object,
    ll_text(id) AS source_id,
    ll_email(email) AS email,
    list_filter([ll_email(email)], e -> e IS NOT NULL) AS emails,
    ll_text(first_name) AS first_name,
    ll_text(last_name) AS last_name,
    coalesce(ll_text(name), ll_full_name(first_name, last_name)) AS name,
    ll_text(company) AS company,
    ll_text(title) AS title,
    coalesce(ll_text(phone), ll_text(mobile_phone)) AS phone,
    ll_sfid(converted_account_id) AS account_ref,
    ll_text(owner_id) AS owner,
    ll_text(lead_source) AS lead_source,
    ll_text(status) AS status,
    NULL AS lifecycle_stage,
    coalesce(ll_bool(is_converted), false) AS is_converted,
    ll_sfid(converted_contact_id) AS converted_ref,
    CAST(ll_date(converted_date) AS TIMESTAMP) AS converted_at,
    list_filter([ll_sfid(master_record_id)], r -> r IS NOT NULL) AS linked_refs,
    coalesce(ll_bool(has_opted_out_of_email), false) AS opted_out,
    NULL::TIMESTAMP AS opted_out_at,
    ll_ts(email_bounced_date) AS bounced_at,
    ll_bool(do_not_call) AS do_not_call,
    NULL::TIMESTAMP AS mql_at,
    NULL::TIMESTAMP AS sql_at,
    NULL::TIMESTAMP AS opportunity_at,
    NULL::TIMESTAMP AS customer_at,
    ll_ts(created_date) AS created_at,
    coalesce(ll_ts(last_modified_date), ll_ts(system_modstamp)) AS updated_at,
    coalesce(ll_bool(is_deleted), false) OR coalesce(ll_bool(fivetran_deleted), false) AS is_deleted,
    _line AS raw_line,
    CASE
        WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || ll_text(id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
    END AS reject_reason
FROM src;

-- name: map_salesforce_contact
-- Contact -> person_records; account_ref is the contact's AccountId.
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    'Contact' AS object,
    ll_text(id) AS source_id,
    ll_email(email) AS email,
    list_filter([ll_email(email)], e -> e IS NOT NULL) AS emails,
    ll_text(first_name) AS first_name,
    ll_text(last_name) AS last_name,
    coalesce(ll_text(name), ll_full_name(first_name, last_name)) AS name,
    ll_text(company) AS company,
    ll_text(title) AS title,
    coalesce(ll_text(phone), ll_text(mobile_phone)) AS phone,
    ll_sfid(account_id) AS account_ref,
    ll_text(owner_id) AS owner,
    ll_text(lead_source) AS lead_source,
    NULL AS status,
    NULL AS lifecycle_stage,
    NULL::BOOLEAN AS is_converted,
    NULL AS converted_ref,
    NULL::TIMESTAMP AS converted_at,
    list_filter([ll_sfid(master_record_id)], r -> r IS NOT NULL) AS linked_refs,
    coalesce(ll_bool(has_opted_out_of_email), false) AS opted_out,
    NULL::TIMESTAMP AS opted_out_at,
    ll_ts(email_bounced_date) AS bounced_at,
    ll_bool(do_not_call) AS do_not_call,
    NULL::TIMESTAMP AS mql_at,
    NULL::TIMESTAMP AS sql_at,
    NULL::TIMESTAMP AS opportunity_at,
    NULL::TIMESTAMP AS customer_at,
    ll_ts(created_date) AS created_at,
    coalesce(ll_ts(last_modified_date), ll_ts(system_modstamp)) AS updated_at,
    coalesce(ll_bool(is_deleted), false) OR coalesce(ll_bool(fivetran_deleted), false) AS is_deleted,
    _line AS raw_line,
    CASE
        WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || ll_text(id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
    END AS reject_reason
FROM src;

-- name: map_salesforce_account
-- Account -> accounts; domain from Website.
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    ll_text(id) AS source_id,
    ll_text(name) AS name,
    ll_text(website) AS website,
    ll_domain(ll_text(website)) AS domain,
    ll_text(industry) AS industry,
    ll_text(type) AS type,
    ll_text(owner_id) AS owner,
    ll_ts(created_date) AS created_at,
    coalesce(ll_ts(last_modified_date), ll_ts(system_modstamp)) AS updated_at,
    coalesce(ll_bool(is_deleted), false) OR coalesce(ll_bool(fivetran_deleted), false) AS is_deleted,
    _line AS raw_line,
    CASE
        WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || ll_text(id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
    END AS reject_reason
FROM src;

-- name: map_salesforce_opportunity
-- Opportunity -> opportunities. Without IsClosed/IsWon (report exports) the default stage names
-- 'Closed Won' / 'Closed Lost' decide them.
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    ll_text(id) AS source_id,
    ll_sfid(account_id) AS account_ref,
    ll_text(name) AS name,
    ll_text(stage_name) AS stage,
    ll_num(amount) AS amount,
    coalesce(ll_bool(is_closed), lower(ll_text(stage_name)) LIKE 'closed%') AS is_closed,
    coalesce(ll_bool(is_won), lower(ll_text(stage_name)) = 'closed won') AS is_won,
    ll_date(close_date) AS close_date,
    ll_text(lead_source) AS lead_source,
    ll_text(owner_id) AS owner,
    ll_sfid(campaign_id) AS campaign_ref,
    ll_ts(created_date) AS created_at,
    coalesce(ll_ts(last_modified_date), ll_ts(system_modstamp)) AS updated_at,
    coalesce(ll_bool(is_deleted), false) OR coalesce(ll_bool(fivetran_deleted), false) AS is_deleted,
    _line AS raw_line,
    CASE
        WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || ll_text(id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
    END AS reject_reason
FROM src;

-- name: map_salesforce_opportunity_contact_role
-- OpportunityContactRole -> opportunity_roles; the person is the ContactId.
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    ll_text(id) AS source_id,
    ll_sfid(opportunity_id) AS opportunity_ref,
    ll_sfid(contact_id) AS person_ref,
    ll_text(role) AS role,
    coalesce(ll_bool(is_primary), false) AS is_primary,
    ll_ts(created_date) AS created_at,
    coalesce(ll_ts(last_modified_date), ll_ts(system_modstamp)) AS updated_at,
    coalesce(ll_bool(is_deleted), false) OR coalesce(ll_bool(fivetran_deleted), false) AS is_deleted,
    _line AS raw_line,
    CASE
        WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || ll_text(id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_sfid(opportunity_id) IS NULL THEN 'OpportunityId '
             || coalesce('''' || ll_text(opportunity_id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_sfid(contact_id) IS NULL THEN 'ContactId '
             || coalesce('''' || ll_text(contact_id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
    END AS reject_reason
FROM src;

-- name: map_salesforce_task
-- Task -> activities. Time: CompletedDateTime, else CreatedDate; ActivityDate is only the due
-- date and is used last. Kind, first rule that holds:
--   sales_call  TaskSubtype or Type is 'Call', or CallType is set. Direction from CallType
--               (Inbound/Outbound; Internal -> NULL); status is CallDisposition ("Call Result").
--   reply       (direction inbound) a Subject that itself says received: starting with an inbound
--               arrow ('← Email: ...', '⇐', '<-', '<<': how Outreach/Salesloft log received mail),
--               'Reply:', '[In]' / '[Email] [In]', or containing 'Email Received'; or an email-like
--               task (below) with a weaker hint: Subject 'Received: ...', 'RE:'/'AW:'/'SV:' plus the
--               word 'received', or a Direction field saying inbound/incoming/received. A bare
--               'RE:' stays a sales_email: reps answering a thread log 'RE:' too.
--   sales_email TaskSubtype Email/ListEmail, Type containing 'email', or a Subject that begins
--               (after arrows/brackets) with 'Email' — tools logging through the API leave
--               TaskSubtype at 'Task'. Direction outbound.
--   task        everything else.
WITH t AS (
    SELECT *,
        ll_ts(completed_date_time) AS completed_ts,
        ll_ts(created_date) AS created_ts,
        ll_ts(activity_date) AS due_ts,
        lower(coalesce(ll_text(task_subtype), '')) AS subtype_l,
        lower(coalesce(ll_text(type), '')) AS type_l,
        lower(coalesce(ll_text(call_type), '')) AS call_type_l,
        lower(coalesce(ll_text(subject), '')) AS subject_l,
        lower(coalesce(ll_text(direction), '')) IN ('inbound', 'incoming', 'received', 'in')
            AS direction_inbound,
        left(ll_text(who_id), 3) AS who_prefix,
        left(ll_text(what_id), 3) AS what_prefix
    FROM src
), classified AS (
    SELECT *,
        subtype_l = 'call' OR type_l = 'call' OR call_type_l <> '' AS is_call,
        subtype_l IN ('email', 'listemail', 'list email') OR type_l LIKE '%email%'
            OR regexp_matches(subject_l, '^[\s\W]*e-?mail\b') AS is_email,
        regexp_matches(subject_l, '^\s*(←|⇐|<-|<<)')
            OR regexp_matches(subject_l, '^\s*reply\s*:')
            -- Outreach/Salesloft logging tags: '[Email] [In] Re: ...', '[Outreach] [Email] [In] ...'
            OR regexp_matches(subject_l, '^\s*(\[[^\]]*\]\s*)*\[in(bound)?\]')
            OR contains(subject_l, 'email received') AS says_received,
        regexp_matches(subject_l, '^\s*received\s*:')
            OR (regexp_matches(subject_l, '^\s*(re|aw|sv)\s*:') AND contains(subject_l, 'received'))
            OR direction_inbound AS hints_received
    FROM t
), kinded AS (
    SELECT *,
        CASE
            WHEN is_call THEN 'sales_call'
            WHEN says_received OR (is_email AND hints_received) THEN 'reply'
            WHEN is_email THEN 'sales_email'
            ELSE 'task'
        END AS activity_kind,
        coalesce(completed_ts, created_ts, due_ts) AS activity_ts
    FROM classified
)
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    'Task' AS object,
    ll_text(id) AS source_id,
    CASE WHEN who_prefix IN ('00Q', '003') AND ll_sfid(who_id) IS NOT NULL
         THEN [ll_sfid(who_id)] ELSE CAST([] AS VARCHAR[]) END AS person_refs,
    activity_ts AS ts,
    activity_kind AS kind,
    ll_text(owner_id) AS actor,
    ll_text(subject) AS title,
    coalesce(ll_text(description),
             CASE WHEN activity_kind = 'sales_call' THEN ll_text(call_disposition) END) AS body,
    CASE activity_kind
        WHEN 'sales_email' THEN 'outbound'
        WHEN 'reply' THEN 'inbound'
        WHEN 'sales_call' THEN CASE call_type_l WHEN 'inbound' THEN 'inbound'
                                                WHEN 'outbound' THEN 'outbound' END
    END AS direction,
    CASE WHEN activity_kind = 'sales_call' THEN coalesce(ll_text(call_disposition), ll_text(status))
         ELSE ll_text(status) END AS status,
    NULL AS sequence_ref,
    CASE WHEN what_prefix = '701' THEN ll_sfid(what_id) END AS campaign_ref,
    CASE WHEN what_prefix = '006' THEN ll_sfid(what_id) END AS opportunity_ref,
    coalesce(ll_sfid(account_id), CASE WHEN what_prefix = '001' THEN ll_sfid(what_id) END)
        AS account_ref,
    NULL::TIMESTAMP AS starts_at,
    NULL::TIMESTAMP AS ends_at,
    NULL::BOOLEAN AS cancelled,
    CAST(json_object('task_subtype', ll_text(task_subtype), 'type', ll_text(type),
                     'priority', ll_text(priority), 'status', ll_text(status),
                     'due_date', CAST(CAST(due_ts AS DATE) AS VARCHAR),
                     'call_type', ll_text(call_type),
                     'call_disposition', ll_text(call_disposition),
                     'call_duration_seconds', ll_num(call_duration),
                     'what_id', ll_text(what_id), 'who_id', ll_text(who_id),
                     'ts_from', CASE WHEN completed_ts IS NOT NULL THEN 'CompletedDateTime'
                                     WHEN created_ts IS NOT NULL THEN 'CreatedDate'
                                     WHEN due_ts IS NOT NULL THEN 'ActivityDate' END) AS JSON)
        AS detail,
    coalesce(ll_ts(last_modified_date), ll_ts(system_modstamp)) AS updated_at,
    _line AS raw_line,
    CASE
        WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || ll_text(id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN activity_ts IS NULL THEN 'no usable time: CompletedDateTime '
             || coalesce('''' || ll_text(completed_date_time) || '''', '(empty)')
             || ', CreatedDate ' || coalesce('''' || ll_text(created_date) || '''', '(empty)')
             || ', ActivityDate ' || coalesce('''' || ll_text(activity_date) || '''', '(empty)')
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
        WHEN coalesce(ll_bool(is_deleted), false) OR coalesce(ll_bool(fivetran_deleted), false)
            THEN 'IsDeleted is true: task ' || ll_text(id) || ' was deleted in Salesforce'
    END AS reject_reason
FROM kinded;

-- name: map_salesforce_event
-- Event -> activities kind 'meeting'. starts_at is StartDateTime, else ActivityDateTime, else
-- ActivityDate (all-day events); ends_at is EndDateTime, else start + DurationInMinutes.
-- Cancelled when Subject, Type or ShowAs says cancelled/canceled (Outlook sync prefixes
-- 'Canceled:' to the subject).
WITH e AS (
    SELECT *,
        coalesce(ll_ts(start_date_time), ll_ts(activity_date_time), ll_ts(activity_date))
            AS start_ts,
        left(ll_text(who_id), 3) AS who_prefix,
        left(ll_text(what_id), 3) AS what_prefix,
        regexp_matches(lower(concat_ws(' ', ll_text(subject), ll_text(type), ll_text(show_as))),
                       'cancell?ed') AS is_cancelled
    FROM src
)
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    'Event' AS object,
    ll_text(id) AS source_id,
    CASE WHEN who_prefix IN ('00Q', '003') AND ll_sfid(who_id) IS NOT NULL
         THEN [ll_sfid(who_id)] ELSE CAST([] AS VARCHAR[]) END AS person_refs,
    start_ts AS ts,
    'meeting' AS kind,
    ll_text(owner_id) AS actor,
    ll_text(subject) AS title,
    ll_text(description) AS body,
    NULL AS direction,
    CASE WHEN is_cancelled THEN 'cancelled' END AS status,
    NULL AS sequence_ref,
    CASE WHEN what_prefix = '701' THEN ll_sfid(what_id) END AS campaign_ref,
    CASE WHEN what_prefix = '006' THEN ll_sfid(what_id) END AS opportunity_ref,
    coalesce(ll_sfid(account_id), CASE WHEN what_prefix = '001' THEN ll_sfid(what_id) END)
        AS account_ref,
    start_ts AS starts_at,
    coalesce(ll_ts(end_date_time),
             start_ts + to_minutes(CAST(ll_num(duration_in_minutes) AS BIGINT))) AS ends_at,
    is_cancelled AS cancelled,
    CAST(json_object('type', ll_text(type), 'event_subtype', ll_text(event_subtype),
                     'show_as', ll_text(show_as), 'location', ll_text(location),
                     'is_all_day', ll_bool(is_all_day_event),
                     'duration_minutes', ll_num(duration_in_minutes),
                     'what_id', ll_text(what_id), 'who_id', ll_text(who_id)) AS JSON) AS detail,
    coalesce(ll_ts(last_modified_date), ll_ts(system_modstamp)) AS updated_at,
    _line AS raw_line,
    CASE
        WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || ll_text(id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN start_ts IS NULL THEN 'no usable time: StartDateTime '
             || coalesce('''' || ll_text(start_date_time) || '''', '(empty)')
             || ', ActivityDateTime '
             || coalesce('''' || ll_text(activity_date_time) || '''', '(empty)')
             || ', ActivityDate ' || coalesce('''' || ll_text(activity_date) || '''', '(empty)')
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
        WHEN coalesce(ll_bool(is_deleted), false) OR coalesce(ll_bool(fivetran_deleted), false)
            THEN 'IsDeleted is true: event ' || ll_text(id) || ' was deleted in Salesforce'
    END AS reject_reason
FROM e;

-- name: map_salesforce_campaign
-- Campaign -> campaigns.
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    ll_text(id) AS source_id,
    ll_text(name) AS name,
    ll_text(type) AS type,
    ll_text(status) AS status,
    ll_date(start_date) AS start_date,
    ll_date(end_date) AS end_date,
    ll_ts(created_date) AS created_at,
    coalesce(ll_ts(last_modified_date), ll_ts(system_modstamp)) AS updated_at,
    _line AS raw_line,
    CASE
        WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || ll_text(id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
    END AS reject_reason
FROM src;

-- name: map_salesforce_campaign_member
-- CampaignMember -> campaign_members. The person is the ContactId when set (a converted lead's
-- membership moves to its contact), else the LeadId, else LeadOrContactId, else the email.
-- created_at is when the person was added; FirstRespondedDate is a date.
WITH m AS (
    SELECT *,
        coalesce(ll_sfid(contact_id), ll_sfid(lead_id), ll_sfid(lead_or_contact_id),
                 ll_ref('email', ll_email(email))) AS member_ref
    FROM src
)
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    ll_text(id) AS source_id,
    ll_sfid(campaign_id) AS campaign_ref,
    member_ref AS person_ref,
    ll_email(email) AS email,
    ll_text(status) AS status,
    ll_bool(has_responded) AS has_responded,
    CAST(ll_date(first_responded_date) AS TIMESTAMP) AS first_responded_at,
    ll_ts(created_date) AS created_at,
    coalesce(ll_ts(last_modified_date), ll_ts(system_modstamp)) AS updated_at,
    coalesce(ll_bool(is_deleted), false) OR coalesce(ll_bool(fivetran_deleted), false) AS is_deleted,
    _line AS raw_line,
    CASE
        WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || ll_text(id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_sfid(campaign_id) IS NULL THEN 'CampaignId '
             || coalesce('''' || ll_text(campaign_id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN member_ref IS NULL THEN 'no person: ContactId '
             || coalesce('''' || ll_text(contact_id) || '''', '(empty)') || ', LeadId '
             || coalesce('''' || ll_text(lead_id) || '''', '(empty)') || ' and Email '
             || coalesce('''' || ll_text(email) || '''', '(empty)') || ' are all unusable'
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
    END AS reject_reason
FROM m;

-- name: map_salesforce_lead_history
-- LeadHistory -> field_history. A lookup change (Owner) arrives as two rows with the same time,
-- one with names and one with ids; both are kept (they have their own Ids).
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    ll_text(id) AS source_id,
    ll_sfid(lead_id) AS person_ref,
    ll_text(field) AS field,
    ll_text(old_value) AS old_value,
    ll_text(new_value) AS new_value,
    ll_ts(created_date) AS changed_at,
    ll_text(created_by_id) AS actor,
    ll_ts(created_date) AS updated_at,
    _line AS raw_line,
    CASE
        WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || ll_text(id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_sfid(lead_id) IS NULL THEN 'LeadId '
             || coalesce('''' || ll_text(lead_id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_ts(created_date) IS NULL THEN 'no usable time: CreatedDate '
             || coalesce('''' || ll_text(created_date) || '''', '(empty)')
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
        WHEN coalesce(ll_bool(is_deleted), false) OR coalesce(ll_bool(fivetran_deleted), false)
            THEN 'IsDeleted is true: history row ' || ll_text(id) || ' was deleted in Salesforce'
    END AS reject_reason
FROM src;

-- name: map_salesforce_note
-- Classic Note -> activities kind 'note'. ParentId is a person (00Q lead, 003 contact), an
-- account (001) or an opportunity (006); the note is attached accordingly.
WITH n AS (SELECT *, left(ll_text(parent_id), 3) AS parent_prefix FROM src)
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    'Note' AS object,
    ll_text(id) AS source_id,
    CASE WHEN parent_prefix IN ('00Q', '003') AND ll_sfid(parent_id) IS NOT NULL
         THEN [ll_sfid(parent_id)] ELSE CAST([] AS VARCHAR[]) END AS person_refs,
    ll_ts(created_date) AS ts,
    'note' AS kind,
    ll_text(owner_id) AS actor,
    ll_text(title) AS title,
    ll_text(body) AS body,
    NULL AS direction,
    NULL AS status,
    NULL AS sequence_ref,
    NULL AS campaign_ref,
    CASE WHEN parent_prefix = '006' THEN ll_sfid(parent_id) END AS opportunity_ref,
    CASE WHEN parent_prefix = '001' THEN ll_sfid(parent_id) END AS account_ref,
    NULL::TIMESTAMP AS starts_at,
    NULL::TIMESTAMP AS ends_at,
    NULL::BOOLEAN AS cancelled,
    CAST(json_object('parent_id', ll_text(parent_id), 'is_private', ll_bool(is_private))
         AS JSON) AS detail,
    coalesce(ll_ts(last_modified_date), ll_ts(system_modstamp)) AS updated_at,
    _line AS raw_line,
    CASE
        WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || ll_text(id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_ts(created_date) IS NULL THEN 'no usable time: CreatedDate '
             || coalesce('''' || ll_text(created_date) || '''', '(empty)')
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
        WHEN coalesce(ll_bool(is_deleted), false) OR coalesce(ll_bool(fivetran_deleted), false)
            THEN 'IsDeleted is true: note ' || ll_text(id) || ' was deleted in Salesforce'
    END AS reject_reason
FROM n;

-- name: map_salesforce_activity_relation
-- TaskRelation / TaskWhoRelation / EventRelation -> activity_links: the extra leads and contacts
-- of a shared activity. Relations to anything else (accounts, opportunities: IsWhat; users invited
-- to an event) are not person links and are reported as rejects naming the id.
WITH r AS (
    SELECT *, left(ll_text(relation_id), 3) AS relation_prefix,
        ll_sfid(activity_id) AS activity_ref
    FROM src
)
SELECT
    activity_ref || '|' || ll_sfid(relation_id) AS record_key,
    'salesforce' AS system,
    activity_ref,
    ll_sfid(relation_id) AS person_ref,
    coalesce(ll_ts(last_modified_date), ll_ts(system_modstamp)) AS updated_at,
    _line AS raw_line,
    CASE
        WHEN activity_ref IS NULL THEN 'TaskId/EventId '
             || coalesce('''' || ll_text(activity_id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN ll_sfid(relation_id) IS NULL THEN 'RelationId '
             || coalesce('''' || ll_text(relation_id) || '''', '(empty)')
             || ' is not a 15- or 18-character Salesforce id'
        WHEN relation_prefix NOT IN ('00Q', '003') OR coalesce(ll_bool(is_what), false)
            THEN 'RelationId ''' || ll_text(relation_id)
                 || ''' is not a lead (00Q) or contact (003): not a person link'
        WHEN ll_bool(fivetran_active) = false THEN '_fivetran_active is false: an earlier version '
             || 'of ' || ll_text(id) || ' kept by Fivetran history mode'
        WHEN coalesce(ll_bool(is_deleted), false) OR coalesce(ll_bool(fivetran_deleted), false)
            THEN 'IsDeleted is true: relation ' || ll_text(id) || ' was deleted in Salesforce'
    END AS reject_reason
FROM r;
