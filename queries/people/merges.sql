-- Fuzzy merges (spec 2.4): proposed from name + company, applied only once the user accepts.

-- name: merge_proposals_build
-- Two people with the same normalized name and company, at least one without any email, are
-- proposed as one. Names: lower-case, single spaces. Companies: lower-case, legal suffixes
-- (inc, llc, ltd, gmbh, corp, ...) and punctuation dropped. Each side is named by its smallest
-- record ref, which re-imports do not change. Pairs the user already decided are not proposed.
DELETE FROM merge_proposals;
INSERT INTO merge_proposals
WITH norm AS (
    SELECT p.person_id, p.email, p.name, p.company,
           lower(regexp_replace(trim(p.name), '\s+', ' ', 'g')) AS n_name,
           regexp_replace(regexp_replace(lower(p.company),
               '\b(inc|incorporated|llc|ltd|limited|gmbh|corp|corporation|co|plc|sa|ag|bv)\b', '',
               'g'), '[^a-z0-9]', '', 'g') AS n_company,
           coalesce(list_min(list_filter(p.refs, r -> NOT starts_with(r, 'email:')
                                                     AND NOT starts_with(r, 'user:'))),
                    list_min(p.refs)) AS rep_ref
    FROM people p
    WHERE nullif(trim(p.name), '') IS NOT NULL AND nullif(trim(p.company), '') IS NOT NULL
),
pairs AS (
    SELECT a.rep_ref AS left_ref, b.rep_ref AS right_ref, a.person_id AS left_person_id,
           b.person_id AS right_person_id,
           'Same name ''' || a.name || ''' and company ''' || a.company || '''/''' || b.company
               || '''; ' || coalesce(a.email, 'no email') || ' vs ' || coalesce(b.email, 'no email')
               AS evidence
    FROM norm a JOIN norm b
      ON a.n_name = b.n_name AND a.n_company = b.n_company AND a.rep_ref < b.rep_ref
    WHERE (a.email IS NULL OR b.email IS NULL) AND a.n_company <> ''
)
SELECT ll_short_id('m_', left_ref || '|' || right_ref) AS merge_id, left_ref, right_ref,
       left_person_id, right_person_id, evidence, $now
FROM pairs
WHERE ll_short_id('m_', left_ref || '|' || right_ref) NOT IN (SELECT merge_id FROM merge_decisions);

-- name: merge_list
-- Proposals and decisions: the latest decision per merge, else 'proposed'.
WITH latest AS (
    SELECT merge_id, arg_max(left_ref, decided_at) AS left_ref,
           arg_max(right_ref, decided_at) AS right_ref, arg_max(decision, decided_at) AS status,
           arg_max(evidence, decided_at) AS evidence, max(decided_at) AS decided_at
    FROM merge_decisions GROUP BY merge_id
)
SELECT merge_id, left_ref, right_ref, 'proposed' AS status, evidence, proposed_at AS at
FROM merge_proposals
UNION ALL
SELECT merge_id, left_ref, right_ref, status, evidence, decided_at FROM latest
ORDER BY status, merge_id;

-- name: merge_lookup
-- One merge, proposed or decided: its refs and evidence.
SELECT merge_id, left_ref, right_ref, evidence FROM merge_proposals WHERE merge_id = $merge_id
UNION ALL
SELECT merge_id, arg_max(left_ref, decided_at), arg_max(right_ref, decided_at),
       arg_max(evidence, decided_at)
FROM merge_decisions WHERE merge_id = $merge_id GROUP BY merge_id
LIMIT 1;

-- name: merge_decide
-- Record the user's decision (accepted | undone). Decisions are never deleted: the latest wins.
INSERT INTO merge_decisions (merge_id, left_ref, right_ref, decision, evidence, decided_at)
VALUES ($merge_id, $left_ref, $right_ref, $decision, $evidence, $decided_at);
