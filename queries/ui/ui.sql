-- Read-only queries of the terminal app (lead_lens/ui). The leads-list blocks share one filter:
-- every filter parameter is NULL when unused, so one block serves every combination.

-- name: ui_store_status
-- What the store holds: imports, people and verdicts (an empty store opens on the import screen).
SELECT (SELECT count(*) FROM imports) AS imports,
       (SELECT count(*) FROM people) AS people,
       (SELECT count(*) FROM verdicts) AS verdicts,
       (SELECT max(as_of) FROM verdicts) AS as_of;

-- name: ui_verdict_counts
-- People and warm people per verdict.
SELECT verdict, count(*) AS people, count(*) FILTER (WHERE warm) AS warm
FROM verdicts GROUP BY verdict ORDER BY people DESC, verdict;

-- name: ui_funnel
-- The funnel: leads, handed off, sequenced, replied, meeting, opportunity, won. A stage counts
-- the people with at least one event of its kinds at or before as_of ($*_kinds lists).
WITH reached AS (
    SELECT person_id,
           bool_or(list_contains($sequenced_kinds, kind)) AS sequenced,
           bool_or(list_contains($replied_kinds, kind)) AS replied,
           bool_or(list_contains($meeting_kinds, kind)) AS meeting,
           bool_or(list_contains($opportunity_kinds, kind)) AS opportunity
    FROM timeline_events
    WHERE list_contains($stage_kinds, kind) AND ts <= $as_of
    GROUP BY person_id
)
SELECT count(*) AS leads,
       count(v.handoff_at) AS handed_off,
       count(*) FILTER (WHERE r.sequenced) AS sequenced,
       count(*) FILTER (WHERE r.replied) AS replied,
       count(*) FILTER (WHERE r.meeting) AS meeting,
       count(*) FILTER (WHERE r.opportunity) AS opportunity,
       count(*) FILTER (WHERE v.verdict = 'customer') AS won
FROM verdicts v LEFT JOIN reached r USING (person_id);

-- name: ui_weekly_trend
-- Per week over the $weeks weeks up to as_of: leads handed off, and leads that entered the black
-- hole (the day their last sales touch, or their handoff when never touched, fell out of the
-- $sales_recent_days window: when sales stopped and marketing never came back).
WITH weeks AS (
    SELECT unnest(generate_series(date_trunc('week', $as_of) - to_weeks($weeks - 1),
                                  date_trunc('week', $as_of), INTERVAL 1 WEEK)) AS week
), handoffs AS (
    SELECT date_trunc('week', handoff_at) AS week, count(*) AS n
    FROM verdicts WHERE handoff_at IS NOT NULL GROUP BY 1
), entries AS (
    SELECT date_trunc('week', coalesce(last_sales_touch_at, handoff_at)
                              + to_days($sales_recent_days)) AS week, count(*) AS n
    FROM verdicts WHERE verdict = 'black_hole' GROUP BY 1
)
SELECT w.week::DATE AS week, coalesce(h.n, 0) AS handoffs, coalesce(e.n, 0) AS black_hole
FROM weeks w LEFT JOIN handoffs h USING (week) LEFT JOIN entries e USING (week)
ORDER BY w.week;

-- name: ui_filter_options
-- The values of a people column ({column}: lead_source or owner) with their counts, commonest
-- first, for the leads filters.
SELECT {column} AS value, count(*) AS people
FROM people WHERE {column} IS NOT NULL
GROUP BY {column} ORDER BY people DESC, value LIMIT $limit;

-- name: ui_leads_ranked
-- Every person with the columns of the leads list, ranked: black hole first, then the others
-- marketing may contact, then everyone else; highest priority first.
SELECT row_number() OVER (
           ORDER BY CASE v.verdict WHEN 'black_hole' THEN 0 WHEN 'recycled' THEN 1
                                   WHEN 'marketing_owned' THEN 1 ELSE 2 END,
                    v.priority DESC, v.person_id) AS rank,
       v.person_id, p.name, p.email, p.company, v.verdict, v.warm, v.snooze_until,
       date_diff('day', v.last_sales_touch_at, v.as_of) AS days_since_sales_touch,
       v.last_engagement_at, v.priority, v.ok_to_market, v.handoff_at IS NOT NULL AS handed_off,
       v.as_of, p.lead_source, p.owner,
       lower(concat_ws(' ', p.name, p.email, p.company)) AS haystack
FROM verdicts v JOIN people p USING (person_id);

-- name: ui_leads_index_build
-- The ranked leads list as a temp table of the app's leads cursor: every filter, search and page
-- after that reads one narrow table (fast at a million rows). Composed over ui_leads_ranked.
CREATE OR REPLACE TEMP TABLE ui_leads AS {mapping};

-- name: ui_leads_indexed
-- The leads list from the app cursor's temp table (see ui_leads_index_build).
SELECT * FROM ui_leads;

-- name: ui_leads_filtered
-- The people of the leads list (composed over ui_leads_ranked or ui_leads_indexed) that the
-- filters keep; a NULL filter keeps everyone.
SELECT * FROM ({mapping}) l
WHERE ($verdict IS NULL OR l.verdict = $verdict)
  AND ($warm IS NULL OR l.warm = $warm)
  AND ($ok_to_market IS NULL OR l.ok_to_market = $ok_to_market)
  AND ($handed_off IS NULL OR l.handed_off = $handed_off)
  AND ($source IS NULL OR l.lead_source = $source)
  AND ($owner IS NULL OR l.owner = $owner)
  AND ($search_text IS NULL OR contains(l.haystack, $search_text))
  AND ($stage_kinds IS NULL OR l.person_id IN (
        SELECT person_id FROM timeline_events
        WHERE list_contains($stage_kinds, kind) AND ts <= l.as_of));

-- name: ui_leads_count
-- How many people the leads filter keeps (composed over ui_leads_filtered).
SELECT count(*) FROM ({mapping});

-- name: ui_leads_page
-- One page of the filtered leads list in rank order (composed over ui_leads_filtered).
SELECT person_id, name, email, company, verdict, warm, snooze_until, days_since_sales_touch,
       last_engagement_at, priority, ok_to_market
FROM ({mapping})
ORDER BY rank
LIMIT $limit OFFSET $offset;

-- name: ui_leads_export
-- Every person the leads filter keeps (composed over ui_leads_filtered), in rank order, with the
-- columns the CRM/MAP import files need.
SELECT l.person_id, p.email, p.name, p.first_name, p.last_name, p.company, l.verdict,
       l.ok_to_market, l.warm, l.priority, v.reasons
FROM ({mapping}) l JOIN people p USING (person_id) JOIN verdicts v USING (person_id)
ORDER BY l.rank;

-- name: ui_person_lookup
-- People whose name or email matches $pattern (an ILIKE pattern), for the command palette.
SELECT v.person_id, p.name, p.email, p.company, v.verdict
FROM people p JOIN verdicts v USING (person_id)
WHERE p.name ILIKE $pattern ESCAPE '\' OR p.email ILIKE $pattern ESCAPE '\'
ORDER BY v.priority DESC, p.name, v.person_id
LIMIT $limit;

-- name: ui_import_raw_table
-- The raw table an import was read into.
SELECT raw_table FROM imports WHERE import_id = $import_id;

-- name: ui_raw_record
-- The verbatim raw row behind a timeline event, from {raw_table} (read from the imports catalog).
SELECT * FROM {raw_table} WHERE _line = $line LIMIT 1;
