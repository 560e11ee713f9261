-- title: Resolution compliance per service and month
-- panel: timeseries
-- columns: time timestamp with time zone, metric text, value double precision
-- Share of tickets resolved within their target, per service and month
-- (Europe/Berlin), each ticket in the month its outcome belongs to; running
-- clocks judged at the end of the dashboard's range.
SELECT date_trunc('month', a.instant, 'Europe/Berlin') AS time,
       t.service AS metric,
       slm.compliance(slm.compliance_agg(p.target, t.opened, t.resolved, $__timeTo()::timestamptz, t.waiting)) AS value
FROM ticket t
JOIN resolution_policy p USING (service, priority),
     LATERAL (SELECT slm.attribution_instant(p.target, t.opened, t.resolved, $__timeTo()::timestamptz, t.waiting) AS instant) a
WHERE $__timeFilter(a.instant)
GROUP BY 1, 2
ORDER BY 1, 2
