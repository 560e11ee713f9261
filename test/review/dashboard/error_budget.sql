-- title: Error budget left, last 30 days
-- panel: timeseries
-- columns: time timestamp with time zone, metric text, value double precision
-- For each day, the share of the breaches the goal allows over the 30 days
-- up to it that is still unspent (1: none spent, below 0: the goal is
-- missed), per service: daily summaries (days of Europe/Berlin) rolled up
-- over a sliding window.
SELECT day AT TIME ZONE 'Europe/Berlin' AS time, service AS metric, slm.error_budget(last_30_days) AS value
FROM (SELECT service, day,
             slm.rollup(c) OVER (PARTITION BY service ORDER BY day
                                 RANGE BETWEEN interval '29 days' PRECEDING AND CURRENT ROW) AS last_30_days
      FROM (SELECT t.service, date_trunc('day', a.instant AT TIME ZONE 'Europe/Berlin') AS day,
                   slm.compliance_agg(p.target, t.opened, t.resolved, $__timeTo()::timestamptz, t.waiting) AS c
            FROM ticket t
            JOIN resolution_policy p USING (service, priority),
                 LATERAL (SELECT slm.attribution_instant(p.target, t.opened, t.resolved, $__timeTo()::timestamptz, t.waiting) AS instant) a
            WHERE a.instant >= $__timeFrom()::timestamptz - interval '30 days'
              AND a.instant < $__timeTo()::timestamptz
            GROUP BY 1, 2) daily) w
WHERE $__timeFilter(day AT TIME ZONE 'Europe/Berlin')
ORDER BY 1, 2
