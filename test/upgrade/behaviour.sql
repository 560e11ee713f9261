-- What the extension does with the data of populate.sql once it is at the
-- current version: new writes through the trigger, a sweep, and summaries
-- computed afresh. An upgraded database and a fresh one give the same
-- output. Run with psql -At.
SET timezone = 'UTC';
SET search_path = desk, public;
INSERT INTO ticket (id, priority, opened, closed) VALUES
    (1001, 1, '2026-11-27 15:00+01', '2026-11-27 16:00+01'),
    (1002, 1, '2026-11-27 15:00+01', '2026-11-30 09:30+01'),
    (1003, 2, '2026-11-27 17:30+01', NULL),
    (1004, 3, '2026-11-27 17:30+01', NULL);
UPDATE ticket SET closed = opened + interval '2 hours' WHERE id = 1003;
SELECT 'sweep', slm.sweep('desk.ticket') >= 0;
SELECT 'new', id, due, breached, status FROM ticket WHERE id > 1000 ORDER BY id;
SELECT 'agg', p.priority, slm.compliance_agg(p.target, t.opened, t.closed, t.waiting)::text
FROM ticket t JOIN policy p USING (priority)
WHERE t.closed IS NOT NULL
GROUP BY p.priority ORDER BY p.priority;
SELECT 'kano', feature, slm.kano_agg(functional, dysfunctional)::text,
       slm.csat_agg(csat)::text, slm.nps_agg(nps)::text
FROM answer GROUP BY feature ORDER BY feature;
SELECT 'outages', service, slm.outage_agg(during)::text FROM outage GROUP BY service ORDER BY service;
SELECT 'deadline', slm.deadline(target, '2026-12-23 16:00+01') FROM policy ORDER BY priority;
-- a target column made under 0.1.0 takes a target in business days
UPDATE policy SET target = '2 business days on (mon-fri 09:00-17:00; tz Europe/Berlin)' WHERE priority = 3;
INSERT INTO ticket (id, priority, opened) VALUES (1005, 3, '2026-11-27 15:00+01');
SELECT 'business days', id, due FROM ticket WHERE id = 1005;
