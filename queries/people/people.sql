-- People: one row per person with the profile marketers see (spec section 2).

-- name: people_build
-- The profile comes from the person's records, best first: records with an email, not deleted,
-- Salesforce Contact, Salesforce Lead (unconverted first), HubSpot, Marketo, Outreach, Salesloft,
-- then the most recently updated. The primary email is the best record's email (else the
-- smallest known email); the account is the Salesforce Account where known, else the email
-- domain unless it is a free-mail domain ($free_mail_domains; spec 2.6).
DELETE FROM people;
INSERT INTO people (person_id, email, emails, name, company, title, account_key, owner,
                    lead_source, sources, refs, core_id, first_name, last_name)
WITH recs AS (
    SELECT pk.person_id, pk.core_id, r.*,
           row_number() OVER (
               PARTITION BY pk.person_id
               ORDER BY (r.email IS NULL), coalesce(r.is_deleted, false),
                        CASE WHEN r.system = 'salesforce' AND r.object = 'Contact' THEN 0
                             WHEN r.system = 'salesforce' THEN 1 WHEN r.system = 'hubspot' THEN 2
                             WHEN r.system = 'marketo' THEN 3 WHEN r.system = 'outreach' THEN 4
                             ELSE 5 END,
                        coalesce(r.is_converted, false), r.updated_at DESC NULLS LAST,
                        r.record_key) AS rnk
    FROM person_keys pk JOIN person_records r ON ll_pref(r.record_key) = pk.ref
),
best AS (
    SELECT person_id,
           arg_min(email, rnk) FILTER (WHERE email IS NOT NULL) AS email,
           arg_min(core_id, rnk) FILTER (WHERE email IS NOT NULL) AS email_core,
           arg_min(name, rnk) FILTER (WHERE name IS NOT NULL) AS name,
           arg_min(first_name, rnk) FILTER (WHERE first_name IS NOT NULL) AS first_name,
           arg_min(last_name, rnk) FILTER (WHERE last_name IS NOT NULL) AS last_name,
           arg_min(company, rnk) FILTER (WHERE company IS NOT NULL) AS company,
           arg_min(title, rnk) FILTER (WHERE title IS NOT NULL) AS title,
           arg_min(account_ref, rnk) FILTER (WHERE starts_with(account_ref, 'sf:')) AS sf_account,
           arg_min(owner, rnk) FILTER (WHERE owner IS NOT NULL) AS owner,
           -- the original source: from the earliest-created record that has one
           arg_min(lead_source, coalesce(created_at, TIMESTAMP '9999-12-31'))
               FILTER (WHERE lead_source IS NOT NULL) AS lead_source,
           list_sort(list_distinct(list(system))) AS systems
    FROM recs GROUP BY person_id
),
keys AS (
    SELECT person_id,
           list_sort(list(ref)) AS refs,
           list_sort(list(substr(ref, 7)) FILTER (WHERE starts_with(ref, 'email:'))) AS emails,
           min(ref) FILTER (WHERE starts_with(ref, 'email:')) AS min_email_ref,
           arg_min(core_id, ref) FILTER (WHERE starts_with(ref, 'email:')) AS min_email_core,
           arg_min(core_id, ref) AS min_core
    FROM person_keys WHERE NOT starts_with(ref, 'anon:') GROUP BY person_id
)
SELECT k.person_id,
       coalesce(b.email, substr(k.min_email_ref, 7)) AS email,
       coalesce(k.emails, []) AS emails,
       b.name, b.company, b.title,
       coalesce(b.sf_account,
                CASE WHEN NOT list_contains($free_mail_domains,
                                            ll_domain(coalesce(b.email, substr(k.min_email_ref, 7))))
                     THEN 'domain:' || ll_domain(coalesce(b.email, substr(k.min_email_ref, 7)))
                END) AS account_key,
       b.owner, b.lead_source,
       coalesce(b.systems, []) AS sources,
       k.refs,
       coalesce(b.email_core, k.min_email_core, k.min_core) AS core_id,
       b.first_name, b.last_name
FROM keys k LEFT JOIN best b USING (person_id);

-- name: people_sources_update
-- Systems the person appears in: their records' systems plus every system on their timeline.
-- The table is rewritten rather than updated in place: an UPDATE of this list column took 133 s
-- at a million people (people then had a primary key), the rewrite 25 s.
CREATE OR REPLACE TEMP TABLE people_with_sources AS
SELECT p.* REPLACE (CASE WHEN s.systems IS NULL THEN p.sources
                         ELSE list_sort(list_distinct(list_concat(p.sources, s.systems)))
                    END AS sources)
FROM people p
LEFT JOIN (
    SELECT person_id, list(system) AS systems
    FROM (SELECT DISTINCT person_id, system FROM timeline_events)
    GROUP BY person_id
) s USING (person_id);
DELETE FROM people;
INSERT INTO people SELECT * FROM people_with_sources;
DROP TABLE people_with_sources;

-- name: person_find
-- A person by id, by any of their emails, or by any of their refs ('sf:00Q...').
SELECT person_id FROM person_keys
WHERE person_id = $needle OR ref = 'email:' || lower(trim($needle)) OR ref = $needle
LIMIT 1;

-- name: person_profile
-- One person's profile row.
SELECT * FROM people WHERE person_id = $person_id;

-- name: person_key_rows
-- Every ref of one person, with how it was linked.
SELECT ref, via, core_id FROM person_keys WHERE person_id = $person_id ORDER BY ref;

-- name: people_counts
-- Sizes of the derived tables after a rebuild.
SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM person_keys) AS refs,
       (SELECT count(*) FROM timeline_events) AS events, (SELECT count(*) FROM signals) AS signals;
