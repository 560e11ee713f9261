-- Error budget burn-down over the last 30 days of the month under review,
-- per service. The budget is the breaches the goal allows among the window's
-- closed clocks (slm.allowed_breaches of the window's summary); each day's
-- line is the share of it not yet spent by the breaches up to that day.
-- Below 0 the goal is missed. One row per service and day.
\ir params.sql
WITH daily AS (
    SELECT t.service, date_trunc('day', a.instant)::date AS day,
           slm.compliance_agg(p.target, t.opened, t.resolved, timestamptz :'at', t.waiting) AS c
    FROM ticket t
    JOIN resolution_policy p USING (service, priority),
         LATERAL (SELECT slm.attribution_instant(p.target, t.opened, t.resolved, :'at', t.waiting) AS instant) a
    WHERE a.instant >= date :'month' + interval '1 month' - interval '30 days'
      AND a.instant <  date :'month' + interval '1 month'
    GROUP BY 1, 2
), days AS (
    SELECT s.service, d::date AS day, daily.c
    FROM (SELECT DISTINCT service FROM daily) s
    CROSS JOIN generate_series(date :'month' + interval '1 month' - interval '30 days',
                               date :'month' + interval '1 month' - interval '1 day', interval '1 day') d
    LEFT JOIN daily ON daily.service = s.service AND daily.day = d::date
), running AS (
    SELECT service, day,
           slm.rollup(c) OVER (PARTITION BY service ORDER BY day) AS so_far,
           slm.rollup(c) OVER (PARTITION BY service) AS window_total
    FROM days
)
SELECT service, day,
       coalesce(slm.breached(so_far), 0)                         AS breached,
       slm.allowed_breaches(window_total)                        AS allowed,
       round(1 - coalesce(slm.breached(so_far), 0)::numeric
                 / nullif(slm.allowed_breaches(window_total), 0), 4) AS budget_left
FROM running
ORDER BY service, day;
