-- A rebuild works on shadows of the people tables and swaps its results in at the end
-- (lead_lens/people/rebuild.py). {store} is the store's catalog name, quoted.

-- name: rebuild_store_name
SELECT current_database();

-- name: rebuild_shadows
-- Temp tables shadow the derived tables for this connection (temp objects are found first), so
-- every step reads and writes its results there, outside any transaction: each statement frees
-- what the last replaced. (In one transaction DuckDB keeps every replaced scratch table until
-- the commit, and a rebuild at 1M leads ran twice as slow for the memory.) The timeline, too big
-- for a temp table, is written to timeline_events_next and read through a temp view.
CREATE OR REPLACE TEMP TABLE person_keys AS SELECT * FROM {store}.main.person_keys LIMIT 0;
CREATE OR REPLACE TEMP TABLE people AS SELECT * FROM {store}.main.people LIMIT 0;
CREATE OR REPLACE TEMP TABLE signals AS SELECT * FROM {store}.main.signals LIMIT 0;
CREATE OR REPLACE TEMP TABLE verdicts AS SELECT * FROM {store}.main.verdicts LIMIT 0;
CREATE OR REPLACE TEMP TABLE merge_proposals AS
SELECT * FROM {store}.main.merge_proposals LIMIT 0;
-- The text-signal caches start as stored: the rebuild rescans only new or changed texts.
CREATE OR REPLACE TEMP TABLE signal_scans AS SELECT * FROM {store}.main.signal_scans;
CREATE OR REPLACE TEMP TABLE signal_cache AS SELECT * FROM {store}.main.signal_cache;
CREATE OR REPLACE TABLE {store}.main.timeline_events_next AS
SELECT * FROM {store}.main.timeline_events LIMIT 0;
CREATE OR REPLACE TEMP VIEW timeline_events AS SELECT * FROM {store}.main.timeline_events_next;

-- name: rebuild_swap
-- The results replace the stored ones at once (run in one transaction): the small tables and
-- the signal caches are copied, the timeline is renamed into place.
DELETE FROM {store}.main.person_keys;
INSERT INTO {store}.main.person_keys SELECT * FROM temp.main.person_keys;
DELETE FROM {store}.main.people;
INSERT INTO {store}.main.people SELECT * FROM temp.main.people;
DELETE FROM {store}.main.signals;
INSERT INTO {store}.main.signals SELECT * FROM temp.main.signals;
DELETE FROM {store}.main.verdicts;
INSERT INTO {store}.main.verdicts SELECT * FROM temp.main.verdicts;
DELETE FROM {store}.main.merge_proposals;
INSERT INTO {store}.main.merge_proposals SELECT * FROM temp.main.merge_proposals;
DELETE FROM {store}.main.signal_scans;
INSERT INTO {store}.main.signal_scans SELECT * FROM temp.main.signal_scans;
DELETE FROM {store}.main.signal_cache;
INSERT INTO {store}.main.signal_cache SELECT * FROM temp.main.signal_cache;
DROP VIEW temp.main.timeline_events;
DROP TABLE {store}.main.timeline_events;
ALTER TABLE {store}.main.timeline_events_next RENAME TO timeline_events;

-- name: rebuild_shadows_drop
-- After the swap, or after a failed rebuild (then the stored results are untouched). The steps'
-- scratch tables go too: the app keeps its connection, and at 1M leads they hold gigabytes.
DROP VIEW IF EXISTS temp.main.timeline_events;
DROP TABLE IF EXISTS temp.main.person_keys;
DROP TABLE IF EXISTS temp.main.people;
DROP TABLE IF EXISTS temp.main.signals;
DROP TABLE IF EXISTS temp.main.verdicts;
DROP TABLE IF EXISTS temp.main.merge_proposals;
DROP TABLE IF EXISTS temp.main.signal_scans;
DROP TABLE IF EXISTS temp.main.signal_cache;
DROP TABLE IF EXISTS {store}.main.timeline_events_next;
DROP TABLE IF EXISTS temp.main.act_refs;
DROP TABLE IF EXISTS temp.main.id_identifies;
DROP TABLE IF EXISTS temp.main.id_links;
DROP TABLE IF EXISTS temp.main.id_nodes;
DROP TABLE IF EXISTS temp.main.cc_edges;
DROP TABLE IF EXISTS temp.main.cc_labels;
DROP TABLE IF EXISTS temp.main.cc_next;
DROP TABLE IF EXISTS temp.main.id_cores;
DROP TABLE IF EXISTS temp.main.kind_families;
DROP TABLE IF EXISTS temp.main.tl_keys;
DROP TABLE IF EXISTS temp.main.tl_stage;
DROP TABLE IF EXISTS temp.main.sig_texts;
DROP TABLE IF EXISTS temp.main.v_ev;
DROP TABLE IF EXISTS temp.main.v_sig;
DROP TABLE IF EXISTS temp.main.v_facts;
DROP TABLE IF EXISTS temp.main.v_dec;
