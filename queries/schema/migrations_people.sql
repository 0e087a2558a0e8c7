-- Schema additions for people, timeline and verdicts (owned by lead_lens/people/).

-- name: migration_003
-- Cores, merge proposals, the text-signal cache and the leakage columns of verdicts.
-- A "core" is a person as the explicit links alone define it (emails, converted ids, external
-- ids, identifies): consent is judged per core, so it never crosses a fuzzy merge (spec 2.5).
ALTER TABLE people ADD COLUMN IF NOT EXISTS core_id VARCHAR;           -- core of the primary email
ALTER TABLE people ADD COLUMN IF NOT EXISTS first_name VARCHAR;        -- for CRM/MAP exports
ALTER TABLE people ADD COLUMN IF NOT EXISTS last_name VARCHAR;
ALTER TABLE person_keys ADD COLUMN IF NOT EXISTS core_id VARCHAR;
ALTER TABLE timeline_events ADD COLUMN IF NOT EXISTS core_id VARCHAR;  -- core the event came through
ALTER TABLE verdicts ADD COLUMN IF NOT EXISTS first_sales_touch_at TIMESTAMP;
ALTER TABLE verdicts ADD COLUMN IF NOT EXISTS handoff_kind VARCHAR;    -- mql | sequence_enrolled | sales touch kind

-- Fuzzy merge candidates of the last rebuild (spec 2.4): proposed, never applied on their own.
CREATE TABLE IF NOT EXISTS merge_proposals (
    merge_id VARCHAR,
    left_ref VARCHAR,
    right_ref VARCHAR,
    left_person_id VARCHAR,
    right_person_id VARCHAR,
    evidence VARCHAR,
    proposed_at TIMESTAMP
);

-- Texts already scanned for signals, by event and text hash, so a rebuild rescans only changes.
CREATE TABLE IF NOT EXISTS signal_scans (
    event_id VARCHAR,
    text_hash VARCHAR,
    scanner_version VARCHAR
);
CREATE TABLE IF NOT EXISTS signal_cache (
    event_id VARCHAR,
    text_hash VARCHAR,
    signal VARCHAR,
    cue VARCHAR,
    sentence VARCHAR,
    resolved_date DATE
);

-- name: migration_005
-- people without its primary key. A rebuild replaces every row at once, and DuckDB's delete and
-- re-insert of the same keys under a primary key cost 22 s of a 1M-lead rebuild's swap and 21 s
-- of its commit (6.1 s and 0.9 s without). Person ids stay unique by construction: the identity
-- names one id per person (tests/people/test_rebuild.py checks it).
CREATE TABLE people_unkeyed AS SELECT * FROM people;
DROP TABLE people;
ALTER TABLE people_unkeyed RENAME TO people;

-- name: migration_006
-- Until when each verdict holds with no new event, and its priority (verdict_decide), with what
-- scoring the priority again needs: an incremental rebuild whose as_of moves judges again only
-- the people whose verdict could read differently by then, and scores again those whose
-- priority could (queries/verdicts/due.sql). Rows judged before these columns are NULL until the
-- next rebuild, a full one (the SQL changed).
ALTER TABLE verdicts ADD COLUMN IF NOT EXISTS holds_until TIMESTAMP;
ALTER TABLE verdicts ADD COLUMN IF NOT EXISTS score_until TIMESTAMP;
ALTER TABLE verdicts ADD COLUMN IF NOT EXISTS priority_inputs STRUCT(
    last_engagement_eid VARCHAR, warm_eid VARCHAR, recent TIMESTAMP[],
    intent STRUCT(ts TIMESTAMP, event_id VARCHAR)[]);

-- name: migration_007
-- Every distinct web call (system, browser id, user id, email) with each ref it names
-- (ll_visitor_refs): an index the incremental rebuild reads to find the web events of the people
-- it works out again without working out 24M events' refs (queries/people/incremental.sql). A
-- full rebuild writes it whole, an incremental one adds the calls it imported; `forget` empties
-- it (the next rebuild is a full one).
CREATE TABLE IF NOT EXISTS web_call_refs (
    ref VARCHAR,
    system VARCHAR,
    anonymous_id VARCHAR,
    user_id VARCHAR,
    email VARCHAR
);
