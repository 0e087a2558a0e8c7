-- Lists and reports over the verdicts (spec sections 8 and 9).

-- name: leads_rows
-- The leads list (spec 8), from {target}: black hole first, then the others marketing may
-- contact, then everyone else; highest priority first within each group.
SELECT v.person_id, p.email, p.name, p.company, v.verdict, v.ok_to_market, v.warm,
       v.snooze_until, v.handoff_at, v.last_sales_touch_at, v.last_engagement_at, v.priority,
       v.reasons, p.sources, p.first_name, p.last_name, p.owner, p.lead_source
FROM {target} v JOIN people p USING (person_id)
WHERE ($verdict IS NULL OR v.verdict = $verdict)
  AND ($warm IS NULL OR v.warm = $warm)
ORDER BY CASE v.verdict WHEN 'black_hole' THEN 0 WHEN 'recycled' THEN 1
                        WHEN 'marketing_owned' THEN 1 ELSE 2 END,
         v.priority DESC, v.person_id
LIMIT $limit;

-- name: leakage_report
-- Spec 9, per lead source or per owner ($by = 'source' | 'owner'): leads handed off, median hours
-- from handoff to the first sales touch, handed off but never touched, ended in the black hole,
-- the share of the handed-off that leaked (black hole / handed off), warm black-hole leads.
WITH v AS (
    SELECT v.*, coalesce(CASE WHEN $by = 'owner' THEN p.owner ELSE p.lead_source END, '(none)')
               AS grp
    FROM verdicts v JOIN people p USING (person_id)
    WHERE v.handoff_at IS NOT NULL
)
SELECT grp AS "group",
       count(*) AS handed_off,
       round(median(date_diff('second', handoff_at, first_sales_touch_at) / 3600.0), 1)
           AS median_hours_to_first_touch,
       count(*) FILTER (WHERE first_sales_touch_at IS NULL) AS never_touched,
       count(*) FILTER (WHERE verdict = 'black_hole') AS black_hole,
       round(count(*) FILTER (WHERE verdict = 'black_hole') / count(*), 3) AS leaked_share,
       count(*) FILTER (WHERE verdict = 'black_hole' AND warm) AS warm_black_hole
FROM v
GROUP BY grp
ORDER BY handed_off DESC, grp;
