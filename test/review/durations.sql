-- The business time the resolution of one service's priority took in the
-- month under review, from one slm.durations summary: a histogram in bins of
-- a tenth of the target (slm.share_within at each bin's ends), the last bin
-- holding everything beyond twice the target, and on every row the figures
-- the chart marks: the target, the achieved 50th and 95th percentiles
-- (slm.quantile), the share within the target and the shortest target the
-- goal would have been met with (slm.achievable). Times in hours.
-- Choose another service or priority with -v service=ERP -v priority=2.
\ir params.sql
\if :{?service}
\else
\set service 'Service desk'
\endif
\if :{?priority}
\else
\set priority 3
\endif
WITH s AS (
    SELECT slm.durations_agg(p.target, t.opened, t.resolved, t.waiting) AS d,
           slm.target_duration(p.target) AS target, slm.target_goal(p.target) AS goal
    FROM ticket t JOIN resolution_policy p USING (service, priority)
    WHERE t.service = :'service' AND t.priority = :priority
      AND t.resolved >= date :'month' AND t.resolved < date :'month' + interval '1 month'
    GROUP BY p.target
)
SELECT b AS bin,
       round(extract(epoch FROM s.target * b / 10) / 3600, 3)              AS bin_from_h,
       CASE WHEN b < 20 THEN round(extract(epoch FROM s.target * (b + 1) / 10) / 3600, 3) END AS bin_to_h,
       round((CASE WHEN b < 20 THEN slm.share_within(s.d, s.target * (b + 1) / 10) ELSE 1 END
              - CASE WHEN b > 0 THEN slm.share_within(s.d, s.target * b / 10) ELSE 0 END)::numeric, 5) AS share,
       slm.total(s.d) - slm.running(s.d)                                    AS tickets,
       round(extract(epoch FROM s.target) / 3600, 3)                        AS target_h,
       s.goal,
       round(extract(epoch FROM slm.quantile(s.d, 0.5)) / 3600, 3)          AS p50_h,
       round(extract(epoch FROM slm.quantile(s.d, 0.95)) / 3600, 3)         AS p95_h,
       round(slm.share_within(s.d, s.target)::numeric, 4)                   AS within_target,
       round(extract(epoch FROM slm.achievable(s.d, s.goal)) / 3600, 3)     AS achievable_h
FROM s, generate_series(0, 20) b
ORDER BY b;
