-- Clocks over held time: slm.held_deadline, slm.held_elapsed,
-- slm.held_status and slm.held_compliance_agg equal the start/stop/paused
-- forms with start = lower(held), stop = upper(held) when stopped and the
-- gaps between the ranges paused; the time-per-support-group queries of
-- the README on an assignment history.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- Two stints, Friday 15:00-16:00 and Monday 10:00-12:00, on an 8-hour
-- weekday calendar: 3 hours held; the 4-hour clock's deadline is Monday
-- 13:00, as with the gap from Friday 16:00 to Monday 10:00 paused.
SELECT slm.held_deadline('4h on (mon-fri 09:00-17:00)',
           '{[2026-11-27 15:00, 2026-11-27 16:00), [2026-11-30 10:00, 2026-11-30 12:00)}') AS held_due,
       slm.deadline('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00',
           '{[2026-11-27 16:00, 2026-11-30 10:00)}') AS paused_due,
       slm.held_elapsed('4h on (mon-fri 09:00-17:00)',
           '{[2026-11-27 15:00, 2026-11-27 16:00), [2026-11-30 10:00, 2026-11-30 12:00)}') AS held;
-- stopped at Monday 12:00: met; still held (open last range) at 13:00 and
-- just after
SELECT slm.held_status('4h on (mon-fri 09:00-17:00)',
           '{[2026-11-27 15:00, 2026-11-27 16:00), [2026-11-30 10:00, 2026-11-30 12:00)}', true, NULL) AS stopped,
       slm.held_status('4h on (mon-fri 09:00-17:00) warn 50%',
           '{[2026-11-27 15:00, 2026-11-27 16:00), [2026-11-30 10:00,)}', false, '2026-11-30 13:00') AS at_deadline,
       slm.held_status('4h on (mon-fri 09:00-17:00)',
           '{[2026-11-27 15:00, 2026-11-27 16:00), [2026-11-30 10:00,)}', false, '2026-11-30 13:00:00.000001') AS just_after,
       slm.held_status('4h on (mon-fri 09:00-17:00)',
           '{[2026-11-27 15:00, 2026-11-27 16:00)}', false, NULL) AS open_no_at;
-- a clock that has not stopped runs on after its last range
SELECT slm.held_status('1h', '{[2026-11-27 15:00, 2026-11-27 15:30)}', false, '2026-11-27 16:30') AS runs_on,
       slm.held_status('1h', '{[2026-11-27 15:00, 2026-11-27 15:30)}', true, '2026-11-27 16:30') AS stopped;

-- no held time is no clock
SELECT slm.held_deadline('4h', '{}') IS NULL AS empty_due, slm.held_elapsed('4h', '{}') IS NULL AS empty_elapsed,
       slm.held_status('4h', '{}', true, NULL) IS NULL AS empty_status,
       slm.held_status('4h', NULL, true, NULL) IS NULL AS null_status,
       slm.held_status('4h', '{[2026-11-27 15:00, 2026-11-27 16:00)}', NULL, NULL) IS NULL AS null_stopped;
-- held time without a start, or without a stop where the clock stops
SELECT slm.held_deadline('4h', '{(,2026-11-27 16:00)}');
SELECT slm.held_elapsed('4h', '{[2026-11-27 15:00,)}');
SELECT slm.held_status('4h', '{[2026-11-27 15:00,)}', true, NULL);
SELECT slm.held_status('4h', '{[2026-11-27 15:00, 2026-11-27 16:00), [2026-11-27 17:00,)}', false, '2026-11-27 20:00');
SELECT slm.held_deadline('4h', '{[-infinity, 2026-11-27 16:00)}');
-- the aggregate: empty and NULL held and NULL stopped skipped, unbounded
-- invalid, an open last range open (or breached when judged at an instant)
SELECT slm.held_compliance_agg('4h goal 90%', h, s) AS summary,
       slm.held_compliance_agg('4h goal 90%', h, s, '2026-11-28 00:00') AS judged
FROM (VALUES ('{[2026-11-27 15:00, 2026-11-27 16:00), [2026-11-27 18:00, 2026-11-27 19:00)}'::tstzmultirange, true),
             ('{[2026-11-27 15:00, 2026-11-27 20:00)}', true),
             ('{(,2026-11-27 15:00)}', true),
             ('{[2026-11-27 15:00,)}', true),
             ('{[2026-11-27 15:00,)}', false),
             ('{}', true), (NULL, true),
             ('{[2026-11-27 15:00, 2026-11-27 16:00)}', NULL)) v(h, s);
SELECT slm.held_compliance_agg('4h', h, true) IS NULL AS no_rows
FROM (VALUES ('{}'::tstzmultirange), (NULL)) v(h);

-- Generated stint sets: every form equals its start/stop/paused form, the
-- gaps computed in SQL as the hull of held less held. Stints have either
-- bound inclusive or exclusive, overlap, touch, and cross nights and
-- weekends.
SELECT setseed(0.2026);
CREATE TABLE ola_gen AS
SELECT i, (ARRAY['4h on (mon-fri 09:00-17:00; tz Europe/Berlin) warn 50%',
                 '90 minutes on (mon-fri 08:00-12:00, 13:00-17:00) warn 80%',
                 '2h', '1 day on (mon-sat 07:00-19:00; tz America/New_York)']::slm.target[])[1 + i % 4] AS target,
       h AS held, random() < 0.6 AS stopped,
       timestamptz '2026-11-23 00:00' + random() * interval '12 days' AS at
FROM (SELECT i, range_agg(tstzrange(s, s + d, b)) AS h
      FROM (SELECT i, k, timestamptz '2026-11-23 00:00' + random() * interval '6 days' AS s,
                   random() * interval '14 hours' AS d,
                   (ARRAY['[)', '(]', '[]', '()'])[1 + floor(random() * 4)::int] AS b
            FROM generate_series(1, 3000) i, generate_series(1, 1 + (i * 7919) % 5) k) x
      GROUP BY i) y;
CREATE TABLE ola_ref AS
SELECT *, lower(held) AS start, CASE WHEN stopped THEN upper(held) END AS stop,
       tstzmultirange(range_merge(held)) - held AS gaps
FROM ola_gen;
SELECT count(*) AS clocks,
       count(*) FILTER (WHERE NOT isempty(gaps)) AS with_gaps,
       count(*) FILTER (WHERE slm.held_deadline(target, held) IS DISTINCT FROM slm.deadline(target, start, gaps)) AS deadline_diff,
       count(*) FILTER (WHERE slm.held_elapsed(target, held) IS DISTINCT FROM slm.elapsed(target, start, upper(held), gaps)) AS elapsed_diff,
       count(*) FILTER (WHERE slm.held_status(target, held, stopped, at) IS DISTINCT FROM slm.status(target, start, stop, at, gaps)) AS status_diff,
       count(*) FILTER (WHERE slm.held_status(target, held, stopped, NULL) IS DISTINCT FROM slm.status(target, start, stop, NULL, gaps)) AS status_no_at_diff
FROM ola_ref;
-- every status occurs, and gaps change the answers
SELECT slm.held_status(target, held, stopped, at) AS status, count(*) > 50 AS many
FROM ola_ref GROUP BY 1 ORDER BY 1;
SELECT count(*) FILTER (WHERE slm.held_deadline(target, held) <> slm.deadline(target, start)) > 1000 AS gaps_matter
FROM ola_ref;
-- the aggregate, per target, with and without an instant
SELECT count(*) AS groups,
       count(*) FILTER (WHERE a IS DISTINCT FROM b) AS diff,
       count(*) FILTER (WHERE a_at IS DISTINCT FROM b_at) AS diff_at
FROM (SELECT target,
             slm.held_compliance_agg(target, held, stopped)::text AS a,
             slm.compliance_agg(target, start, stop, gaps)::text AS b,
             slm.held_compliance_agg(target, held, stopped, timestamptz '2026-11-30 12:00')::text AS a_at,
             slm.compliance_agg(target, start, stop, timestamptz '2026-11-30 12:00', gaps)::text AS b_at
      FROM ola_ref GROUP BY target) s;
SELECT slm.held_compliance_agg(target, held, stopped, timestamptz '2026-11-30 12:00') AS summary
FROM ola_ref WHERE i % 4 = 2;
-- in parallel, the same summary
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT slm.held_compliance_agg(target, held, stopped, timestamptz '2026-11-30 12:00') AS parallel_summary
FROM ola_ref WHERE i % 4 = 2;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Time per support group: the README's worked example. An 8-hour SLA per
-- priority, an OLA per group, and who held each ticket when.
CREATE TABLE policy (priority int PRIMARY KEY, target slm.target);
INSERT INTO policy VALUES (1, '8h on (mon-fri 09:00-17:00) goal 90%');
CREATE TABLE ola (grp text PRIMARY KEY, target slm.target);
INSERT INTO ola VALUES
    ('desk',    '1h on (mon-fri 09:00-17:00) goal 90%'),
    ('network', '4h on (mon-fri 09:00-17:00) goal 90%'),
    ('apps',    '16h on (mon-fri 09:00-17:00) goal 90%');
CREATE TABLE ticket (id int PRIMARY KEY, priority int NOT NULL REFERENCES policy,
                     opened timestamptz NOT NULL, resolved timestamptz);
INSERT INTO ticket VALUES
    (1, 1, '2026-11-23 09:00', '2026-11-23 15:00'),
    (2, 1, '2026-11-23 14:00', NULL),
    (3, 1, '2026-11-24 10:00', '2026-11-25 11:00');
CREATE TABLE assignment (ticket int NOT NULL REFERENCES ticket, grp text NOT NULL REFERENCES ola,
                         assigned tstzrange NOT NULL);
INSERT INTO assignment VALUES
    (1, 'desk',    '[2026-11-23 09:00, 2026-11-23 09:30)'),
    (1, 'network', '[2026-11-23 09:30, 2026-11-23 12:00)'),
    (1, 'desk',    '[2026-11-23 12:00, 2026-11-23 15:00)'),
    (2, 'desk',    '[2026-11-23 14:00, 2026-11-23 14:20)'),
    (2, 'network', '[2026-11-23 14:20, 2026-11-24 16:00)'),
    (2, 'desk',    '[2026-11-24 16:00,)'),
    (3, 'desk',    '[2026-11-24 10:00, 2026-11-24 10:15)'),
    (3, 'apps',    '[2026-11-24 10:15, 2026-11-25 11:00)');
-- each group's stints on each ticket as one multirange; its clock has
-- stopped unless it holds the ticket now
CREATE VIEW held AS
SELECT ticket, grp, range_agg(assigned) AS held, bool_and(NOT upper_inf(assigned)) AS stopped
FROM assignment GROUP BY ticket, grp;
SELECT * FROM held ORDER BY ticket, grp;

-- OLA compliance per group, judged on Wednesday at noon
SELECT h.grp, slm.met(c) AS met, slm.breached(c) AS breached, slm.open(c) AS open,
       round(slm.compliance(c)::numeric, 2) AS compliance, slm.max_elapsed(c) AS longest
FROM (SELECT h.grp, slm.held_compliance_agg(o.target, h.held, h.stopped, timestamptz '2026-11-25 12:00') AS c
      FROM held h JOIN ola o USING (grp) GROUP BY h.grp) h
ORDER BY h.grp;
-- each stint set's own clock
SELECT h.ticket, h.grp, slm.held_deadline(o.target, h.held) AS ola_due,
       slm.held_status(o.target, h.held, h.stopped, '2026-11-25 12:00') AS status
FROM held h JOIN ola o USING (grp) ORDER BY h.ticket, h.grp;

-- the business time each group used of each ticket's SLA (on the SLA's
-- calendar, within the ticket's own clock), and its share of the SLA
SELECT t.id, h.grp, u.used,
       round((extract(epoch FROM u.used) / extract(epoch FROM slm.target_duration(p.target)))::numeric, 3) AS share
FROM ticket t JOIN policy p USING (priority) JOIN held h ON h.ticket = t.id,
     LATERAL (SELECT slm.held_elapsed(p.target,
                  h.held * tstzmultirange(tstzrange(t.opened, coalesce(t.resolved, timestamptz '2026-11-25 12:00'))))
              AS used) u
ORDER BY t.id, h.grp;
-- the groups' shares add up to the ticket's own elapsed time
SELECT t.id, sum(slm.held_elapsed(p.target,
                   h.held * tstzmultirange(tstzrange(t.opened, coalesce(t.resolved, timestamptz '2026-11-25 12:00'))))) AS groups,
       slm.elapsed(p.target, t.opened, coalesce(t.resolved, timestamptz '2026-11-25 12:00')) AS ticket
FROM ticket t JOIN policy p USING (priority) JOIN held h ON h.ticket = t.id
GROUP BY t.id, p.target ORDER BY t.id;

-- which group held each breached ticket when its deadline passed
SELECT t.id, slm.deadline(p.target, t.opened) AS due, a.grp
FROM ticket t JOIN policy p USING (priority)
LEFT JOIN assignment a ON a.ticket = t.id AND a.assigned @> slm.deadline(p.target, t.opened)
WHERE slm.status(p.target, t.opened, t.resolved, '2026-11-25 12:00') = 'breached'
ORDER BY t.id;

DROP VIEW held;
DROP TABLE assignment, ticket, ola, policy, ola_ref, ola_gen;
