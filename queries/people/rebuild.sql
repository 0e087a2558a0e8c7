-- A rebuild works on shadows of the derived tables and swaps its results in at the end
-- (lead_lens/people/rebuild.py lists the tables). {store} is the store's catalog name, quoted.
-- Why: in one transaction DuckDB keeps every scratch table a step replaces until the commit, and
-- a rebuild at 1M leads ran twice as slow for the memory. Outside one, each statement commits
-- and frees what the last replaced; the stored results change only in rebuild_swap_*.

-- name: rebuild_shadow_table
-- An empty temp table of the same name shadows {table} for this connection (temp objects are
-- found first), so every step reads and writes its new rows there.
CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {store}.main.{table} LIMIT 0;

-- name: rebuild_shadow_cache
-- A cache's shadow starts as stored: the rebuild rescans only new or changed texts.
CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {store}.main.{table};

-- name: rebuild_shadow_timeline
-- The timeline, too big for a temp table, is written to {next_timeline} (timeline_events_next)
-- and read through a temp view of the usual name.
CREATE OR REPLACE TABLE {store}.main.{next_timeline} AS
SELECT * FROM {store}.main.timeline_events LIMIT 0;
CREATE OR REPLACE TEMP VIEW timeline_events AS SELECT * FROM {store}.main.{next_timeline};

-- name: rebuild_swap_table
-- In the swap's transaction: the shadow's rows replace the stored ones.
DELETE FROM {store}.main.{table};
INSERT INTO {store}.main.{table} SELECT * FROM temp.main.{table};

-- name: rebuild_swap_timeline
-- In the swap's transaction: the new timeline is renamed into place.
DROP VIEW temp.main.timeline_events;
DROP TABLE {store}.main.timeline_events;
ALTER TABLE {store}.main.{next_timeline} RENAME TO timeline_events;

-- name: rebuild_drop_table
-- After the swap, or after a failed rebuild (then the stored results are untouched): a shadow
-- or a step's scratch table (the app keeps its connection; at 1M leads they hold gigabytes).
DROP TABLE IF EXISTS temp.main.{table};

-- name: rebuild_drop_timeline
-- Also what a killed rebuild left behind (forget drops it too: it may hold anyone's events).
DROP VIEW IF EXISTS temp.main.timeline_events;
DROP TABLE IF EXISTS {store}.main.{next_timeline};

-- name: timeline_events_count
-- Events in {timeline}, for the rebuild's watermark.
SELECT count(*) FROM {timeline};
