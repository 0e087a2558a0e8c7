-- Import bookkeeping.

-- name: next_import_id
SELECT nextval('import_id_seq');

-- name: import_by_sha
-- A finished import of the very same bytes: re-importing it changes nothing.
SELECT import_id, kind FROM imports WHERE file_sha256 = $sha ORDER BY import_id LIMIT 1;

-- name: record_import
INSERT INTO imports VALUES ($import_id, $file_path, $sha, $bytes, $kind, $format, $encoding,
    $delimiter, $raw_table, $rows, $rejected, $new, $updated, $unchanged,
    now()::TIMESTAMP, now()::TIMESTAMP, $version);

-- name: insert_reject
INSERT INTO import_rejects VALUES ($import_id, $file_path, $line, $column_name, $error_type,
    $reason, $raw_text);

-- name: drop_src_view
DROP VIEW IF EXISTS src;

-- name: list_imports
SELECT import_id, file_path, kind, rows_read, rows_rejected, rows_new, rows_updated,
       rows_unchanged, finished_at
FROM imports ORDER BY import_id;

-- name: list_rejects
SELECT import_id, file_path, line, column_name, error_type, reason, raw_text
FROM import_rejects
WHERE $import_id IS NULL OR import_id = $import_id
ORDER BY import_id, line;

-- name: count_imports
SELECT count(*) FROM imports;

-- name: current_schema_version
SELECT value FROM meta WHERE key = 'schema_version';

-- name: store_has_meta
-- Whether the store has been initialised at all (a new file has no tables).
SELECT count(*) > 0 FROM information_schema.tables
WHERE table_name = 'meta' AND table_schema = 'main';

-- name: set_schema_version
INSERT OR REPLACE INTO meta VALUES ('schema_version', $version);

-- name: session_memory_limit
-- DuckDB's memory limit as it reports it ('18.8 GiB'): batch and buffer sizes follow it.
SELECT current_setting('memory_limit');

-- name: session_threads
SELECT current_setting('threads');
