-- slm.track_sla() with agreements that have several clocks and change over
-- time: one policy table with a response and a resolution target, policy
-- rows valid for a period, and what a change of priority does to an open
-- clock (on_change=retroactive or restart, clock_start=); sweep with them.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- Two clocks on one table, from one policy table: the response clock stops
-- at the first response, the resolution clock at the resolution.
CREATE TABLE agreement (priority int PRIMARY KEY, response_target slm.target, resolution_target slm.target);
INSERT INTO agreement VALUES
    (1, '1h on (mon-fri 09:00-17:00)', '8h on (mon-fri 09:00-17:00)'),
    (2, '4h on (mon-fri 09:00-17:00)', '24h on (mon-fri 09:00-17:00)');
CREATE TABLE case2 (
    id int PRIMARY KEY, priority int NOT NULL,
    opened timestamptz NOT NULL, responded timestamptz, resolved timestamptz,
    response_due timestamptz, response_status text,
    resolution_due timestamptz, resolution_breached boolean, resolution_status text);
CREATE TRIGGER response BEFORE INSERT OR UPDATE ON case2 FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=responded',
        'policy=agreement', 'match=priority', 'policy_target=response_target',
        'due=response_due', 'status=response_status');
CREATE TRIGGER resolution BEFORE INSERT OR UPDATE ON case2 FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=resolved',
        'policy=agreement', 'match=priority', 'policy_target=resolution_target',
        'due=resolution_due', 'breached=resolution_breached', 'status=resolution_status');
-- Monday 2026-11-23 10:00: P1 response due 11:00, resolution 8 business
-- hours later, Tuesday 10:00; P2 response due 14:00, resolution 24
-- business hours later, Thursday 10:00
INSERT INTO case2 (id, priority, opened, responded, resolved) VALUES
    (1, 1, '2026-11-23 10:00', '2026-11-23 10:30', '2026-11-24 09:00'),  -- both met
    (2, 1, '2026-11-23 10:00', '2026-11-23 11:30', '2026-11-24 10:00'),  -- response late, resolution at its due time
    (3, 2, '2026-11-23 10:00', '2026-11-23 14:00', '2026-11-26 10:00:01'), -- response at its due time, resolution late
    (4, 2, '2026-11-23 10:00', NULL, NULL);                              -- open for days: both breached
SELECT id, response_due, response_status, resolution_due, resolution_breached, resolution_status
FROM case2 ORDER BY id;
-- each clock stops on its own column
UPDATE case2 SET responded = '2026-11-23 13:00' WHERE id = 4;
SELECT id, response_status, resolution_status FROM case2 WHERE id = 4;
-- sweep re-applies both triggers and finds nothing stale
SELECT slm.sweep('case2') AS swept;

-- Policy rows valid for a period: a target renegotiated in March leaves
-- February's tickets on February's target. The row used is the one whose
-- period contains the clock's start.
CREATE TABLE terms (priority int NOT NULL, valid tstzrange NOT NULL, target slm.target NOT NULL);
INSERT INTO terms VALUES
    (1, '[2026-01-01, 2026-03-01)', '8h on (mon-fri 09:00-17:00)'),
    (1, '[2026-03-01,)',            '4h on (mon-fri 09:00-17:00)');
CREATE TABLE job (id int PRIMARY KEY, priority int, opened timestamptz, closed timestamptz,
                  due timestamptz, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON job FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed',
        'policy=terms', 'match=priority', 'valid=valid', 'due=due', 'status=status');
-- Friday 27 February 10:00 + 8h is Monday 2 March 10:00; Monday 2 March
-- 10:00 + 4h is 14:00; before any period (December) there is no clock
INSERT INTO job VALUES
    (1, 1, '2026-02-27 10:00', '2026-03-02 09:00'),
    (2, 1, '2026-02-28 23:59:59.999999', '2026-03-02 12:00'),
    (3, 1, '2026-03-01 00:00', '2026-03-02 12:00'),
    (4, 1, '2026-03-02 10:00', '2026-03-02 15:00'),
    (5, 1, '2025-12-31 10:00', '2026-01-02 10:00');
SELECT id, opened, due, status FROM job ORDER BY id;
-- one statement, many starts in both periods: each served by its own row
INSERT INTO job (id, priority, opened)
SELECT 100 + i, 1, timestamptz '2026-02-26 09:00' + i * interval '1 hour' FROM generate_series(0, 71) i;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE due = slm.deadline(CASE WHEN opened < '2026-03-01' THEN '8h on (mon-fri 09:00-17:00)'
                                                      ELSE '4h on (mon-fri 09:00-17:00)' END::slm.target, opened)) AS right_row
FROM job WHERE id >= 100;
DELETE FROM job WHERE id >= 100;
-- a renegotiation that ends the March row leaves later starts without a row
UPDATE terms SET valid = '[2026-03-01, 2026-04-01)' WHERE lower(valid) = '2026-03-01';
INSERT INTO job VALUES (6, 1, '2026-04-01 10:00', NULL);
SELECT id, due, status FROM job WHERE id = 6;
-- with missing=error, no row valid at the start is refused
CREATE TRIGGER sla_strict BEFORE INSERT OR UPDATE ON job FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=terms', 'match=priority',
        'valid=valid', 'missing=error', 'due=due');
INSERT INTO job VALUES (7, 1, '2026-04-01 10:00', NULL);
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
DROP TRIGGER sla_strict ON job;
-- overlapping periods for one key are an error naming the rows
INSERT INTO terms VALUES (1, '[2026-02-15, 2026-02-20)', '1h');
INSERT INTO job VALUES (8, 1, '2026-02-16 10:00', NULL);
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
-- starts outside the overlap are unaffected
INSERT INTO job VALUES (8, 1, '2026-02-10 10:00', '2026-02-10 11:00');
SELECT id, due, status FROM job WHERE id = 8;
DELETE FROM terms WHERE valid = '[2026-02-15, 2026-02-20)';
-- the valid column must be a tstzrange
CREATE TABLE terms_mr (priority int, valid tstzmultirange, target slm.target);
INSERT INTO terms_mr VALUES (1, '{[2026-01-01,)}', '1h');
CREATE TABLE job_mr (id int, priority int, opened timestamptz, due timestamptz);
CREATE TRIGGER sla BEFORE INSERT ON job_mr FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=terms_mr', 'match=priority', 'valid=valid', 'due=due');
INSERT INTO job_mr VALUES (1, 1, '2026-02-01 10:00');
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
CREATE TABLE terms_d (priority int, valid daterange, target slm.target);
CREATE TABLE job_d (id int, priority int, opened timestamptz, due timestamptz);
CREATE TRIGGER sla BEFORE INSERT ON job_d FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=terms_d', 'match=priority', 'valid=valid', 'due=due');
INSERT INTO job_d VALUES (1, 1, '2026-02-01 10:00');
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
DROP TABLE terms_mr, job_mr, terms_d, job_d;

-- A change of priority on an open ticket. retroactive (the default): the
-- new target applies from the original start.
CREATE TABLE prio (priority int PRIMARY KEY, target slm.target);
INSERT INTO prio VALUES (2, '8h on (mon-fri 09:00-17:00)'), (3, '3 days on (mon-fri 09:00-17:00)'),
                        (4, '400 days');
CREATE TABLE incident (id int PRIMARY KEY, priority int, opened timestamptz, closed timestamptz,
                       due timestamptz, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON incident FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'policy=prio', 'match=priority',
        'due=due', 'status=status');
INSERT INTO incident VALUES (1, 3, '2026-11-23 10:00', NULL);
SELECT id, due FROM incident;
UPDATE incident SET priority = 2 WHERE id = 1;
SELECT id, due FROM incident;

-- restart: the new target's clock starts at the change (the transaction's
-- start), kept in clock_start; the old clock's outcome is dropped. A
-- 400-day clock started last year is breached now; its restart at P4 again
-- starts a fresh one.
CREATE TABLE request (id int PRIMARY KEY, priority int, opened timestamptz, closed timestamptz,
                      clock_start timestamptz, due timestamptz, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON request FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'policy=prio', 'match=priority',
        'on_change=restart', 'clock_start=clock_start', 'due=due', 'status=status');
-- on insert the clock starts at the start, whatever was given
INSERT INTO request VALUES
    (1, 3, '2026-11-23 10:00', NULL, '2000-01-01'),
    (2, 3, '2026-11-23 10:00', '2026-11-24 10:00', NULL),
    (3, 4, '2025-01-01 00:00', NULL, NULL),
    (4, 3, NULL, NULL, NULL);
SELECT id, clock_start, due, status FROM request ORDER BY id;
BEGIN;
UPDATE request SET priority = 2 WHERE id IN (1, 2);
UPDATE request SET priority = 3 WHERE id = 3;
-- 1 and 3 restart now; 2 is closed and keeps its clock
SELECT id, priority, clock_start = now() AS restarted_now,
       due = slm.deadline(p.target, now()) AS due_from_change,
       status = slm.status(p.target, now(), closed, now()) AS status_from_change
FROM request JOIN prio p USING (priority) WHERE id IN (1, 3) ORDER BY id;
SELECT id, clock_start, due, status FROM request WHERE id = 2;
-- an update that leaves the priority alone keeps the restarted clock
UPDATE request SET closed = now() + interval '1 hour' WHERE id = 1;
SELECT id, clock_start = now() AS kept, status FROM request WHERE id = 1;
-- a sweep finds nothing stale: it judges by clock_start too
SELECT slm.sweep('request') AS swept;
ROLLBACK;
-- the clock start cannot be set by hand
UPDATE request SET clock_start = '2000-01-01' WHERE id = 1;
SELECT id, clock_start FROM request WHERE id = 1;
-- a corrected start moves the clock start with it
UPDATE request SET opened = '2026-11-23 11:00' WHERE id = 1;
SELECT id, clock_start, due FROM request WHERE id = 1;
-- a clock start missing from rows written before the trigger: the trigger
-- fills it in, and sweep finds such open rows stale
ALTER TABLE request DISABLE TRIGGER sla;
INSERT INTO request VALUES (5, 3, '2026-11-23 10:00', NULL, NULL);
ALTER TABLE request ENABLE TRIGGER sla;
SELECT slm.sweep('request') AS swept;
SELECT id, clock_start, due, status FROM request WHERE id = 5;

-- restart with the row's own target column: a changed target restarts
CREATE TABLE own (id int, target slm.target, opened timestamptz, clock_start timestamptz, due timestamptz);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON own FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=target', 'on_change=restart',
        'clock_start=clock_start', 'due=due');
INSERT INTO own VALUES (1, '1h', '2026-11-23 10:00');
BEGIN;
UPDATE own SET target = '1h';
SELECT clock_start AS same_target_kept FROM own;
UPDATE own SET target = '2h';
SELECT clock_start = now() AS restarted, due = now() + interval '2 hours' AS due_from_change FROM own;
ROLLBACK;
DROP TABLE own;

-- misconfiguration
CREATE TABLE bad (id int, priority int, opened timestamptz, cs text, due timestamptz);
CREATE TRIGGER bad BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=prio', 'match=priority', 'on_change=later', 'due=due');
INSERT INTO bad VALUES (1, 2, now());
DROP TRIGGER bad ON bad;
CREATE TRIGGER bad BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=prio', 'match=priority', 'on_change=restart', 'due=due');
INSERT INTO bad VALUES (1, 2, now());
DROP TRIGGER bad ON bad;
CREATE TRIGGER bad BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=prio', 'match=priority', 'on_change=restart',
        'clock_start=cs', 'due=due');
INSERT INTO bad VALUES (1, 2, now());
DROP TRIGGER bad ON bad;
CREATE TRIGGER bad BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=priority', 'policy_target=target', 'due=due');
INSERT INTO bad VALUES (1, 2, now());
DROP TRIGGER bad ON bad;
CREATE TRIGGER bad BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=priority', 'valid=valid', 'due=due');
INSERT INTO bad VALUES (1, 2, now());
DROP TRIGGER bad ON bad;
CREATE TRIGGER bad BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=prio', 'match=priority',
        'policy_target=response_target', 'due=due');
INSERT INTO bad VALUES (1, 2, now());
DROP TRIGGER bad ON bad;
CREATE TRIGGER bad BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=agreement', 'match=priority',
        'policy_target=priority', 'due=due');
INSERT INTO bad VALUES (1, 2, now());
DROP TABLE bad;

DROP TABLE case2, agreement, job, terms, incident, request, prio;
