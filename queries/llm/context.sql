-- What the summarizer reads about one person. Contract tables: migration_002 (people,
-- person_keys, timeline_events, signals, verdicts) and migration_001 (calls, sequences, deals).

-- name: llm_person
-- The person by id, or by any of their emails (people.email, people.emails, person_keys).
SELECT person_id, email, name, company, title, owner
FROM people
WHERE person_id = $key
   OR email = lower(trim($key))
   OR list_contains(emails, lower(trim($key)))
   OR person_id IN (SELECT person_id FROM person_keys WHERE ref = 'email:' || lower(trim($key)))
ORDER BY (person_id = $key) DESC, (email = lower(trim($key))) DESC, person_id
LIMIT 2;

-- name: llm_timeline
-- The person's timeline, newest first; the context builder ranks and trims it.
SELECT event_id, ts, system, kind, family, actor, title, body, direction, source_key
FROM timeline_events
WHERE person_id = $person_id
ORDER BY ts DESC NULLS LAST, event_id
LIMIT 400;

-- name: llm_call_passages
-- Transcript turns of the person's calls, with the speaker's name and side where known.
SELECT e.event_id, t.turn_no, coalesce(p.name, 'Speaker ' || t.speaker_id) AS speaker,
       p.affiliation, t.text
FROM timeline_events AS e
JOIN call_transcripts AS t ON t.call_ref = e.source_key
LEFT JOIN call_parties AS p ON p.call_ref = t.call_ref AND p.speaker_id = t.speaker_id
WHERE e.person_id = $person_id AND t.text IS NOT NULL AND trim(t.text) <> ''
ORDER BY e.ts DESC, e.event_id, t.turn_no
LIMIT 300;

-- name: llm_signals
SELECT event_id, signal, cue, sentence, resolved_date, ts
FROM signals
WHERE person_id = $person_id
ORDER BY ts DESC NULLS LAST, event_id;

-- name: llm_verdict
-- The person's latest verdict.
SELECT verdict, ok_to_market, warm, snooze_until, handoff_at, last_sales_touch_at,
       last_engagement_at, priority, reasons, as_of
FROM verdicts
WHERE person_id = $person_id
ORDER BY as_of DESC
LIMIT 1;

-- name: llm_sequence_states
-- The person's sequence/cadence memberships, most recently changed first.
-- Outreach states carry only the sequence id: the name comes from the sequences export.
SELECT DISTINCT m.record_key, m.system, coalesce(m.sequence_name, s.name) AS sequence_name,
       m.state, coalesce(m.state_changed_at, m.updated_at, m.created_at) AS changed_at
FROM sequence_memberships AS m
JOIN person_keys AS k ON k.ref = m.person_ref
LEFT JOIN sequences AS s ON s.record_key = m.sequence_ref
WHERE k.person_id = $person_id
ORDER BY changed_at DESC NULLS LAST, m.record_key;

-- name: llm_open_deals
-- Open opportunities where the person has a contact role or that sit on the person's account.
SELECT DISTINCT o.record_key, o.name, o.stage, o.amount, o.close_date
FROM opportunities AS o
WHERE NOT coalesce(o.is_closed, false) AND NOT coalesce(o.is_deleted, false)
  AND (o.record_key IN (SELECT r.opportunity_ref
                        FROM opportunity_roles AS r
                        JOIN person_keys AS k ON k.ref = r.person_ref
                        WHERE k.person_id = $person_id AND NOT coalesce(r.is_deleted, false))
       OR o.account_ref = (SELECT account_key FROM people WHERE person_id = $person_id))
ORDER BY o.close_date NULLS LAST, o.record_key;

-- name: llm_batch_people
-- People whose latest verdict matches (NULL filters match all), highest priority first.
SELECT v.person_id
FROM verdicts AS v
WHERE v.as_of = (SELECT max(w.as_of) FROM verdicts AS w WHERE w.person_id = v.person_id)
  AND ($verdict IS NULL OR v.verdict = $verdict)
  AND ($warm IS NULL OR v.warm = $warm)
ORDER BY v.priority DESC NULLS LAST, v.person_id
LIMIT $limit;

-- name: llm_events_by_id
-- The timeline events a summary cites, to show (and jump to) what each citation points at:
-- the person's own events, found by the timeline's sort order.
SELECT event_id, ts, kind, coalesce(title, left(body, 80)) AS what
FROM timeline_events
WHERE person_id = $person_id AND list_contains($event_ids, event_id)
ORDER BY ts, event_id;
