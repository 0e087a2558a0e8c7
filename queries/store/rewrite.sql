-- Rewriting the store into a new file (lead_lens/store/rewrite.py): DuckDB keeps deleted rows'
-- bytes in free blocks of the file, so after `lead-lens forget` the live rows are copied into a
-- fresh file that takes the old one's place.

-- name: store_checkpoint
-- Write everything committed into the file, so no WAL is left beside it.
CHECKPOINT;

-- name: store_database_name
-- The catalog name DuckDB gave the store's file (its name without the extension).
SELECT current_database();

-- name: store_attach_fresh
-- The new file. DuckDB cannot bind ATTACH's path, so {fresh_file} is a FilePath lead-lens made
-- next to the store, filled in as a quoted literal.
ATTACH {fresh_file} AS ll_fresh;

-- name: store_copy_to_fresh
-- Every schema, table, sequence (with its current value) and row of the store; free blocks and
-- deleted rows are not copied.
COPY FROM DATABASE {database} TO ll_fresh;

-- name: store_detach_fresh
-- Closing the new file checkpoints it: complete, with no WAL of its own.
DETACH ll_fresh;
