-- Landing mapped rows in a canonical table. {table}, {staged}, {columns} and {hash_columns} are
-- identifiers from the store's own catalog; every value is bound.

-- name: staged_mapping_rejects
-- Rows the mapping refused (no id, no time ...): reported with the source line.
SELECT raw_line, coalesce(reject_reason, 'the row has no identifier to key it by')
FROM {staged}
WHERE reject_reason IS NOT NULL OR record_key IS NULL
ORDER BY raw_line;

-- name: count_existing_keys
-- How many of the file's records the table already holds (0: a pure insert will do).
SELECT count(*) FROM {table} t
WHERE t.record_key IN (SELECT record_key FROM {staged} WHERE reject_reason IS NULL);

-- name: map_staged
-- Before the import's transaction: a table's scan of rows its own transaction wrote runs on one
-- thread, a scan of committed temporary rows on all of them.
CREATE OR REPLACE TEMP TABLE {staged} AS {mapping};

-- name: drop_staged
DROP TABLE IF EXISTS {staged};
DROP TABLE IF EXISTS ll_incoming;
DROP TABLE IF EXISTS ll_status;

-- name: insert_staged_new
-- The fast path: every record is new and appears once, so the mapped rows go straight in.
INSERT INTO {table} ({columns}, row_hash, import_id)
SELECT {columns}, hash({hash_columns}), $import_id
FROM {staged}
WHERE reject_reason IS NULL AND record_key IS NOT NULL;

-- name: staged_duplicates
-- A record key seen twice in one file: the later line wins, the earlier is reported. The
-- window runs over the repeated keys alone (a hash aggregate finds them; most files have none).
SELECT raw_line, record_key FROM (
    SELECT raw_line, record_key,
           row_number() OVER (PARTITION BY record_key ORDER BY raw_line DESC) AS rn
    FROM {staged}
    WHERE reject_reason IS NULL AND record_key IN (
        SELECT record_key FROM {staged} WHERE reject_reason IS NULL
        GROUP BY record_key HAVING count(*) > 1))
WHERE rn > 1 ORDER BY raw_line;

-- name: build_incoming
CREATE OR REPLACE TEMP TABLE ll_incoming AS
SELECT {columns}, hash({hash_columns}) AS row_hash
FROM (SELECT *, row_number() OVER (PARTITION BY record_key ORDER BY raw_line DESC) AS ll_rn
      FROM {staged} WHERE reject_reason IS NULL AND record_key IS NOT NULL)
WHERE ll_rn = 1;

-- name: classify_incoming
-- new: unknown key; same: identical content; older: the store holds a later version of the
-- record (by its source's modified time); changed: everything else.
CREATE OR REPLACE TEMP TABLE ll_status AS
SELECT i.record_key,
       CASE WHEN t.record_key IS NULL THEN 'new'
            WHEN t.row_hash = i.row_hash THEN 'same'
            WHEN i.updated_at < t.updated_at THEN 'older'
            ELSE 'changed' END AS status
FROM ll_incoming i LEFT JOIN {table} t ON t.record_key = i.record_key;

-- name: count_status
SELECT status, count(*) FROM ll_status GROUP BY status;

-- name: record_changes
INSERT INTO record_history
SELECT '{table}', t.record_key, $import_id, now()::TIMESTAMP, to_json(t), to_json(i)
FROM {table} t
JOIN ll_incoming i ON i.record_key = t.record_key
JOIN ll_status s ON s.record_key = t.record_key
WHERE s.status = 'changed';

-- name: delete_changed
DELETE FROM {table} WHERE record_key IN (SELECT record_key FROM ll_status WHERE status = 'changed');

-- name: insert_incoming
INSERT INTO {table} ({columns}, row_hash, import_id)
SELECT {columns}, row_hash, $import_id
FROM ll_incoming
WHERE record_key IN (SELECT record_key FROM ll_status WHERE status IN ('new', 'changed'));

-- name: table_columns
SELECT column_name FROM duckdb_columns()
WHERE schema_name = 'main' AND table_name = $table
ORDER BY column_index;
