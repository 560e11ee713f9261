-- The review's table: per service, the month's resolution and response
-- compliance with the breaches the goal allows and those left, the service
-- credit the contract's tiers owe and its amount, availability, CSAT, NPS
-- and the watermelon flag (goal met, customers unhappy).
\ir params.sql
WITH month AS (
    SELECT t.service,
           slm.compliance_agg(p.target, t.opened, t.resolved, timestamptz :'at', t.waiting)
               FILTER (WHERE date_trunc('month', slm.attribution_instant(p.target, t.opened, t.resolved, :'at', t.waiting)) = date :'month') AS resolution,
           slm.compliance_agg(r.target, t.opened, t.responded, timestamptz :'at')
               FILTER (WHERE date_trunc('month', slm.attribution_instant(r.target, t.opened, t.responded, :'at')) = date :'month') AS response,
           slm.csat_agg(t.csat) FILTER (WHERE date_trunc('month', t.resolved) = date :'month') AS csat,
           slm.nps_agg(t.nps) FILTER (WHERE date_trunc('month', t.resolved) = date :'month') AS nps
    FROM ticket t
    JOIN resolution_policy p USING (service, priority)
    JOIN response_policy r USING (service, priority)
    WHERE t.opened < date :'month' + interval '1 month'
      AND (t.resolved IS NULL OR t.resolved >= date :'month' - interval '3 months')
    GROUP BY t.service
), avail AS (
    SELECT s.name AS service,
           slm.availability(coalesce((SELECT slm.outage_agg(during) FROM outage o WHERE o.service = s.name), '{}'),
                            s.hours, tstzrange(date :'month', date :'month' + interval '1 month'),
                            (SELECT range_agg(during) FROM maintenance w WHERE w.service = s.name)) AS availability
    FROM service s
)
SELECT s.name AS service,
       slm.met(m.resolution) + slm.breached(m.resolution)            AS closed,
       slm.breached(m.resolution)                                   AS breached,
       slm.allowed_breaches(m.resolution)                           AS allowed,
       slm.breaches_left(m.resolution)                              AS breaches_left,
       round(slm.compliance(m.resolution)::numeric, 4)              AS compliance,
       slm.goal(m.resolution)                                       AS goal,
       round(slm.compliance(m.response)::numeric, 4)                AS response,
       slm.goal(m.response)                                         AS response_goal,
       slm.credit(s.tiers, m.resolution)                            AS credit,
       slm.credit(s.tiers, m.resolution, s.monthly_fee)             AS credit_owed,
       s.monthly_fee,
       round(a.availability::numeric, 5)                            AS availability,
       s.availability_goal,
       slm.responses(m.csat)                                        AS answers,
       round(slm.csat(m.csat)::numeric, 3)                          AS csat,
       round(slm.nps(m.nps)::numeric, 1)                            AS nps,
       slm.watermelon(m.resolution, m.csat, m.nps)                  AS watermelon
FROM service s JOIN month m ON m.service = s.name JOIN avail a ON a.service = s.name
ORDER BY s.name;
