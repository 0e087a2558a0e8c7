-- Loading files verbatim into raw tables. {raw_table} is a name lead-lens makes: a file is read
-- into raw.pending_<token> before its import's transaction, so the mapping scans committed rows
-- (in parallel); the transaction renames it raw.import_<id> as it records the import.

-- name: load_csv_raw
-- A CSV with the dialect fixed by lead-lens (sniffers guess wrong on damaged files); every column
-- as text; unparseable rows go to DuckDB's reject tables, not into the table.
-- $max_line_size is the line repair's (encoding.MAX_RECORD_CHARS, 16 MiB); $buffer_size follows
-- the memory limit (readers.csv_buffer_size): DuckDB's own, 16 longest lines (256 MiB) a thread,
-- failed under a 512 MB limit.
CREATE TABLE {raw_table} AS
SELECT row_number() OVER () + 1 AS _line, *
FROM read_csv($path, columns = $columns, header = true, delim = $delim, quote = '"',
              escape = '"', auto_detect = false, store_rejects = true,
              rejects_scan = 'll_reject_scans', rejects_table = 'll_reject_errors',
              max_line_size = $max_line_size, buffer_size = $buffer_size,
              parallel = true);

-- name: csv_rejects_read
-- The rows the last CSV read rejected, one per line (a row may fail on several columns).
SELECT line, arg_min(column_name, column_idx), arg_min(CAST(error_type AS VARCHAR), column_idx),
       arg_min(error_message, column_idx), arg_min(csv_line, column_idx)
FROM ll_reject_errors
GROUP BY line
ORDER BY line;

-- name: fix_csv_lines_after_rejects
-- With rows rejected, the n-th loaded row sits on the n-th line that was not rejected.
UPDATE {raw_table} AS r SET _line = m.line
FROM (
    SELECT line, row_number() OVER (ORDER BY line) + 1 AS loaded_no
    FROM range(2, (SELECT count(*) FROM {raw_table})
                   + (SELECT count(DISTINCT line) FROM ll_reject_errors) + 2) AS t(line)
    WHERE line NOT IN (SELECT line FROM ll_reject_errors)
) AS m
WHERE r._line = m.loaded_no;

-- name: load_ndjson_raw
-- Newline-delimited JSON read line by line, so one bad line is a reject, not a failed file.
-- Lines are numbered before blank ones are dropped, so a reported line is the file's line
-- (blank lines arrive as a space: see encoding.repair_json_lines).
CREATE TABLE {raw_table} AS
SELECT _line, record FROM (
    SELECT row_number() OVER () AS _line, line AS record
    FROM read_csv($path, columns = $columns, header = false, delim = $delim,
                  quote = '', escape = '', auto_detect = false, max_line_size = $max_line_size,
                  buffer_size = $buffer_size))
WHERE trim(coalesce(record, '')) <> '';

-- name: ndjson_invalid_lines
SELECT _line, left(record, 2000) FROM {raw_table}
WHERE try(json_type(CAST(record AS JSON))) IS DISTINCT FROM 'OBJECT'
ORDER BY _line;

-- name: drop_invalid_ndjson
DELETE FROM {raw_table} WHERE try(json_type(CAST(record AS JSON))) IS DISTINCT FROM 'OBJECT';

-- name: load_json_array_raw
CREATE TABLE {raw_table} AS
SELECT row_number() OVER () AS _line, CAST(json AS VARCHAR) AS record
FROM read_json_objects($path, format = 'array', maximum_object_size = 1073741824);

-- name: json_top_level_arrays
SELECT k, json_type(json, '$."' || k || '"')
FROM (SELECT json, unnest(json_keys(json)) AS k
      FROM read_json_objects($path, format = 'unstructured', maximum_object_size = 1073741824));

-- name: load_json_nested_raw
-- The records of a document's record array ($columns = {'calls': 'JSON[]'}); DuckDB's reader
-- splits the array in one pass, several times faster than a JSON-path extract on one huge value.
CREATE TABLE {raw_table} AS
SELECT row_number() OVER () AS _line, CAST(rec AS VARCHAR) AS record
FROM (SELECT unnest(COLUMNS(*)) AS rec
      FROM read_json($path, columns = $columns, maximum_object_size = 1073741824));

-- name: load_json_documents_raw
-- A document that is itself the record (or several such documents, one after another).
CREATE TABLE {raw_table} AS
SELECT row_number() OVER () AS _line, CAST(json AS VARCHAR) AS record
FROM read_json_objects($path, format = 'unstructured', maximum_object_size = 1073741824);

-- name: json_sample_records
SELECT record FROM {raw_table} ORDER BY _line LIMIT $n;

-- name: load_parquet_raw
-- The reader's own row numbers: a row_number() window would read the file on one thread.
CREATE TABLE {raw_table} AS
SELECT file_row_number + 1 AS _line, * EXCLUDE (file_row_number)
FROM read_parquet($path, file_row_number = true);

-- name: load_parquet_raw_numbered
-- For a file with its own column named file_row_number.
CREATE TABLE {raw_table} AS
SELECT row_number() OVER () AS _line, * FROM read_parquet($path);

-- name: parquet_columns
SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet($path));

-- name: drop_raw_table
-- An import that failed before recording itself: its raw rows go too.
DROP TABLE IF EXISTS {raw_table};

-- name: finish_raw_table
-- In the import's transaction: the pending raw table becomes the import's.
ALTER TABLE {raw_table} RENAME TO {import_table};

-- name: unfinished_raw_tables
-- Pending raw tables: left by an import that was killed before its transaction committed.
SELECT table_name FROM duckdb_tables()
WHERE schema_name = 'raw' AND regexp_full_match(table_name, 'pending_[0-9a-f]+');

-- name: count_raw_rows
SELECT count(*) FROM {raw_table};

-- name: raw_columns
SELECT column_name FROM duckdb_columns()
WHERE schema_name = 'raw' AND table_name = $table
ORDER BY column_index;

-- name: drop_reject_tables
DROP TABLE IF EXISTS ll_reject_errors;
DROP TABLE IF EXISTS ll_reject_scans;

-- name: shift_raw_lines
-- Move each row's _line on by the sum of `by` over the shifts whose `after` lies before it
-- (ll_line_shifts: records a CSV read could not see, such as blank or swallowed lines).
UPDATE {raw_table} AS r SET _line = r._line + s.total
FROM (SELECT t._line AS old_line, sum(ll_line_shifts.by) AS total
      FROM {raw_table} AS t JOIN ll_line_shifts ON ll_line_shifts.after < t._line
      GROUP BY t._line) AS s
WHERE r._line = s.old_line;

-- name: insert_recovered_rows
-- Rows re-read from the text of a rejected record that had swallowed them (ll_recovered_rows:
-- line, then the file's columns in order, as text).
INSERT INTO {raw_table} SELECT * FROM ll_recovered_rows;
