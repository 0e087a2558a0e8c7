-- Outreach exports -> canonical rows. Each block reads `src` (logical field names, all text:
-- JSON arrays arrive as JSON text) and returns the target table's columns (less import_id and
-- row_hash) plus reject_reason. Outreach ids are integers; records without one are rejected.
-- `src` is read through a cast to text: Parquet files (Data Sharing unloads) bring typed columns
-- (BIGINT ids, real timestamps), which the text functions below would refuse.

-- name: map_outreach_prospects
-- A prospect's externalId links it to Salesforce when it is said to come from Salesforce or
-- looks like a Lead (00Q) or Contact (003) id.
SELECT
    ll_ref('outreach', id) AS record_key,
    'outreach' AS system,
    'prospect' AS object,
    ll_text(id) AS source_id,
    coalesce(ll_email_list(email_text), [])[1] AS email,
    coalesce(ll_email_list(email_text), []) AS emails,
    ll_text(first_name) AS first_name,
    ll_text(last_name) AS last_name,
    coalesce(ll_text(name), ll_full_name(first_name, last_name))
        AS name,
    ll_text(company) AS company,
    ll_text(title) AS title,
    coalesce(
        ll_text(CASE WHEN starts_with(trim(work_phones), '[')
                     THEN json_extract_string(work_phones, '$[0]') ELSE work_phones END),
        ll_text(CASE WHEN starts_with(trim(mobile_phones), '[')
                     THEN json_extract_string(mobile_phones, '$[0]') ELSE mobile_phones END))
        AS phone,
    NULL AS account_ref,
    ll_text(owner_id) AS owner,
    ll_text(source) AS lead_source,
    NULL AS status,
    NULL AS lifecycle_stage,
    false AS is_converted,
    NULL AS converted_ref,
    NULL::TIMESTAMP AS converted_at,
    list_filter([
        CASE WHEN lower(trim(external_source)) LIKE 'salesforce%'
                  OR regexp_full_match(trim(external_id), '(00Q|003)[A-Za-z0-9]{12}([A-Za-z0-9]{3})?')
             THEN ll_sfid(external_id) END
    ], r -> r IS NOT NULL) AS linked_refs,
    coalesce(ll_bool(opted_out), ll_ts(opted_out_at) IS NOT NULL) AS opted_out,
    ll_ts(opted_out_at) AS opted_out_at,
    NULL::TIMESTAMP AS bounced_at,
    NULL::BOOLEAN AS do_not_call,
    NULL::TIMESTAMP AS mql_at,
    NULL::TIMESTAMP AS sql_at,
    NULL::TIMESTAMP AS opportunity_at,
    NULL::TIMESTAMP AS customer_at,
    ll_ts(created_at) AS created_at,
    ll_ts(updated_at) AS updated_at,
    false AS is_deleted,
    _line AS raw_line,
    CASE WHEN NOT coalesce(regexp_full_match(trim(id), '\d+'), false)
         THEN 'id ' || coalesce('''' || id || '''', 'is empty')
              || ': not an Outreach prospect id (a whole number)' END AS reject_reason
FROM (
    -- A Parquet list column arrives as '[a@x.com, b@y.com]', which is not JSON: unbracket it.
    SELECT *,
           CASE WHEN starts_with(trim(emails), '[') AND NOT coalesce(json_valid(emails), false)
                THEN trim(trim(emails), '[]') ELSE emails END AS email_text
    FROM (SELECT _line, CAST(COLUMNS(* EXCLUDE (_line)) AS VARCHAR) FROM src)
) AS src;

-- name: map_outreach_sequences
SELECT
    ll_ref('outreach-sequence', id) AS record_key,
    'outreach' AS system,
    ll_text(id) AS source_id,
    ll_text(name) AS name,
    ll_bool(enabled) AS enabled,
    ll_ts(created_at) AS created_at,
    ll_ts(updated_at) AS updated_at,
    _line AS raw_line,
    CASE WHEN NOT coalesce(regexp_full_match(trim(id), '\d+'), false)
         THEN 'id ' || coalesce('''' || id || '''', 'is empty')
              || ': not an Outreach sequence id (a whole number)' END AS reject_reason
FROM (SELECT _line, CAST(COLUMNS(* EXCLUDE (_line)) AS VARCHAR) FROM src) AS src;

-- name: map_outreach_sequence_states
-- States are kept in the API's lower-case spelling: UI labels such as 'Opted Out' become
-- 'opted_out'.
SELECT
    ll_ref('outreach-state', id) AS record_key,
    'outreach' AS system,
    ll_text(id) AS source_id,
    ll_ref('outreach', prospect_id) AS person_ref,
    ll_ref('outreach-sequence', sequence_id) AS sequence_ref,
    NULL AS sequence_name,
    nullif(regexp_replace(lower(trim(state)), '[^a-z0-9]+', '_', 'g'), '') AS state,
    ll_ts(state_changed_at) AS state_changed_at,
    ll_ts(created_at) AS created_at,
    ll_ts(active_at) AS active_at,
    ll_ts(replied_at) AS replied_at,
    ll_ts(updated_at) AS updated_at,
    _line AS raw_line,
    CASE WHEN NOT coalesce(regexp_full_match(trim(id), '\d+'), false)
             THEN 'id ' || coalesce('''' || id || '''', 'is empty')
                  || ': not an Outreach sequence state id (a whole number)'
         WHEN ll_text(prospect_id) IS NULL
             THEN 'prospectId is empty: the sequence state names no prospect' END
        AS reject_reason
FROM (SELECT _line, CAST(COLUMNS(* EXCLUDE (_line)) AS VARCHAR) FROM src) AS src;

-- name: map_outreach_mailings
-- One 'sales_email' row per mailing that went out, and one row per thing that happened to it
-- afterwards (reply, bounce, unsubscribe), keyed '<mailing key>:reply' and so on. Drafted,
-- scheduled or failed mailings never reached the prospect and give no row.
WITH m AS (
    SELECT
        *,
        ll_ref('outreach-mailing', id) AS mailing_key,
        ll_ts(replied_at) AS replied_ts,
        ll_ts(bounced_at) AS bounced_ts,
        ll_ts(unsubscribed_at) AS unsubscribed_ts,
        coalesce(ll_ts(delivered_at), ll_ts(scheduled_at), ll_ts(created_at)) AS sent_ts,
        list_filter([ll_ref('outreach', prospect_id)], r -> r IS NOT NULL) AS refs,
        ll_ref('outreach-sequence', sequence_id) AS seq_ref,
        ll_text(subject) AS subject_text,
        coalesce(ll_text(body_text), body_html_text) AS body_plain,
        ll_ts(updated_at) AS updated_ts,
        ll_ts(delivered_at) IS NOT NULL OR ll_ts(replied_at) IS NOT NULL
            OR ll_ts(bounced_at) IS NOT NULL OR ll_ts(opened_at) IS NOT NULL
            OR lower(trim(state)) IN ('delivered', 'opened', 'replied', 'bounced') AS went_out,
        CASE WHEN NOT coalesce(regexp_full_match(trim(id), '\d+'), false)
                 THEN 'id ' || coalesce('''' || id || '''', 'is empty')
                      || ': not an Outreach mailing id (a whole number)' END AS bad_id
    FROM (
        -- bodyHtml as plain text: scripts and styles dropped, block tags become spaces, other
        -- tags vanish (so '<b>Ada</b>,' stays 'Ada,'), common entities decoded.
        SELECT *,
               ll_text(trim(regexp_replace(
                   replace(replace(replace(replace(replace(replace(
                       regexp_replace(regexp_replace(regexp_replace(body_html,
                           '(?is)<(script|style)[^>]*>.*?</(script|style)>', ' ', 'g'),
                           '(?i)<(br|/?p|/?div|/?li|/?ul|/?ol|/?h[1-6]|/?tr|/?td|/?table)\b[^>]*>',
                           ' ', 'g'),
                           '<[^>]*>', '', 'g'),
                       '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'),
                       '&#39;', ''''), '&amp;', '&'),
                   '\s+', ' ', 'g'))) AS body_html_text
        FROM (SELECT _line, CAST(COLUMNS(* EXCLUDE (_line)) AS VARCHAR) FROM src) AS src
    )
), checked AS (
    SELECT *,
           coalesce(bad_id, CASE WHEN went_out AND sent_ts IS NULL
               THEN 'mailing ' || id || ' went out but has no deliveredAt, scheduledAt or '
                    || 'createdAt time' END) AS reject
    FROM m
)
SELECT mailing_key AS record_key, 'outreach' AS system, 'mailing' AS object,
       ll_text(id) AS source_id, refs AS person_refs, sent_ts AS ts, 'sales_email' AS kind,
       ll_text(mailbox_address) AS actor, subject_text AS title, body_plain AS body,
       'outbound' AS direction, lower(ll_text(state)) AS status, seq_ref AS sequence_ref,
       NULL AS campaign_ref, NULL AS opportunity_ref, NULL AS account_ref,
       NULL::TIMESTAMP AS starts_at, NULL::TIMESTAMP AS ends_at, NULL::BOOLEAN AS cancelled,
       json_object('mailing_type', ll_text(mailing_type), 'message_id', ll_text(message_id),
                   'open_count', try_cast(ll_num(open_count) AS BIGINT),
                   'click_count', try_cast(ll_num(click_count) AS BIGINT),
                   'user_id', ll_text(user_id),
                   'sequence_state_ref', ll_ref('outreach-state', sequence_state_id),
                   'error_reason', ll_text(error_reason)) AS detail,
       updated_ts AS updated_at, _line AS raw_line, reject AS reject_reason
FROM checked WHERE went_out OR reject IS NOT NULL
UNION ALL
SELECT mailing_key || ':reply', 'outreach', 'mailing', ll_text(id), refs, replied_ts, 'reply',
       refs[1], subject_text, NULL, 'inbound', NULL, seq_ref, NULL, NULL, NULL,
       NULL::TIMESTAMP, NULL::TIMESTAMP, NULL::BOOLEAN,
       json_object('mailing_ref', mailing_key), updated_ts, _line, NULL
FROM checked WHERE replied_ts IS NOT NULL AND reject IS NULL
UNION ALL
SELECT mailing_key || ':bounce', 'outreach', 'mailing', ll_text(id), refs, bounced_ts, 'bounce',
       NULL, subject_text, NULL, NULL, NULL, seq_ref, NULL, NULL, NULL,
       NULL::TIMESTAMP, NULL::TIMESTAMP, NULL::BOOLEAN,
       json_object('mailing_ref', mailing_key, 'error_reason', ll_text(error_reason)),
       updated_ts, _line, NULL
FROM checked WHERE bounced_ts IS NOT NULL AND reject IS NULL
UNION ALL
SELECT mailing_key || ':unsubscribe', 'outreach', 'mailing', ll_text(id), refs, unsubscribed_ts,
       'opt_out', refs[1], subject_text, NULL, 'inbound', NULL, seq_ref, NULL, NULL, NULL,
       NULL::TIMESTAMP, NULL::TIMESTAMP, NULL::BOOLEAN,
       json_object('mailing_ref', mailing_key), updated_ts, _line, NULL
FROM checked WHERE unsubscribed_ts IS NOT NULL AND reject IS NULL;

-- name: map_outreach_calls
SELECT
    ll_ref('outreach-call', id) AS record_key,
    'outreach' AS system,
    'call' AS object,
    ll_text(id) AS source_id,
    list_filter([ll_ref('outreach', prospect_id)], r -> r IS NOT NULL) AS person_refs,
    coalesce(ll_ts(completed_at), ll_ts(dialed_at), ll_ts(created_at)) AS ts,
    'sales_call' AS kind,
    ll_text(user_id) AS actor,
    CASE lower(trim(direction)) WHEN 'inbound' THEN 'Inbound call' WHEN 'outbound'
        THEN 'Outbound call' ELSE 'Call' END AS title,
    ll_text(note) AS body,
    CASE lower(trim(direction)) WHEN 'inbound' THEN 'inbound' WHEN 'outbound' THEN 'outbound'
    END AS direction,
    ll_text(outcome) AS status,
    ll_ref('outreach-sequence', sequence_id) AS sequence_ref,
    NULL AS campaign_ref,
    NULL AS opportunity_ref,
    NULL AS account_ref,
    NULL::TIMESTAMP AS starts_at,
    NULL::TIMESTAMP AS ends_at,
    NULL::BOOLEAN AS cancelled,
    json_object('state', ll_text(state), 'from', ll_text(call_from), 'to', ll_text(call_to),
                'answered_at', ll_ts(answered_at), 'recording_url', ll_text(recording_url),
                'call_disposition_id', ll_text(call_disposition_id)) AS detail,
    ll_ts(updated_at) AS updated_at,
    _line AS raw_line,
    CASE WHEN NOT coalesce(regexp_full_match(trim(id), '\d+'), false)
             THEN 'id ' || coalesce('''' || id || '''', 'is empty')
                  || ': not an Outreach call id (a whole number)'
         WHEN coalesce(ll_ts(completed_at), ll_ts(dialed_at), ll_ts(created_at)) IS NULL
             THEN 'call ' || id || ' has no completedAt, dialedAt or createdAt time' END
        AS reject_reason
FROM (SELECT _line, CAST(COLUMNS(* EXCLUDE (_line)) AS VARCHAR) FROM src) AS src;
