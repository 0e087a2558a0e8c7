-- Mapping-file imports (docs/mapping-file.md): a CSV of any shape into one canonical table. `src`
-- has every mappable column of the target under its canonical name (NULL when the mapping file
-- leaves it out, the same value on every row when it sets a constant), plus `system` and
-- `source_timezone` from the mapping file. Times without an offset are read in source_timezone.
-- Rows without an id get a key from a hash of their values and their occurrence among identical
-- rows, so re-importing an overlapping export keeps the keys.

-- name: map_custom_person_records
-- Mapped people. record_key '<system>:<source_id>', or '<system>:<email>' without an id column.
SELECT
    ll_ref(system, coalesce(ll_text(source_id), ll_email(email))) AS record_key,
    system,
    coalesce(ll_text(object), 'Person') AS object,
    ll_text(source_id) AS source_id,
    coalesce(ll_email(email), ll_email_list(emails)[1]) AS email,
    list_filter(list_concat([ll_email(email)],
                            list_filter(coalesce(ll_email_list(emails), []),
                                        e -> e IS DISTINCT FROM ll_email(email))),
                e -> e IS NOT NULL) AS emails,
    ll_text(first_name) AS first_name,
    ll_text(last_name) AS last_name,
    coalesce(ll_text(name), ll_full_name(first_name, last_name))
        AS name,
    ll_text(company) AS company,
    ll_text(title) AS title,
    ll_text(phone) AS phone,
    ll_text(account_ref) AS account_ref,
    ll_text(owner) AS owner,
    ll_text(lead_source) AS lead_source,
    ll_text(status) AS status,
    lower(ll_text(lifecycle_stage)) AS lifecycle_stage,
    ll_bool(is_converted) AS is_converted,
    ll_text(converted_ref) AS converted_ref,
    converted_ts AS converted_at,
    list_filter(string_split_regex(coalesce(ll_text(linked_refs), ''), '[,;\s]+'), r -> r <> '')
        AS linked_refs,
    ll_bool(opted_out) AS opted_out,
    opted_out_ts AS opted_out_at,
    bounced_ts AS bounced_at,
    ll_bool(do_not_call) AS do_not_call,
    mql_ts AS mql_at,
    sql_ts AS sql_at,
    opportunity_ts AS opportunity_at,
    customer_ts AS customer_at,
    created_ts AS created_at,
    updated_ts AS updated_at,
    coalesce(ll_bool(is_deleted), false) AS is_deleted,
    _line AS raw_line,
    CASE
        WHEN ll_text(source_id) IS NULL AND ll_email(email) IS NULL
            THEN 'source_id is empty and email '
                 || coalesce('''' || ll_text(email) || ''' is not an address', 'is empty')
                 || ': the row has no key'
        WHEN created_ts IS NULL AND ll_text(created_at) IS NOT NULL
            THEN 'created_at ''' || created_at || ''': not a timestamp'
        WHEN updated_ts IS NULL AND ll_text(updated_at) IS NOT NULL
            THEN 'updated_at ''' || updated_at || ''': not a timestamp'
        WHEN converted_ts IS NULL AND ll_text(converted_at) IS NOT NULL
            THEN 'converted_at ''' || converted_at || ''': not a timestamp'
        WHEN opted_out_ts IS NULL AND ll_text(opted_out_at) IS NOT NULL
            THEN 'opted_out_at ''' || opted_out_at || ''': not a timestamp'
        WHEN bounced_ts IS NULL AND ll_text(bounced_at) IS NOT NULL
            THEN 'bounced_at ''' || bounced_at || ''': not a timestamp'
        WHEN coalesce(mql_ts, sql_ts, opportunity_ts, customer_ts) IS NULL
             AND coalesce(ll_text(mql_at), ll_text(sql_at), ll_text(opportunity_at),
                          ll_text(customer_at)) IS NOT NULL
            THEN 'lifecycle date ''' || coalesce(ll_text(mql_at), ll_text(sql_at),
                 ll_text(opportunity_at), ll_text(customer_at)) || ''': not a timestamp'
    END AS reject_reason
FROM (
    SELECT *,
        ll_ts_in(converted_at, source_timezone) AS converted_ts,
        ll_ts_in(opted_out_at, source_timezone) AS opted_out_ts,
        ll_ts_in(bounced_at, source_timezone) AS bounced_ts,
        ll_ts_in(mql_at, source_timezone) AS mql_ts,
        ll_ts_in(sql_at, source_timezone) AS sql_ts,
        ll_ts_in(opportunity_at, source_timezone) AS opportunity_ts,
        ll_ts_in(customer_at, source_timezone) AS customer_ts,
        ll_ts_in(created_at, source_timezone) AS created_ts,
        ll_ts_in(updated_at, source_timezone) AS updated_ts
    FROM src
);

-- name: map_custom_activities
-- Mapped activities. Person refs come from an email column ('email:<address>') and/or a column of
-- ready refs ('sf:00Q..; hubspot:12'). record_key '<system>:<source_id>' or a row hash.
SELECT
    ll_ref(system, coalesce(ll_text(source_id), row_digest)) AS record_key,
    system,
    coalesce(ll_text(object), 'Activity') AS object,
    ll_text(source_id) AS source_id,
    refs AS person_refs,
    activity_ts AS ts,
    ll_text(kind) AS kind,
    ll_text(actor) AS actor,
    ll_text(title) AS title,
    ll_text(body) AS body,
    lower(ll_text(direction)) AS direction,
    ll_text(status) AS status,
    ll_text(sequence_ref) AS sequence_ref,
    ll_text(campaign_ref) AS campaign_ref,
    ll_text(opportunity_ref) AS opportunity_ref,
    ll_text(account_ref) AS account_ref,
    starts_ts AS starts_at,
    ends_ts AS ends_at,
    ll_bool(cancelled) AS cancelled,
    NULL::JSON AS detail,
    coalesce(updated_ts, activity_ts) AS updated_at,
    _line AS raw_line,
    CASE
        WHEN activity_ts IS NULL
            THEN 'ts ' || coalesce('''' || ll_text(ts) || '''', 'is empty') || ': not a timestamp'
        WHEN ll_text(kind) IS NULL THEN 'kind is empty: an activity needs a kind'
        WHEN len(refs) = 0
            THEN 'no person: email '
                 || coalesce('''' || ll_text(email) || ''' is not an address', 'is empty')
                 || ' and person_refs is empty'
        WHEN starts_ts IS NULL AND ll_text(starts_at) IS NOT NULL
            THEN 'starts_at ''' || starts_at || ''': not a timestamp'
        WHEN ends_ts IS NULL AND ll_text(ends_at) IS NOT NULL
            THEN 'ends_at ''' || ends_at || ''': not a timestamp'
    END AS reject_reason
FROM (
    SELECT *,
        list_filter(list_concat([ll_ref('email', ll_email(email))],
                                string_split_regex(coalesce(ll_text(person_refs), ''),
                                                   '[,;\s]+')),
                    r -> r IS NOT NULL AND r <> '') AS refs,
        ll_ts_in(ts, source_timezone) AS activity_ts,
        ll_ts_in(starts_at, source_timezone) AS starts_ts,
        ll_ts_in(ends_at, source_timezone) AS ends_ts,
        ll_ts_in(updated_at, source_timezone) AS updated_ts,
        md5(concat_ws(chr(31), ts, kind, email, person_refs, actor, title, body, direction,
                      status, starts_at, ends_at,
                      row_number() OVER (PARTITION BY ts, kind, email, person_refs, actor, title,
                                                      body, direction, status, starts_at, ends_at
                                         ORDER BY _line))) AS row_digest
    FROM src
);

-- name: map_custom_web_events
-- Mapped web events; kind defaults to 'web_visit', path to the URL's path.
SELECT
    ll_ref(system, coalesce(ll_text(source_id), row_digest)) AS record_key,
    system,
    coalesce(ll_text(event_name), 'page_view') AS event_name,
    coalesce(ll_text(kind), 'web_visit') AS kind,
    event_ts AS ts,
    ll_text(anonymous_id) AS anonymous_id,
    ll_text(user_id) AS user_id,
    coalesce(ll_email(email), ll_email(user_id)) AS email,
    ll_text(url) AS url,
    coalesce(ll_text(path), ll_url_path(ll_text(url)))
        AS path,
    ll_text(title) AS title,
    ll_text(referrer) AS referrer,
    ll_text(session_id) AS session_id,
    coalesce(updated_ts, event_ts) AS updated_at,
    _line AS raw_line,
    CASE
        WHEN event_ts IS NULL
            THEN 'ts ' || coalesce('''' || ll_text(ts) || '''', 'is empty') || ': not a timestamp'
        WHEN ll_text(anonymous_id) IS NULL AND ll_text(user_id) IS NULL AND ll_email(email) IS NULL
            THEN 'no visitor: anonymous_id, user_id and email are all empty'
    END AS reject_reason
FROM (
    SELECT *,
        ll_ts_in(ts, source_timezone) AS event_ts,
        ll_ts_in(updated_at, source_timezone) AS updated_ts,
        md5(concat_ws(chr(31), ts, event_name, kind, anonymous_id, user_id, email, url, title,
                      referrer, session_id,
                      row_number() OVER (PARTITION BY ts, event_name, kind, anonymous_id, user_id,
                                                      email, url, title, referrer, session_id
                                         ORDER BY _line))) AS row_digest
    FROM src
);
