-- The incremental rebuild (lead_lens/people/incremental.py, docs/incremental-rebuild.md): after
-- imports, only the people the new and changed rows touch are worked out again, on temp copies
-- of their rows that shadow the canonical tables. {store} is the store's catalog name, quoted.
-- $after is the last import the stored results include. Rows with no import id (written by
-- hand, as tests do) count as new on every rebuild.

-- name: incremental_watermark_read
-- What the stored people, timelines and verdicts were built from (JSON; NULL: unknown).
SELECT value FROM meta WHERE key = 'rebuild_watermark';

-- name: incremental_watermark_write
INSERT OR REPLACE INTO meta VALUES ('rebuild_watermark', $value);

-- name: incremental_watermark_clear
-- Rows changed without a new import (forget): the next rebuild is a full one.
DELETE FROM meta WHERE key = 'rebuild_watermark';

-- name: incremental_latest_import
SELECT coalesce(max(import_id), 0) FROM imports;

-- name: incremental_latest_decision
SELECT max(decided_at) FROM merge_decisions;

-- name: incremental_macros
-- Every ref a row could name, per kind of row: a superset of what identity.sql and events.sql
-- derive from it (a ref too many only widens the people worked out again).
CREATE OR REPLACE TEMP MACRO ll_record_refs(record_key, email, emails, converted_ref,
                                            linked_refs) AS (
    list_concat([ll_pref(record_key), ll_pref(converted_ref)],
                list_transform(list_concat(coalesce(emails, []), [email]),
                               e -> 'email:' || ll_email(e)),
                list_transform(coalesce(linked_refs, []), r -> ll_pref(r)))
);
CREATE OR REPLACE TEMP MACRO ll_visitor_refs(system, anonymous_id, user_id, email) AS ([
    CASE WHEN nullif(trim(anonymous_id), '') IS NOT NULL
         THEN 'anon:' || system || ':' || trim(anonymous_id) END,
    'email:' || ll_email(email), 'email:' || ll_email(user_id), ll_sfid(user_id),
    CASE WHEN nullif(trim(user_id), '') IS NOT NULL THEN 'user:' || system || ':' || trim(user_id)
    END
]);
CREATE OR REPLACE TEMP MACRO ll_party_refs(person_refs, email) AS (
    list_concat(list_transform(coalesce(person_refs, []), r -> ll_pref(r)),
                ['email:' || ll_email(email)])
);
CREATE OR REPLACE TEMP MACRO ll_json_list(j) AS (from_json(j, '["VARCHAR"]'));
-- A row imported after the stored results (or written with no import id).
CREATE OR REPLACE TEMP MACRO ll_new_row(import_id, after) AS (
    import_id > after OR import_id IS NULL
);

-- name: incremental_seed_refs
-- The refs named by the rows imported after $after, new versions and the old ones they replaced
-- (record_history), the members of changed sequences and campaigns, and both sides of merges
-- decided after $decided_after. Their people's identity, timeline and verdict may change.
CREATE OR REPLACE TEMP TABLE inc_seed AS
WITH old AS (
    SELECT table_name, old_row AS r FROM record_history WHERE ll_new_row(import_id, $after)
),
changed_sequences AS (
    SELECT record_key FROM sequences WHERE ll_new_row(import_id, $after)
    UNION SELECT r->>'record_key' FROM old WHERE table_name = 'sequences'
),
changed_campaigns AS (
    SELECT record_key FROM campaigns WHERE ll_new_row(import_id, $after)
    UNION SELECT r->>'record_key' FROM old WHERE table_name = 'campaigns'
),
refs AS (
    SELECT unnest(ll_record_refs(record_key, email, emails, converted_ref, linked_refs)) AS ref
    FROM person_records WHERE ll_new_row(import_id, $after)
    UNION ALL
    SELECT unnest(ll_record_refs(r->>'record_key', r->>'email', ll_json_list(r->'emails'),
                                 r->>'converted_ref', ll_json_list(r->'linked_refs')))
    FROM old WHERE table_name = 'person_records'
    UNION ALL
    SELECT ll_pref(unnest(person_refs)) FROM activities
    WHERE ll_new_row(import_id, $after)
    UNION ALL
    SELECT ll_pref(unnest(ll_json_list(r->'person_refs'))) FROM old
    WHERE table_name = 'activities'
    UNION ALL
    SELECT ll_pref(person_ref) FROM activity_links WHERE ll_new_row(import_id, $after)
    UNION ALL
    SELECT ll_pref(person_ref) FROM sequence_memberships
    WHERE ll_new_row(import_id, $after)
       OR sequence_ref IN (SELECT record_key FROM changed_sequences)
    UNION ALL
    SELECT ll_pref(person_ref) FROM opportunity_roles WHERE ll_new_row(import_id, $after)
    UNION ALL
    SELECT ll_pref(person_ref) FROM field_history WHERE ll_new_row(import_id, $after)
    UNION ALL
    SELECT ll_pref(r->>'person_ref') FROM old
    WHERE table_name IN ('activity_links', 'sequence_memberships', 'opportunity_roles',
                         'field_history', 'campaign_members')
    UNION ALL
    SELECT unnest([ll_pref(person_ref), 'email:' || ll_email(email)]) FROM campaign_members
    WHERE ll_new_row(import_id, $after)
       OR campaign_ref IN (SELECT record_key FROM changed_campaigns)
    UNION ALL
    SELECT 'email:' || ll_email(r->>'email') FROM old WHERE table_name = 'campaign_members'
    UNION ALL
    SELECT unnest(ll_party_refs(person_refs, email)) FROM call_parties
    WHERE ll_new_row(import_id, $after)
    UNION ALL
    SELECT unnest(ll_party_refs(ll_json_list(r->'person_refs'), r->>'email')) FROM old
    WHERE table_name = 'call_parties'
    UNION ALL
    SELECT unnest(ll_visitor_refs(system, anonymous_id, user_id, email)) FROM identity_links
    WHERE ll_new_row(import_id, $after)
    UNION ALL
    SELECT unnest(ll_visitor_refs(system, anonymous_id, user_id, email)) FROM web_events
    WHERE ll_new_row(import_id, $after)
    UNION ALL
    SELECT unnest(ll_visitor_refs(r->>'system', r->>'anonymous_id', r->>'user_id', r->>'email'))
    FROM old WHERE table_name IN ('identity_links', 'web_events')
    UNION ALL
    SELECT unnest([ll_pref(left_ref), ll_pref(right_ref)]) FROM merge_decisions
    WHERE decided_at > CAST($decided_after AS TIMESTAMP) OR $decided_after IS NULL
)
SELECT DISTINCT ref FROM refs WHERE ref IS NOT NULL;

-- name: incremental_seed_people
-- People touched through rows that are not any one person's: everyone on the account of a changed
-- opportunity (old and new account) or holding its events, and everyone holding the events of a
-- call whose transcript changed.
CREATE OR REPLACE TEMP TABLE inc_seed_people AS
WITH old AS (
    SELECT table_name, old_row AS r FROM record_history WHERE ll_new_row(import_id, $after)
),
opps AS (
    SELECT record_key, account_ref FROM opportunities WHERE ll_new_row(import_id, $after)
    UNION ALL
    SELECT r->>'record_key', r->>'account_ref' FROM old WHERE table_name = 'opportunities'
),
calls AS (
    SELECT call_ref FROM call_transcripts WHERE ll_new_row(import_id, $after)
    UNION ALL
    SELECT r->>'call_ref' FROM old WHERE table_name = 'call_transcripts'
)
SELECT p.person_id FROM people p WHERE p.account_key IN (SELECT account_ref FROM opps)
UNION
SELECT e.person_id FROM timeline_events e
WHERE (e.source_table = 'opportunities' AND e.source_key IN (SELECT record_key FROM opps))
   OR (e.source_table = 'activities' AND e.source_key IN (SELECT call_ref FROM calls));

-- name: incremental_scope
-- P, the people touched (as stored), and every ref of theirs or named by a changed row. No link
-- leaves this set: links of unchanged rows lie within one stored person, and a changed row's
-- refs are all seeds. So identity over the rows naming these refs finds their people whole.
CREATE OR REPLACE TEMP TABLE inc_people AS
SELECT person_id FROM person_keys WHERE ref IN (SELECT ref FROM inc_seed)
UNION
SELECT person_id FROM inc_seed_people;
CREATE OR REPLACE TEMP TABLE inc_refs AS
SELECT ref FROM inc_seed
UNION
SELECT ref FROM person_keys WHERE person_id IN (SELECT person_id FROM inc_people);

-- name: incremental_scope_size
-- People touched, of all people; refs in scope.
SELECT (SELECT count(*) FROM inc_people), (SELECT count(*) FROM people),
       (SELECT count(*) FROM inc_refs);

-- name: incremental_latest_elsewhere
-- The latest event of the people not touched, meetings excluded (as timeline_batch_as_of): with
-- the touched people's own latest, the default as_of a full rebuild would find.
SELECT max(ts) FROM timeline_events
WHERE NOT ll_meeting_kind(kind)
  AND person_id NOT IN (SELECT person_id FROM inc_people);

-- name: incremental_subset_records
-- Temp copies of the rows naming a ref in scope, under the canonical tables' names: the identity
-- and timeline SQL read them instead of the whole tables. A record names refs linked to its own
-- (its emails, converted and linked ids), so an unchanged record naming one in scope is itself
-- in scope, as a changed record is (its refs are all seeds): its own ref decides.
CREATE OR REPLACE TEMP TABLE person_records AS
SELECT * FROM {store}.main.person_records WHERE ll_pref(record_key) IN (SELECT ref FROM inc_refs);

-- name: incremental_subset_by_person_ref
-- Rows of one person each ({table}: activity_links, sequence_memberships, opportunity_roles,
-- field_history).
CREATE OR REPLACE TEMP TABLE {table} AS
SELECT * FROM {store}.main.{table} WHERE ll_pref(person_ref) IN (SELECT ref FROM inc_refs);

-- name: incremental_subset_activities
-- Activities naming a ref in scope: a changed one; an unchanged one is on the stored timeline of
-- everyone it names (all people in scope, if one is), unless it has no time and so made no
-- event; and those linked through a copied activity link. (Reading the stored timeline is
-- cheaper than working out every activity's refs: 7 s at 1M leads.) Their keys are gathered
-- first and the table is read once for them: OR-ing the three tests in one scan cost 4 s at 1M
-- leads against 2 s.
CREATE OR REPLACE TEMP TABLE activities AS
WITH keys AS (
    SELECT record_key FROM {store}.main.activities WHERE ll_new_row(import_id, $after)
    UNION
    SELECT source_key FROM {store}.main.timeline_events
    WHERE source_table = 'activities' AND person_id IN (SELECT person_id FROM inc_people)
    UNION
    SELECT activity_ref FROM temp.main.activity_links
    UNION
    SELECT record_key FROM (SELECT record_key, ll_pref(unnest(person_refs)) AS ref
                            FROM {store}.main.activities WHERE ts IS NULL)
    WHERE ref IN (SELECT ref FROM inc_refs)
)
SELECT * FROM {store}.main.activities WHERE record_key IN (SELECT record_key FROM keys);

-- name: incremental_subset_campaign_members
CREATE OR REPLACE TEMP TABLE campaign_members AS
SELECT * FROM {store}.main.campaign_members
WHERE ll_pref(person_ref) IN (SELECT ref FROM inc_refs)
   OR 'email:' || ll_email(email) IN (SELECT ref FROM inc_refs);

-- name: incremental_subset_call_parties
-- Every party of a call with a party in scope: a transcript's text is its external speakers'
-- turns, all of them.
CREATE OR REPLACE TEMP TABLE call_parties AS
SELECT * FROM {store}.main.call_parties WHERE call_ref IN (
    SELECT call_ref FROM (SELECT call_ref, unnest(ll_party_refs(person_refs, email)) AS ref
                          FROM {store}.main.call_parties)
    WHERE ref IN (SELECT ref FROM inc_refs));

-- name: incremental_subset_identify_calls
-- Identify calls naming a ref in scope.
CREATE OR REPLACE TEMP TABLE identity_links AS
SELECT * FROM {store}.main.identity_links WHERE rowid IN (
    SELECT rid FROM (
        SELECT rowid AS rid, unnest(ll_visitor_refs(system, anonymous_id, user_id, email)) AS ref
        FROM {store}.main.identity_links)
    WHERE ref IN (SELECT ref FROM inc_refs));

-- name: incremental_web_calls_new
-- The distinct web calls (system, browser id, user id, email) of the web events imported after
-- $after (all of them when NULL), with each ref they name, into {target}: the shadow of
-- web_call_refs in a full rebuild, inc_web_calls in an incremental one (appended to the index at
-- the swap: incremental_web_calls_append). Most web events repeat a call, so the refs are worked
-- out per call.
INSERT INTO {target}
SELECT * FROM (
    -- list_distinct: a call can name one ref twice (its email as the user id too), and drops
    -- the NULLs
    SELECT unnest(list_distinct(ll_visitor_refs(system, anonymous_id, user_id, email))) AS ref,
           system, anonymous_id, user_id, email
    FROM (SELECT DISTINCT system, anonymous_id, user_id, email FROM {store}.main.web_events
          WHERE CAST($after AS BIGINT) IS NULL
             OR ll_new_row(import_id, CAST($after AS BIGINT))))
WHERE ref IS NOT NULL;

-- name: incremental_web_calls_table
CREATE OR REPLACE TEMP TABLE inc_web_calls AS SELECT * FROM {store}.main.web_call_refs LIMIT 0;

-- name: incremental_subset_web_events
-- Web events naming a ref in scope: the events of every call (system, browser id, user id,
-- email) naming one, found in the index of calls (web_call_refs, with the calls just imported:
-- inc_web_calls). Identity reads a call's browser as the person's from any of its events, so
-- all of them come. At 1M leads (24M web events in 2.4M calls) this read 6-7 s when every
-- event's refs were worked out (per distinct call) and 2.5 s from the index.
CREATE OR REPLACE TEMP TABLE web_events AS
WITH calls AS (
    SELECT system, anonymous_id, user_id, email FROM {store}.main.web_call_refs
    WHERE ref IN (SELECT ref FROM inc_refs)
    UNION
    SELECT system, anonymous_id, user_id, email FROM inc_web_calls
    WHERE ref IN (SELECT ref FROM inc_refs)
)
SELECT e.* FROM {store}.main.web_events e SEMI JOIN calls c
    ON c.system IS NOT DISTINCT FROM e.system
   AND c.anonymous_id IS NOT DISTINCT FROM e.anonymous_id
   AND c.user_id IS NOT DISTINCT FROM e.user_id AND c.email IS NOT DISTINCT FROM e.email;

-- name: incremental_keep_scope
-- Identity over the copies also meets refs of people out of scope (a shared activity names
-- them), with only some of their rows: those are left as stored.
DELETE FROM person_keys WHERE ref NOT IN (SELECT ref FROM inc_refs);

-- name: incremental_shadow_timeline
-- The touched people's new events, in a temp table of the timeline's name.
CREATE OR REPLACE TEMP TABLE timeline_events AS
SELECT * FROM {store}.main.timeline_events LIMIT 0;

-- name: incremental_swap_table
-- In the swap's transaction: the touched people's stored rows give way to the new ones.
DELETE FROM {store}.main.{table} WHERE person_id IN (SELECT person_id FROM inc_people);
INSERT INTO {store}.main.{table} SELECT * FROM temp.main.{table};

-- name: incremental_append_cache
-- In the swap's transaction: a text-signal cache's new entries. An incremental rebuild only adds
-- to the caches (refresh_signals keeps stale entries then), so the shadow holds the stored rows,
-- numbered first, then the new ones; copying the whole cache back cost seconds at 1M leads.
INSERT INTO {store}.main.{table}
SELECT * FROM temp.main.{table} WHERE rowid >= (SELECT count(*) FROM {store}.main.{table});

-- name: incremental_web_calls_append
-- In the swap's transaction: the calls imported since, into the index (each (call, ref) once).
INSERT INTO {store}.main.web_call_refs
SELECT n.* FROM inc_web_calls n ANTI JOIN {store}.main.web_call_refs s
    ON s.ref = n.ref AND s.system IS NOT DISTINCT FROM n.system
   AND s.anonymous_id IS NOT DISTINCT FROM n.anonymous_id
   AND s.user_id IS NOT DISTINCT FROM n.user_id AND s.email IS NOT DISTINCT FROM n.email;
