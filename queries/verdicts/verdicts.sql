-- Verdicts (spec sections 4, 6, 7): the rules a marketing-ops person can read and check.
-- Every window is measured back from $as_of (spec 1); events after it are ignored except
-- meetings scheduled after it. Thresholds are settings: $sales_recent_days, $reply_recent_days,
-- $warm_days, $high_intent_paths; $priority_window_days is the look-back of the priority score.
-- Every verdict row also says until when it holds (`holds_until`, verdict_decide), so a later
-- as_of judges again only the people whose row could read differently by then (verdict_due).

-- name: verdict_macros
-- Helpers for reason sentences.
CREATE OR REPLACE TEMP MACRO ll_day(t) AS (strftime(t, '%Y-%m-%d'));
-- Each event cited once, in the order given (the priority's last engagement is often the warm
-- one and a high-intent view too).
CREATE OR REPLACE TEMP MACRO ll_reason(about, txt, ids) AS (
    {'about': about, 'text': txt,
     'event_ids': list_filter(ids, (x, i) -> x IS NOT NULL AND list_position(ids, x) = i)}
);
-- A deadline that is not already behind as_of (NULL otherwise), for holds_until.
CREATE OR REPLACE TEMP MACRO ll_ahead(t, as_of) AS (CASE WHEN t >= as_of THEN t END);
CREATE OR REPLACE TEMP MACRO ll_nonempty(l) AS (CASE WHEN len(l) > 0 THEN l END);
-- The priority score's parts (spec 6), for verdict_decide and verdict_rescore: warm 50 | black
-- hole 15, recycled 5 | recency of the last engagement up to 14 (linear over the priority
-- window) | 2 per engagement in the window, up to 10 | 5 per high-intent page view in the
-- window, up to 10. Cold scores at most 49 and warm at least 50, so warm always ranks above
-- cold; every part only grows with more, more recent or higher-intent engagement.
CREATE OR REPLACE TEMP MACRO ll_p_warm(warm) AS (CASE WHEN warm THEN 50 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO ll_p_verdict(verdict) AS (
    CASE verdict WHEN 'black_hole' THEN 15 WHEN 'recycled' THEN 5 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO ll_p_volume(engagements) AS (least(10, 2 * coalesce(engagements, 0)));
CREATE OR REPLACE TEMP MACRO ll_p_intent(views) AS (least(10, 5 * coalesce(views, 0)));
CREATE OR REPLACE TEMP MACRO ll_p_recency(as_of, last_engagement_at, window_days) AS (
    CASE WHEN last_engagement_at IS NULL THEN 0
         ELSE CAST(floor(14 * greatest(0, 1 - (epoch(as_of) - epoch(last_engagement_at))
              / (86400.0 * window_days))) AS INTEGER) END);
-- Until when the priority holds with no new event: the next step down of the recency part (a
-- second early, against rounding) and the first engagement leaving the window (the volume and
-- intent parts, and their counts in the reason).
CREATE OR REPLACE TEMP MACRO ll_score_until(as_of, last_engagement_at, p_recency,
                                            first_recent_engagement_at, window_days) AS (
    least(CASE WHEN p_recency > 0 THEN greatest(as_of, last_engagement_at + to_microseconds(
              CAST(floor(86400e6 * window_days * (1 - p_recency / 14.0)) AS BIGINT) - 1000000))
          END,
          ll_ahead(first_recent_engagement_at + to_days(CAST(window_days AS INTEGER)), as_of)));
CREATE OR REPLACE TEMP MACRO ll_priority_reason(priority, warm, verdict, last_engagement_at,
                                                p_recency, recent_engagements, p_volume,
                                                high_intent_views, p_intent, window_days, ids) AS (
    ll_reason('priority', 'Priority ' || priority || ': '
        || array_to_string(list_filter([
            CASE WHEN warm THEN 'warm +' || ll_p_warm(warm) END,
            CASE WHEN ll_p_verdict(verdict) > 0
                 THEN replace(verdict, '_', ' ') || ' +' || ll_p_verdict(verdict) END,
            CASE WHEN p_recency > 0 THEN 'last engagement '
                || ll_day(last_engagement_at) || ' +' || p_recency END,
            CASE WHEN p_volume > 0 THEN recent_engagements || ' engagements in '
                || window_days || ' days +' || p_volume END,
            CASE WHEN p_intent > 0 THEN high_intent_views || ' high-intent page views +'
                || p_intent END,
            CASE WHEN priority = 0 THEN 'no engagement' END], x -> x IS NOT NULL),
            ', '), ids));
CREATE OR REPLACE TEMP MACRO ll_system_label(s) AS (
    CASE s WHEN 'salesforce' THEN 'Salesforce' WHEN 'hubspot' THEN 'HubSpot'
           WHEN 'outreach' THEN 'Outreach' WHEN 'salesloft' THEN 'Salesloft'
           WHEN 'marketo' THEN 'Marketo' WHEN 'gong' THEN 'Gong' ELSE s END
);

-- name: verdict_events
-- The events the rules see at $as_of. Meetings: held when they start at or before as_of (a sales
-- touch), 'future_meeting' when after. `own` = the event came through the identity that owns the
-- person's primary email, not through a fuzzy merge: consent is judged on those alone (spec 2.5).
-- `pos` orders one person's events by (ts, event_id): {timeline} is stored in (person_id, ts,
-- event_id) order (timeline_finalize), so its row id does, and the facts below break ties with
-- this one number instead of a (ts, event_id) pair, which made them 1.6 times slower.
CREATE OR REPLACE TEMP TABLE v_ev AS
SELECT e.person_id, e.event_id, e.ts, e.kind, e.system, e.title, e.rowid AS pos,
       -- The few detail fields the rules read, parsed once and only on the kinds that carry them.
       CASE WHEN e.kind = 'sequence_enrolled' THEN e.detail END AS seq_detail,
       CASE WHEN e.kind = 'sequence_enrolled'
            THEN (e.detail->>'state') IN ('active', 'paused', 'pending', 'scheduled', 'staged',
                                          'processing')
                 OR try_cast(e.detail->>'state_changed_at' AS TIMESTAMP) > $as_of
       END AS seq_live,
       -- Only opt-outs and mqls can be approximate (a flag without its date, a handoff status
       -- without history: timeline_stage_records); no importer sets it.
       CASE WHEN e.kind IN ('opt_out', 'mql')
            THEN coalesce((e.detail->>'approximate') = 'true', false) ELSE false END AS approx,
       CASE WHEN e.kind = 'opportunity_closed' THEN (e.detail->>'is_won') = 'true' END AS is_won,
       CASE WHEN e.kind = 'status_change' THEN (e.detail->>'customer') = 'true' END AS customer,
       CASE WHEN e.kind IN ('opportunity_opened', 'opportunity_closed')
            THEN e.detail->>'opportunity_ref' END AS opp_ref,
       coalesce(e.core_id = p.core_id, true) AS own,
       CASE WHEN e.kind IN ('meeting_held', 'meeting_scheduled')
            THEN CASE WHEN e.ts <= $as_of THEN 'sales_touch' ELSE 'future_meeting' END
            ELSE e.family END AS fam
FROM {timeline} e JOIN people p USING (person_id)
WHERE (e.ts <= $as_of OR e.kind IN ('meeting_held', 'meeting_scheduled'))
  -- Web events are engagement (or housekeeping) without text: only `eng` in verdict_facts reads
  -- them, straight from the timeline. They are most of the events; not copying them here
  -- spares a write and a read of each.
  AND e.source_table <> 'web_events';

-- name: verdict_signals
-- The text signals the rules see at $as_of, with `own` as for events.
CREATE OR REPLACE TEMP TABLE v_sig AS
SELECT s.person_id, s.event_id, s.signal, s.sentence, s.resolved_date, s.ts, e.own
FROM signals s JOIN v_ev e USING (event_id, person_id)
WHERE s.ts <= $as_of;

-- name: verdict_facts
-- One row of facts per person, each with the event that proves it. Events at the same instant
-- (one reply logged by two systems) are told apart by event id (through `pos`), so every rebuild
-- cites the same event, and a fact's id and title come from the same one.
CREATE OR REPLACE TEMP TABLE v_facts AS
WITH per AS (
    SELECT person_id,
        -- 6.1 opt-outs and hard bounces (CRM flags, sequence states, bounced mailings)
        min(ts) FILTER (WHERE own AND kind = 'opt_out') AS optout_at,
        arg_min(event_id, pos) FILTER (WHERE own AND kind = 'opt_out') AS optout_eid,
        arg_min(title, pos) FILTER (WHERE own AND kind = 'opt_out') AS optout_title,
        arg_min(approx, pos) FILTER (WHERE own AND kind = 'opt_out') AS optout_approx,
        min(ts) FILTER (WHERE own AND kind = 'bounce') AS bounce_at,
        arg_min(event_id, pos) FILTER (WHERE own AND kind = 'bounce') AS bounce_eid,
        arg_min(title, pos) FILTER (WHERE own AND kind = 'bounce') AS bounce_title,
        -- 6.2 a won opportunity (contact role or account) or a customer lifecycle stage
        min(ts) FILTER (WHERE kind = 'opportunity_closed' AND is_won) AS won_at,
        arg_min(event_id, pos) FILTER (WHERE kind = 'opportunity_closed'
                                      AND is_won) AS won_eid,
        arg_min(title, pos) FILTER (WHERE kind = 'opportunity_closed'
                                   AND is_won) AS won_title,
        min(ts) FILTER (WHERE kind = 'status_change' AND customer)
            AS customer_at,
        arg_min(event_id, pos) FILTER (WHERE kind = 'status_change'
                                      AND customer) AS customer_eid,
        arg_min(title, pos) FILTER (WHERE kind = 'status_change'
                                   AND customer) AS customer_title,
        -- 6.3 a sequence membership live at as_of: enrolled by then, and in an active state now
        -- or leaving its state only after as_of (Outreach active/paused/pending, Salesloft
        -- active/scheduled/staged/processing)
        arg_min(event_id, pos) FILTER (WHERE seq_live) AS seq_eid,
        min(ts) FILTER (WHERE seq_live) AS seq_since,
        arg_min(seq_detail, pos) FILTER (WHERE seq_live) AS seq_detail,
        arg_min(system, pos) FILTER (WHERE kind = 'sequence_enrolled') AS seq_system,
        -- 6.3 the next meeting after as_of (cancelled ones are 'meeting_cancelled')
        min(ts) FILTER (WHERE fam = 'future_meeting') AS meeting_at,
        arg_min(event_id, pos) FILTER (WHERE fam = 'future_meeting') AS meeting_eid,
        arg_min(title, pos) FILTER (WHERE fam = 'future_meeting') AS meeting_title,
        -- 4 last_sales_touch_at: the latest sales touch, sequence_finished included
        max(ts) FILTER (WHERE fam = 'sales_touch' OR kind = 'sequence_finished')
            AS last_sales_touch_at,
        arg_max(event_id, pos) FILTER (WHERE fam = 'sales_touch' OR kind = 'sequence_finished')
            AS last_sales_eid,
        arg_max(title, pos) FILTER (WHERE fam = 'sales_touch' OR kind = 'sequence_finished')
            AS last_sales_title,
        -- 6.3 the latest touch of the sales-touch family (for "within sales_recent_days")
        max(ts) FILTER (WHERE fam = 'sales_touch') AS last_touch_at,
        arg_max(event_id, pos) FILTER (WHERE fam = 'sales_touch') AS last_touch_eid,
        arg_max(title, pos) FILTER (WHERE fam = 'sales_touch') AS last_touch_title,
        min(ts) FILTER (WHERE fam = 'sales_touch') AS first_sales_touch_at,
        -- 6.3 the latest reply
        max(ts) FILTER (WHERE kind = 'reply') AS reply_at,
        arg_max(event_id, pos) FILTER (WHERE kind = 'reply') AS reply_eid,
        arg_max(title, pos) FILTER (WHERE kind = 'reply') AS reply_title,
        -- 4 handoff_at: the first mql, the first sequence_enrolled or the first sales touch
        min(ts) FILTER (WHERE kind IN ('mql', 'sequence_enrolled') OR fam = 'sales_touch')
            AS handoff_at,
        arg_min(event_id, pos) FILTER (WHERE kind IN ('mql', 'sequence_enrolled')
                                      OR fam = 'sales_touch') AS handoff_eid,
        arg_min(title, pos) FILTER (WHERE kind IN ('mql', 'sequence_enrolled')
                                   OR fam = 'sales_touch') AS handoff_title,
        arg_min(kind, pos) FILTER (WHERE kind IN ('mql', 'sequence_enrolled')
                                  OR fam = 'sales_touch') AS handoff_kind,
        arg_min(approx, pos) FILTER (WHERE kind IN ('mql', 'sequence_enrolled')
                                        OR fam = 'sales_touch') AS handoff_approx,
        -- 6.5 the latest marketing touch
        max(ts) FILTER (WHERE fam = 'marketing_touch') AS mkt_at,
        arg_max(event_id, pos) FILTER (WHERE fam = 'marketing_touch') AS mkt_eid,
        arg_max(title, pos) FILTER (WHERE fam = 'marketing_touch') AS mkt_title
    FROM v_ev
    -- Only the events some fact above reads: engagement (but replies) and housekeeping kinds are
    -- left to `eng`, which is most of the rows.
    WHERE fam IN ('sales_touch', 'marketing_touch', 'future_meeting')
       OR kind IN ('opt_out', 'bounce', 'opportunity_closed', 'status_change', 'sequence_enrolled',
                   'sequence_finished', 'reply', 'mql')
    GROUP BY person_id
),
opps AS (
    SELECT person_id, opp_ref AS opp,
           min(ts) FILTER (WHERE kind = 'opportunity_opened') AS opened_at,
           arg_min(event_id, pos) FILTER (WHERE kind = 'opportunity_opened') AS opened_eid,
           arg_min(title, pos) FILTER (WHERE kind = 'opportunity_opened') AS opened_title,
           count(*) FILTER (WHERE kind = 'opportunity_closed') AS closed
    FROM v_ev WHERE kind IN ('opportunity_opened', 'opportunity_closed')
    GROUP BY ALL
),
open_opp AS (
    -- 6.3 an opportunity opened by as_of and not closed by then
    SELECT person_id, min(opened_at) AS opp_at, arg_min(opened_eid, (opened_at, opened_eid)) AS opp_eid,
           arg_min(opened_title, (opened_at, opened_eid)) AS opp_title
    FROM opps WHERE opened_eid IS NOT NULL AND closed = 0 GROUP BY person_id
),
sig AS (
    -- One message can hold two sentences of a kind ("Please unsubscribe me. Stop emailing."):
    -- the sentence breaks the tie, so every rebuild quotes the same one, and of two follow-up
    -- dates in one message the later wins.
    SELECT person_id,
        -- 6.1 an opt-out request in the person's own words (not across a fuzzy merge)
        min(ts) FILTER (WHERE own AND signal = 'opt_out_request') AS stop_at,
        arg_min(event_id, (ts, event_id, sentence))
            FILTER (WHERE own AND signal = 'opt_out_request') AS stop_eid,
        arg_min(sentence, (ts, event_id, sentence))
            FILTER (WHERE own AND signal = 'opt_out_request') AS stop_sentence,
        -- 6.4 the latest follow-up request decides (a newer message replaces an older date)
        max(ts) FILTER (WHERE signal = 'follow_up_request' AND resolved_date IS NOT NULL)
            AS followup_ts,
        arg_max(resolved_date, (ts, event_id, resolved_date, sentence))
            FILTER (WHERE signal = 'follow_up_request' AND resolved_date IS NOT NULL)
            AS followup_date,
        arg_max(event_id, (ts, event_id, resolved_date, sentence))
            FILTER (WHERE signal = 'follow_up_request' AND resolved_date IS NOT NULL)
            AS followup_eid,
        arg_max(sentence, (ts, event_id, resolved_date, sentence))
            FILTER (WHERE signal = 'follow_up_request' AND resolved_date IS NOT NULL)
            AS followup_sentence
    FROM v_sig GROUP BY person_id
),
eng AS (
    SELECT e.person_id,
        -- 6 last_engagement_at
        max(e.ts) AS last_engagement_at,
        arg_max(e.event_id, e.pos) AS last_engagement_eid,
        -- 6 warm: an engagement after the last sales touch (else after the handoff; when never
        -- handed off, any) within warm_days of as_of (inclusive)
        max(e.ts) FILTER (WHERE e.ts >= $as_of - to_days(CAST($warm_days AS INTEGER))
            AND (p.handoff_at IS NULL OR e.ts > coalesce(p.last_sales_touch_at, p.handoff_at)))
            AS warm_at,
        arg_max(e.event_id, e.pos) FILTER (WHERE e.ts >= $as_of - to_days(CAST($warm_days AS INTEGER))
            AND (p.handoff_at IS NULL OR e.ts > coalesce(p.last_sales_touch_at, p.handoff_at)))
            AS warm_eid,
        arg_max(e.title, e.pos) FILTER (WHERE e.ts >= $as_of - to_days(CAST($warm_days AS INTEGER))
            AND (p.handoff_at IS NULL OR e.ts > coalesce(p.last_sales_touch_at, p.handoff_at)))
            AS warm_title,
        -- priority inputs: engagement and high-intent page views in the priority window
        count(*) FILTER (WHERE e.ts >= $as_of - to_days(CAST($priority_window_days AS INTEGER)))
            AS recent_engagements,
        -- what a later as_of needs to score the priority again without the events
        -- (verdict_rescore): the times in the window (the count above and the high-intent
        -- views change when the first leaves it), and the high-intent views by id
        ll_nonempty(list(e.ts ORDER BY e.ts) FILTER (
            WHERE e.ts >= $as_of - to_days(CAST($priority_window_days AS INTEGER))))
            AS recent_engagement_times,
        ll_nonempty(list({'ts': e.ts, 'event_id': e.event_id} ORDER BY e.event_id)
            FILTER (WHERE e.high_intent)) AS high_intent_list,
        count(*) FILTER (WHERE e.high_intent) AS high_intent_views,
        -- ordered, so the first five cited are the same on every rebuild
        list(DISTINCT e.event_id ORDER BY e.event_id) FILTER (WHERE e.high_intent)
            AS high_intent_eids
    FROM (
        -- Every engagement at as_of, web events included (v_ev leaves those out), in the
        -- timeline's stored order (see verdict_events).
        SELECT person_id, event_id, ts, title, rowid AS pos,
               -- A high-intent page view in the priority window (the priority score counts them).
               CASE WHEN ts >= $as_of - to_days(CAST($priority_window_days AS INTEGER))
                    THEN len(list_filter($high_intent_paths, x -> starts_with(
                             lower(coalesce(detail->>'path', '')), lower(x)))) > 0
               END AS high_intent
        FROM {timeline}
        WHERE family = 'engagement' AND ts <= $as_of
    ) e LEFT JOIN per p USING (person_id)
    GROUP BY e.person_id
),
later AS (
    -- The first event after as_of (a meeting, or any event when as_of is not the latest): the
    -- rules see it once as_of passes it. A sequence membership live at as_of only through its
    -- state_changed_at ends with an event at that instant (timeline_stage_sequences).
    SELECT person_id, min(ts) AS next_event_at FROM {timeline} WHERE ts > $as_of
    GROUP BY person_id
)
SELECT p.person_id, f.* EXCLUDE (person_id), o.* EXCLUDE (person_id),
       s.* EXCLUDE (person_id), g.* EXCLUDE (person_id), n.next_event_at
FROM people p
LEFT JOIN per f USING (person_id)
LEFT JOIN open_opp o USING (person_id)
LEFT JOIN sig s USING (person_id)
LEFT JOIN eng g USING (person_id)
LEFT JOIN later n USING (person_id);

-- name: verdict_decide
-- Spec 6: exactly one verdict, the first rule that holds wins; then warm and priority.
CREATE OR REPLACE TEMP TABLE v_dec AS
WITH d AS (
    SELECT f.*,
        f.last_touch_at >= $as_of - to_days(CAST($sales_recent_days AS INTEGER)) AS recent_touch,
        f.reply_at >= $as_of - to_days(CAST($reply_recent_days AS INTEGER)) AS recent_reply,
        CASE
            -- 1. do_not_contact: an opt-out or hard bounce of the person's own emails
            WHEN f.optout_eid IS NOT NULL OR f.bounce_eid IS NOT NULL OR f.stop_eid IS NOT NULL
                THEN 'do_not_contact'
            -- 2. customer: a won opportunity or a customer lifecycle stage
            WHEN f.won_eid IS NOT NULL OR f.customer_eid IS NOT NULL THEN 'customer'
            -- 3. sales_active: live sequence, future meeting, open opportunity, a sales touch
            --    within sales_recent_days, or a reply within reply_recent_days
            WHEN f.seq_eid IS NOT NULL OR f.meeting_eid IS NOT NULL OR f.opp_eid IS NOT NULL
                 OR f.last_touch_at >= $as_of - to_days(CAST($sales_recent_days AS INTEGER))
                 OR f.reply_at >= $as_of - to_days(CAST($reply_recent_days AS INTEGER))
                THEN 'sales_active'
            -- 4. snoozed: the latest follow-up request resolves to a date after as_of
            WHEN f.followup_date > CAST($as_of AS DATE) THEN 'snoozed'
            -- 5. recycled: handed off, and a marketing touch after the last sales touch (or
            --    after the handoff when sales never touched them)
            WHEN f.handoff_at IS NOT NULL
                 AND f.mkt_at > coalesce(f.last_sales_touch_at, f.handoff_at) THEN 'recycled'
            -- 6. black_hole: handed off, and none of the above
            WHEN f.handoff_at IS NOT NULL THEN 'black_hole'
            -- 7. marketing_owned: never handed off
            ELSE 'marketing_owned'
        END AS verdict,
        f.warm_at IS NOT NULL AS warm
    FROM v_facts f
),
scored AS (
    SELECT d.*, d.verdict IN ('black_hole', 'recycled', 'marketing_owned') AS ok_to_market,
        -- Priority (spec 6, ll_p_verdict), only for people marketing may contact; 0 for the
        -- others.
        ll_p_warm(d.warm) AS p_warm,
        ll_p_verdict(d.verdict) AS p_verdict,
        ll_p_recency($as_of, d.last_engagement_at, $priority_window_days) AS p_recency,
        ll_p_volume(d.recent_engagements) AS p_volume,
        ll_p_intent(d.high_intent_views) AS p_intent
    FROM d
)
SELECT s.*,
       CASE WHEN ok_to_market THEN p_warm + p_verdict + p_recency + p_volume + p_intent ELSE 0 END
           AS priority,
       -- Until when this row holds with no new event: the first instant at which it could read
       -- otherwise, but for its priority. Earlier than need be is safe (judged again for
       -- nothing); later is not. The first event after as_of; the end of rule 3's touch and
       -- reply windows, of warm, of the snooze.
       least(s.next_event_at,
             ll_ahead(s.last_touch_at + to_days(CAST($sales_recent_days AS INTEGER)), $as_of),
             ll_ahead(s.reply_at + to_days(CAST($reply_recent_days AS INTEGER)), $as_of),
             ll_ahead(s.warm_at + to_days(CAST($warm_days AS INTEGER)), $as_of),
             ll_ahead(CAST(s.followup_date AS TIMESTAMP), $as_of))
           AS holds_until,
       -- Until when the priority holds, and what scoring it again needs (verdict_rescore): for
       -- people marketing may contact (the others' priority stays 0 until their verdict
       -- changes, by holds_until).
       CASE WHEN s.ok_to_market THEN ll_score_until($as_of, s.last_engagement_at, s.p_recency,
                                                    s.recent_engagement_times[1],
                                                    $priority_window_days) END AS score_until,
       CASE WHEN s.ok_to_market THEN {
           'last_engagement_eid': s.last_engagement_eid, 'warm_eid': s.warm_eid,
           'recent': s.recent_engagement_times, 'intent': s.high_intent_list} END
           AS priority_inputs
FROM scored s;

-- name: verdict_scratch_table
-- A scratch verdicts table for an as_of other than the stored one.
CREATE OR REPLACE TEMP TABLE verdicts_at AS SELECT * FROM verdicts LIMIT 0;

-- name: verdict_write
-- Spec 7: every verdict, the warm flag, snooze_until and the priority with their reasons and the
-- events behind them; written to {target} (verdicts, or the scratch table).
DELETE FROM {target};
INSERT INTO {target} (person_id, as_of, verdict, ok_to_market, warm, snooze_until, handoff_at,
                      last_sales_touch_at, last_engagement_at, priority, reasons,
                      first_sales_touch_at, handoff_kind, holds_until, score_until,
                      priority_inputs)
SELECT person_id, $as_of, verdict, ok_to_market, warm,
       CASE WHEN verdict = 'snoozed' THEN followup_date END,
       handoff_at, last_sales_touch_at, last_engagement_at, priority,
       CAST(to_json(list_filter([
           -- 1. do_not_contact
           CASE WHEN verdict = 'do_not_contact' AND optout_eid IS NOT NULL THEN ll_reason(
               'verdict', 'Do not contact: ' || optout_title || ' on ' || ll_day(optout_at)
                   || CASE WHEN optout_approx THEN ' (no opt-out date recorded: counted from'
                           || ' the record''s creation)' ELSE '' END, [optout_eid]) END,
           CASE WHEN verdict = 'do_not_contact' AND bounce_eid IS NOT NULL THEN ll_reason(
               'verdict', 'Do not contact: ' || bounce_title || ' on ' || ll_day(bounce_at),
               [bounce_eid]) END,
           CASE WHEN verdict = 'do_not_contact' AND stop_eid IS NOT NULL THEN ll_reason(
               'verdict', 'Asked to stop: "' || stop_sentence || '" on ' || ll_day(stop_at),
               [stop_eid]) END,
           -- 2. customer
           CASE WHEN verdict = 'customer' AND won_eid IS NOT NULL THEN ll_reason(
               'verdict', 'Customer: ' || won_title || ' on ' || ll_day(won_at), [won_eid]) END,
           CASE WHEN verdict = 'customer' AND customer_eid IS NOT NULL THEN ll_reason(
               'verdict', 'Customer: ' || customer_title || ' on ' || ll_day(customer_at),
               [customer_eid]) END,
           -- 3. sales_active
           CASE WHEN verdict = 'sales_active' AND seq_eid IS NOT NULL THEN ll_reason(
               'verdict', 'In ' || ll_system_label(seq_system) || ' sequence '''
                   || (seq_detail->>'sequence_name') || ''' since ' || ll_day(seq_since)
                   || ' (' || CASE WHEN (seq_detail->>'state') IN ('active', 'paused', 'pending',
                                   'scheduled', 'staged', 'processing')
                                   THEN (seq_detail->>'state') ELSE 'active then' END || ')',
               [seq_eid]) END,
           CASE WHEN verdict = 'sales_active' AND meeting_eid IS NOT NULL THEN ll_reason(
               'verdict', 'Meeting ''' || meeting_title || ''' scheduled for '
                   || strftime(meeting_at, '%Y-%m-%d %H:%M') || ' UTC', [meeting_eid]) END,
           CASE WHEN verdict = 'sales_active' AND opp_eid IS NOT NULL THEN ll_reason(
               'verdict', 'Open: ' || opp_title || ' on ' || ll_day(opp_at), [opp_eid]) END,
           CASE WHEN verdict = 'sales_active' AND recent_touch THEN ll_reason(
               'verdict', 'Sales touch on ' || ll_day(last_touch_at) || ' (within '
                   || $sales_recent_days || ' days): ' || last_touch_title, [last_touch_eid]) END,
           CASE WHEN verdict = 'sales_active' AND recent_reply THEN ll_reason(
               'verdict', 'Replied on ' || ll_day(reply_at) || ' (within ' || $reply_recent_days
                   || ' days, a live conversation): ' || reply_title, [reply_eid]) END,
           -- 4. snoozed
           CASE WHEN verdict = 'snoozed' THEN ll_reason(
               'verdict', 'Asked to be contacted later: "' || followup_sentence || '" on '
                   || ll_day(followup_ts), [followup_eid]) END,
           CASE WHEN verdict = 'snoozed' THEN ll_reason(
               'snooze', 'Snoozed until ' || ll_day(followup_date), [followup_eid]) END,
           -- 5-6. handed off (recycled, black_hole)
           CASE WHEN verdict IN ('recycled', 'black_hole') THEN ll_reason(
               'verdict', 'Handed off on ' || ll_day(handoff_at) || ': ' || handoff_title
                   || CASE WHEN handoff_approx THEN ' (approximate: no status history, the'
                           || ' record''s last-modified time stands in)' ELSE '' END,
               [handoff_eid]) END,
           CASE WHEN verdict = 'recycled' THEN ll_reason(
               'verdict', 'Marketing resumed after the last sales touch: ' || mkt_title || ' on '
                   || ll_day(mkt_at), [mkt_eid, last_sales_eid]) END,
           CASE WHEN verdict = 'black_hole' AND last_sales_touch_at IS NOT NULL THEN ll_reason(
               'verdict', 'Sales stopped: last sales touch on ' || ll_day(last_sales_touch_at)
                   || ' (' || last_sales_title || '); no marketing touch since',
               [last_sales_eid]) END,
           CASE WHEN verdict = 'black_hole' AND last_sales_touch_at IS NULL THEN ll_reason(
               'verdict', 'Never touched by sales and no marketing touch since the handoff',
               []) END,
           -- 7. marketing_owned
           CASE WHEN verdict = 'marketing_owned' THEN ll_reason(
               'verdict', 'Never handed off to sales', []) END,
           -- warm / cold
           CASE WHEN warm THEN ll_reason(
               'warm', 'Warm: ' || warm_title || ' on ' || ll_day(warm_at)
                   || CASE WHEN handoff_at IS NULL THEN ''
                           WHEN last_sales_touch_at IS NULL THEN ' (after the handoff)'
                           ELSE ' (after the last sales touch)' END, [warm_eid])
                ELSE ll_reason(
               'warm', 'Cold: no engagement '
                   || CASE WHEN handoff_at IS NULL THEN ''
                           WHEN last_sales_touch_at IS NULL THEN 'since the handoff '
                           ELSE 'since the last sales touch ' END
                   || 'in the last ' || $warm_days || ' days'
                   || coalesce(' (last engagement ' || ll_day(last_engagement_at) || ')', ''),
               [last_engagement_eid]) END,
           -- priority
           CASE WHEN ok_to_market THEN ll_priority_reason(
               priority, warm, verdict, last_engagement_at, p_recency, recent_engagements,
               p_volume, high_intent_views, p_intent, $priority_window_days,
               list_concat([last_engagement_eid, warm_eid], coalesce(high_intent_eids[1:5], [])))
           END
       ], x -> x IS NOT NULL)) AS JSON),
       first_sales_touch_at, handoff_kind, holds_until, score_until, priority_inputs
FROM v_dec;

-- name: verdict_stored_as_of
-- The instant the stored verdicts were computed at.
SELECT max(as_of) FROM verdicts;

-- name: verdict_for_person
-- One person's verdict row from {target}.
SELECT * FROM {target} WHERE person_id = $person_id;
