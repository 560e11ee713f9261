-- The slm demo: a service desk in Berlin, its calendar, its tickets, and
-- the service level questions ITIL asks of them.
\pset footer off
SET timezone = 'Europe/Berlin';
CREATE EXTENSION slm;

\echo
\echo '== Service hours: weekdays 09-17 with a lunch break, Saturday mornings,'
\echo '== a short Christmas Eve and two holidays, in Europe/Berlin'
CREATE TABLE calendars (name text PRIMARY KEY, hours slm.calendar);
INSERT INTO calendars VALUES
  ('office', 'mon-fri 09:00-12:00, 13:00-17:00; sat 10:00-14:00; 2026-12-24 09:00-12:00; 2026-12-25..2026-12-26 closed; tz Europe/Berlin'),
  ('night shift', 'mon-fri 22:00-06:00; tz Europe/Berlin'),
  ('24x7', '24x7; tz Europe/Berlin');
SELECT name, hours FROM calendars ORDER BY name;

\echo
\echo '== How much agreed service time lies between two instants?'
SELECT name,
       slm.business_time(hours, '2026-12-23 16:00', '2026-12-28 10:00') AS "Wed 16:00 .. Mon 10:00",
       slm.business_time(hours, '2026-03-28 12:00', '2026-03-30 12:00') AS "DST weekend (23h Sunday)"
FROM calendars ORDER BY name;

\echo
\echo '== When do 6 business hours run out? (a deadline on closing time stays there)'
SELECT name,
       slm.business_add(hours, '2026-12-23 14:00', '6 hours') AS "due",
       slm.next_open(hours, slm.business_add(hours, '2026-12-23 14:00', '6 hours')) AS "or: next opening"
FROM calendars ORDER BY name;

\echo
\echo '== Open or closed, and the open hours of one week'
SELECT slm.is_open(hours, '2026-12-24 11:59') AS "open 24 Dec 11:59",
       slm.is_open(hours, '2026-12-24 12:00') AS "open 24 Dec 12:00",
       slm.business_days(hours, '2026-12-01', '2027-01-01') AS "business days in Dec"
FROM calendars WHERE name = 'office';
SELECT unnest(slm.open_periods(hours, '[2026-12-21, 2026-12-28)')) AS "office hours, Christmas week"
FROM calendars WHERE name = 'office';

\echo
\echo '== SLA targets per priority, and tickets stamped by the trigger as they are written'
CREATE TABLE policy (priority int PRIMARY KEY, target slm.target);
INSERT INTO policy VALUES
  (1, '4h on (mon-fri 09:00-12:00, 13:00-17:00; sat 10:00-14:00; 2026-12-24 09:00-12:00; 2026-12-25..2026-12-26 closed; tz Europe/Berlin) goal 95% warn 75%'),
  (2, '2 days on (mon-fri 09:00-12:00, 13:00-17:00; tz Europe/Berlin) goal 90%'),
  (3, '5 days goal 80%');
CREATE TABLE tickets (
  id int PRIMARY KEY, priority int, opened timestamptz, resolved timestamptz,
  waiting tstzmultirange, due timestamptz, breached boolean, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON tickets FOR EACH ROW
  EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=resolved', 'paused=waiting',
    'policy=policy', 'match=priority', 'due=due', 'breached=breached', 'status=status',
    'notify=sla_breach');
INSERT INTO tickets (id, priority, opened, resolved, waiting) VALUES
  (1, 1, '2026-12-23 15:30', '2026-12-24 10:00', NULL),
  (2, 1, '2026-12-23 15:30', '2026-12-28 11:00', NULL),
  (3, 1, '2026-12-23 15:30', '2026-12-28 11:00', '{[2026-12-24 09:00, 2026-12-28 10:00)}'),
  (4, 2, '2026-12-22 09:00', '2026-12-23 17:00', NULL),
  (5, 3, now() - interval '1 day', NULL, NULL),
  (6, 2, '2026-01-05 09:00', NULL, NULL);
SELECT id, priority, opened, resolved, due, breached, status FROM tickets WHERE id <= 4 ORDER BY id;

\echo
\echo '== The live status view an analyst queries'
CREATE VIEW ticket_sla AS
SELECT t.id, t.priority, t.status,
       slm.elapsed(p.target, t.opened, coalesce(t.resolved, now()), t.waiting) AS elapsed,
       slm.remaining(p.target, t.opened, coalesce(t.resolved, now()), t.waiting) AS remaining
FROM tickets t JOIN policy p USING (priority);
SELECT * FROM ticket_sla WHERE id <= 4 ORDER BY id;
\echo 'Open tickets are judged now: one opened a day ago, one open since January.'
SELECT id, priority, status, remaining > '0' AS time_left FROM ticket_sla WHERE id > 4 ORDER BY id;

\echo
\echo '== Compliance per priority: one query, a mergeable summary per group'
SELECT p.priority, slm.total(c) AS tickets, slm.met(c) AS met, slm.breached(c) AS breached,
       slm.open(c) AS open, round(slm.compliance(c)::numeric, 3) AS compliance,
       slm.goal(c) AS goal, round(slm.error_budget(c)::numeric, 2) AS budget_left
FROM (SELECT priority, slm.compliance_agg(p.target, t.opened, t.resolved, now(), t.waiting) AS c
      FROM tickets t JOIN policy p USING (priority) GROUP BY priority) s
JOIN policy p USING (priority) ORDER BY priority;

\echo
\echo '== Availability of the mail service in December, inside office hours only,'
\echo '== with the agreed maintenance window left out of both sides'
CREATE TABLE outages (service text, down tstzrange);
INSERT INTO outages VALUES
  ('mail', '[2026-12-02 10:00, 2026-12-02 11:30)'),
  ('mail', '[2026-12-02 11:00, 2026-12-02 12:30)'),      -- overlaps the first
  ('mail', '[2026-12-05 20:00, 2026-12-06 08:00)'),      -- outside service hours
  ('mail', '[2026-12-16 16:00, 2026-12-17 10:00)'),
  ('mail', '[2026-12-19 09:00, 2026-12-19 11:00)');      -- in the maintenance window
SELECT service,
       slm.agreed_time(c.hours, '[2026-12-01, 2027-01-01)', m) AS agreed,
       slm.downtime(o, c.hours, '[2026-12-01, 2027-01-01)', m) AS downtime,
       round(slm.availability(o, c.hours, '[2026-12-01, 2027-01-01)', m)::numeric, 4) AS availability,
       slm.outage_count(o, '[2026-12-01, 2027-01-01)') AS outages,
       slm.mtrs(o, c.hours, '[2026-12-01, 2027-01-01)', m) AS mtrs,
       slm.mtbf(o, c.hours, '[2026-12-01, 2027-01-01)', m) AS mtbf
FROM (SELECT service, slm.outage_agg(down) AS o FROM outages GROUP BY service) s,
     calendars c,
     (SELECT '{[2026-12-19 08:00, 2026-12-19 14:00)}'::tstzmultirange AS m) maint
WHERE c.name = 'office';

\echo
\echo '== Kano: what customers of the service desk expect, and what delights them'
CREATE TABLE survey (respondent int, feature text, functional text, dysfunctional text);
INSERT INTO survey VALUES
  (1, 'status page', 'like', 'neutral'), (2, 'status page', 'like', 'live-with'),
  (3, 'status page', 'like', 'neutral'), (4, 'status page', 'neutral', 'neutral'),
  (1, 'ticket updates', 'must-be', 'dislike'), (2, 'ticket updates', 'expect', 'dislike'),
  (3, 'ticket updates', 'neutral', 'dislike'), (4, 'ticket updates', 'like', 'dislike'),
  (1, 'chat', 'neutral', 'neutral'), (2, 'chat', 'like', 'dislike'),
  (3, 'chat', 'like', 'dislike'), (4, 'chat', 'neutral', 'tolerate');
SELECT feature, slm.category(k) AS category, round(slm.better(k)::numeric, 2) AS better,
       round(slm.worse(k)::numeric, 2) AS worse, slm.respondents(k) AS n
FROM (SELECT feature, slm.kano_agg(functional, dysfunctional) AS k FROM survey GROUP BY feature) s
ORDER BY feature;

\echo
\echo '== The monthly service review of a service desk: a year of tickets of three'
\echo '== services (24x7 network, a Berlin desk on weekdays, a New York ERP service'
\echo '== on Mondays to Saturdays with US holidays), response and resolution targets'
\echo '== per priority stamped by the trigger, the support chain behind the SLAs,'
\echo '== outages and maintenance, a satisfaction survey and a Kano questionnaire'
\echo '== (test/review/desk.sql, generated from a fixed seed)'
\ir review/desk.sql
SELECT service, count(*) AS tickets, min(opened)::date AS first, max(opened)::date AS last,
       count(*) FILTER (WHERE resolution_breached) AS breached, count(csat) AS survey_answers
FROM ticket GROUP BY service ORDER BY service;

\echo
\echo '== November 2026: compliance, breaches allowed and left, credits, availability,'
\echo '== CSAT, NPS and the watermelon flag (test/review/figures.sql)'
\x on
\ir review/figures.sql
\x off

\echo
\echo '== Does the chain of OLAs and underpinning contracts fit inside each SLA,'
\echo '== for every instant a ticket can be opened in November? (test/review/chain.sql)'
\ir review/chain.sql
