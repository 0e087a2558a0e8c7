-- Forgetting one person (a data subject's erasure request): lead_lens/people/forget.py.
-- The fg_* temp tables say what belongs to the person; every delete returns its row count.
-- docs/forget.md lists what is removed, what is kept and why.

-- name: forget_snapshot_keys
-- The person keys of the last rebuild, taken before identity is resolved afresh: the derived
-- rows (timeline, verdicts, summaries) carry the person ids of that rebuild.
CREATE OR REPLACE TEMP TABLE fg_old_keys AS SELECT ref, person_id FROM person_keys;

-- name: forget_find
-- The people $needle names in the fresh person keys: any of their emails, a ref ('sf:00Q...',
-- 'hubspot:51000') or a person id.
CREATE OR REPLACE TEMP TABLE fg_target AS
SELECT DISTINCT person_id FROM person_keys
WHERE ref = 'email:' || ll_email($needle) OR ref = ll_pref($needle) OR person_id = trim($needle);

-- name: forget_scope
-- Everything that identifies the person: every ref identity resolution tied to them (emails,
-- CRM and sequencer ids, anonymous browsers, including people merged into them), the person ids
-- those refs had at the last rebuild, and the texts searched for in verbatim rows: emails,
-- Salesforce ids (15-character form, so the 18-character one matches too) and anonymous ids.
-- Each text matches only where it is not part of a longer address or id (a@b.co is not found in
-- data@b.com); texts under 8 characters are not searched (they would match unrelated rows).
CREATE OR REPLACE TEMP TABLE fg_refs AS
SELECT DISTINCT ref FROM person_keys WHERE person_id IN (SELECT person_id FROM fg_target);
CREATE OR REPLACE TEMP TABLE fg_person_ids AS
SELECT person_id FROM fg_target
UNION SELECT person_id FROM fg_old_keys WHERE ref IN (SELECT ref FROM fg_refs);
CREATE OR REPLACE TEMP TABLE fg_terms AS
WITH texts AS (
    SELECT lower(substr(ref, 7)) AS term,
           '(^|[^a-z0-9._%+-])' AS before, '($|[^a-z0-9._-]|\.($|[^a-z0-9]))' AS after
    FROM fg_refs WHERE starts_with(ref, 'email:')
    UNION ALL
    SELECT lower(substr(ref, 4)), '(^|[^a-z0-9])', '' FROM fg_refs WHERE starts_with(ref, 'sf:')
    UNION ALL
    SELECT lower(regexp_extract(ref, '^anon:[^:]*:(.*)$', 1)), '(^|[^a-z0-9._-])',
           '($|[^a-z0-9._-])'
    FROM fg_refs WHERE starts_with(ref, 'anon:')
)
SELECT DISTINCT term, before || regexp_escape(term) || after AS pattern
FROM texts WHERE length(term) >= 8;

-- name: forget_subject
-- Who is about to be forgotten, for the confirmation: names and emails of the matched people.
SELECT list_sort(list_distinct(list(p.name) FILTER (WHERE p.name IS NOT NULL))) AS names,
       (SELECT list_sort(list(substr(ref, 7))) FROM fg_refs WHERE starts_with(ref, 'email:'))
           AS emails,
       (SELECT list_sort(list(ref)) FROM fg_refs) AS refs
FROM people p WHERE p.person_id IN (SELECT person_id FROM fg_target);

-- name: forget_rows
-- The person's canonical rows, with the verbatim line each came from. 'delete': the row is the
-- person's own. 'edit': an activity that also names other people (an email to two contacts, a
-- call with other external parties) stays for them and only loses the person's refs.
-- Call parties and transcript turns go with a deleted call; on a shared call only the person's
-- own party and the turns they spoke go.
CREATE OR REPLACE TEMP TABLE fg_rows AS
WITH
activity_refs AS (
    SELECT record_key, ll_pref(unnest(person_refs)) AS ref FROM activities
    UNION
    SELECT activity_ref, ll_pref(person_ref) FROM activity_links
),
activity_owner AS (
    SELECT a.record_key, bool_or(f.ref IS NOT NULL) AS theirs,
           bool_and(f.ref IS NOT NULL) AS only_theirs
    FROM activity_refs a LEFT JOIN fg_refs f USING (ref)
    WHERE a.ref IS NOT NULL
    GROUP BY a.record_key
),
party_refs AS (
    SELECT record_key, call_ref, speaker_id,
           ll_pref(unnest(list_concat(coalesce(person_refs, []), ['email:' || ll_email(email)])))
               AS ref
    FROM call_parties
),
their_parties AS (
    SELECT DISTINCT record_key, call_ref, speaker_id
    FROM party_refs WHERE ref IN (SELECT ref FROM fg_refs)
),
gone_activities AS (SELECT record_key FROM activity_owner WHERE only_theirs),
in_refs AS (SELECT ref FROM fg_refs),
web_rows AS (
    SELECT 'web_events' AS table_name, record_key, import_id, raw_line, system, anonymous_id,
           email, user_id
    FROM web_events
    UNION ALL
    SELECT 'identity_links', record_key, import_id, raw_line, system, anonymous_id, email,
           user_id
    FROM identity_links
)
SELECT 'person_records' AS table_name, record_key, import_id, raw_line, 'delete' AS action
FROM person_records WHERE ll_pref(record_key) IN (SELECT ref FROM in_refs)
UNION ALL
SELECT 'activities', a.record_key, a.import_id, a.raw_line,
       CASE WHEN o.only_theirs THEN 'delete' ELSE 'edit' END
FROM activities a JOIN activity_owner o USING (record_key) WHERE o.theirs
UNION ALL
SELECT 'activity_links', record_key, import_id, raw_line, 'delete' FROM activity_links
WHERE ll_pref(person_ref) IN (SELECT ref FROM in_refs)
   OR activity_ref IN (SELECT record_key FROM gone_activities)
UNION ALL
-- web events and identify calls: by their browser id, email or user id
SELECT table_name, record_key, import_id, raw_line, 'delete' FROM web_rows
WHERE 'anon:' || system || ':' || trim(anonymous_id) IN (SELECT ref FROM in_refs)
   OR 'email:' || ll_email(email) IN (SELECT ref FROM in_refs)
   OR 'email:' || ll_email(user_id) IN (SELECT ref FROM in_refs)
   OR ll_sfid(user_id) IN (SELECT ref FROM in_refs)
   OR 'user:' || system || ':' || trim(user_id) IN (SELECT ref FROM in_refs)
UNION ALL
SELECT 'opportunity_roles', record_key, import_id, raw_line, 'delete' FROM opportunity_roles
WHERE ll_pref(person_ref) IN (SELECT ref FROM in_refs)
UNION ALL
SELECT 'campaign_members', record_key, import_id, raw_line, 'delete' FROM campaign_members
WHERE ll_pref(person_ref) IN (SELECT ref FROM in_refs)
   OR 'email:' || ll_email(email) IN (SELECT ref FROM in_refs)
UNION ALL
SELECT 'field_history', record_key, import_id, raw_line, 'delete' FROM field_history
WHERE ll_pref(person_ref) IN (SELECT ref FROM in_refs)
UNION ALL
SELECT 'sequence_memberships', record_key, import_id, raw_line, 'delete'
FROM sequence_memberships WHERE ll_pref(person_ref) IN (SELECT ref FROM in_refs)
UNION ALL
SELECT 'call_parties', record_key, import_id, raw_line, 'delete' FROM call_parties
WHERE record_key IN (SELECT record_key FROM their_parties)
   OR call_ref IN (SELECT record_key FROM gone_activities)
UNION ALL
SELECT 'call_transcripts', t.record_key, t.import_id, t.raw_line, 'delete'
FROM call_transcripts t
WHERE t.call_ref IN (SELECT record_key FROM gone_activities)
   OR EXISTS (SELECT 1 FROM their_parties p
              WHERE p.call_ref = t.call_ref AND p.speaker_id = t.speaker_id);

-- name: forget_events
-- The person's timeline events (of the last rebuild), for the caches keyed by event id.
CREATE OR REPLACE TEMP TABLE fg_events AS
SELECT DISTINCT event_id FROM timeline_events
WHERE person_id IN (SELECT person_id FROM fg_person_ids);

-- name: forget_raw_tables
-- The verbatim tables of all imports that still exist.
SELECT i.import_id, i.raw_table
FROM imports i JOIN duckdb_tables() t
  ON t.schema_name = 'raw' AND 'raw.' || t.table_name = i.raw_table
ORDER BY i.import_id;

-- name: forget_raw_lines
-- One raw table's rows to remove: the lines the person's canonical rows came from (removed or
-- edited), and any row naming one of their texts (older versions of their records from earlier
-- imports, rows an importer rejected). The whole row is searched as text.
CREATE OR REPLACE TEMP TABLE fg_raw_lines AS
SELECT $import_id AS import_id, raw_line AS line FROM fg_rows
WHERE import_id = $import_id AND raw_line IS NOT NULL
UNION
SELECT $import_id, raw_row._line
FROM {raw_table} AS raw_row, fg_terms f
WHERE contains(lower(CAST(raw_row AS VARCHAR)), f.term)
  AND regexp_matches(lower(CAST(raw_row AS VARCHAR)), f.pattern);

-- name: forget_raw_delete
DELETE FROM {raw_table} WHERE _line IN (SELECT line FROM fg_raw_lines);

-- name: forget_rejects_delete
-- Mapping rejects of one import whose verbatim row was just removed (lines in fg_raw_lines).
DELETE FROM import_rejects
WHERE import_id = $import_id AND line IN (SELECT line FROM fg_raw_lines);

-- name: forget_rejects_by_text
-- Rejected rows whose text, or the reason quoting it, names the person.
DELETE FROM import_rejects
WHERE EXISTS (SELECT 1 FROM fg_terms f
              WHERE contains(lower(coalesce(raw_text, '') || ' ' || coalesce(reason, '')), f.term)
                AND regexp_matches(lower(coalesce(raw_text, '') || ' ' || coalesce(reason, '')),
                                   f.pattern));

-- name: forget_history_delete
-- The history of every changed or removed row, and any old version naming the person.
DELETE FROM record_history
WHERE (table_name, record_key) IN (SELECT table_name, record_key FROM fg_rows)
   OR EXISTS (SELECT 1 FROM fg_terms f
              WHERE contains(lower(CAST(old_row AS VARCHAR) || ' ' || CAST(new_row AS VARCHAR)),
                             f.term)
                AND regexp_matches(lower(CAST(old_row AS VARCHAR) || ' '
                                         || CAST(new_row AS VARCHAR)), f.pattern));

-- name: forget_edit_shared_activities
-- Shared activities keep every ref but the person's.
UPDATE activities AS a SET person_refs = k.kept
FROM (
    SELECT e.record_key,
           coalesce(list(r.ref ORDER BY r.pos) FILTER (WHERE f.ref IS NULL),
                    CAST([] AS VARCHAR[])) AS kept
    FROM fg_rows e
    JOIN (SELECT record_key, unnest(person_refs) AS ref,
                 generate_subscripts(person_refs, 1) AS pos
          FROM activities) r USING (record_key)
    LEFT JOIN fg_refs f ON f.ref = ll_pref(r.ref)
    WHERE e.table_name = 'activities' AND e.action = 'edit'
    GROUP BY e.record_key
) AS k
WHERE a.record_key = k.record_key;

-- name: forget_canonical_delete
-- One canonical table's rows of the person ({table} is one lead-lens names).
DELETE FROM {table}
WHERE record_key IN (SELECT record_key FROM fg_rows
                     WHERE table_name = $table_name AND action = 'delete');

-- name: forget_derived_delete
-- One derived table's rows of the person's ids ({table}: people, timeline_events, verdicts...).
DELETE FROM {table} WHERE person_id IN (SELECT person_id FROM fg_person_ids);

-- name: forget_person_keys_delete
DELETE FROM person_keys
WHERE person_id IN (SELECT person_id FROM fg_person_ids) OR ref IN (SELECT ref FROM fg_refs);

-- name: forget_signal_cache_delete
-- The text-signal cache of the person's events (sentences quoted from their texts). A shared
-- event is simply scanned again at the next rebuild.
DELETE FROM signal_cache WHERE event_id IN (SELECT event_id FROM fg_events);

-- name: forget_signal_scans_delete
DELETE FROM signal_scans WHERE event_id IN (SELECT event_id FROM fg_events);

-- name: forget_merge_proposals_delete
-- Merge proposals that name the person.
DELETE FROM merge_proposals
WHERE left_person_id IN (SELECT person_id FROM fg_person_ids)
   OR right_person_id IN (SELECT person_id FROM fg_person_ids)
   OR ll_pref(left_ref) IN (SELECT ref FROM fg_refs)
   OR ll_pref(right_ref) IN (SELECT ref FROM fg_refs);

-- name: forget_merge_decisions_delete
-- The user's merge decisions that name the person.
DELETE FROM merge_decisions
WHERE ll_pref(left_ref) IN (SELECT ref FROM fg_refs)
   OR ll_pref(right_ref) IN (SELECT ref FROM fg_refs);

-- name: forget_web_call_refs_clear
-- The web-call index names emails: emptied, the next rebuild (a full one: forget clears its
-- watermark) writes it again without the person.
DELETE FROM web_call_refs;
