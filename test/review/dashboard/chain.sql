-- title: Does the support chain hold?
-- panel: table
-- columns: service text, priority integer, chain text, holds boolean, worst_slack interval, worst_start timestamp with time zone, fit double precision
-- For each resolution SLA, its OLAs and underpinning contracts run one
-- after another for every start instant of the dashboard's range: whether
-- they fit inside the SLA at every start, the least slack and the share of
-- the SLA's business time during which they fit.
SELECT c.service, c.priority, c.chain, u.holds, u.worst_slack, u.worst_start, u.fit
FROM (SELECT service, priority,
             string_agg(format('%s (%s)', party, kind), ' → ' ORDER BY stage) AS chain,
             array_agg(target ORDER BY stage) AS targets
      FROM support_chain GROUP BY service, priority) c
JOIN resolution_policy p USING (service, priority),
     slm.underpinning(p.target, c.targets, tstzrange($__timeFrom()::timestamptz, $__timeTo()::timestamptz)) u
ORDER BY 1, 2
