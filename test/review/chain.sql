-- Does the support chain hold? For each resolution SLA with agreements
-- behind it, slm.underpinning runs the operational level agreements and
-- underpinning contracts one after another for every start instant of the
-- month under review: whether they fit inside the SLA at every start, the
-- least slack (negative: an overrun) and the share of the SLA's business
-- time during which a ticket's chain fits.
\ir params.sql
SELECT c.service, c.priority,
       slm.target_duration(p.target)                        AS sla,
       c.parties,
       u.holds,
       u.worst_slack,
       u.worst_start,
       round(u.fit::numeric, 4)                             AS fit
FROM (SELECT service, priority,
             string_agg(format('%s (%s, %s h)', party, kind, trim_scale(extract(epoch FROM slm.target_duration(target)) / 3600)),
                        ' → ' ORDER BY stage) AS parties,
             array_agg(target ORDER BY stage) AS chain
      FROM support_chain GROUP BY service, priority) c
JOIN resolution_policy p USING (service, priority),
     slm.underpinning(p.target, c.chain, tstzrange(date :'month', date :'month' + interval '1 month')) u
ORDER BY c.service, c.priority;
