-- Identity (spec section 2): which refs are one human. Explicit links only; fuzzy matches are
-- proposals (merges.sql) and join people only once the user accepts them.

-- name: people_macros
-- Helpers for the people build (temp macros of this connection).
-- ll_pref: a person ref in canonical spelling. Salesforce ids keep their first 15 characters
-- (spec 2.3: 15- and 18-character forms are one id); emails are trimmed and lower-cased (2.1).
-- (The lambda over a one-item list trims the ref once; a plain CASE would redo it per branch,
-- which doubled the cost of the identity build.)
CREATE OR REPLACE TEMP MACRO ll_pref(r) AS (
    list_transform([trim(CAST(r AS VARCHAR))], t -> CASE
        WHEN t = '' THEN NULL
        WHEN starts_with(t, 'sf:') THEN left(t, 18)
        WHEN starts_with(lower(t), 'email:') THEN 'email:' || ll_email(substr(t, 7))
        ELSE t
    END)[1]
);
-- A short stable id from a text: prefix + 12 hex characters of its md5.
CREATE OR REPLACE TEMP MACRO ll_short_id(prefix, s) AS (prefix || substr(md5(s), 1, 12));
-- A meeting, staged ('meeting') or decided: the default as_of leaves them out, since one can be
-- booked for after everything else (timeline_batch_as_of, incremental_latest_elsewhere).
CREATE OR REPLACE TEMP MACRO ll_meeting_kind(k) AS (
    k IN ('meeting', 'meeting_held', 'meeting_scheduled', 'meeting_cancelled')
);

-- name: identity_identifies
-- Web identify calls (spec 2.3, web analytics): an anonymous browser id tied to an email, or to a
-- user id that is an email or a Salesforce id. Other user ids become 'user:<system>:<id>' refs.
-- Identity rows and web events that carry a user id or email both count as identifies.
CREATE OR REPLACE TEMP TABLE id_identifies AS
WITH calls AS (
    -- Each distinct call once, at its first time: every web event of a known visitor repeats
    -- it, so the refs below are worked out per distinct call, not per event.
    SELECT system, anonymous_id, user_id, email, min(ts) AS ts, true AS link_row
    FROM identity_links GROUP BY ALL
    UNION ALL
    SELECT system, anonymous_id, user_id, email, min(ts), false
    FROM web_events WHERE user_id IS NOT NULL OR email IS NOT NULL GROUP BY ALL
)
SELECT
    CASE WHEN nullif(trim(anonymous_id), '') IS NOT NULL
         THEN 'anon:' || system || ':' || trim(anonymous_id) END AS anon_ref,
    'email:' || ll_email(email) AS email_ref,
    CASE
        WHEN ll_email(user_id) IS NOT NULL THEN 'email:' || ll_email(user_id)
        WHEN ll_sfid(user_id) IS NOT NULL
             AND ll_sfid(user_id) IN (SELECT ll_pref(record_key) FROM person_records)
            THEN ll_sfid(user_id)
        WHEN nullif(trim(user_id), '') IS NOT NULL THEN 'user:' || system || ':' || trim(user_id)
    END AS user_ref,
    ts
FROM calls
WHERE link_row OR nullif(trim(user_id), '') IS NOT NULL OR ll_email(email) IS NOT NULL;

-- name: identity_activity_refs
-- One row per activity and person ref it names, computed once: the links, the nodes and the
-- timeline all read it (unnest first: no per-row lambdas over the big table).
CREATE OR REPLACE TEMP TABLE act_refs AS
SELECT DISTINCT record_key, ll_pref(unnest(person_refs)) AS ref FROM activities;

-- name: identity_links_build
-- Every explicit link between two refs; `via` says why (it becomes person_keys.via).
CREATE OR REPLACE TEMP TABLE id_links AS
WITH
record_emails AS (
    SELECT ll_pref(record_key) AS ref,
           unnest(list_distinct(list_concat(coalesce(emails, []), [email]))) AS e
    FROM person_records
),
single_person_activities AS (
    -- activities naming one person through several systems: at most one ref per system (only
    -- activities with several refs can; most have one, so the rest are never unnested)
    SELECT min(ref) AS hub, list(DISTINCT ref) AS refs
    FROM (SELECT record_key, ll_pref(unnest(person_refs)) AS ref
          FROM activities WHERE len(person_refs) > 1)
    WHERE ref IS NOT NULL
    GROUP BY record_key
    HAVING count(DISTINCT ref) > 1
       AND count(DISTINCT ref) = count(DISTINCT split_part(ref, ':', 1))
),
identify_pairs AS MATERIALIZED (
    SELECT DISTINCT email_ref, user_ref FROM id_identifies
    WHERE email_ref IS NOT NULL AND user_ref IS NOT NULL
),
party_refs AS (
    SELECT list_distinct(list_filter(list_transform(
               list_concat(coalesce(person_refs, []), ['email:' || ll_email(email)]),
               r -> ll_pref(r)), r -> r IS NOT NULL)) AS refs
    FROM call_parties
    WHERE coalesce(lower(affiliation), '') <> 'internal'
),
-- Each link in canonical spelling (ll_pref). Refs built here from ll_email, act_refs and the
-- identify refs are canonical already; only raw record keys and ids are normalized, once.
links AS (
    -- 2.2: records that share a normalized email are one person (record -> 'email:<addr>').
    SELECT ref AS a, 'email:' || ll_email(e) AS b, 'email' AS via FROM record_emails
    UNION ALL
    -- 2.3: Salesforce Lead ConvertedContactId -> that Contact.
    SELECT ll_pref(record_key), ll_pref(converted_ref), 'converted'
    FROM person_records WHERE converted_ref IS NOT NULL
    UNION ALL
    -- 2.3: externalId (Outreach), Salesforce ids held by Salesloft/HubSpot/Marketo records.
    SELECT ref, ll_pref(linked), 'linked'
    FROM (SELECT ll_pref(record_key) AS ref, unnest(linked_refs) AS linked
          FROM person_records WHERE len(linked_refs) > 0)
    UNION ALL
    -- 2.3: a Gong party's email and the Lead/Contact ids of its CRM context (external parties).
    SELECT refs[1], unnest(refs[2:]), 'call_party' FROM party_refs WHERE len(refs) > 1
    UNION ALL
    -- A campaign member's person and the email it was added with.
    SELECT ll_pref(person_ref), 'email:' || ll_email(email), 'campaign_member'
    FROM campaign_members WHERE person_ref IS NOT NULL AND email IS NOT NULL
    UNION ALL
    -- 2.3: an identify carrying both an email and a user id (each pair once: every web event
    -- of a known visitor repeats it).
    SELECT email_ref, user_ref, 'identify' FROM identify_pairs
    UNION ALL
    -- An activity naming one person through several systems' ids (at most one ref per system,
    -- e.g. ['outreach:5', 'email:a@x.com']). Activities with two refs of one system involve two
    -- people (HubSpot engagement associated with two contacts): those attach, never merge. Each
    -- pair once: a prospect's every mailing repeats it.
    SELECT DISTINCT hub, unnest(refs), 'activity' FROM single_person_activities
)
-- Not deduplicated: the graph, the nodes and person_keys.via each collapse repeats themselves.
SELECT a, b, via FROM links
WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b;

-- name: identity_nodes_build
-- Every ref named anywhere becomes a node (and so a person), numbered for the label propagation.
-- Anonymous browser ids are not nodes: they attach to a person afterwards and never join two.
CREATE OR REPLACE TEMP TABLE id_nodes AS
WITH refs AS (
    SELECT ll_pref(record_key) AS ref FROM person_records
    UNION ALL SELECT a FROM id_links
    UNION ALL SELECT b FROM id_links
    UNION ALL SELECT ref FROM act_refs
    UNION ALL SELECT ll_pref(person_ref) FROM activity_links
    UNION ALL SELECT ll_pref(person_ref) FROM sequence_memberships
    UNION ALL SELECT ll_pref(person_ref) FROM opportunity_roles
    UNION ALL SELECT ll_pref(person_ref) FROM field_history
    UNION ALL SELECT ll_pref(person_ref) FROM campaign_members
    UNION ALL SELECT coalesce(email_ref, user_ref) FROM id_identifies
    UNION ALL SELECT 'email:' || ll_email(email) FROM web_events WHERE anonymous_id IS NULL
)
SELECT ref, CAST(row_number() OVER (ORDER BY ref) AS BIGINT) AS node
FROM (SELECT DISTINCT ref FROM refs WHERE ref IS NOT NULL AND NOT starts_with(ref, 'anon:'));

-- name: identity_graph_from_links
-- The explicit-link graph: both directions, each node starting as its own label.
CREATE OR REPLACE TEMP TABLE cc_edges AS
WITH pairs AS MATERIALIZED (
    SELECT na.node AS a, nb.node AS b
    FROM id_links l JOIN id_nodes na ON na.ref = l.a JOIN id_nodes nb ON nb.ref = l.b
)
SELECT a, b FROM pairs UNION SELECT b, a FROM pairs;
CREATE OR REPLACE TEMP TABLE cc_labels AS SELECT node, node AS label FROM id_nodes;

-- name: identity_label_step
-- One round of min-label propagation with pointer jumping: each node takes the smallest label
-- among itself and its neighbours, then the label of that label. Repeated until stable.
CREATE OR REPLACE TEMP TABLE cc_next AS
WITH nbr AS (
    SELECT e.a AS node, min(l.label) AS label
    FROM cc_edges e JOIN cc_labels l ON l.node = e.b
    GROUP BY e.a
),
hop AS (
    SELECT l.node, least(l.label, coalesce(n.label, l.label)) AS label
    FROM cc_labels l LEFT JOIN nbr n USING (node)
)
SELECT a.node, least(a.label, b.label) AS label
FROM hop a JOIN hop b ON b.node = a.label;

-- name: identity_label_changes
-- How many nodes the last step relabelled (0 = components found).
SELECT count(*) FROM cc_next n JOIN cc_labels l USING (node) WHERE n.label <> l.label;

-- name: identity_label_accept
-- Keep the last step's labels.
CREATE OR REPLACE TEMP TABLE cc_labels AS SELECT * FROM cc_next;

-- name: identity_cores_save
-- The explicit components ("cores"): a core's id comes from its smallest ref.
CREATE OR REPLACE TEMP TABLE id_cores AS
WITH labelled AS (
    SELECT n.ref, n.node, l.label FROM id_nodes n JOIN cc_labels l USING (node)
)
SELECT ref, node, label AS core_node,
       ll_short_id('c_', min(ref) OVER (PARTITION BY label)) AS core_id
FROM labelled;

-- name: identity_graph_from_merges
-- The graph of cores joined by accepted fuzzy merges (spec 2.4): the latest decision per merge
-- wins, so an undone merge is no longer applied. Runs on every rebuild, so merges survive imports.
CREATE OR REPLACE TEMP TABLE cc_edges AS
WITH latest AS (
    SELECT merge_id, arg_max(left_ref, decided_at) AS left_ref,
           arg_max(right_ref, decided_at) AS right_ref, arg_max(decision, decided_at) AS decision
    FROM merge_decisions GROUP BY merge_id
),
pairs AS (
    SELECT cl.core_node AS a, cr.core_node AS b
    FROM latest m
    JOIN id_cores cl ON cl.ref = ll_pref(m.left_ref)
    JOIN id_cores cr ON cr.ref = ll_pref(m.right_ref)
    WHERE m.decision = 'accepted' AND cl.core_node <> cr.core_node
)
SELECT a, b FROM pairs UNION SELECT b, a FROM pairs;
CREATE OR REPLACE TEMP TABLE cc_labels AS
SELECT DISTINCT core_node AS node, core_node AS label FROM id_cores;

-- name: identity_person_keys_save
-- ref -> person. person_id comes from the person's smallest email ref (else smallest ref), so it
-- stays the same across rebuilds and re-imports. via: why the ref belongs to the person.
DELETE FROM person_keys;
INSERT INTO person_keys (ref, person_id, via, core_id)
WITH grouped AS (
    SELECT c.ref, c.core_id, l.label AS person_node
    FROM id_cores c JOIN cc_labels l ON l.node = c.core_node
),
named AS (
    SELECT ref, core_id,
           ll_short_id('p_', coalesce(
               min(ref) FILTER (WHERE starts_with(ref, 'email:')) OVER (PARTITION BY person_node),
               min(ref) OVER (PARTITION BY person_node))) AS person_id
    FROM grouped
),
why AS (
    SELECT b AS ref, min(via) AS via FROM id_links GROUP BY b
)
SELECT n.ref, n.person_id,
       CASE WHEN n.ref IN (SELECT ll_pref(record_key) FROM person_records) THEN 'record'
            ELSE coalesce(w.via, 'mentioned') END,
       n.core_id
FROM named n LEFT JOIN why w USING (ref);

-- name: identity_anonymous_keys
-- Spec 2.3: an identify ties the browser's anonymous id to the person, and all events of that id,
-- before and after the identify, are theirs. One browser belongs to one person: if an anonymous
-- id was identified as several people (a shared computer), the earliest identify wins.
INSERT INTO person_keys (ref, person_id, via, core_id)
SELECT i.anon_ref, arg_min(pk.person_id, coalesce(i.ts, TIMESTAMP '9999-12-31')), 'identify',
       arg_min(pk.core_id, coalesce(i.ts, TIMESTAMP '9999-12-31'))
FROM id_identifies i JOIN person_keys pk ON pk.ref = coalesce(i.email_ref, i.user_ref)
WHERE i.anon_ref IS NOT NULL
GROUP BY i.anon_ref;
