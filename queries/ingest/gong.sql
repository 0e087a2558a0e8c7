-- Gong API JSON -> canonical rows. Each block reads `src` (logical field names, all text; the
-- `parties` and `transcript` arrays arrive as JSON text) and returns the target table's columns
-- (less import_id and row_hash) plus reject_reason. Gong ids are numeric strings of up to 20
-- digits and are never cast to numbers.

-- name: map_gong_calls
-- A call is a 'meeting' (starts_at set, so held vs scheduled is decided later) when it was a
-- video call or a scheduled conference, otherwise a 'sales_call'. It is linked to the external
-- parties' emails and to the Lead/Contact records in the parties' CRM context.
WITH c AS (
    SELECT
        *,
        trim(call_id) AS cid,
        coalesce(ll_ts(started), ll_ts(scheduled)) AS call_ts,
        lower(trim(media)) = 'video'
            OR (ll_ts(scheduled) IS NOT NULL AND lower(trim(direction)) = 'conference')
            AS is_meeting,
        coalesce(CAST(json_extract(parties, '$[*]') AS JSON[]), []) AS party_list,
        coalesce(CAST(json_extract(parties, '$[*].context[*]') AS JSON[]), []) AS context_list
    FROM src
), refs AS (
    SELECT
        *,
        list_filter(list_transform(party_list,
            p -> CASE WHEN lower(json_extract_string(p, '$.affiliation')) = 'external'
                      THEN ll_ref('email', ll_email(json_extract_string(p, '$.emailAddress')))
                 END), r -> r IS NOT NULL) AS email_refs,
        list_filter(flatten(list_transform(context_list,
            ctx -> list_transform(
                coalesce(CAST(json_extract(ctx, '$.objects[*]') AS JSON[]), []),
                obj -> CASE
                    WHEN lower(json_extract_string(obj, '$.objectType')) NOT IN ('lead', 'contact')
                        THEN NULL
                    WHEN lower(json_extract_string(ctx, '$.system')) = 'hubspot'
                        THEN ll_ref('hubspot', json_extract_string(obj, '$.objectId'))
                    WHEN coalesce(lower(json_extract_string(ctx, '$.system')), 'salesforce')
                         = 'salesforce'
                        THEN ll_sfid(json_extract_string(obj, '$.objectId'))
                END))), r -> r IS NOT NULL) AS crm_refs
    FROM c
)
SELECT
    ll_ref('gong', cid) AS record_key,
    'gong' AS system,
    'call' AS object,
    cid AS source_id,
    list_sort(list_distinct(list_concat(email_refs, crm_refs))) AS person_refs,
    call_ts AS ts,
    CASE WHEN is_meeting THEN 'meeting' ELSE 'sales_call' END AS kind,
    ll_text(primary_user_id) AS actor,
    ll_text(title) AS title,
    NULL AS body,
    CASE lower(trim(direction)) WHEN 'inbound' THEN 'inbound' WHEN 'outbound' THEN 'outbound'
    END AS direction,
    NULL AS status,
    NULL AS sequence_ref,
    NULL AS campaign_ref,
    NULL AS opportunity_ref,
    NULL AS account_ref,
    CASE WHEN is_meeting THEN call_ts END AS starts_at,
    CASE WHEN is_meeting AND ll_num(duration) IS NOT NULL
         THEN call_ts + to_microseconds(CAST(round(ll_num(duration) * 1000000) AS BIGINT)) END
        AS ends_at,
    NULL::BOOLEAN AS cancelled,
    json_object('duration_s', ll_num(duration), 'url', ll_text(url),
                'scheduled', ll_ts(scheduled), 'call_direction', ll_text(direction),
                'scope', ll_text(scope), 'system', ll_text(call_system),
                'media', ll_text(media), 'language', ll_text(language),
                'purpose', ll_text(purpose), 'meeting_url', ll_text(meeting_url),
                'parties', len(party_list)) AS detail,
    NULL::TIMESTAMP AS updated_at,
    _line AS raw_line,
    CASE WHEN NOT coalesce(regexp_full_match(cid, '\d+'), false)
             THEN 'metaData.id ' || coalesce('''' || call_id || '''', 'is empty')
                  || ': not a Gong call id (a numeric string)'
         WHEN call_ts IS NULL
             THEN 'call ' || cid || ' has no started or scheduled time' END AS reject_reason
FROM refs;

-- name: map_gong_call_parties
-- One row per party of each call (extensive shape only; the flat shape has no parties). Calls
-- the activity mapping rejected are skipped here, so each bad record is reported once.
-- Internal parties are colleagues, not leads: they get no 'email:' ref.
WITH calls AS (
    SELECT _line, trim(call_id) AS cid,
           coalesce(CAST(json_extract(parties, '$[*]') AS JSON[]), []) AS party_list
    FROM src
    WHERE regexp_full_match(trim(call_id), '\d+')
      AND coalesce(ll_ts(started), ll_ts(scheduled)) IS NOT NULL
), numbered AS (
    SELECT _line, cid, party_list, unnest(range(1, len(party_list) + 1)) AS n FROM calls
), p AS (
    SELECT _line, cid, n, party_list[n] AS party,
           nullif(trim(json_extract_string(party_list[n], '$.id')), '') AS party_id,
           lower(json_extract_string(party_list[n], '$.affiliation')) AS affiliation_lc,
           coalesce(CAST(json_extract(party_list[n], '$.context[*]') AS JSON[]), [])
               AS context_list
    FROM numbered
)
SELECT
    'gong-party:' || cid || ':' || party_id AS record_key,
    'gong' AS system,
    ll_ref('gong', cid) AS call_ref,
    party_id,
    ll_text(json_extract_string(party, '$.speakerId')) AS speaker_id,
    ll_text(json_extract_string(party, '$.name')) AS name,
    ll_email(json_extract_string(party, '$.emailAddress')) AS email,
    ll_text(json_extract_string(party, '$.title')) AS title,
    ll_text(json_extract_string(party, '$.affiliation')) AS affiliation,
    list_sort(list_distinct(list_filter(list_concat(
        [CASE WHEN affiliation_lc IS DISTINCT FROM 'internal'
              THEN ll_ref('email', ll_email(json_extract_string(party, '$.emailAddress'))) END],
        flatten(list_transform(context_list,
            ctx -> list_transform(
                coalesce(CAST(json_extract(ctx, '$.objects[*]') AS JSON[]), []),
                obj -> CASE
                    WHEN lower(json_extract_string(obj, '$.objectType')) NOT IN ('lead', 'contact')
                        THEN NULL
                    WHEN lower(json_extract_string(ctx, '$.system')) = 'hubspot'
                        THEN ll_ref('hubspot', json_extract_string(obj, '$.objectId'))
                    WHEN coalesce(lower(json_extract_string(ctx, '$.system')), 'salesforce')
                         = 'salesforce'
                        THEN ll_sfid(json_extract_string(obj, '$.objectId'))
                END)))), r -> r IS NOT NULL))) AS person_refs,
    NULL::TIMESTAMP AS updated_at,
    _line AS raw_line,
    CASE WHEN party_id IS NULL
         THEN 'call ' || cid || ', party ' || n || ': parties[].id is empty' END AS reject_reason
FROM p;

-- name: map_gong_transcripts
-- One row per monologue (speaker turn), numbered from 1 in transcript order; its text is the
-- sentences joined, its span from the first sentence's start to the last one's end (ms from the
-- start of the call).
WITH t AS (
    SELECT _line, call_id, trim(call_id) AS cid,
           coalesce(CAST(json_extract(transcript, '$[*]') AS JSON[]), []) AS turns
    FROM src
), numbered AS (
    SELECT *, unnest(range(1, len(turns) + 1)) AS n
    FROM t WHERE regexp_full_match(cid, '\d+')
), turn AS (
    SELECT _line, cid, n, turns[n] AS monologue,
           coalesce(CAST(json_extract(turns[n], '$.sentences[*]') AS JSON[]), []) AS sentences
    FROM numbered
)
SELECT
    'gong-transcript:' || cid || ':' || n AS record_key,
    'gong' AS system,
    ll_ref('gong', cid) AS call_ref,
    n AS turn_no,
    ll_text(json_extract_string(monologue, '$.speakerId')) AS speaker_id,
    ll_text(json_extract_string(monologue, '$.topic')) AS topic,
    try_cast(json_extract_string(sentences[1], '$.start') AS BIGINT) AS start_ms,
    try_cast(json_extract_string(sentences[-1], '$.end') AS BIGINT) AS end_ms,
    ll_text(array_to_string(list_transform(sentences,
        s -> trim(json_extract_string(s, '$.text'))), ' ')) AS text,
    NULL::TIMESTAMP AS updated_at,
    _line AS raw_line,
    NULL AS reject_reason
FROM turn
UNION ALL
SELECT NULL, 'gong', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, _line,
       'callId ' || coalesce('''' || call_id || '''', 'is empty')
           || ': not a Gong call id (a numeric string)'
FROM t WHERE NOT coalesce(regexp_full_match(cid, '\d+'), false);
