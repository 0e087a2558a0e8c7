-- Salesloft exports -> canonical rows. Each block reads `src` (logical field names, all text)
-- and returns the target table's columns (less import_id and row_hash) plus reject_reason.
-- `src` is read through a cast to text: Parquet files bring typed columns (BIGINT ids, real
-- timestamps), which the text functions below would refuse.
-- Salesloft ids are integers; records without one are rejected.

-- name: map_salesloft_cadence_memberships
-- One mutable membership per person and cadence; its state is Salesloft's current_state.
SELECT
    ll_ref('salesloft-membership', id) AS record_key,
    'salesloft' AS system,
    ll_text(id) AS source_id,
    ll_ref('salesloft', person_id) AS person_ref,
    ll_ref('salesloft-cadence', cadence_id) AS sequence_ref,
    NULL AS sequence_name,
    nullif(regexp_replace(lower(trim(current_state)), '[^a-z0-9]+', '_', 'g'), '') AS state,
    NULL::TIMESTAMP AS state_changed_at,
    coalesce(ll_ts(added_at), ll_ts(created_at)) AS created_at,
    NULL::TIMESTAMP AS active_at,
    NULL::TIMESTAMP AS replied_at,
    ll_ts(updated_at) AS updated_at,
    _line AS raw_line,
    CASE WHEN NOT coalesce(regexp_full_match(trim(id), '\d+'), false)
             THEN 'id ' || coalesce('''' || id || '''', 'is empty')
                  || ': not a Salesloft cadence membership id (a whole number)'
         WHEN ll_text(person_id) IS NULL
             THEN 'person id is empty: the membership names no person' END AS reject_reason
FROM (SELECT _line, CAST(COLUMNS(* EXCLUDE (_line)) AS VARCHAR) FROM src) AS src;

-- name: map_salesloft_people
-- crm_id links the person to Salesforce when it looks like a Lead (00Q) or Contact (003) id, or
-- the record says it is a lead or contact.
SELECT
    ll_ref('salesloft', id) AS record_key,
    'salesloft' AS system,
    'person' AS object,
    ll_text(id) AS source_id,
    ll_email(email_address) AS email,
    all_emails AS emails,
    ll_text(first_name) AS first_name,
    ll_text(last_name) AS last_name,
    coalesce(ll_text(display_name),
             ll_full_name(first_name, last_name)) AS name,
    ll_text(person_company_name) AS company,
    ll_text(title) AS title,
    coalesce(ll_text(phone), ll_text(mobile_phone)) AS phone,
    NULL AS account_ref,
    ll_text(owner_id) AS owner,
    NULL AS lead_source,
    NULL AS status,
    NULL AS lifecycle_stage,
    false AS is_converted,
    NULL AS converted_ref,
    NULL::TIMESTAMP AS converted_at,
    list_filter([
        CASE WHEN lower(trim(crm_object_type)) IN ('lead', 'contact')
                  OR regexp_full_match(trim(crm_id), '(00Q|003)[A-Za-z0-9]{12}([A-Za-z0-9]{3})?')
             THEN ll_sfid(crm_id) END
    ], r -> r IS NOT NULL) AS linked_refs,
    coalesce(ll_bool(do_not_contact), false) AS opted_out,
    NULL::TIMESTAMP AS opted_out_at,
    NULL::TIMESTAMP AS bounced_at,
    ll_bool(do_not_contact) AS do_not_call,
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
              || ': not a Salesloft person id (a whole number)' END AS reject_reason
FROM (
    SELECT *,
           -- Primary email first, then the others, each once.
           list_filter(
               [ll_email(email_address),
                CASE WHEN ll_email(secondary_email_address) IS DISTINCT FROM ll_email(email_address)
                     THEN ll_email(secondary_email_address) END,
                CASE WHEN ll_email(personal_email_address) NOT IN (
                              coalesce(ll_email(email_address), ''),
                              coalesce(ll_email(secondary_email_address), ''))
                     THEN ll_email(personal_email_address) END],
               e -> e IS NOT NULL) AS all_emails
    FROM (SELECT _line, CAST(COLUMNS(* EXCLUDE (_line)) AS VARCHAR) FROM src) AS src
);

-- name: map_salesloft_emails
-- One 'sales_email' per email that was sent, plus a 'bounce' row ('<key>:bounce') when its
-- status or bounced flag says it bounced. Emails still pending or scheduled give no row.
WITH e AS (
    SELECT
        *,
        ll_ref('salesloft-email', id) AS email_key,
        coalesce(ll_ts(sent_at), ll_ts(created_at)) AS sent_ts,
        list_filter([ll_ref('salesloft', person_id),
                     ll_ref('email', ll_email(recipient_email_address))], r -> r IS NOT NULL)
            AS refs,
        ll_ref('salesloft-cadence', cadence_id) AS seq_ref,
        lower(trim(status)) = 'bounced' OR coalesce(ll_bool(bounced), false) AS did_bounce,
        ll_ts(sent_at) IS NOT NULL OR lower(trim(status)) LIKE 'sent%'
            OR lower(trim(status)) IN ('delivered', 'bounced')
            OR coalesce(ll_bool(bounced), false) AS went_out,
        CASE WHEN NOT coalesce(regexp_full_match(trim(id), '\d+'), false)
                 THEN 'id ' || coalesce('''' || id || '''', 'is empty')
                      || ': not a Salesloft email id (a whole number)' END AS bad_id
    FROM (SELECT _line, CAST(COLUMNS(* EXCLUDE (_line)) AS VARCHAR) FROM src) AS src
), checked AS (
    SELECT *,
           coalesce(bad_id, CASE WHEN went_out AND sent_ts IS NULL
               THEN 'email ' || id || ' was sent but has no sent_at or created_at time' END)
               AS reject
    FROM e
)
SELECT email_key AS record_key, 'salesloft' AS system, 'email' AS object,
       ll_text(id) AS source_id, refs AS person_refs, sent_ts AS ts, 'sales_email' AS kind,
       ll_text(user_id) AS actor, ll_text(subject) AS title, NULL AS body,
       'outbound' AS direction, lower(ll_text(status)) AS status, seq_ref AS sequence_ref,
       NULL AS campaign_ref, NULL AS opportunity_ref, NULL AS account_ref,
       NULL::TIMESTAMP AS starts_at, NULL::TIMESTAMP AS ends_at, NULL::BOOLEAN AS cancelled,
       json_object('recipient', ll_email(recipient_email_address), 'clicks', try_cast(ll_num(clicks) AS BIGINT),
                   'views', try_cast(ll_num(views) AS BIGINT),
                   'replies', try_cast(ll_num(replies) AS BIGINT),
                   'step_id', ll_text(step_id)) AS detail,
       ll_ts(updated_at) AS updated_at, _line AS raw_line, reject AS reject_reason
FROM checked WHERE went_out OR reject IS NOT NULL
UNION ALL
SELECT email_key || ':bounce', 'salesloft', 'email', ll_text(id), refs, sent_ts, 'bounce',
       NULL, ll_text(subject), NULL, NULL, lower(ll_text(status)), seq_ref, NULL, NULL, NULL,
       NULL::TIMESTAMP, NULL::TIMESTAMP, NULL::BOOLEAN,
       json_object('email_ref', email_key, 'recipient', ll_email(recipient_email_address)),
       ll_ts(updated_at), _line, NULL
FROM checked WHERE did_bounce AND reject IS NULL;

-- name: map_salesloft_calls
SELECT
    ll_ref('salesloft-call', id) AS record_key,
    'salesloft' AS system,
    'call' AS object,
    ll_text(id) AS source_id,
    list_filter([ll_ref('salesloft', person_id)], r -> r IS NOT NULL) AS person_refs,
    ll_ts(created_at) AS ts,
    'sales_call' AS kind,
    ll_text(user_id) AS actor,
    'Call' AS title,
    NULL AS body,
    NULL AS direction,          -- Salesloft call records do not say
    ll_text(disposition) AS status,
    ll_ref('salesloft-cadence', cadence_id) AS sequence_ref,
    NULL AS campaign_ref,
    NULL AS opportunity_ref,
    NULL AS account_ref,
    NULL::TIMESTAMP AS starts_at,
    NULL::TIMESTAMP AS ends_at,
    NULL::BOOLEAN AS cancelled,
    json_object('to', ll_text("to"), 'duration_s', ll_num(duration),
                'sentiment', ll_text(sentiment), 'recording_url', ll_text(recording_url),
                'note_id', ll_text(note_id)) AS detail,
    ll_ts(updated_at) AS updated_at,
    _line AS raw_line,
    CASE WHEN NOT coalesce(regexp_full_match(trim(id), '\d+'), false)
             THEN 'id ' || coalesce('''' || id || '''', 'is empty')
                  || ': not a Salesloft call id (a whole number)'
         WHEN ll_ts(created_at) IS NULL
             THEN 'call ' || id || ' has no created_at time' END AS reject_reason
FROM (SELECT _line, CAST(COLUMNS(* EXCLUDE (_line)) AS VARCHAR) FROM src) AS src;
