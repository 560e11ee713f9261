#!/usr/bin/env bash
# NOTIFY from slm.track_sla: a row that becomes breached (on insert, or on an
# update that crosses its deadline) sends one JSON payload naming the table,
# the primary key and the deadline; rows that are met, or were breached
# already, send nothing. Every payload is valid JSON (each is parsed with
# ::json): a numeric NaN key is quoted, a key too long for a payload is left
# out and flagged. Needs a running server (PGHOST/PGPORT/PGUSER).
set -euo pipefail
db=slm_notify_test
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
out=$(psql -X -q -v ON_ERROR_STOP=1 -d "$db" 2>&1 <<'SQL'
CREATE EXTENSION slm;
SET timezone = 'UTC';
CREATE SCHEMA desk;
CREATE TABLE desk.tickets (id int, region text, opened timestamptz, closed timestamptz,
                           sla slm.target, breached boolean, PRIMARY KEY (region, id));
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON desk.tickets FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'target=sla',
                                   'breached=breached', 'notify=sla_breach');
CREATE TABLE nokey (opened timestamptz, sla slm.target, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON nokey FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=sla', 'status=status', 'notify=sla_breach');
LISTEN sla_breach;
\echo insert met
INSERT INTO desk.tickets VALUES (1, 'eu', '2026-11-30 09:00', '2026-11-30 10:00', '4h', NULL);
\echo insert breached
INSERT INTO desk.tickets VALUES (2, 'eu "west"', '2026-11-30 09:00', '2026-11-30 14:00', '4h', NULL);
\echo update crossing the deadline
UPDATE desk.tickets SET closed = '2026-11-30 13:30' WHERE id = 1;
\echo update of a row already breached
UPDATE desk.tickets SET closed = '2026-11-30 15:00' WHERE id = 2;
\echo update back to met
UPDATE desk.tickets SET closed = '2026-11-30 12:00' WHERE id = 1;
\echo insert open and overdue, table without a primary key
INSERT INTO nokey VALUES ('2020-01-01 00:00', '1h', NULL);
\echo rolled back: nothing is sent
BEGIN;
INSERT INTO desk.tickets VALUES (3, 'eu', '2026-11-30 09:00', '2026-11-30 14:00', '4h', NULL);
ROLLBACK;
CREATE TABLE odd (id numeric PRIMARY KEY, name text, opened timestamptz, sla slm.target, breached boolean);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON odd FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=sla', 'breached=breached', 'notify=sla_breach');
CREATE TABLE long_key (name text PRIMARY KEY, opened timestamptz, sla slm.target, breached boolean);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON long_key FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=sla', 'breached=breached', 'notify=sla_breach');
\echo numeric keys: NaN, Infinity, a plain number
INSERT INTO odd VALUES ('NaN', 'a', '2020-01-01 00:00', '1h', NULL),
                       ('Infinity', 'b', '2020-01-01 00:00', '1h', NULL),
                       (-1.5e3, 'c', '2020-01-01 00:00', '1h', NULL);
\echo a key of 9000 characters
INSERT INTO long_key VALUES (repeat('x', 9000), '2020-01-01 00:00', '1h', NULL);
\echo done
SQL
) || { printf '%s\n' "$out"; echo "psql failed"; exit 1; }
# every payload parses as JSON; the long key is left out and flagged
parsed=$(printf '%s\n' "$out" | sed -nE 's/^Asynchronous notification "sla_breach" with payload "(.*)" received from server process with PID [0-9]+\.$/\1/p' |
    while IFS= read -r payload; do
        psql -X -qAt -v ON_ERROR_STOP=1 -v "p=$payload" -d "$db" 2>&1 <<<"
            SELECT json_typeof(p->'key'), coalesce(p->>'key_truncated', 'false')
            FROM (SELECT :'p'::json AS p) s" || echo "invalid JSON: $payload"
    done)
want_parsed='object|false
object|false
null|false
object|false
object|false
object|false
null|true'
if [ "$parsed" != "$want_parsed" ]; then
    echo "payloads do not parse as expected"
    diff <(printf '%s\n' "$want_parsed") <(printf '%s\n' "$parsed") || true
    psql -X -q -d postgres -c "DROP DATABASE $db"
    exit 1
fi
got=$(printf '%s\n' "$out" | sed -E 's/PID [0-9]+/PID N/')
want='insert met
insert breached
Asynchronous notification "sla_breach" with payload "{"table": "desk.tickets", "key": {"id": 2, "region": "eu \"west\""}, "due": "2026-11-30 13:00:00+00", "status": "breached"}" received from server process with PID N.
update crossing the deadline
Asynchronous notification "sla_breach" with payload "{"table": "desk.tickets", "key": {"id": 1, "region": "eu"}, "due": "2026-11-30 13:00:00+00", "status": "breached"}" received from server process with PID N.
update of a row already breached
update back to met
insert open and overdue, table without a primary key
Asynchronous notification "sla_breach" with payload "{"table": "public.nokey", "key": null, "due": "2020-01-01 01:00:00+00", "status": "breached"}" received from server process with PID N.
rolled back: nothing is sent
numeric keys: NaN, Infinity, a plain number
Asynchronous notification "sla_breach" with payload "{"table": "public.odd", "key": {"id": "NaN"}, "due": "2020-01-01 01:00:00+00", "status": "breached"}" received from server process with PID N.
Asynchronous notification "sla_breach" with payload "{"table": "public.odd", "key": {"id": "Infinity"}, "due": "2020-01-01 01:00:00+00", "status": "breached"}" received from server process with PID N.
Asynchronous notification "sla_breach" with payload "{"table": "public.odd", "key": {"id": -1500}, "due": "2020-01-01 01:00:00+00", "status": "breached"}" received from server process with PID N.
a key of 9000 characters
Asynchronous notification "sla_breach" with payload "{"table": "public.long_key", "key": null, "due": "2020-01-01 01:00:00+00", "status": "breached", "key_truncated": true}" received from server process with PID N.
done'
psql -X -q -d postgres -c "DROP DATABASE $db"
if [ "$got" != "$want" ]; then
    echo "NOTIFY payloads differ"
    diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") || true
    exit 1
fi
echo "notify: 7 notifications as expected, none for met, already breached or rolled-back rows; all valid JSON"
