-- Helper macros created as TEMP macros on every connection, so the code's version always applies
-- and opening a store never writes to it.

-- name: create_macros
-- Email as the spec compares it: trimmed, lower-cased; NULL unless it looks like an address.
CREATE OR REPLACE TEMP MACRO ll_email(s) AS (
    CASE WHEN contains(lower(trim(CAST(s AS VARCHAR))), '@') THEN lower(trim(CAST(s AS VARCHAR))) END
);
-- Salesforce ids match on their first 15 characters (case-sensitive): 'sf:<id15>'.
CREATE OR REPLACE TEMP MACRO ll_sfid(s) AS (
    CASE WHEN length(trim(CAST(s AS VARCHAR))) IN (15, 18)
         THEN 'sf:' || left(trim(CAST(s AS VARCHAR)), 15) END
);
-- A prefixed ref ('hubspot:123') or NULL when the id is empty.
CREATE OR REPLACE TEMP MACRO ll_ref(prefix, s) AS (
    CASE WHEN nullif(trim(CAST(s AS VARCHAR)), '') IS NOT NULL
         THEN prefix || ':' || trim(CAST(s AS VARCHAR)) END
);
CREATE OR REPLACE TEMP MACRO ll_text(s) AS (nullif(trim(CAST(s AS VARCHAR)), ''));
-- 'First Last' from the parts a record has (NULL when it has neither).
CREATE OR REPLACE TEMP MACRO ll_full_name(first_name, last_name) AS (
    ll_text(concat_ws(' ', ll_text(first_name), ll_text(last_name)))
);
CREATE OR REPLACE TEMP MACRO ll_bool(s) AS (
    CASE lower(trim(CAST(s AS VARCHAR)))
        WHEN 'true' THEN true WHEN '1' THEN true WHEN 'yes' THEN true WHEN 'y' THEN true
        WHEN 't' THEN true WHEN 'x' THEN true WHEN 'checked' THEN true
        WHEN 'false' THEN false WHEN '0' THEN false WHEN 'no' THEN false WHEN 'n' THEN false
        WHEN 'f' THEN false WHEN 'unchecked' THEN false
    END
);
CREATE OR REPLACE TEMP MACRO ll_num(s) AS (
    try_cast(replace(replace(trim(CAST(s AS VARCHAR)), ',', ''), '$', '') AS DOUBLE)
);
-- Any timestamp spelling of the reference, to naive UTC. Strings without an offset are taken
-- as UTC (the connection's TimeZone is UTC); epoch numbers by magnitude (s, ms, us).
CREATE OR REPLACE TEMP MACRO ll_ts(s) AS (
    coalesce(
        -- ISO 8601 with or without offset: by far the most common, and the cheapest to try.
        -- The cast allows surrounding blanks; the instant's microseconds make the naive UTC
        -- time four times faster than timezone('UTC', ...).
        make_timestamp(epoch_us(try_cast(CAST(s AS VARCHAR) AS TIMESTAMPTZ))),
        CASE
            WHEN nullif(trim(CAST(s AS VARCHAR)), '') IS NULL THEN NULL
            WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\d{15,17}')
                THEN make_timestamp(CAST(trim(CAST(s AS VARCHAR)) AS BIGINT))
            WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\d{12,14}')
                THEN make_timestamp(CAST(trim(CAST(s AS VARCHAR)) AS BIGINT) * 1000)
            WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\d{9,11}')
                THEN make_timestamp(CAST(trim(CAST(s AS VARCHAR)) AS BIGINT) * 1000000)
            WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\d{8}')
                THEN try_strptime(trim(CAST(s AS VARCHAR)), '%Y%m%d')
            ELSE coalesce(
                timezone('UTC', try_strptime(trim(CAST(s AS VARCHAR)),
                    ['%Y-%m-%dT%H:%M:%S.%g%z', '%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%d %H:%M:%S%z'])),
                try_strptime(regexp_replace(trim(CAST(s AS VARCHAR)), '\s+UTC$', ''),
                    ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%m/%d/%Y %I:%M %p',
                     '%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y',
                     '%Y/%m/%d %H:%M:%S', '%Y/%m/%d', '%d-%b-%Y', '%b %d, %Y']))
        END)
);
-- A naive local timestamp in zone tz (HubSpot UI exports use the portal's zone) to UTC; strings
-- that carry an offset keep it. In UTC (the default, and every Fivetran row) there is nothing to
-- shift, and the offset regexes are skipped: three times faster.
CREATE OR REPLACE TEMP MACRO ll_ts_in(s, tz) AS (
    CASE
        WHEN tz = 'UTC' OR regexp_matches(trim(CAST(s AS VARCHAR)),
                            '\d:\d\d(:\d\d(\.\d+)?)?\s*(Z|UTC|[+-]\d\d(:?\d\d)?)$')
             OR regexp_full_match(trim(CAST(s AS VARCHAR)), '\d{9,17}') THEN ll_ts(s)
        ELSE timezone('UTC', timezone(tz, ll_ts(s)))
    END
);
-- Date-only fields (ConvertedDate, ActivityDate, FirstRespondedDate).
CREATE OR REPLACE TEMP MACRO ll_date(s) AS (CAST(ll_ts(s) AS DATE));
-- A list of emails from a JSON array ('["a@x.com"]') or a delimited string ('a@x.com; b@y.com').
CREATE OR REPLACE TEMP MACRO ll_email_list(s) AS (
    list_filter(
        list_transform(
            CASE WHEN starts_with(trim(CAST(s AS VARCHAR)), '[')
                 THEN CAST(json_extract_string(CAST(s AS VARCHAR), '$[*]') AS VARCHAR[])
                 ELSE string_split_regex(CAST(s AS VARCHAR), '[,;\s]+') END,
            e -> ll_email(e)),
        e -> e IS NOT NULL)
);
-- The registrable-looking domain of an email or URL ('https://www.acme.com/x' -> 'acme.com').
CREATE OR REPLACE TEMP MACRO ll_domain(s) AS (
    nullif(regexp_replace(regexp_extract(lower(trim(CAST(s AS VARCHAR))),
        '^(?:[a-z]+://)?(?:[^@/]*@)?(?:www\.)?([^/:?#@]+)', 1), '\.$', ''), '')
);
-- The path of a URL ('https://acme.com/pricing?x=1' -> '/pricing', 'https://acme.com' -> '/'),
-- NULL for no URL. The scheme and host go by a regex only when there is one, the query and
-- fragment by split_part: twice as fast as one capturing regex over every page view's URL. The
-- NULL comes from `left(s, 0) || '/'`, not a CASE: DuckDB ran these functions inside a CASE five
-- times slower.
CREATE OR REPLACE TEMP MACRO ll_url_path(s) AS (
    coalesce(nullif(split_part(split_part(
        CASE WHEN contains(CAST(s AS VARCHAR), '://')
             THEN regexp_replace(CAST(s AS VARCHAR), '^[a-zA-Z]+://[^/?#]*', '')
             ELSE CAST(s AS VARCHAR) END,
        '?', 1), '#', 1), ''), left(CAST(s AS VARCHAR), 0) || '/')
);
