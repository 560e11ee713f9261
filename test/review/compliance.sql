-- Resolution compliance per service and month, the twelve months up to the
-- month under review, against each service's goal. A ticket counts in the
-- month its outcome belongs to (slm.attribution_instant): the month it was
-- resolved in when met, the month its deadline passed in when breached.
-- One row per service and month: the chart's lines and goal lines.
\ir params.sql
SELECT service, month,
       slm.met(c) + slm.breached(c)            AS closed,
       slm.breached(c)                         AS breached,
       round(slm.compliance(c)::numeric, 4)    AS compliance,
       slm.goal(c)                             AS goal,
       slm.goal_met(c)                         AS goal_met
FROM (SELECT t.service, date_trunc('month', a.instant)::date AS month,
             slm.compliance_agg(p.target, t.opened, t.resolved, timestamptz :'at', t.waiting) AS c
      FROM ticket t
      JOIN resolution_policy p USING (service, priority),
           LATERAL (SELECT slm.attribution_instant(p.target, t.opened, t.resolved, :'at', t.waiting) AS instant) a
      WHERE a.instant >= date :'month' - interval '11 months'
        AND a.instant <  date :'month' + interval '1 month'
      GROUP BY 1, 2) m
ORDER BY service, month;
