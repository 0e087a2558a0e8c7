-- The summary cache (table llm_summaries, migration_004).

-- name: llm_summary_latest
-- The newest cached summary of a person for this model and prompt version, whatever its hash.
SELECT context_hash, sections, citations, prompt_tokens, completion_tokens, seconds, created_at
FROM llm_summaries
WHERE person_id = $person_id AND model_id = $model_id AND prompt_version = $prompt_version
ORDER BY created_at DESC
LIMIT 1;

-- name: llm_summary_forget
-- Older summaries of the person for this model and prompt version: only the newest is kept.
DELETE FROM llm_summaries
WHERE person_id = $person_id AND model_id = $model_id AND prompt_version = $prompt_version;

-- name: llm_summary_save
INSERT INTO llm_summaries VALUES ($person_id, $model_id, $prompt_version, $context_hash,
    $sections, $citations, $prompt_tokens, $completion_tokens, $seconds, $created_at);
