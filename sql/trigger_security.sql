-- slm.track_sla and slm.sweep run nothing with the rights of whoever writes
-- or sweeps, and find nothing through their search_path: tables named by
-- arguments are resolved in the tracked table's schema (never pg_temp) and
-- read or written as the tracked table's owner; operators are named by
-- schema; sweep needs UPDATE and works as the table's owner.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';

CREATE ROLE regress_slm_owner;
CREATE ROLE regress_slm_writer;
CREATE ROLE regress_slm_attacker;
CREATE SCHEMA desk AUTHORIZATION regress_slm_owner;
GRANT USAGE ON SCHEMA desk TO regress_slm_writer;

SET ROLE regress_slm_owner;
CREATE TABLE desk.policy (team varchar PRIMARY KEY, target slm.target);
INSERT INTO desk.policy VALUES ('desk', '4h'), ('ops', '1h');
CREATE TABLE desk.sla_events (tbl text, key jsonb, due timestamptz, status text, at timestamptz);
CREATE TABLE desk.tickets (id int PRIMARY KEY, team varchar, opened timestamptz,
                           closed timestamptz, due timestamptz, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON desk.tickets FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'policy=policy',
        'match=team', 'due=due', 'status=status', 'events=sla_events');
GRANT INSERT ON desk.tickets TO regress_slm_writer;
RESET ROLE;

-- a writer with INSERT only: the policy table is read, and the events table
-- written, with the owner's rights
SET ROLE regress_slm_writer;
INSERT INTO desk.tickets (id, team, opened, closed) VALUES
    (1, 'desk', '2026-11-30 09:00', '2026-11-30 12:00'),
    (2, 'ops', '2026-11-30 09:00', '2026-11-30 12:00');
SELECT * FROM desk.policy;
-- a temporary table "policy" (and "sla_events") of the writer's own, first
-- on its search_path, is ignored
CREATE TEMP TABLE policy (team varchar, target slm.target);
INSERT INTO pg_temp.policy VALUES ('desk', '1000 days'), ('ops', '1000 days');
CREATE TEMP TABLE sla_events (tbl text, key jsonb, due timestamptz, status text, at timestamptz);
SET search_path = pg_temp, desk, public;
INSERT INTO desk.tickets (id, team, opened, closed) VALUES
    (3, 'desk', '2026-11-30 09:00', '2026-11-30 14:00'),
    (4, 'ops', '2026-11-30 09:00', '2026-11-30 09:30');
SELECT count(*) AS planted_events FROM pg_temp.sla_events;
RESET search_path;
DROP TABLE pg_temp.policy, pg_temp.sla_events;
RESET ROLE;
SELECT id, team, due, status FROM desk.tickets ORDER BY id;
SELECT tbl, key, due, status FROM desk.sla_events ORDER BY key->>'id';

-- a restore with an empty search_path (pg_restore --data-only) works
SET search_path = '';
INSERT INTO desk.tickets (id, team, opened, closed) VALUES (5, 'desk', '2026-11-30 09:00', '2026-11-30 10:00');
RESET search_path;
SELECT id, due, status FROM desk.tickets WHERE id = 5;

-- code planted by an unprivileged role in public, which the superuser has
-- on its search_path: an equality operator for varchar (the type of the
-- match column) and an overload of array_to_string; neither may run
GRANT CREATE ON SCHEMA public TO regress_slm_attacker;
SET ROLE regress_slm_attacker;
CREATE FUNCTION public.planted_eq(varchar, varchar) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    RAISE NOTICE 'planted = ran as %', current_user;
    RETURN $1::text OPERATOR(pg_catalog.=) $2::text;
END $$;
CREATE OPERATOR public.= (LEFTARG = varchar, RIGHTARG = varchar, FUNCTION = public.planted_eq);
CREATE FUNCTION public.array_to_string(text[], text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    RAISE NOTICE 'planted array_to_string ran as %', current_user;
    RETURN pg_catalog.array_to_string($1, $2);
END $$;
RESET ROLE;
-- the plant works for queries that do not name their operators and functions
SELECT 'desk'::varchar = 'desk'::varchar AS plant_works;
SELECT array_to_string(ARRAY['a', 'b'], ' AND ') AS plant_works;
-- the trigger's policy lookup does
INSERT INTO desk.tickets (id, team, opened) VALUES (6, 'desk', '2026-11-30 09:00');
UPDATE desk.tickets SET closed = '2026-11-30 11:00' WHERE id = 6;
SELECT id, due, status FROM desk.tickets WHERE id = 6;
-- and so does sweep
SET ROLE regress_slm_owner;
ALTER TABLE desk.tickets DISABLE TRIGGER sla;
INSERT INTO desk.tickets (id, team, opened, status) VALUES (7, 'ops', '2026-11-02 09:00', 'running');
ALTER TABLE desk.tickets ENABLE TRIGGER sla;
RESET ROLE;
SELECT slm.sweep('desk.tickets') AS touched;
SELECT id, due, status FROM desk.tickets WHERE id = 7;
SELECT tbl, key, due, status FROM desk.sla_events WHERE key->>'id' = '7';
DROP OPERATOR public.= (varchar, varchar);
DROP FUNCTION public.planted_eq(varchar, varchar);
DROP FUNCTION public.array_to_string(text[], text);
REVOKE CREATE ON SCHEMA public FROM regress_slm_attacker;

-- sweep needs UPDATE on the table
SET ROLE regress_slm_writer;
SELECT slm.sweep('desk.tickets');
RESET ROLE;
GRANT UPDATE ON desk.tickets TO regress_slm_writer;
SET ROLE regress_slm_writer;
SELECT slm.sweep('desk.tickets') AS touched_by_writer;
RESET ROLE;

-- sweep works as the table's owner: an owner's trigger that tries to make
-- the owner superuser gains nothing when a superuser sweeps
SET ROLE regress_slm_owner;
CREATE FUNCTION desk.escalate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        EXECUTE 'ALTER ROLE regress_slm_owner SUPERUSER';
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'escalation refused for %', current_user;
    END;
    RETURN NEW;
END $$;
CREATE TRIGGER escalate BEFORE UPDATE ON desk.tickets FOR EACH ROW EXECUTE FUNCTION desk.escalate();
ALTER TABLE desk.tickets DISABLE TRIGGER sla;
INSERT INTO desk.tickets (id, team, opened, status) VALUES (8, 'desk', '2026-11-02 09:00', 'running');
ALTER TABLE desk.tickets ENABLE TRIGGER sla;
RESET ROLE;
SELECT slm.sweep('desk.tickets') AS touched;
SELECT rolsuper AS owner_is_superuser FROM pg_roles WHERE rolname = 'regress_slm_owner';

-- a missing table named by an argument, looked up in the tracked table's
-- schema, not on search_path
CREATE TABLE public.sla_log (tbl text, key jsonb, due timestamptz, status text, at timestamptz);
SET ROLE regress_slm_owner;
CREATE TABLE desk.other (id int, opened timestamptz, due timestamptz);
CREATE TRIGGER sla BEFORE INSERT ON desk.other FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=policy', 'match=id', 'due=due',
                                   'events=sla_log');
RESET ROLE;
INSERT INTO desk.other VALUES (1, now(), NULL);

DROP SCHEMA desk CASCADE;
DROP TABLE public.sla_log;
DROP ROLE regress_slm_owner;
DROP ROLE regress_slm_writer;
DROP ROLE regress_slm_attacker;
