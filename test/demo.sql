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
