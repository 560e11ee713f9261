-- Availability within agreed service hours per service and month, the
-- twelve months up to the month under review: downtime counts only inside
-- the service's calendar, agreed maintenance left out of both sides.
-- One row per service and month, with the service's availability goal.
\ir params.sql
SELECT s.name AS service, lower(m.period)::date AS month,
       round(slm.availability(coalesce(o.outages, '{}'), s.hours, m.period, w.windows)::numeric, 6) AS availability,
       s.availability_goal                                                AS goal,
       slm.downtime(coalesce(o.outages, '{}'), s.hours, m.period, w.windows)              AS downtime,
       slm.agreed_time(s.hours, m.period, w.windows)                      AS agreed,
       slm.outage_count(coalesce(o.outages, '{}'), m.period)                              AS outages
FROM service s
CROSS JOIN LATERAL (SELECT tstzrange(d, d + interval '1 month') AS period
                    FROM generate_series(date :'month' - interval '11 months', date :'month', interval '1 month') d) m
LEFT JOIN LATERAL (SELECT slm.outage_agg(during) AS outages
                   FROM outage WHERE outage.service = s.name AND during && m.period) o ON true
LEFT JOIN LATERAL (SELECT range_agg(during) AS windows
                   FROM maintenance WHERE maintenance.service = s.name AND during && m.period) w ON true
ORDER BY service, month;
