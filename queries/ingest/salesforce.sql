-- Salesforce exports -> canonical rows. Each block reads `src` (logical field names, all text)
-- and returns the target table's columns (less import_id and row_hash) plus reject_reason.

-- name: map_salesforce_lead
SELECT
    ll_sfid(id) AS record_key,
    'salesforce' AS system,
    'Lead' AS object,
    ll_text(id) AS source_id,
    ll_email(email) AS email,
    list_filter([ll_email(email)], e -> e IS NOT NULL) AS emails,
    ll_text(first_name) AS first_name,
    ll_text(last_name) AS last_name,
    ll_text(concat_ws(' ', ll_text(first_name), ll_text(last_name))) AS name,
    ll_text(company) AS company,
    ll_text(title) AS title,
    ll_text(phone) AS phone,
    ll_sfid(converted_account_id) AS account_ref,
    ll_text(owner_id) AS owner,
    ll_text(lead_source) AS lead_source,
    ll_text(status) AS status,
    NULL AS lifecycle_stage,
    coalesce(ll_bool(is_converted), false) AS is_converted,
    ll_sfid(converted_contact_id) AS converted_ref,
    ll_ts(converted_date) AS converted_at,
    CAST([] AS VARCHAR[]) AS linked_refs,
    coalesce(ll_bool(has_opted_out_of_email), false) AS opted_out,
    NULL::TIMESTAMP AS opted_out_at,
    ll_ts(email_bounced_date) AS bounced_at,
    ll_bool(do_not_call) AS do_not_call,
    NULL::TIMESTAMP AS mql_at,
    NULL::TIMESTAMP AS sql_at,
    NULL::TIMESTAMP AS opportunity_at,
    NULL::TIMESTAMP AS customer_at,
    ll_ts(created_date) AS created_at,
    ll_ts(last_modified_date) AS updated_at,
    coalesce(ll_bool(is_deleted), false) AS is_deleted,
    _line AS raw_line,
    CASE WHEN ll_sfid(id) IS NULL THEN 'Id ' || coalesce('''' || id || '''', 'is empty')
              || ': not a 15- or 18-character Salesforce id' END AS reject_reason
FROM src;
