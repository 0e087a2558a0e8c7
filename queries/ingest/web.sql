-- Web analytics exports -> web_events / identity_links. Each block reads `src` (the kind's logical
-- field names: text for CSV and JSON, the file's own types for Parquet) and returns the target
-- table's columns (less import_id and row_hash) plus reject_reason.
--
-- GA4 tables run to tens of millions of rows, so their blocks avoid per-row regexes except the
-- URL path: microsecond timestamps go straight to make_timestamp; the param keys are listed once
-- per row and each param found with list_position (cheaper than a list_filter per param or a map).

-- name: map_ga4_events_parquet
-- GA4 BigQuery export read from Parquet: event_params is a native list of
-- {key, value{string_value, int_value, float_value, double_value}}.
SELECT
    'ga4:' || concat_ws(':', coalesce(anonymous_id, ''), ts_us, coalesce(event_name, ''),
                        coalesce(batch_event_index, ''), coalesce(session_id, '')) AS record_key,
    'ga4' AS system,
    event_name,
    CASE event_name
        WHEN 'page_view' THEN 'web_visit'
        WHEN 'form_submit' THEN 'form_submit'
        WHEN 'generate_lead' THEN 'form_submit'
        WHEN 'file_download' THEN 'content_download'
        ELSE 'other' END AS kind,
    make_timestamp(ts_us) AS ts,
    anonymous_id,
    user_id,
    ll_email(user_id) AS email,
    url,
    ll_url_path(url) AS path,
    title,
    referrer,
    session_id,
    make_timestamp(ts_us) AS updated_at,
    _line AS raw_line,
    CASE WHEN ts_us IS NULL
             THEN 'event_timestamp ' || coalesce('''' || event_timestamp_text || '''', 'is empty')
                  || ': not a whole number of microseconds'
         WHEN event_name IS NULL THEN 'event_name is empty' END AS reject_reason
FROM (
    SELECT
        _line,
        try_cast(event_timestamp AS BIGINT) AS ts_us,
        CAST(event_timestamp AS VARCHAR) AS event_timestamp_text,
        nullif(CAST(event_name AS VARCHAR), '') AS event_name,
        nullif(CAST(user_pseudo_id AS VARCHAR), '') AS anonymous_id,
        nullif(trim(CAST(user_id AS VARCHAR)), '') AS user_id,
        CAST(batch_event_index AS VARCHAR) AS batch_event_index,
        params[list_position(param_keys, 'page_location')].value.string_value AS url,
        params[list_position(param_keys, 'page_title')].value.string_value AS title,
        params[list_position(param_keys, 'page_referrer')].value.string_value AS referrer,
        coalesce(CAST(params[list_position(param_keys, 'ga_session_id')].value.int_value
                      AS VARCHAR),
                 params[list_position(param_keys, 'ga_session_id')].value.string_value
        ) AS session_id
    FROM (
        SELECT *, event_params AS params, list_transform(event_params, p -> p.key) AS param_keys
        FROM src
    )
);

-- name: map_ga4_events_json
-- GA4 BigQuery export read from newline-delimited JSON: event_params arrives as JSON text (parsed
-- once per row with from_json), 64-bit integers often as strings. Same rows and record keys as
-- the Parquet block.
SELECT
    'ga4:' || concat_ws(':', coalesce(anonymous_id, ''), ts_us, coalesce(event_name, ''),
                        coalesce(batch_event_index, ''), coalesce(session_id, '')) AS record_key,
    'ga4' AS system,
    event_name,
    CASE event_name
        WHEN 'page_view' THEN 'web_visit'
        WHEN 'form_submit' THEN 'form_submit'
        WHEN 'generate_lead' THEN 'form_submit'
        WHEN 'file_download' THEN 'content_download'
        ELSE 'other' END AS kind,
    make_timestamp(ts_us) AS ts,
    anonymous_id,
    user_id,
    ll_email(user_id) AS email,
    url,
    ll_url_path(url) AS path,
    title,
    referrer,
    session_id,
    make_timestamp(ts_us) AS updated_at,
    _line AS raw_line,
    CASE WHEN ts_us IS NULL
             THEN 'event_timestamp ' || coalesce('''' || event_timestamp_text || '''', 'is empty')
                  || ': not a whole number of microseconds'
         WHEN event_name IS NULL THEN 'event_name is empty' END AS reject_reason
FROM (
    SELECT
        _line,
        try_cast(trim(event_timestamp) AS BIGINT) AS ts_us,
        event_timestamp AS event_timestamp_text,
        nullif(event_name, '') AS event_name,
        nullif(user_pseudo_id, '') AS anonymous_id,
        nullif(trim(user_id), '') AS user_id,
        batch_event_index,
        params[list_position(param_keys, 'page_location')].value.string_value AS url,
        params[list_position(param_keys, 'page_title')].value.string_value AS title,
        params[list_position(param_keys, 'page_referrer')].value.string_value AS referrer,
        coalesce(params[list_position(param_keys, 'ga_session_id')].value.int_value,
                 params[list_position(param_keys, 'ga_session_id')].value.string_value
        ) AS session_id
    FROM (
        SELECT *, list_transform(params, p -> p.key) AS param_keys
        FROM (
            SELECT *, try(from_json(event_params,
                '[{"key": "VARCHAR", "value": {"string_value": "VARCHAR", "int_value": "VARCHAR"}}]'
            )) AS params
            FROM src
        )
    )
);

-- name: map_segment_identifies
-- Segment identifies: each identify call ties the browser's anonymous_id to the user_id and the
-- email trait (or a user_id that is an email).
SELECT
    'segment-identify:' || id AS record_key,
    'segment' AS system,
    anonymous_id,
    user_id,
    coalesce(ll_email(email), ll_email(context_traits_email), ll_email(user_id)) AS email,
    ts,
    coalesce(received, ts) AS updated_at,
    _line AS raw_line,
    CASE WHEN id IS NULL THEN 'id is empty: every Segment call has a message id'
         WHEN ts IS NULL THEN 'timestamp ' || coalesce('''' || ts_text || '''', 'is empty')
                              || ': not a timestamp'
         WHEN anonymous_id IS NULL AND user_id IS NULL
              AND coalesce(ll_email(email), ll_email(context_traits_email)) IS NULL
             THEN 'the identify call has no anonymous_id, user_id or email to link' END
        AS reject_reason
FROM (
    SELECT
        _line, email, context_traits_email,
        ll_text(id) AS id,
        ll_text(anonymous_id) AS anonymous_id,
        ll_text(user_id) AS user_id,
        CAST("timestamp" AS VARCHAR) AS ts_text,
        coalesce(timezone('UTC', try_cast(CAST("timestamp" AS VARCHAR) AS TIMESTAMPTZ)),
                 ll_ts("timestamp"), ll_ts(original_timestamp)) AS ts,
        coalesce(timezone('UTC', try_cast(CAST(received_at AS VARCHAR) AS TIMESTAMPTZ)),
                 ll_ts(received_at)) AS received
    FROM src
);

-- name: map_segment_users
-- Segment users: one row per user id with its latest traits. No anonymous id: the row ties the
-- user id to the email trait, so page and track calls that carry only the user id reach the
-- person.
SELECT
    'segment-user:' || id AS record_key,
    'segment' AS system,
    NULL AS anonymous_id,
    id AS user_id,
    coalesce(ll_email(email), ll_email(id)) AS email,
    received AS ts,
    received AS updated_at,
    _line AS raw_line,
    CASE WHEN id IS NULL THEN 'id is empty: a Segment user row is keyed by its user id'
         WHEN coalesce(ll_email(email), ll_email(id)) IS NULL
             THEN 'email ' || coalesce('''' || ll_text(email) || '''', 'is empty')
                  || ': the user has no email trait to link' END AS reject_reason
FROM (
    SELECT _line, email, ll_text(id) AS id,
           coalesce(timezone('UTC', try_cast(CAST(received_at AS VARCHAR) AS TIMESTAMPTZ)),
                    ll_ts(received_at)) AS received
    FROM src
);

-- name: map_segment_pages
-- Segment pages: one page view per row; page properties fall back to the context_page_* copies.
SELECT
    'segment-page:' || id AS record_key,
    'segment' AS system,
    'page_view' AS event_name,
    'web_visit' AS kind,
    ts,
    anonymous_id,
    user_id,
    coalesce(ll_email(context_traits_email), ll_email(user_id)) AS email,
    url,
    coalesce(ll_text(path), ll_text(context_page_path),
             ll_url_path(url)) AS path,
    coalesce(ll_text(title), ll_text(context_page_title), ll_text(name)) AS title,
    coalesce(ll_text(referrer), ll_text(context_page_referrer)) AS referrer,
    NULL AS session_id,
    coalesce(received, ts) AS updated_at,
    _line AS raw_line,
    CASE WHEN id IS NULL THEN 'id is empty: every Segment call has a message id'
         WHEN ts IS NULL THEN 'timestamp ' || coalesce('''' || ts_text || '''', 'is empty')
                              || ': not a timestamp' END AS reject_reason
FROM (
    SELECT
        _line, path, context_page_path, title, context_page_title, name, referrer,
        context_page_referrer, context_traits_email,
        ll_text(id) AS id,
        ll_text(anonymous_id) AS anonymous_id,
        ll_text(user_id) AS user_id,
        coalesce(ll_text(url), ll_text(context_page_url)) AS url,
        CAST("timestamp" AS VARCHAR) AS ts_text,
        coalesce(timezone('UTC', try_cast(CAST("timestamp" AS VARCHAR) AS TIMESTAMPTZ)),
                 ll_ts("timestamp"), ll_ts(original_timestamp)) AS ts,
        coalesce(timezone('UTC', try_cast(CAST(received_at AS VARCHAR) AS TIMESTAMPTZ)),
                 ll_ts(received_at)) AS received
    FROM src
);

-- name: map_segment_tracks
-- Segment tracks (and per-event tables): the kind comes from the event slug. Form-like slugs
-- (form_submitted, demo_requested, ...) are form submissions, slugs naming a download are
-- content downloads, the rest 'other'. event_text (the event's display name) is the title.
SELECT
    'segment-track:' || id AS record_key,
    'segment' AS system,
    event_name,
    CASE WHEN slug IN ('form_submitted', 'form_submit', 'form_submission', 'demo_requested',
                       'demo_request', 'request_demo', 'requested_demo', 'contact_requested',
                       'contact_form_submitted', 'contact_sales', 'signed_up', 'sign_up',
                       'lead_captured', 'lead_created', 'generate_lead', 'trial_started',
                       'trial_requested', 'quote_requested', 'meeting_requested',
                       'webinar_registered')
              OR contains(slug, 'form_submit') THEN 'form_submit'
         WHEN contains(slug, 'download') THEN 'content_download'
         ELSE 'other' END AS kind,
    ts,
    anonymous_id,
    user_id,
    coalesce(ll_email(context_traits_email), ll_email(user_id)) AS email,
    url,
    coalesce(ll_text(context_page_path), ll_url_path(url))
        AS path,
    coalesce(ll_text(event_text), ll_text(context_page_title)) AS title,
    ll_text(context_page_referrer) AS referrer,
    NULL AS session_id,
    coalesce(received, ts) AS updated_at,
    _line AS raw_line,
    CASE WHEN id IS NULL THEN 'id is empty: every Segment call has a message id'
         WHEN ts IS NULL THEN 'timestamp ' || coalesce('''' || ts_text || '''', 'is empty')
                              || ': not a timestamp'
         WHEN event_name IS NULL THEN 'event is empty: a track call names its event' END
        AS reject_reason
FROM (
    SELECT
        _line, event_text, context_page_path, context_page_title, context_page_referrer,
        context_traits_email,
        ll_text(id) AS id,
        ll_text(anonymous_id) AS anonymous_id,
        ll_text(user_id) AS user_id,
        ll_text(event) AS event_name,
        replace(replace(lower(ll_text(event)), ' ', '_'), '-', '_') AS slug,
        ll_text(context_page_url) AS url,
        CAST("timestamp" AS VARCHAR) AS ts_text,
        coalesce(timezone('UTC', try_cast(CAST("timestamp" AS VARCHAR) AS TIMESTAMPTZ)),
                 ll_ts("timestamp"), ll_ts(original_timestamp)) AS ts,
        coalesce(timezone('UTC', try_cast(CAST(received_at AS VARCHAR) AS TIMESTAMPTZ)),
                 ll_ts(received_at)) AS received
    FROM src
);

-- name: map_web_pageviews
-- A plain pageview log. The visitor column holds an email or a cookie/visitor id; dedicated email
-- and visitor-id columns win when both exist. Rows carry no id, so the key is a hash of the row's
-- values plus its occurrence among identical rows: re-importing an overlapping export keeps the
-- keys, and two identical rows stay two visits.
SELECT
    'pageview:' || md5(concat_ws(chr(31), ts_text, visitor, url, title, referrer, session_id,
                                 email, visitor_id, occurrence)) AS record_key,
    'web' AS system,
    'page_view' AS event_name,
    'web_visit' AS kind,
    visit_ts AS ts,
    coalesce(visitor_id, CASE WHEN ll_email(visitor) IS NULL THEN visitor END) AS anonymous_id,
    NULL AS user_id,
    coalesce(ll_email(email), ll_email(visitor)) AS email,
    url,
    ll_url_path(url) AS path,
    title,
    referrer,
    session_id,
    visit_ts AS updated_at,
    _line AS raw_line,
    CASE WHEN visit_ts IS NULL
             THEN 'timestamp ' || coalesce('''' || ts_text || '''', 'is empty') || ': not a timestamp'
         WHEN url IS NULL THEN 'url is empty: a page view names its page'
         WHEN visitor IS NULL AND email IS NULL AND visitor_id IS NULL
             THEN 'no email or visitor id: the page view cannot be tied to anyone' END
        AS reject_reason
FROM (
    SELECT *,
        row_number() OVER (PARTITION BY ts_text, visitor, url, title, referrer, session_id,
                                        email, visitor_id ORDER BY _line) AS occurrence
    FROM (
        SELECT
            _line,
            ll_text(visitor) AS visitor,
            ll_text(url) AS url,
            ll_text(title) AS title,
            ll_text(referrer) AS referrer,
            ll_text(session_id) AS session_id,
            ll_text(email) AS email,
            ll_text(visitor_id) AS visitor_id,
            ll_text(ts) AS ts_text,
            coalesce(timezone('UTC', try_cast(ll_text(ts) AS TIMESTAMPTZ)), ll_ts(ts)) AS visit_ts
        FROM src
    )
);
