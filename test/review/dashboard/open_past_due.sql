-- title: Open tickets past their resolution deadline
-- panel: stat
-- columns: metric text, value bigint
-- Per service, the tickets still open at the end of the dashboard's range
-- whose deadline has passed.
SELECT s.name AS metric,
       coalesce(slm.breached(slm.compliance_agg(p.target, t.opened, t.resolved, $__timeTo()::timestamptz, t.waiting)), 0) AS value
FROM service s
LEFT JOIN ticket t ON t.service = s.name AND t.resolved IS NULL AND t.opened < $__timeTo()::timestamptz
LEFT JOIN resolution_policy p ON p.service = t.service AND p.priority = t.priority
GROUP BY 1
ORDER BY 1
