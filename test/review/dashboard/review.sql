-- title: The period's figures
-- panel: table
-- columns: service text, compliance double precision, goal double precision, breached bigint, allowed bigint, breaches_left bigint, credit double precision, owed numeric, csat double precision, nps double precision, watermelon boolean
-- Per service over the dashboard's range: resolution compliance and goal,
-- breaches, the breaches the goal allows and those left, the service credit
-- of the contract's tiers and its amount for one month's fee, CSAT, NPS and
-- the watermelon flag (goal met, customers unhappy). Running clocks are
-- judged at the end of the range.
SELECT s.name AS service,
       slm.compliance(m.c) AS compliance, slm.goal(m.c) AS goal,
       slm.breached(m.c) AS breached, slm.allowed_breaches(m.c) AS allowed,
       slm.breaches_left(m.c) AS breaches_left,
       slm.credit(s.tiers, m.c) AS credit, slm.credit(s.tiers, m.c, s.monthly_fee) AS owed,
       slm.csat(m.csat) AS csat, slm.nps(m.nps) AS nps,
       slm.watermelon(m.c, m.csat, m.nps) AS watermelon
FROM service s
JOIN (SELECT t.service,
             slm.compliance_agg(p.target, t.opened, t.resolved, $__timeTo()::timestamptz, t.waiting)
                 FILTER (WHERE $__timeFilter(a.instant)) AS c,
             slm.csat_agg(t.csat) FILTER (WHERE $__timeFilter(t.resolved)) AS csat,
             slm.nps_agg(t.nps) FILTER (WHERE $__timeFilter(t.resolved)) AS nps
      FROM ticket t
      JOIN resolution_policy p USING (service, priority),
           LATERAL (SELECT slm.attribution_instant(p.target, t.opened, t.resolved, $__timeTo()::timestamptz, t.waiting) AS instant) a
      GROUP BY t.service) m ON m.service = s.name
ORDER BY s.name
