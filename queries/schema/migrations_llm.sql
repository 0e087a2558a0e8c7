-- Schema migrations of the local-LLM summaries (issue 4). Same rules as migrations.sql: a block
-- `migration_NNN` brings a store from version NNN-1 to NNN; never edit a released block.

-- name: migration_004
-- Cached summaries. One row per person, model and prompt version: the context hash says which
-- material it was written from, so new data makes it stale instead of silently wrong.
CREATE TABLE IF NOT EXISTS llm_summaries (
    person_id VARCHAR NOT NULL,
    model_id VARCHAR NOT NULL,          -- '<gguf file name>:<size in bytes>'
    prompt_version VARCHAR NOT NULL,
    context_hash VARCHAR NOT NULL,      -- sha256 of the gathered material and the budget
    sections JSON NOT NULL,             -- [{"heading": ..., "text": ...}], citations checked
    citations JSON NOT NULL,            -- {"E1": "<timeline event_id>", ...}: ids the text cites
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    seconds DOUBLE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (person_id, model_id, prompt_version, context_hash)
);
