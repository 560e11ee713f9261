-- title: Customer satisfaction (CSAT, top two boxes)
-- panel: timeseries
-- columns: time timestamp with time zone, metric text, value double precision
-- Per service and month of resolution, the share of survey answers of 4 or 5.
SELECT date_trunc('month', resolved, 'Europe/Berlin') AS time, service AS metric,
       slm.csat(slm.csat_agg(csat)) AS value
FROM ticket
WHERE $__timeFilter(resolved) AND csat IS NOT NULL
GROUP BY 1, 2
ORDER BY 1, 2
