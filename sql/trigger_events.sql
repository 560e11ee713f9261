-- events=<table>: one row per breach, written when a row becomes breached
-- (the moment NOTIFY would be sent), into a table the user creates; its
-- columns are checked when the trigger's configuration is resolved.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';

CREATE TABLE sla_events (
    id bigserial PRIMARY KEY,
    tbl text NOT NULL, key jsonb, due timestamptz, status text NOT NULL,
    at timestamptz NOT NULL);
CREATE TABLE breach_tickets (id int PRIMARY KEY, opened timestamptz, closed timestamptz,
                      sla slm.target, breached boolean);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON breach_tickets FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'target=sla',
                                   'breached=breached', 'events=sla_events');

-- met: nothing; breached on insert: one event
INSERT INTO breach_tickets VALUES (1, '2026-11-30 09:00', '2026-11-30 10:00', '4h', NULL),
                           (2, '2026-11-30 09:00', '2026-11-30 14:00', '4h', NULL);
-- an update crossing the deadline: one event; an update of a row already
-- breached, or back to met: none
UPDATE breach_tickets SET closed = '2026-11-30 13:30' WHERE id = 1;
UPDATE breach_tickets SET closed = '2026-11-30 15:00' WHERE id = 2;
UPDATE breach_tickets SET closed = '2026-11-30 12:00' WHERE id = 1;
-- rolled back: nothing stays
BEGIN;
INSERT INTO breach_tickets VALUES (3, '2026-11-30 09:00', '2026-11-30 14:00', '4h', NULL);
ROLLBACK;
-- an open row that time breaches, recorded by sweep
ALTER TABLE breach_tickets DISABLE TRIGGER sla;
INSERT INTO breach_tickets VALUES (4, '2026-11-02 09:00', NULL, '1h', false);
ALTER TABLE breach_tickets ENABLE TRIGGER sla;
SELECT slm.sweep('breach_tickets') AS touched;
SELECT tbl, key, due, status FROM sla_events ORDER BY id;
-- at is the instant the breach was judged: the transaction's start
BEGIN;
INSERT INTO breach_tickets VALUES (5, '2026-11-30 09:00', '2026-11-30 14:00', '4h', NULL);
SELECT key, at = now() AS at_transaction_start FROM sla_events WHERE key = '{"id": 5}';
COMMIT;

-- a table without a primary key: key is NULL; a qualified events table in
-- another schema
CREATE SCHEMA audit;
CREATE TABLE audit.breaches (tbl text, key jsonb, due timestamptz, status text, at timestamptz);
CREATE TABLE nokey (opened timestamptz, sla slm.target, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON nokey FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=sla', 'status=status',
                                   'events=audit.breaches');
INSERT INTO nokey VALUES ('2020-01-01 00:00', '1h', NULL);
SELECT tbl, key, due, status FROM audit.breaches;

-- the events table is checked: missing, a column missing, a column of
-- another type
CREATE TABLE ev_t (a timestamptz, tg slm.target, flag boolean);
CREATE TRIGGER bad BEFORE INSERT ON ev_t FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'breached=flag', 'events=no_such_table');
INSERT INTO ev_t VALUES (now(), '1h');
DROP TRIGGER bad ON ev_t;
CREATE TABLE ev_short (tbl text, key jsonb, due timestamptz, status text);
CREATE TRIGGER bad BEFORE INSERT ON ev_t FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'breached=flag', 'events=ev_short');
INSERT INTO ev_t VALUES (now(), '1h');
DROP TRIGGER bad ON ev_t;
CREATE TABLE ev_types (tbl regclass, key jsonb, due timestamptz, status text, at timestamptz);
CREATE TRIGGER bad BEFORE INSERT ON ev_t FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'breached=flag', 'events=ev_types');
INSERT INTO ev_t VALUES (now(), '1h');
DROP TRIGGER bad ON ev_t;
-- a column changed after the trigger was first used is noticed
CREATE TABLE ev_ok (tbl text, key jsonb, due timestamptz, status text, at timestamptz);
CREATE TRIGGER ok BEFORE INSERT ON ev_t FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=a', 'target=tg', 'breached=flag', 'events=ev_ok');
INSERT INTO ev_t VALUES ('2020-01-01 00:00', '1h');
ALTER TABLE ev_ok ALTER COLUMN status TYPE varchar;
INSERT INTO ev_t VALUES ('2020-01-01 00:00', '1h');
SELECT count(*) AS events_recorded FROM ev_ok;

DROP TABLE ev_t, ev_short, ev_types, ev_ok, nokey, breach_tickets, sla_events;
DROP SCHEMA audit CASCADE;
