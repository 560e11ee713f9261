-- slm.track_sla(): due times, breach flags and status stamped on rows as
-- they are written; policy lookup, pauses, bulk COPY, sweep, and every
-- misconfiguration. (NOTIFY payloads are checked by test/trigger_notify.test.sh.)
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE TABLE policy (priority int, team text, target slm.target, PRIMARY KEY (priority, team));
INSERT INTO policy VALUES
    (1, 'desk', '4h on (mon-fri 09:00-17:00) goal 95% warn 75%'),
    (2, 'desk', '2 days on (mon-fri 09:00-17:00)'),
    (1, 'ops',  '1h goal 99%');

CREATE TABLE tickets (
    id int PRIMARY KEY, priority int, team text,
    opened timestamptz, closed timestamptz, waiting tstzmultirange,
    due timestamptz, breached boolean, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON tickets FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'paused=waiting',
        'policy=policy', 'match=priority,team', 'due=due', 'breached=breached', 'status=status');

-- P1 desk: 4 business hours from Friday 15:00 is Monday 11:00
INSERT INTO tickets (id, priority, team, opened, closed) VALUES
    (1, 1, 'desk', '2026-11-27 15:00', '2026-11-30 10:00'),   -- met
    (2, 1, 'desk', '2026-11-27 15:00', '2026-11-30 11:00'),   -- met, exactly at the deadline
    (3, 1, 'desk', '2026-11-27 15:00', '2026-11-30 12:00'),   -- breached
    (4, 1, 'ops',  '2026-11-27 15:00', '2026-11-27 15:30'),   -- 24x7 hour: met
    (5, 2, 'desk', '2026-11-27 15:00', '2026-12-03 09:00'),   -- 2 days = 48 business hours: Mon 7 Dec 15:00, met
    (6, 1, 'desk', '2020-01-01 09:00', NULL),                 -- open for years: breached
    (7, 1, 'desk', '2100-01-04 09:00', NULL),                 -- opens in the future: running
    (8, 1, 'desk', NULL, NULL);                               -- no start: nothing to stamp
SELECT id, due, breached, status FROM tickets ORDER BY id;
-- the breach rule shared with slm.status: breached exactly when the clock
-- stops after its due time. 4 business hours from Friday 13:00 are due at
-- Friday's closing time, 17:00; a stop on Saturday, with no business time
-- elapsed since, is after it. A clock that stops before it starts is
-- invalid: its flag is NULL
INSERT INTO tickets (id, priority, team, opened, closed) VALUES
    (15, 1, 'desk', '2026-11-27 13:00', '2026-11-27 17:00'),   -- met, at the due time
    (16, 1, 'desk', '2026-11-27 13:00', '2026-11-28 10:00'),   -- breached, Saturday
    (17, 1, 'desk', '2026-11-27 13:00', '2026-11-27 12:00');   -- invalid
SELECT id, due, breached, status FROM tickets WHERE id IN (15, 16, 17) ORDER BY id;
DELETE FROM tickets WHERE id IN (15, 16, 17);

-- a pause (waiting for the customer) moves the deadline and can turn a
-- breach into a met target
UPDATE tickets SET waiting = '{[2026-11-30 09:00, 2026-11-30 10:30)}' WHERE id = 3;
SELECT id, due, breached, status FROM tickets WHERE id = 3;
-- closing an open ticket in time
UPDATE tickets SET closed = '2100-01-04 10:00' WHERE id = 7;
SELECT id, due, breached, status FROM tickets WHERE id = 7;
-- the outputs cannot be set by hand: the trigger recomputes them
UPDATE tickets SET breached = false, status = 'met' WHERE id = 6;
SELECT id, breached, status FROM tickets WHERE id = 6;

-- a policy changed between transactions is read afresh (targets are cached
-- for one statement only): P2 desk becomes 1 hour, then the key disappears;
-- a row without a policy row gets no clock: NULL outputs, and it is written
INSERT INTO tickets (id, priority, team, opened) VALUES (10, 2, 'desk', '2100-01-04 09:00');
UPDATE policy SET target = '1h' WHERE priority = 2 AND team = 'desk';
INSERT INTO tickets (id, priority, team, opened) VALUES (11, 2, 'desk', '2100-01-04 09:00');
SELECT id, due FROM tickets WHERE id IN (10, 11) ORDER BY id;
DELETE FROM policy WHERE priority = 2 AND team = 'desk';
INSERT INTO tickets (id, priority, team, opened) VALUES (12, 2, 'desk', '2100-01-04 09:00');
INSERT INTO tickets (id, priority, team, opened) VALUES (13, NULL, 'desk', '2100-01-04 09:00');
SELECT id, due, breached, status FROM tickets WHERE id IN (12, 13) ORDER BY id;
INSERT INTO policy VALUES (2, 'desk', '2 days on (mon-fri 09:00-17:00)');
DELETE FROM tickets WHERE id IN (10, 11, 12, 13);

-- bulk COPY of historical, already-closed tickets goes through the trigger
COPY tickets (id, priority, team, opened, closed) FROM stdin;
100	1	desk	2026-01-05 09:00:00+00	2026-01-05 12:00:00+00
101	1	desk	2026-01-05 09:00:00+00	2026-01-05 14:00:00+00
102	2	desk	2026-01-05 09:00:00+00	2026-01-07 09:00:00+00
103	1	ops	2026-01-05 09:00:00+00	2026-01-05 10:00:00.000001+00
\.
SELECT id, due, breached, status FROM tickets WHERE id >= 100 ORDER BY id;
-- every row agrees with the SQL functions
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE t.due IS DISTINCT FROM slm.deadline(p.target, t.opened, t.waiting)) AS due_mismatch,
       count(*) FILTER (WHERE t.closed IS NOT NULL AND
                        t.status IS DISTINCT FROM slm.status(p.target, t.opened, t.closed, NULL, t.waiting)) AS status_mismatch
FROM tickets t JOIN policy p USING (priority, team) WHERE t.opened IS NOT NULL;

-- one statement over many keys (more than a small cache holds): every row
-- gets its own key's target, and a key without a policy row NULLs
CREATE TABLE customers (customer int PRIMARY KEY, target slm.target);
INSERT INTO customers SELECT g, (g || 'h')::slm.target FROM generate_series(1, 2000) g;
CREATE TABLE calls (id int, customer int, opened timestamptz, due timestamptz);
CREATE TRIGGER sla BEFORE INSERT ON calls FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=customers', 'match=customer', 'due=due');
INSERT INTO calls SELECT g, g % 2003 + 1, '2026-11-30 00:00' FROM generate_series(1, 10000) g;
SELECT count(*) AS calls,
       count(*) FILTER (WHERE c.due IS NOT DISTINCT FROM c.opened + make_interval(hours => c.customer)
                              AND c.customer <= 2000) AS right_due,
       count(*) FILTER (WHERE c.due IS NULL AND c.customer > 2000) AS no_policy
FROM calls c;
DROP TABLE calls, customers;

-- target read from a column of the row itself; a NULL target stamps NULLs
CREATE TABLE changes (id int PRIMARY KEY, sla slm.target, requested timestamptz, done timestamptz, due timestamptz);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON changes FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('target=sla', 'start=requested', 'stop=done', 'due=due');
INSERT INTO changes VALUES (1, '3 days on (mon-fri 08:00-18:00; tz Europe/Berlin)', '2026-11-27 15:00', NULL, NULL),
                           (2, NULL, '2026-11-27 15:00', NULL, NULL);
SELECT id, due FROM changes ORDER BY id;

-- sweep: rows whose deadline passed without a write are re-evaluated
ALTER TABLE tickets DISABLE TRIGGER sla;
INSERT INTO tickets (id, priority, team, opened, breached, status)
VALUES (9, 1, 'desk', '2026-11-02 09:00', false, 'running');
ALTER TABLE tickets ENABLE TRIGGER sla;
-- an open row without a policy row, whose policy is added later
INSERT INTO tickets (id, priority, team, opened) VALUES (14, 3, 'desk', '2100-01-04 09:00');
INSERT INTO policy VALUES (3, 'desk', '1h');
SELECT slm.sweep('tickets') AS touched;
SELECT id, due, breached, status FROM tickets WHERE id IN (9, 14) ORDER BY id;
-- nothing is stale any more: a second sweep updates nothing
SELECT slm.sweep('tickets') AS touched_again;
DELETE FROM tickets WHERE id = 14;
DELETE FROM policy WHERE priority = 3;
-- changes keeps only a due time, which time does not change
SELECT slm.sweep('changes') AS touched_changes;
\set VERBOSITY terse
SELECT slm.sweep('policy');
\set VERBOSITY default

-- an at_risk transition is a change too: a 4h target warned at 75% is at
-- risk 3 hours after it starts; sweep updates only that row
CREATE TABLE watch (id int PRIMARY KEY, opened timestamptz, sla slm.target, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON watch FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=sla', 'status=status');
INSERT INTO watch VALUES (1, now() - interval '3 hours 30 minutes', '4h warn 75%', NULL),
                         (2, now() - interval '2 hours', '4h warn 75%', NULL);
ALTER TABLE watch DISABLE TRIGGER sla;
UPDATE watch SET status = 'running' WHERE id = 1;  -- as if written an hour ago
ALTER TABLE watch ENABLE TRIGGER sla;
SELECT slm.sweep('watch') AS touched;
SELECT id, status FROM watch ORDER BY id;

-- sweep reads the trigger's arguments with the trigger's own parser
CREATE TABLE störung (nr int PRIMARY KEY, "geöffnet" timestamptz, "gelöst" timestamptz,
                      sla slm.target, "fällig" timestamptz, "verletzt" boolean);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON störung FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=geöffnet', 'stop=gelöst', 'target=sla',
                                   'due=fällig', 'breached=verletzt');
ALTER TABLE störung DISABLE TRIGGER sla;
INSERT INTO störung VALUES (1, '2026-11-02 09:00', NULL, '1h', NULL, false);
ALTER TABLE störung ENABLE TRIGGER sla;
SELECT slm.sweep('störung') AS touched;
SELECT nr, "fällig", "verletzt" FROM störung;

-- a partitioned table is swept partition by partition, each by its clone
-- of the trigger
CREATE TABLE parted (id int, opened timestamptz, sla slm.target, status text) PARTITION BY RANGE (id);
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);
CREATE TABLE parted_2 PARTITION OF parted FOR VALUES FROM (10) TO (20);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON parted FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=sla', 'status=status');
ALTER TABLE parted DISABLE TRIGGER sla;
INSERT INTO parted VALUES (1, '2026-11-02 09:00', '1h', 'running'), (11, '2026-11-02 09:00', '1h', 'running'),
                          (12, '2100-01-04 09:00', '1h', 'running');
ALTER TABLE parted ENABLE TRIGGER sla;
SELECT slm.sweep('parted') AS touched;
SELECT tableoid::regclass AS partition, id, status FROM parted ORDER BY id;
DROP TABLE parted;

-- sweep refuses a trigger that its UPDATE would not fire
ALTER TABLE watch DISABLE TRIGGER sla;
SELECT slm.sweep('watch');
ALTER TABLE watch ENABLE TRIGGER sla;
-- under session_replication_role = replica only ALWAYS and REPLICA
-- triggers fire
SET session_replication_role = replica;
SELECT slm.sweep('watch');
ALTER TABLE watch ENABLE ALWAYS TRIGGER sla;
SELECT slm.sweep('watch') AS touched_as_replica;
RESET session_replication_role;
DROP TRIGGER sla ON watch;
CREATE TRIGGER sla BEFORE INSERT OR UPDATE OF status ON watch FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=sla', 'status=status');
SELECT slm.sweep('watch');
DROP TRIGGER sla ON watch;
CREATE TRIGGER sla BEFORE INSERT OR UPDATE OF opened, sla ON watch FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=sla', 'status=status');
SELECT slm.sweep('watch') AS touched_update_of_start;
DROP TRIGGER sla ON watch;
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON watch FOR EACH ROW
    WHEN (NEW.id > 0)
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=sla', 'status=status');
SELECT slm.sweep('watch');
DROP TRIGGER sla ON watch;
CREATE TRIGGER sla BEFORE INSERT ON watch FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=sla', 'status=status');
SELECT slm.sweep('watch');
DROP TABLE watch;

-- a changed table is noticed: renaming a column the trigger names makes the
-- next write fail, renaming it back repairs it, and a redefined trigger is
-- read afresh
ALTER TABLE changes RENAME COLUMN due TO due_at;
INSERT INTO changes VALUES (3, '1h', '2026-11-27 15:00', NULL, NULL);
ALTER TABLE changes RENAME COLUMN due_at TO due;
INSERT INTO changes VALUES (3, '1h', '2026-11-27 15:00', NULL, NULL);
DROP TRIGGER sla ON changes;
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON changes FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('target=sla', 'start=done', 'due=due');
INSERT INTO changes VALUES (4, '1h', '2026-11-27 15:00', '2026-11-27 18:00', NULL);
SELECT id, due FROM changes WHERE id >= 3 ORDER BY id;

-- misconfiguration: each error names the trigger and the argument
CREATE TABLE t (id int, a timestamptz, b timestamptz, n int, p tstzmultirange, tg slm.target,
                due timestamptz, flag boolean, st text);
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'due=due', 'colour=blue');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('target=tg', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'policy=policy', 'match=n', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'policy=policy', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'start=b', 'target=tg', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=opened', 'target=tg', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=n', 'target=tg', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'breached=st');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'target=n', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'stop=b', 'paused=n', 'target=tg', 'status=st');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'policy=no_such_table', 'match=n', 'due=due');
INSERT INTO t (id, a, n) VALUES (1, now(), 1);
DROP TRIGGER bad ON t;
-- missing=error: no policy row for a key, and a NULL key, are errors
CREATE TRIGGER bad BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=policy', 'match=priority,team', 'missing=error', 'due=due');
INSERT INTO tickets (id, priority, team, opened) VALUES (50, 3, 'desk', '2026-11-27 15:00');
INSERT INTO tickets (id, priority, team, opened) VALUES (51, NULL, 'desk', '2026-11-27 15:00');
DROP TRIGGER bad ON tickets;
-- missing=ignore, the default, said explicitly; missing with a bad value or
-- without a policy table
CREATE TRIGGER bad BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=policy', 'match=priority,team', 'missing=ignore', 'due=due');
INSERT INTO tickets (id, priority, team, opened) VALUES (50, 3, 'desk', '2026-11-27 15:00');
SELECT id, due, breached, status FROM tickets WHERE id = 50;
DELETE FROM tickets WHERE id = 50;
DROP TRIGGER bad ON tickets;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'policy=policy', 'match=n', 'missing=maybe', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'missing=error', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
-- fired the wrong way
CREATE TRIGGER bad AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'due=due');
INSERT INTO t (id) VALUES (1);
DROP TRIGGER bad ON t;
CREATE TRIGGER bad BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'due=due');
INSERT INTO t (id) VALUES (1);
DELETE FROM t;
DROP TRIGGER bad ON t;
SELECT slm.track_sla();
-- only the insert made while no slm trigger fired on INSERT stored a row
SELECT count(*) AS rows_in_t FROM t;
