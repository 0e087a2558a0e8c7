-- A later as_of for the stored verdicts (lead_lens/people/verdicts.py judge_due): every verdict
-- row says until when it holds (holds_until, verdict_decide); only the people past it are judged
-- again, by the rules of verdicts.sql run over copies of their rows. Of the others, those whose
-- priority may differ by then (score_until) are scored again from what their row keeps.

-- name: verdict_due
-- The people whose stored verdict may read differently at $as_of, a later instant than the
-- stored verdicts' (their holds_until has come): the only ones judged again (verdict_due_copies).
CREATE OR REPLACE TEMP TABLE v_due AS
SELECT person_id FROM {store}.main.verdicts WHERE holds_until <= $as_of;

-- name: verdict_due_copies
-- Their people rows and timeline, as temp tables: `people` shadows the stored one, so the rules
-- above judge these people alone, into v_due_verdicts. The copy keeps the timeline's order
-- (verdict_events' `pos`) and only the columns the rules read: at 1M leads, copying bodies and
-- raw lines too took 9.4 s against 2.6 s for 5,000 people.
CREATE OR REPLACE TEMP TABLE people AS
SELECT * FROM {store}.main.people WHERE person_id IN (SELECT person_id FROM v_due);
CREATE OR REPLACE TEMP TABLE v_due_timeline AS
SELECT person_id, event_id, ts, kind, family, system, title, detail, core_id, source_table
FROM {store}.main.timeline_events WHERE person_id IN (SELECT person_id FROM v_due)
ORDER BY person_id, ts, event_id;
CREATE OR REPLACE TEMP TABLE v_due_verdicts AS SELECT * FROM {store}.main.verdicts LIMIT 0;

-- name: verdict_rescore
-- The people not due whose priority may differ at $as_of: the verdict, warm and their reasons
-- hold, so only the priority is scored again (the ll_ macros of verdict_macros, as
-- verdict_decide and verdict_write do), from the last engagement and the engagement times the
-- row keeps: with no new event, those still in the window at $as_of are the ones counted.
CREATE OR REPLACE TEMP TABLE v_rescored AS
WITH kept AS (
    SELECT v.*, $as_of - to_days(CAST($priority_window_days AS INTEGER)) AS since
    FROM {store}.main.verdicts v
    WHERE v.score_until <= $as_of AND (v.holds_until IS NULL OR v.holds_until > $as_of)
),
counted AS (
    SELECT k.*,
           ll_nonempty(list_filter(k.priority_inputs.recent, t -> t >= k.since)) AS recent,
           ll_nonempty(list_filter(k.priority_inputs.intent, x -> x.ts >= k.since)) AS intent,
           ll_p_recency($as_of, k.last_engagement_at, $priority_window_days) AS p_recency
    FROM kept k
),
parts AS (
    SELECT c.*, coalesce(len(c.recent), 0) AS recent_engagements,
           coalesce(len(c.intent), 0) AS high_intent_views,
           ll_p_volume(len(c.recent)) AS p_volume, ll_p_intent(len(c.intent)) AS p_intent
    FROM counted c
),
scored AS (
    SELECT p.*, ll_p_warm(p.warm) + ll_p_verdict(p.verdict) + p.p_recency + p.p_volume
                + p.p_intent AS new_priority
    FROM parts p
)
SELECT s.* EXCLUDE (since, recent, intent, p_recency, recent_engagements, high_intent_views,
                    p_volume, p_intent, new_priority)
       REPLACE (
    $as_of AS as_of,
    s.new_priority AS priority,
    -- the reasons but the priority's, then the priority's (it is the last: verdict_write)
    CAST(to_json(list_append(
        list_filter(CAST(s.reasons AS STRUCT(about VARCHAR, "text" VARCHAR,
                                             event_ids VARCHAR[])[]),
                    r -> r.about <> 'priority'),
        ll_priority_reason(s.new_priority, s.warm, s.verdict, s.last_engagement_at, s.p_recency,
                           s.recent_engagements, s.p_volume, s.high_intent_views, s.p_intent,
                           $priority_window_days,
                           list_concat([s.priority_inputs.last_engagement_eid,
                                        s.priority_inputs.warm_eid],
                                       coalesce(list_transform(s.intent, x -> x.event_id)[1:5],
                                                []))))) AS JSON) AS reasons,
    ll_score_until($as_of, s.last_engagement_at, s.p_recency, s.recent[1],
                   $priority_window_days) AS score_until,
    {'last_engagement_eid': s.priority_inputs.last_engagement_eid,
     'warm_eid': s.priority_inputs.warm_eid, 'recent': s.recent, 'intent': s.intent}
        AS priority_inputs)
FROM scored s;

-- name: verdict_due_replace
-- The new verdicts of the due, and the rescored, replace the stored ones.
DELETE FROM {store}.main.verdicts
WHERE person_id IN (SELECT person_id FROM v_due UNION ALL SELECT person_id FROM v_rescored);
INSERT INTO {store}.main.verdicts BY NAME SELECT * FROM v_due_verdicts;
INSERT INTO {store}.main.verdicts BY NAME SELECT * FROM v_rescored;

-- name: verdict_restamp
-- Everyone else's verdict holds at $as_of as it stands: it only takes the new instant.
UPDATE {store}.main.verdicts SET as_of = $as_of WHERE as_of IS DISTINCT FROM $as_of;

-- name: verdict_due_count
-- How many were judged again, and how many scored again.
SELECT (SELECT count(*) FROM v_due), (SELECT count(*) FROM v_rescored);
