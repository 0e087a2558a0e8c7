-- A later as_of for the stored verdicts (lead_lens/people/verdicts.py judge_due): every verdict
-- row says until when it holds (holds_until, verdict_decide); only the people past it are judged
-- again, by the rules of verdicts.sql run over copies of their rows.

-- name: verdict_due
-- The people whose stored verdict may read differently at $as_of, a later instant than the
-- stored verdicts' (their holds_until has come): the only ones judged again (verdict_due_copies).
CREATE OR REPLACE TEMP TABLE v_due AS
SELECT person_id FROM {store}.main.verdicts WHERE holds_until <= $as_of;

-- name: verdict_due_copies
-- Their people rows and timeline, as temp tables: `people` shadows the stored one, so the rules
-- above judge these people alone, into v_due_verdicts. The copy keeps the timeline's order
-- (verdict_events' `pos`) and only the columns the rules read: at 1M leads, copying bodies and
-- raw lines too made it 3.6 times slower.
CREATE OR REPLACE TEMP TABLE people AS
SELECT * FROM {store}.main.people WHERE person_id IN (SELECT person_id FROM v_due);
CREATE OR REPLACE TEMP TABLE v_due_timeline AS
SELECT person_id, event_id, ts, kind, family, system, title, detail, core_id, source_table
FROM {store}.main.timeline_events WHERE person_id IN (SELECT person_id FROM v_due)
ORDER BY person_id, ts, event_id;
CREATE OR REPLACE TEMP TABLE v_due_verdicts AS SELECT * FROM {store}.main.verdicts LIMIT 0;

-- name: verdict_due_replace
-- Their new verdicts replace the stored ones.
DELETE FROM {store}.main.verdicts WHERE person_id IN (SELECT person_id FROM v_due);
INSERT INTO {store}.main.verdicts BY NAME SELECT * FROM v_due_verdicts;

-- name: verdict_restamp
-- Everyone else's verdict holds at $as_of as it stands: it only takes the new instant.
UPDATE {store}.main.verdicts SET as_of = $as_of WHERE as_of IS DISTINCT FROM $as_of;

-- name: verdict_due_count
-- How many were judged again.
SELECT count(*) FROM v_due;
