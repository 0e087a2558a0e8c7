-- Marketo exports -> canonical rows. Each block reads `src` (logical field names, all text) and
-- returns the target table's columns (less import_id and row_hash) plus reject_reason.

-- name: map_marketo_activity
-- Activities (bulk extract CSV or REST JSON) -> activities 'marketo-activity:<marketoGUID>',
-- person_refs ['marketo:<leadId>']. By activityTypeId: 1 Visit Webpage -> web_visit;
-- 2 Fill Out Form -> form_submit; 3 Click Link -> web_visit (a link clicked on a Marketo page,
-- not in an email: email links are type 11); 6 -> marketing_email; 7 -> email_delivered;
-- 8 -> bounce; 9 -> opt_out; 10 -> email_open; 11 -> email_click; 12 -> created;
-- 13 Change Data Value -> field_change, or status_change when the field is Lead Status;
-- 104 Change Status in Progression -> status_change; 22 -> score_change; 24 -> list_added;
-- any other type (29 Delete Lead and 32 Merge Leads are named in detail) -> marketo_activity.
-- `attributes` is a JSON object (bulk CSV) or a list of {name, value} (REST); both are read as
-- one object.
WITH a AS (
    SELECT *,
        try_cast(trim(activity_type_id) AS INTEGER) AS type_id,
        ll_text(marketo_guid) AS guid,
        ll_text(lead_id) AS lead,
        ll_ts(activity_date) AS event_at,
        ll_text(primary_attribute_value) AS pav,
        CASE WHEN starts_with(trim(attributes), '[')
             THEN try(CAST(to_json(map_from_entries(list_transform(
                      CAST(json_extract(attributes, '$[*]') AS JSON[]),
                      e -> struct_pack(k := e ->> 'name', v := e ->> 'value')))) AS VARCHAR))
             WHEN starts_with(trim(attributes), '{') AND try(json_valid(attributes))
             THEN attributes
        END AS attrs
    FROM src
),
f AS (
    -- Every attribute in one extract: the JSON is parsed once per row, not once per attribute.
    SELECT *,
        json_extract_string(attrs, ['$."Webpage URL"', '$."Link"', '$."Form Name"',
                                    '$."New Value"', '$."Old Value"', '$."New Status"',
                                    '$."Old Status"', '$."Attribute Name"']) AS attr_values
    FROM a
),
v AS (
    SELECT *,
        coalesce(attr_values[1], ll_text(webpage_url)) AS url,
        coalesce(attr_values[2], ll_text(link)) AS link_url,
        attr_values[3] AS form_name,
        coalesce(attr_values[4], ll_text(new_value)) AS new_val,
        coalesce(attr_values[5], ll_text(old_value)) AS old_val,
        attr_values[6] AS new_status,
        attr_values[7] AS old_status,
        regexp_replace(lower(coalesce(attr_values[8], pav)), '[^a-z]', '', 'g') = 'leadstatus'
            AS is_lead_status
    FROM f
)
SELECT
    ll_ref('marketo-activity', guid) AS record_key,
    'marketo' AS system,
    'Activity' AS object,
    guid AS source_id,
    list_filter([ll_ref('marketo', lead)], r -> r IS NOT NULL) AS person_refs,
    event_at AS ts,
    CASE type_id
        WHEN 1 THEN 'web_visit' WHEN 2 THEN 'form_submit' WHEN 3 THEN 'web_visit'
        WHEN 6 THEN 'marketing_email' WHEN 7 THEN 'email_delivered' WHEN 8 THEN 'bounce'
        WHEN 9 THEN 'opt_out' WHEN 10 THEN 'email_open' WHEN 11 THEN 'email_click'
        WHEN 12 THEN 'created'
        WHEN 13 THEN CASE WHEN is_lead_status THEN 'status_change' ELSE 'field_change' END
        WHEN 104 THEN 'status_change' WHEN 22 THEN 'score_change' WHEN 24 THEN 'list_added'
        ELSE 'marketo_activity'
    END AS kind,
    CASE WHEN type_id IN (1, 2, 3, 10, 11) THEN ll_ref('marketo', lead) END AS actor,
    CASE type_id WHEN 1 THEN coalesce(url, pav) WHEN 3 THEN coalesce(link_url, pav)
                 WHEN 2 THEN coalesce(form_name, pav) ELSE pav END AS title,
    NULL AS body,
    CASE WHEN type_id IN (6, 7) THEN 'outbound'
         WHEN type_id IN (1, 2, 3, 10, 11) THEN 'inbound' END AS direction,
    CASE type_id WHEN 104 THEN new_status WHEN 13 THEN new_val WHEN 22 THEN new_val END
        AS status,
    NULL AS sequence_ref,
    ll_ref('marketo-campaign', campaign_id) AS campaign_ref,
    NULL AS opportunity_ref,
    NULL AS account_ref,
    NULL::TIMESTAMP AS starts_at,
    NULL::TIMESTAMP AS ends_at,
    NULL::BOOLEAN AS cancelled,
    json_object(
        'type_id', type_id,
        'type', CASE type_id
            WHEN 1 THEN 'Visit Webpage' WHEN 2 THEN 'Fill Out Form' WHEN 3 THEN 'Click Link'
            WHEN 6 THEN 'Send Email' WHEN 7 THEN 'Email Delivered' WHEN 8 THEN 'Email Bounced'
            WHEN 9 THEN 'Unsubscribe Email' WHEN 10 THEN 'Open Email'
            WHEN 11 THEN 'Click Email' WHEN 12 THEN 'New Lead' WHEN 13 THEN 'Change Data Value'
            WHEN 22 THEN 'Change Score' WHEN 24 THEN 'Add to List'
            WHEN 29 THEN 'Delete Lead' WHEN 32 THEN 'Merge Leads'
            WHEN 104 THEN 'Change Status in Progression' END,
        'primary_attribute_value', pav,
        'primary_attribute_value_id', ll_text(primary_attribute_value_id),
        'campaign_id', ll_text(campaign_id),
        'url', url, 'link', link_url, 'form_name', form_name,
        'old_value', old_val, 'new_value', new_val,
        'old_status', old_status, 'new_status', new_status,
        'attributes', coalesce(CAST(attrs AS JSON), to_json(ll_text(attributes)))) AS detail,
    event_at AS updated_at,
    _line AS raw_line,
    CASE WHEN guid IS NULL THEN 'marketoGUID is empty: an activity needs its id'
         WHEN lead IS NULL OR NOT regexp_full_match(lead, '\d+')
             THEN 'leadId ' || coalesce('''' || lead || '''', 'is empty')
                  || ': not a Marketo lead id'
         WHEN event_at IS NULL
             THEN 'activityDate ' || coalesce('''' || activity_date || '''', 'is empty')
                  || ': not a time'
         WHEN type_id IS NULL
             THEN 'activityTypeId ' || coalesce('''' || activity_type_id || '''', 'is empty')
                  || ': not a number'
    END AS reject_reason
FROM v;

-- name: map_marketo_lead
-- Lead exports -> person_records 'marketo:<id>', linked to Salesforce through sfdcLeadId and
-- sfdcContactId. An invalid email (emailInvalid) has no date of its own, so bounced_at is the
-- record's last update (an upper bound).
SELECT
    ll_ref('marketo', id) AS record_key,
    'marketo' AS system,
    'Lead' AS object,
    ll_text(id) AS source_id,
    ll_email(email) AS email,
    list_filter([ll_email(email)], e -> e IS NOT NULL) AS emails,
    ll_text(first_name) AS first_name,
    ll_text(last_name) AS last_name,
    coalesce(ll_full_name(first_name, last_name),
             ll_text(mkto_name)) AS name,
    ll_text(company) AS company,
    ll_text(title) AS title,
    ll_text(phone) AS phone,
    ll_sfid(sfdc_account_id) AS account_ref,
    ll_text(owner) AS owner,
    ll_text(lead_source) AS lead_source,
    ll_text(lead_status) AS status,
    NULL AS lifecycle_stage,
    NULL::BOOLEAN AS is_converted,
    NULL AS converted_ref,
    NULL::TIMESTAMP AS converted_at,
    list_filter([ll_sfid(sfdc_lead_id), ll_sfid(sfdc_contact_id)], r -> r IS NOT NULL)
        AS linked_refs,
    ll_bool(unsubscribed) AS opted_out,
    NULL::TIMESTAMP AS opted_out_at,
    CASE WHEN ll_bool(email_invalid) THEN coalesce(ll_ts(updated_at), ll_ts(created_at)) END
        AS bounced_at,
    NULL::BOOLEAN AS do_not_call,
    NULL::TIMESTAMP AS mql_at,
    NULL::TIMESTAMP AS sql_at,
    NULL::TIMESTAMP AS opportunity_at,
    NULL::TIMESTAMP AS customer_at,
    ll_ts(created_at) AS created_at,
    ll_ts(updated_at) AS updated_at,
    coalesce(ll_bool(is_deleted), false) AS is_deleted,
    _line AS raw_line,
    CASE WHEN ll_text(id) IS NULL THEN 'id is empty: a Marketo lead needs its id'
         WHEN NOT regexp_full_match(trim(id), '\d+')
             THEN 'id ''' || trim(id) || ''': not a Marketo lead id (digits only)'
    END AS reject_reason
FROM src;
