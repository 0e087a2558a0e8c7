-- Text signals (spec section 5): which texts are read, and the cache that spares rescans.

-- name: signal_texts
-- The texts the lead wrote or that record what the lead said: replies, inbound emails, CRM
-- notes, call notes and dispositions, meeting notes, and the external speakers' turns of call
-- transcripts. Never our outbound emails (an unsubscribe footer in a sales email is not an
-- opt-out, spec 5): sales and marketing emails are read only when marked inbound.
CREATE OR REPLACE TEMP TABLE sig_texts AS
WITH events AS (
    SELECT DISTINCT event_id, ts, kind, body, source_table, source_key
    FROM timeline_events
    WHERE nullif(trim(body), '') IS NOT NULL
      AND (kind IN ('reply', 'note', 'sales_call', 'meeting_held', 'meeting_scheduled')
           OR direction = 'inbound')
      AND NOT (kind IN ('sales_email', 'marketing_email')
               AND coalesce(direction, 'outbound') <> 'inbound')
),
external_speakers AS (
    SELECT DISTINCT call_ref, speaker_id FROM call_parties
    WHERE lower(coalesce(affiliation, '')) = 'external'
),
transcripts AS (
    SELECT t.call_ref, string_agg(t.text, chr(10) ORDER BY t.turn_no) AS text
    FROM call_transcripts t JOIN external_speakers s USING (call_ref, speaker_id)
    WHERE nullif(trim(t.text), '') IS NOT NULL
    GROUP BY t.call_ref
),
call_events AS (
    SELECT DISTINCT e.event_id, e.ts, tr.text
    FROM timeline_events e JOIN transcripts tr ON e.source_table = 'activities'
                                               AND e.source_key = tr.call_ref
)
SELECT event_id, any_value(ts) AS ts, any_value(source_kind) AS source_kind,
       string_agg(text, chr(10)) AS text, md5(string_agg(text, chr(10))) AS text_hash
FROM (
    SELECT event_id, ts, CASE WHEN kind = 'note' OR kind = 'reply' THEN kind
                              WHEN kind = 'sales_call' THEN 'call_disposition'
                              WHEN kind LIKE 'meeting%' THEN 'note'
                              ELSE 'inbound_email' END AS source_kind, body AS text
    FROM events
    UNION ALL
    SELECT event_id, ts, 'transcript', text FROM call_events
)
GROUP BY event_id;

-- name: signal_texts_to_scan
-- Texts not yet scanned in this version (new or changed events).
SELECT t.event_id, t.text, t.ts, t.source_kind, t.text_hash
FROM sig_texts t
WHERE NOT EXISTS (
    SELECT 1 FROM signal_scans s
    WHERE s.event_id = t.event_id AND s.text_hash = t.text_hash
      AND s.scanner_version = $scanner_version
);

-- name: signal_cache_forget_stale
-- Drop cached results of events that are gone, changed or were scanned by another version.
DELETE FROM signal_cache c
WHERE NOT EXISTS (
    SELECT 1 FROM sig_texts t JOIN signal_scans s USING (event_id, text_hash)
    WHERE t.event_id = c.event_id AND t.text_hash = c.text_hash
      AND s.scanner_version = $scanner_version
);

-- name: signal_scans_forget_stale
-- Forget scans of events that are gone or changed, and scans by another scanner version.
DELETE FROM signal_scans s
WHERE s.scanner_version <> $scanner_version
   OR NOT EXISTS (SELECT 1 FROM sig_texts t
                  WHERE t.event_id = s.event_id AND t.text_hash = s.text_hash);

-- name: signal_cache_add_hits
-- Store the hits of the texts just scanned ({hits}: an Arrow table registered by the caller;
-- big Python lists bound as parameters are far slower).
INSERT INTO signal_cache (event_id, text_hash, signal, cue, sentence, resolved_date)
SELECT event_id, text_hash, signal, cue, sentence, resolved_date FROM {hits};

-- name: signal_scans_add
-- Mark texts as scanned (hit or not) by this scanner version ({scanned}: an Arrow table).
INSERT INTO signal_scans (event_id, text_hash, scanner_version)
SELECT event_id, text_hash, $scanner_version FROM {scanned};

-- name: signals_build
-- The signals of every person: cached hits placed on each person's copy of the event.
DELETE FROM signals;
INSERT INTO signals (event_id, person_id, signal, cue, sentence, resolved_date, ts)
SELECT c.event_id, e.person_id, c.signal, c.cue, c.sentence, c.resolved_date, e.ts
FROM signal_cache c
JOIN sig_texts t ON t.event_id = c.event_id AND t.text_hash = c.text_hash
JOIN timeline_events e ON e.event_id = c.event_id;

-- name: signals_for_person
-- One person's signals, oldest first.
SELECT event_id, signal, cue, sentence, resolved_date, ts
FROM signals WHERE person_id = $person_id ORDER BY ts, event_id;
