-- What the stored data says, read through accessors that both 0.1.0 and
-- the current version have: the same before and after ALTER EXTENSION
-- slm UPDATE. Run with psql -At.
SET timezone = 'UTC';
SET search_path = desk, public;
SELECT 'service', name, hours::text, slm.business_time(hours, '2026-12-20', '2027-01-05')
FROM service ORDER BY name;
SELECT 'policy', priority, target::text, slm.target_duration(target), slm.target_goal(target),
       slm.target_calendar(target)::text
FROM policy ORDER BY priority;
SELECT 'ticket', id, priority, opened, closed, waiting, due, breached, status
FROM ticket ORDER BY id;
SELECT 'change', * FROM change ORDER BY id;
SELECT 'daily', day, slm.compliance(c), slm.met(c), slm.breached(c), slm.open(c), slm.total(c),
       slm.mean_elapsed(c), slm.max_elapsed(c), slm.error_budget(c),
       slm.compliance(cb), slm.met(cb), slm.breached(cb), slm.open(cb)
FROM daily ORDER BY day;
SELECT 'month', month, slm.compliance(c), slm.met(c), slm.breached(c), slm.open(c)
FROM month_report ORDER BY month;
SELECT 'outages', m.service, slm.outage_count(m.o, '[2026-12-01, 2027-01-01)'),
       slm.downtime(m.o, s.hours, '[2026-12-01, 2027-01-01)'),
       slm.availability(m.o, s.hours, '[2026-12-01, 2027-01-01)'),
       slm.mtrs(m.o, s.hours, '[2026-12-01, 2027-01-01)'),
       slm.mtbf(m.o, s.hours, '[2026-12-01, 2027-01-01)'),
       slm.tstzmultirange(m.o)
FROM monthly_outages m JOIN service s ON s.name = m.service ORDER BY m.service;
SELECT 'survey', feature, slm.respondents(k), slm.skipped(k), slm.category(k), slm.category(k, 'moai'),
       slm.better(k), slm.worse(k), slm.functional_mean(k), slm.dysfunctional_stddev(k),
       slm.importance(k), slm.weighted_functional_mean(k),
       slm.respondents(kl), slm.category(kl, 'oam'), slm.count(kl, 'A'),
       slm.csat(c), slm.mean(c), slm.responses(c), slm.satisfied(c),
       slm.csat(c7), slm.responses(c7),
       slm.nps(n), slm.promoters(n), slm.passives(n), slm.detractors(n)
FROM survey ORDER BY feature;
SELECT 'ticket_sla', * FROM ticket_sla ORDER BY id LIMIT 40;
SELECT 'rollup', slm.compliance(slm.rollup(c)), slm.total(slm.rollup(c)) FROM daily;
SELECT 'kano_rollup', slm.respondents(slm.rollup(k)), slm.category(slm.rollup(k)) FROM survey;
SELECT 'index', count(*) FROM service WHERE hours OPERATOR(slm.=) '24x7';
SELECT 'outage_rollup', slm.tstzmultirange(slm.rollup(o)) FROM monthly_outages;
SELECT 'survey_rollup', slm.csat(slm.rollup(c)), slm.responses(slm.rollup(c)),
       slm.nps(slm.rollup(n)), slm.promoters(slm.rollup(n)),
       slm.respondents(slm.rollup(kl)), slm.better(slm.rollup(kl))
FROM survey;
