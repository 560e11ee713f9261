-- title: 95th percentile of the time to resolve (business hours)
-- panel: timeseries
-- columns: time timestamp with time zone, metric text, value double precision
-- Per service and week of resolution, the business time within which 95%
-- of the tickets were resolved, from durations summaries (within 1%).
-- The business hours are those of each ticket's target calendar.
SELECT date_trunc('week', t.resolved, 'Europe/Berlin') AS time,
       t.service AS metric,
       extract(epoch FROM slm.quantile(slm.durations_agg(p.target, t.opened, t.resolved, t.waiting), 0.95))::float8 / 3600 AS value
FROM ticket t
JOIN resolution_policy p USING (service, priority)
WHERE $__timeFilter(t.resolved)
GROUP BY 1, 2
ORDER BY 1, 2
