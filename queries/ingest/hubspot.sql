-- HubSpot exports -> canonical rows. Each block reads `src` (logical field names, all text) and
-- returns the target table's columns (less import_id and row_hash) plus reject_reason.
-- Times: ll_ts_in(x, $hubspot_tz) reads naive UI-export times in the portal's zone and keeps
-- ISO times with an offset and epoch milliseconds (API, v1) as they are.

-- name: map_hubspot_contact
-- Contacts (UI labels, API names, Fivetran property_ columns, v3 JSON) -> person_records
-- 'hubspot:<id>'. Lifecycle labels become internal values ('Marketing Qualified Lead' ->
-- 'marketingqualifiedlead'); lead status API values become the labels person_records.status
-- holds ('IN_PROGRESS' -> 'In Progress'). A hard bounce has no date of its own in a contact
-- export, so bounced_at is the record's last modification (an upper bound). Contacts merged into
-- this one (hs_calculated_merged_vids, 'vid:epoch_ms;...') are linked refs, so activities that
-- still name a merged-away id reach the survivor. Fivetran rows (_fivetran_synced) hold naive
-- UTC times, not portal-local ones.
WITH z AS (
    SELECT *,
        CASE WHEN ll_text(fivetran_synced) IS NOT NULL THEN 'UTC' ELSE $hubspot_tz END AS src_tz
    FROM src
),
c AS (
    SELECT *,
        ll_text(id) AS hs_id,
        list_filter(string_split_regex(coalesce(company_ids, ''), '[;,\s]+'),
                    x -> x <> '')[1] AS company_id,
        regexp_replace(lower(trim(lifecyclestage)), '[^a-z0-9]', '', 'g') AS stage_squashed,
        ll_ts_in(lastmodifieddate, src_tz) AS modified_at,
        ll_ts_in(createdate, src_tz) AS created_ts,
        list_filter(list_transform(string_split_regex(coalesce(merged_vids, ''), '[;,\s]+'),
                                   x -> split_part(x, ':', 1)),
                    x -> regexp_full_match(x, '\d+')) AS merged_ids
    FROM z
)
SELECT
    ll_ref('hubspot', hs_id) AS record_key,
    'hubspot' AS system,
    'Contact' AS object,
    hs_id AS source_id,
    ll_email(email) AS email,
    list_filter(list_concat([ll_email(email)],
                            list_filter(coalesce(ll_email_list(additional_emails), []),
                                        e -> e IS DISTINCT FROM ll_email(email))),
                e -> e IS NOT NULL) AS emails,
    ll_text(firstname) AS first_name,
    ll_text(lastname) AS last_name,
    ll_full_name(firstname, lastname) AS name,
    ll_text(company) AS company,
    ll_text(jobtitle) AS title,
    coalesce(ll_text(phone), ll_text(mobilephone)) AS phone,
    ll_ref('hubspot-company', company_id) AS account_ref,
    ll_text(owner) AS owner,
    ll_text(lead_source) AS lead_source,
    CASE trim(lead_status)
        WHEN 'NEW' THEN 'New' WHEN 'OPEN' THEN 'Open' WHEN 'IN_PROGRESS' THEN 'In Progress'
        WHEN 'OPEN_DEAL' THEN 'Open Deal' WHEN 'UNQUALIFIED' THEN 'Unqualified'
        WHEN 'ATTEMPTED_TO_CONTACT' THEN 'Attempted to Contact' WHEN 'CONNECTED' THEN 'Connected'
        WHEN 'BAD_TIMING' THEN 'Bad Timing'
        ELSE ll_text(lead_status)
    END AS status,
    CASE WHEN stage_squashed IN ('subscriber', 'lead', 'marketingqualifiedlead',
                                 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist',
                                 'other')
         THEN stage_squashed ELSE ll_text(lifecyclestage) END AS lifecycle_stage,
    NULL::BOOLEAN AS is_converted,
    NULL AS converted_ref,
    NULL::TIMESTAMP AS converted_at,
    list_concat(
        list_filter([ll_sfid(sf_lead_id), ll_sfid(sf_contact_id)], r -> r IS NOT NULL),
        list_transform(list_filter(merged_ids, x -> x <> hs_id), x -> 'hubspot:' || x))
        AS linked_refs,
    ll_bool(email_optout) AS opted_out,
    NULL::TIMESTAMP AS opted_out_at,
    CASE WHEN ll_text(hard_bounce_reason) IS NOT NULL OR ll_bool(bad_address)
         THEN coalesce(modified_at, created_ts) END AS bounced_at,
    NULL::BOOLEAN AS do_not_call,
    ll_ts_in(mql_date, src_tz) AS mql_at,
    ll_ts_in(sql_date, src_tz) AS sql_at,
    ll_ts_in(opportunity_date, src_tz) AS opportunity_at,
    ll_ts_in(customer_date, src_tz) AS customer_at,
    created_ts AS created_at,
    modified_at AS updated_at,
    coalesce(ll_bool(archived), false) AS is_deleted,
    _line AS raw_line,
    CASE WHEN hs_id IS NULL THEN 'Record ID is empty: a HubSpot contact needs its id'
         WHEN NOT regexp_full_match(hs_id, '\d+')
             THEN 'Record ID ''' || hs_id || ''': not a HubSpot id (digits only)'
    END AS reject_reason
FROM c;

-- name: map_hubspot_engagement
-- Engagements (v1 JSON, v3 objects, Fivetran tables) -> activities 'hubspot-engagement:<id>'.
-- The type is the type column, else read from which properties a row (then the file) has.
-- note -> note; EMAIL -> sales_email (outbound); INCOMING_EMAIL -> reply (inbound);
-- FORWARDED_EMAIL -> sales_email with no direction (a rep forwarded it: sender unknown);
-- CALL -> sales_call; MEETING -> meeting (cancelled only when CANCELED; NO_SHOW was held but
-- not attended, so it stays not cancelled with status NO_SHOW); TASK -> task.
-- HTML bodies become plain text; person_refs are the associated contacts plus the lead's email.
-- Fivetran rows (_fivetran_synced) hold naive UTC times, not portal-local ones.
WITH typed AS (
    SELECT *,
        CASE WHEN ll_text(fivetran_synced) IS NOT NULL THEN 'UTC' ELSE $hubspot_tz END AS src_tz,
        upper(coalesce(ll_text(eng_type),
            CASE WHEN coalesce(start_time, end_time, outcome) IS NOT NULL THEN 'MEETING'
                 WHEN coalesce(call_direction, duration_ms, disposition) IS NOT NULL THEN 'CALL'
                 WHEN coalesce(email_direction, subject, email_text, email_html,
                               from_email) IS NOT NULL THEN 'EMAIL' END,
            CASE WHEN bool_or(coalesce(start_time, end_time, outcome) IS NOT NULL) OVER ()
                     THEN 'MEETING'
                 WHEN bool_or(coalesce(call_direction, duration_ms, disposition) IS NOT NULL)
                     OVER () THEN 'CALL'
                 WHEN bool_or(coalesce(email_direction, subject, email_text, email_html,
                                       from_email) IS NOT NULL) OVER () THEN 'EMAIL' END,
            'NOTE')) AS family_type,
        list_transform(try(json_extract_string(contact_ids, '$[*]')),
                       v -> CASE WHEN starts_with(v, '{') THEN json_extract_string(v, '$.id')
                                 ELSE v END) AS json_contact_ids,
        list_transform(try(json_extract_string(to_emails, '$[*]')),
                       v -> CASE WHEN starts_with(v, '{') THEN json_extract_string(v, '$.email')
                                 ELSE v END) AS json_to_emails
    FROM src
),
e AS (
    SELECT *,
        CASE WHEN family_type IN ('EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL')
             THEN upper(coalesce(ll_text(email_direction), family_type))
             ELSE family_type END AS etype,
        list_filter(CASE WHEN starts_with(trim(contact_ids), '[') THEN json_contact_ids
                         ELSE string_split_regex(coalesce(contact_ids, ''), '[;,\s]+') END,
                    x -> nullif(trim(x), '') IS NOT NULL) AS contacts,
        CASE WHEN starts_with(trim(to_emails), '[')
             THEN list_filter(list_transform(json_to_emails, x -> ll_email(x)),
                              x -> x IS NOT NULL)
             ELSE coalesce(ll_email_list(to_emails), []) END AS to_list,
        CASE WHEN family_type IN ('EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL')
             THEN coalesce(ll_text(email_text), ll_text(email_html), ll_text(body))
             ELSE coalesce(ll_text(body), ll_text(email_text), ll_text(email_html))
        END AS raw_body
    FROM typed
),
stripped AS (
    SELECT *,
        regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
            raw_body,
            '(?is)<(?:script|style)\b[^>]*>.*?</(?:script|style)>', '', 'g'),
            '(?i)<br\s*/?>|</(?:p|div|li|tr|h[1-6])\s*>', chr(10), 'g'),
            '<[a-zA-Z/!][^>]*>', '', 'g'),
            '&nbsp;', ' ', 'g'),
            '&lt;', '<', 'g'),
            '&gt;', '>', 'g'),
            '&quot;', '"', 'g'),
            '&(?:#39|apos);', '''', 'g'),
            '[ \t\r\f\v]+', ' ', 'g'),
            ' ?\n[ \n]*', chr(10), 'g') AS text_body
    FROM e
),
k AS (
    SELECT *,
        CASE etype WHEN 'NOTE' THEN 'note' WHEN 'EMAIL' THEN 'sales_email'
                   WHEN 'FORWARDED_EMAIL' THEN 'sales_email' WHEN 'INCOMING_EMAIL' THEN 'reply'
                   WHEN 'CALL' THEN 'sales_call' WHEN 'MEETING' THEN 'meeting'
                   WHEN 'TASK' THEN 'task' ELSE 'hubspot_engagement' END AS activity_kind,
        ll_text(eng_id) AS hs_id,
        ll_ts_in(ts, src_tz) AS event_at,
        upper(ll_text(outcome)) AS meeting_outcome,
        -- v1 '[123]', v3 '[{"id": "123", ...}]', or a plain '123;456' column
        coalesce(try(coalesce(json_extract_string(deal_ids, '$[0].id'),
                              json_extract_string(deal_ids, '$[0]'))),
                 regexp_extract(deal_ids, '^\s*(\d+)', 1)) AS first_deal_id,
        coalesce(try(coalesce(json_extract_string(company_ids, '$[0].id'),
                              json_extract_string(company_ids, '$[0]'))),
                 regexp_extract(company_ids, '^\s*(\d+)', 1)) AS first_company_id
    FROM stripped
)
SELECT
    ll_ref('hubspot-engagement', hs_id) AS record_key,
    'hubspot' AS system,
    'Engagement' AS object,
    hs_id AS source_id,
    list_concat(
        list_transform(contacts, x -> 'hubspot:' || trim(x)),
        list_transform(CASE WHEN etype = 'INCOMING_EMAIL'
                            THEN list_filter([ll_email(from_email)], x -> x IS NOT NULL)
                            WHEN etype = 'EMAIL' THEN to_list ELSE [] END,
                       x -> 'email:' || x)) AS person_refs,
    event_at AS ts,
    activity_kind AS kind,
    CASE WHEN etype = 'INCOMING_EMAIL' THEN coalesce(ll_email(from_email), ll_text(owner_id))
         ELSE ll_text(owner_id) END AS actor,
    coalesce(ll_text(title), ll_text(subject)) AS title,
    nullif(trim(replace(text_body, '&amp;', '&'), ' ' || chr(10) || chr(13) || chr(9)), '')
        AS body,
    CASE WHEN etype = 'EMAIL' THEN 'outbound'
         WHEN etype = 'INCOMING_EMAIL' THEN 'inbound'
         WHEN etype = 'CALL' AND upper(trim(call_direction)) IN ('INBOUND', 'OUTBOUND')
             THEN lower(trim(call_direction)) END AS direction,
    CASE WHEN etype = 'MEETING' THEN meeting_outcome ELSE upper(ll_text(status)) END AS status,
    NULL AS sequence_ref,
    NULL AS campaign_ref,
    ll_ref('hubspot-deal', first_deal_id) AS opportunity_ref,
    ll_ref('hubspot-company', first_company_id) AS account_ref,
    CASE WHEN etype = 'MEETING' THEN coalesce(ll_ts_in(start_time, src_tz), event_at) END
        AS starts_at,
    CASE WHEN etype = 'MEETING' THEN ll_ts_in(end_time, src_tz) END AS ends_at,
    CASE WHEN etype = 'MEETING' THEN coalesce(meeting_outcome IN ('CANCELED', 'CANCELLED'), false)
    END AS cancelled,
    json_object('type', etype, 'contact_ids', contacts, 'from', ll_email(from_email),
                'to', to_list, 'duration_ms', ll_num(duration_ms),
                'disposition', ll_text(disposition),
                'internal_notes', ll_text(internal_notes)) AS detail,
    ll_ts_in(updated, src_tz) AS updated_at,
    _line AS raw_line,
    CASE WHEN hs_id IS NULL THEN 'engagement id is empty: an engagement needs its id'
         WHEN event_at IS NULL THEN 'timestamp ' || coalesce('''' || ts || '''', 'is empty')
                              || ': not a time'
    END AS reject_reason
FROM k;

-- name: map_hubspot_engagement_contact
-- Engagement -> contact associations (Fivetran engagement_contact) -> activity_links.
SELECT
    ll_ref('hubspot-engagement', engagement_id) || '|' || ll_ref('hubspot', contact_id)
        AS record_key,
    'hubspot' AS system,
    ll_ref('hubspot-engagement', engagement_id) AS activity_ref,
    ll_ref('hubspot', contact_id) AS person_ref,
    ll_ts(synced) AS updated_at,
    _line AS raw_line,
    CASE WHEN ll_text(engagement_id) IS NULL THEN 'engagement_id is empty'
         WHEN ll_text(contact_id) IS NULL THEN 'contact_id is empty'
    END AS reject_reason
FROM src;

-- name: map_hubspot_email_event
-- Marketing email events -> activities 'hubspot-email-event:<id>', linked by recipient email.
-- SENT -> marketing_email; DELIVERED -> email_delivered; OPEN -> email_open (not an
-- engagement: privacy proxies open mail unread); CLICK -> email_click; BOUNCE -> bounce;
-- SPAMREPORT, UNSUBSCRIBED and a STATUSCHANGE to unsubscribed -> opt_out; the rest email_event.
-- Fivetran rows (_fivetran_synced) hold naive UTC times, not portal-local ones.
WITH v AS (
    SELECT *, upper(trim(type)) AS event_type, ll_text(id) AS event_id,
           ll_ts_in(created, CASE WHEN ll_text(fivetran_synced) IS NOT NULL THEN 'UTC'
                                  ELSE $hubspot_tz END) AS event_at,
           ll_email(recipient) AS email
    FROM src
)
SELECT
    ll_ref('hubspot-email-event', event_id) AS record_key,
    'hubspot' AS system,
    'EmailEvent' AS object,
    event_id AS source_id,
    list_filter(['email:' || email], x -> x IS NOT NULL) AS person_refs,
    event_at AS ts,
    CASE event_type
        WHEN 'SENT' THEN 'marketing_email' WHEN 'DELIVERED' THEN 'email_delivered'
        WHEN 'OPEN' THEN 'email_open' WHEN 'CLICK' THEN 'email_click'
        WHEN 'BOUNCE' THEN 'bounce' WHEN 'SPAMREPORT' THEN 'opt_out'
        WHEN 'UNSUBSCRIBED' THEN 'opt_out'
        WHEN 'STATUSCHANGE' THEN
            CASE WHEN upper(trim(portal_subscription_status)) = 'UNSUBSCRIBED'
                      OR upper(subscriptions) LIKE '%UNSUBSCRIBED%' THEN 'opt_out'
                 ELSE 'email_status_change' END
        ELSE 'email_event'
    END AS kind,
    CASE WHEN event_type IN ('OPEN', 'CLICK', 'SPAMREPORT', 'UNSUBSCRIBED', 'STATUSCHANGE')
         THEN email ELSE ll_text(sent_by_id) END AS actor,
    CASE WHEN event_type = 'CLICK' THEN ll_text(url) END AS title,
    NULL AS body,
    CASE WHEN event_type IN ('SENT', 'DELIVERED') THEN 'outbound'
         WHEN event_type IN ('OPEN', 'CLICK') THEN 'inbound' END AS direction,
    event_type AS status,
    NULL AS sequence_ref,
    ll_ref('hubspot-email-campaign', email_campaign_id) AS campaign_ref,
    NULL AS opportunity_ref,
    NULL AS account_ref,
    NULL::TIMESTAMP AS starts_at,
    NULL::TIMESTAMP AS ends_at,
    NULL::BOOLEAN AS cancelled,
    json_object('type', event_type, 'email_campaign_id', ll_text(email_campaign_id),
                'url', ll_text(url), 'category', ll_text(category),
                'response', ll_text(response), 'app_name', ll_text(app_name),
                'portal_subscription_status', ll_text(portal_subscription_status)) AS detail,
    event_at AS updated_at,
    _line AS raw_line,
    CASE WHEN event_id IS NULL THEN 'id is empty: an email event needs its id'
         WHEN event_at IS NULL THEN 'created ' || coalesce('''' || created || '''', 'is empty')
                              || ': not a time'
         WHEN email IS NULL THEN 'recipient ' || coalesce('''' || recipient || '''', 'is empty')
                                 || ': not an email address'
    END AS reject_reason
FROM v;
