-- The unified timeline (spec section 3): every canonical row becomes events of one kind each.

-- name: timeline_kind_families
-- The spec's kind -> family table (section 3). Kinds not listed (task, email_open,
-- email_delivered, marketo_activity, meeting_scheduled, meeting_cancelled, web_other, ...) are
-- family 'other': shown on the timeline, never a touch or an engagement.
CREATE OR REPLACE TEMP TABLE kind_families AS
SELECT * FROM (VALUES
    ('sequence_enrolled', 'sales_touch'), ('sales_email', 'sales_touch'),
    ('sales_call', 'sales_touch'), ('meeting_held', 'sales_touch'),
    ('marketing_email', 'marketing_touch'), ('campaign_added', 'marketing_touch'),
    ('reply', 'engagement'), ('web_visit', 'engagement'), ('form_submit', 'engagement'),
    ('content_download', 'engagement'), ('email_click', 'engagement'),
    ('campaign_response', 'engagement'), ('meeting_booked', 'engagement'),
    ('mql', 'state'), ('status_change', 'state'), ('owner_change', 'state'),
    ('converted', 'state'), ('sequence_finished', 'state'), ('sequence_state', 'state'),
    ('opt_out', 'state'), ('bounce', 'state'), ('opportunity_opened', 'state'),
    ('opportunity_closed', 'state'), ('note', 'state')
) AS t(kind, family);

-- name: timeline_batch_keys
-- The refs of the people after $after up to $upto (NULL: no bound): one batch of the timeline.
-- Every stage block below reads only the rows of these refs, so a batch's staging and sort fit
-- in memory however big the store is.
CREATE OR REPLACE TEMP TABLE tl_keys AS
SELECT ref, person_id, core_id FROM person_keys
WHERE (CAST($after AS VARCHAR) IS NULL OR person_id > CAST($after AS VARCHAR))
  AND (CAST($upto AS VARCHAR) IS NULL OR person_id <= CAST($upto AS VARCHAR));

-- name: timeline_stage_activities
-- Activities of every system, on the timeline of each person they name (person_refs and the
-- separate activity_links; act_refs is identity_activity_refs'). Meetings sit at their start
-- time; held or scheduled is decided later.
CREATE OR REPLACE TEMP TABLE tl_stage AS
WITH refs AS (
    -- One row per activity and person: an activity can name one person by several refs.
    SELECT r.record_key, min(r.ref) AS ref, k.person_id, arg_min(k.core_id, r.ref) AS core_id
    FROM (
        SELECT record_key, ref FROM act_refs
        UNION
        SELECT activity_ref, ll_pref(person_ref) FROM activity_links
    ) r
    JOIN tl_keys k USING (ref)
    GROUP BY r.record_key, k.person_id
)
SELECT 'activities' AS source_table, a.record_key AS source_key, a.kind AS key_kind, r.ref,
       CASE WHEN a.kind = 'meeting' THEN coalesce(a.starts_at, a.ts) ELSE a.ts END AS ts,
       a.system, a.kind, a.actor,
       coalesce(nullif(trim(a.title), ''), replace(a.kind, '_', ' ')) AS title,
       a.body, a.direction,
       -- The timeline's own facts, without nulls (a patch into {} drops them). The activity's
       -- imported detail stays in activities.detail: copied into every event, it made these
       -- events' detail 3.7 times bigger, and writing and sorting the timeline is the rebuild's
       -- largest cost.
       json_merge_patch('{}', json_object(
           'status', a.status, 'sequence_ref', a.sequence_ref, 'campaign_ref', a.campaign_ref,
           'opportunity_ref', a.opportunity_ref, 'starts_at', a.starts_at, 'ends_at', a.ends_at,
           'object', a.object)) AS detail,
       coalesce(a.cancelled, false) AS cancelled,
       a.import_id, a.raw_line, r.person_id, r.core_id
FROM activities a JOIN refs r USING (record_key);

-- name: timeline_stage_sequences
-- Sequence memberships: enrolled (a sales touch), the reply, and the end state
-- (finished -> sequence_finished, opted_out -> opt_out, bounced -> bounce, other ends ->
-- sequence_state). The enrolled event carries the current state for the sales_active rule.
INSERT INTO tl_stage
WITH m AS (
    SELECT sm.*, coalesce(sm.sequence_name, s.name, sm.sequence_ref) AS seq_name,
           lower(trim(sm.state)) AS st
    FROM sequence_memberships sm LEFT JOIN sequences s ON s.record_key = sm.sequence_ref
),
rows AS (
    SELECT m.*, 'sequence_enrolled' AS kind, coalesce(m.created_at, m.active_at) AS ts,
           'Enrolled in ' || m.system || ' sequence ''' || m.seq_name || '''' AS title FROM m
    UNION ALL
    SELECT m.*, 'reply', m.replied_at,
           'Replied to sequence ''' || m.seq_name || '''' FROM m WHERE m.replied_at IS NOT NULL
    UNION ALL
    SELECT m.*,
           CASE WHEN st IN ('finished', 'completed') THEN 'sequence_finished'
                WHEN st = 'opted_out' THEN 'opt_out' WHEN st = 'bounced' THEN 'bounce'
                ELSE 'sequence_state' END,
           coalesce(m.state_changed_at, m.updated_at),
           CASE WHEN st IN ('finished', 'completed')
                    THEN 'Finished sequence ''' || m.seq_name || ''''
                WHEN st = 'opted_out' THEN 'Opted out in sequence ''' || m.seq_name || ''''
                WHEN st = 'bounced' THEN 'Bounced in sequence ''' || m.seq_name || ''''
                ELSE 'Sequence ''' || m.seq_name || ''' ' || replace(st, '_', ' ') END
    FROM m
    WHERE st NOT IN ('active', 'paused', 'pending', 'scheduled', 'staged', 'processing')
)
SELECT 'sequence_memberships', record_key, kind, ll_pref(person_ref), ts, system, kind, NULL,
       title, NULL, NULL,
       CAST(json_object('state', st, 'state_changed_at', state_changed_at,
                        'sequence_name', seq_name, 'sequence_ref', sequence_ref) AS JSON),
       false, import_id, raw_line, k.person_id, k.core_id
FROM rows JOIN tl_keys k ON k.ref = ll_pref(rows.person_ref);

-- name: timeline_stage_records
-- Person records: opt-out flags, bounces, lifecycle dates (HubSpot/Marketo), customers,
-- conversions, and the approximate handoff when only the current status is known (spec 4).
-- An opt-out flag without its own date counts from the record's creation (the cautious
-- reading) and says so in detail.approximate.
INSERT INTO tl_stage
WITH r AS (
    SELECT pr.*, ll_pref(pr.record_key) AS ref,
           list_contains(list_transform($handoff_statuses, s -> lower(trim(s))),
                         lower(trim(pr.status))) AS status_is_handoff,
           lower(trim(pr.lifecycle_stage)) IN ('marketingqualifiedlead', 'salesqualifiedlead',
               'opportunity', 'marketing qualified lead', 'sales qualified lead') AS stage_is_handoff,
           lower(trim(pr.lifecycle_stage)) IN ('customer', 'evangelist') AS stage_is_customer
    FROM person_records pr
),
has_history AS (
    SELECT DISTINCT ll_pref(person_ref) AS ref FROM field_history
    WHERE lower(field) IN ('status', 'leadstatus', 'lead status', 'hs_lead_status',
                           'lifecyclestage', 'lifecycle stage')
),
rows AS (
    SELECT r.*, 'opt_out' AS kind, 'opt_out' AS key_kind,
           coalesce(r.opted_out_at, r.created_at, r.updated_at) AS ts,
           'Opted out of email in ' || r.system || ' (' || coalesce(r.object, 'record') || ')'
               AS ev_title,
           r.opted_out_at IS NULL AS approximate
    FROM r WHERE r.opted_out
    UNION ALL
    SELECT r.*, 'bounce', 'bounce', r.bounced_at,
           'Email ' || coalesce(r.email, '') || ' bounced (' || r.system || ')', false
    FROM r WHERE r.bounced_at IS NOT NULL
    UNION ALL
    SELECT r.*, 'mql', 'mql_at', r.mql_at, 'Became a Marketing Qualified Lead (' || r.system || ')',
           false FROM r WHERE r.mql_at IS NOT NULL
    UNION ALL
    SELECT r.*, 'mql', 'sql_at', r.sql_at, 'Became a Sales Qualified Lead (' || r.system || ')',
           false FROM r WHERE r.sql_at IS NOT NULL
    UNION ALL
    SELECT r.*, 'mql', 'opportunity_at', r.opportunity_at,
           'Lifecycle stage became Opportunity (' || r.system || ')', false
    FROM r WHERE r.opportunity_at IS NOT NULL
    UNION ALL
    SELECT r.*, 'status_change', 'customer_at', coalesce(r.customer_at, r.updated_at),
           'Became a customer (' || r.system || ' lifecycle stage)', r.customer_at IS NULL
    FROM r WHERE r.customer_at IS NOT NULL OR r.stage_is_customer
    UNION ALL
    -- Spec 4: no history, but the current status is a handoff status -> last modified time.
    SELECT r.*, 'mql', 'mql_approx', coalesce(r.updated_at, r.created_at),
           'Status ''' || coalesce(r.status, r.lifecycle_stage) || ''' is a handoff status',
           true
    FROM r
    WHERE (r.status_is_handoff OR r.stage_is_handoff)
      AND r.mql_at IS NULL AND r.sql_at IS NULL AND r.opportunity_at IS NULL
      AND r.ref NOT IN (SELECT ref FROM has_history)
    UNION ALL
    SELECT r.*, 'converted', 'converted', coalesce(r.converted_at, r.updated_at),
           'Converted' || coalesce(' to contact ' || r.converted_ref, ''), r.converted_at IS NULL
    FROM r WHERE r.is_converted
)
SELECT 'person_records', record_key, key_kind, ref, ts, system, kind, NULL, ev_title, NULL, NULL,
       CAST(json_object('approximate', approximate, 'status', status,
                        'lifecycle_stage', lifecycle_stage,
                        'customer', key_kind = 'customer_at') AS JSON),
       false, import_id, raw_line, k.person_id, k.core_id
FROM rows JOIN tl_keys k USING (ref);

-- name: timeline_stage_history
-- Field history: a status change into a handoff status is an mql event (spec 4, LeadHistory);
-- HubSpot-style lifecycle changes into MQL/SQL/opportunity likewise, into customer a customer
-- status change; owner changes are owner_change. Other fields are not on the timeline.
INSERT INTO tl_stage
WITH h AS (
    SELECT fh.*, lower(trim(fh.field)) AS f,
           list_transform($handoff_statuses, s -> lower(trim(s))) AS handoff
    FROM field_history fh
),
rows AS (
    SELECT h.*,
           CASE
               WHEN f IN ('status', 'leadstatus', 'lead status', 'hs_lead_status')
                    AND list_contains(handoff, lower(trim(new_value)))
                    AND NOT coalesce(list_contains(handoff, lower(trim(old_value))), false)
                   THEN 'mql'
               WHEN f IN ('lifecyclestage', 'lifecycle stage')
                    AND lower(trim(new_value)) IN ('marketingqualifiedlead', 'salesqualifiedlead',
                        'opportunity', 'marketing qualified lead', 'sales qualified lead')
                   THEN 'mql'
               WHEN f IN ('owner', 'ownerid', 'ownerassignment', 'hubspot_owner_id',
                          'contact owner', 'lead owner') THEN 'owner_change'
               ELSE 'status_change'
           END AS kind,
           f IN ('lifecyclestage', 'lifecycle stage')
               AND lower(trim(new_value)) IN ('customer', 'evangelist') AS customer
    FROM h
    WHERE f IN ('status', 'leadstatus', 'lead status', 'hs_lead_status', 'lifecyclestage',
                'lifecycle stage', 'owner', 'ownerid', 'ownerassignment', 'hubspot_owner_id',
                'contact owner', 'lead owner')
)
SELECT 'field_history', record_key, kind, ll_pref(person_ref), changed_at, system, kind, actor,
       CASE WHEN kind = 'owner_change' THEN 'Owner changed'
            ELSE field END || ': ' || coalesce('''' || old_value || '''', '(none)') || ' -> '
           || coalesce('''' || new_value || '''', '(none)'),
       NULL, NULL,
       CAST(json_object('field', field, 'old_value', old_value, 'new_value', new_value,
                        'customer', customer) AS JSON),
       false, import_id, raw_line, k.person_id, k.core_id
FROM rows JOIN tl_keys k ON k.ref = ll_pref(rows.person_ref);

-- name: timeline_stage_campaigns
-- Campaign members: added (a marketing touch) and responded (an engagement). A response flag
-- without a date uses the member's last modification.
INSERT INTO tl_stage
WITH m AS (
    SELECT cm.*, coalesce(c.name, cm.campaign_ref) AS campaign_name,
           coalesce(ll_pref(cm.person_ref), 'email:' || ll_email(cm.email)) AS ref
    FROM campaign_members cm LEFT JOIN campaigns c ON c.record_key = cm.campaign_ref
    WHERE NOT coalesce(cm.is_deleted, false)
)
SELECT 'campaign_members', record_key, 'campaign_added', ref, created_at, system,
       'campaign_added', NULL, 'Added to campaign ''' || campaign_name || '''', NULL, NULL,
       CAST(json_object('campaign_ref', campaign_ref, 'status', status) AS JSON),
       false, import_id, raw_line, k.person_id, k.core_id
FROM m JOIN tl_keys k USING (ref)
UNION ALL
SELECT 'campaign_members', record_key, 'campaign_response', ref,
       coalesce(first_responded_at, updated_at), system, 'campaign_response', NULL,
       'Responded to campaign ''' || campaign_name || '''' || coalesce(' (' || status || ')', ''),
       NULL, NULL,
       CAST(json_object('campaign_ref', campaign_ref, 'status', status,
                        'approximate', first_responded_at IS NULL) AS JSON),
       false, import_id, raw_line, k.person_id, k.core_id
FROM m JOIN tl_keys k USING (ref)
WHERE has_responded OR first_responded_at IS NOT NULL;

-- name: timeline_stage_opportunities
-- Opportunities opened and closed, for their contact roles and for everyone on their account
-- (spec 6.2/6.3). One event per opportunity and person; a contact role wins over the account.
INSERT INTO tl_stage
WITH o AS (SELECT * FROM opportunities WHERE NOT coalesce(is_deleted, false)),
who AS (
    SELECT r.opportunity_ref, ll_pref(r.person_ref) AS ref, 'contact_role' AS via, 0 AS pref
    FROM opportunity_roles r WHERE NOT coalesce(r.is_deleted, false)
    UNION ALL
    SELECT o.record_key, p.refs[1], 'account', 1
    FROM o JOIN people p ON p.account_key = o.account_ref
),
batch_who AS (
    -- One row per opportunity and person: a contact role wins over the account, then the
    -- smallest ref.
    SELECT w.opportunity_ref, k.person_id, arg_min(w.ref, (w.pref, w.ref)) AS ref,
           arg_min(w.via, (w.pref, w.ref)) AS via, arg_min(k.core_id, (w.pref, w.ref)) AS core_id
    FROM who w JOIN tl_keys k USING (ref)
    GROUP BY w.opportunity_ref, k.person_id
),
rows AS (
    SELECT o.*, w.ref, w.via, w.person_id, w.core_id, 'opportunity_opened' AS kind,
           o.created_at AS ts,
           'Opportunity ''' || o.name || ''' opened' || coalesce(' (' || o.stage || ')', '') AS title
    FROM o JOIN batch_who w ON w.opportunity_ref = o.record_key
    UNION ALL
    SELECT o.*, w.ref, w.via, w.person_id, w.core_id, 'opportunity_closed',
           coalesce(CAST(o.close_date AS TIMESTAMP), o.updated_at),
           'Opportunity ''' || o.name || ''' closed '
               || CASE WHEN o.is_won THEN 'won' ELSE 'lost' END
    FROM o JOIN batch_who w ON w.opportunity_ref = o.record_key
    WHERE o.is_closed OR o.is_won
)
SELECT 'opportunities', record_key, kind, ref, ts, system, kind, owner, title, NULL, NULL,
       CAST(json_object('opportunity_ref', record_key, 'stage', stage, 'amount', amount,
                        'is_won', coalesce(is_won, false), 'via', via) AS JSON),
       false, import_id, raw_line, person_id, core_id
FROM rows;

-- name: timeline_stage_web
-- Web analytics events: through the anonymous browser id when there is one (all its events,
-- before and after the identify, spec 2.3), else the email or user id on the event. GA4's
-- automatically collected housekeeping events (session_start, first_visit, user_engagement,
-- scroll) stay in web_events but are not activities of the lead: a page view already says it.
INSERT INTO tl_stage
WITH w AS (
    SELECT *,
           CASE WHEN nullif(trim(anonymous_id), '') IS NOT NULL
                    THEN 'anon:' || system || ':' || trim(anonymous_id)
                WHEN ll_email(email) IS NOT NULL THEN 'email:' || ll_email(email)
                WHEN ll_email(user_id) IS NOT NULL THEN 'email:' || ll_email(user_id)
                WHEN ll_sfid(user_id) IS NOT NULL THEN ll_sfid(user_id)
                ELSE 'user:' || system || ':' || trim(user_id) END AS ref
    FROM web_events
    WHERE NOT (system = 'ga4' AND coalesce(event_name, '') IN
                   ('session_start', 'first_visit', 'user_engagement', 'scroll'))
)
SELECT 'web_events', record_key, coalesce(kind, 'web_other'), ref, ts, system,
       CASE WHEN kind IN ('web_visit', 'form_submit', 'content_download') THEN kind
            ELSE 'web_other' END,
       NULL,
       CASE kind WHEN 'form_submit' THEN 'Submitted a form on '
                 WHEN 'content_download' THEN 'Downloaded '
                 WHEN 'web_visit' THEN 'Visited '
                 ELSE coalesce(event_name, 'event') || ' on ' END
           || coalesce(nullif(title, ''), path, url, event_name, 'a page'),
       NULL, NULL,
       CAST(json_object('path', coalesce(path, ll_url_path(url), '/'), 'url', url,
                        'referrer', referrer, 'event_name', event_name,
                        'session_id', session_id) AS JSON),
       false, import_id, raw_line, k.person_id, k.core_id
FROM w JOIN tl_keys k USING (ref);

-- name: timeline_batch_as_of
-- Spec 1: the latest event timestamp of this batch, meetings excluded (a meeting can be booked
-- for a date after everything else that happened). The default as_of is the latest of all
-- batches: the latest event on anyone's timeline.
SELECT max(ts) FROM tl_stage WHERE NOT ll_meeting_kind(kind);

-- name: timeline_size_estimate
-- About how many events the timeline will hold (an upper bound: web housekeeping events, refs of
-- nobody and duplicates are counted too), to choose the number of batches before staging any.
SELECT (SELECT count(*) FROM act_refs) + (SELECT count(*) FROM activity_links)
     + 3 * (SELECT count(*) FROM sequence_memberships) + 3 * (SELECT count(*) FROM person_records)
     + (SELECT count(*) FROM field_history) + 2 * (SELECT count(*) FROM campaign_members)
     + 4 * (SELECT count(*) FROM opportunities) + (SELECT count(*) FROM web_events);

-- name: timeline_person_cuts
-- Person ids at the given $fractions of the people in id order: the bounds of the batches.
SELECT DISTINCT unnest(quantile_disc(person_id, $fractions)) AS cut FROM people ORDER BY cut;

-- name: timeline_meetings_settle
-- Meetings not cancelled are held when they started at or before $as_of (a sales touch) and
-- scheduled when after. Each batch decided them at the latest event seen so far; the default
-- as_of is the latest of all batches, so the few meetings between the two are settled here.
UPDATE {timeline}
SET kind = CASE WHEN ts <= $as_of THEN 'meeting_held' ELSE 'meeting_scheduled' END,
    family = coalesce((SELECT f.family FROM kind_families f
                       WHERE f.kind = CASE WHEN ts <= $as_of THEN 'meeting_held'
                                           ELSE 'meeting_scheduled' END), 'other')
WHERE kind IN ('meeting_held', 'meeting_scheduled')
  AND (ts <= $as_of) <> (kind = 'meeting_held');

-- name: timeline_finalize
-- Give every staged event (one row per event and person already) its stable id (source table +
-- record key + kind) and family, and append the batch sorted by person and time, so one
-- person's lookup reads few row groups (batches come in person order: the table is sorted too).
-- Meetings are decided at $as_of: held when they started at or before it and were not cancelled;
-- later ones are kept at their start time as meeting_scheduled (see timeline_meetings_settle).
INSERT INTO {timeline} (event_id, person_id, ts, system, kind, family, actor, title, body,
                             direction, detail, source_table, source_key, import_id, raw_line,
                             core_id)
WITH resolved AS (
    SELECT 'e_' || substr(md5(s.source_table || '|' || s.source_key || '|' || s.key_kind), 1, 16)
               AS event_id,
           s.*,
           CASE WHEN s.kind <> 'meeting' THEN s.kind
                WHEN s.cancelled THEN 'meeting_cancelled'
                WHEN s.ts <= $as_of THEN 'meeting_held'
                ELSE 'meeting_scheduled' END AS final_kind
    FROM tl_stage s
    WHERE s.ts IS NOT NULL
)
SELECT u.event_id, u.person_id, u.ts, u.system, u.final_kind, coalesce(f.family, 'other'),
       u.actor, u.title, u.body, u.direction, u.detail, u.source_table, u.source_key,
       u.import_id, u.raw_line, u.core_id
FROM resolved u LEFT JOIN kind_families f ON f.kind = u.final_kind
ORDER BY u.person_id, u.ts, u.event_id;

-- name: timeline_for_person
-- One person's timeline, oldest first.
SELECT event_id, ts, system, kind, family, actor, title, body, direction, detail,
       source_table, source_key, import_id, raw_line
FROM timeline_events WHERE person_id = $person_id
ORDER BY ts, event_id;

-- name: person_events_by_id
-- One person's events by id (the evidence of their reasons): the person's rows are found by the
-- timeline's sort order instead of a scan of every event.
SELECT DISTINCT event_id, ts, system, kind, title
FROM timeline_events
WHERE person_id = $person_id AND list_contains($event_ids, event_id)
ORDER BY ts;
