#!/usr/bin/env bash
# Several clients insert and update tickets through slm.track_sla at once
# (pgbench, 4 clients); afterwards every row's due time, flag and status
# must equal what slm.deadline and slm.status say, nothing may be lost and
# no client may have failed. Needs a running server (PGHOST/PGPORT/PGUSER).
set -euo pipefail
db=slm_concurrency_test
clients=4
per_client=2000
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
CREATE EXTENSION slm;
CREATE TABLE policy (priority int PRIMARY KEY, target slm.target);
INSERT INTO policy VALUES
    (1, '4h on (mon-fri 09:00-17:00; tz Europe/Berlin) warn 75%'),
    (2, '8h on (mon-fri 09:00-17:00; 2026-12-24..2026-12-26 closed; tz Europe/Berlin)'),
    (3, '3 days on (mon-sat 08:00-20:00; tz America/New_York)'),
    (4, '30 minutes');
CREATE TABLE tickets (id bigserial PRIMARY KEY, priority int, opened timestamptz,
                      closed timestamptz, waiting tstzmultirange,
                      due timestamptz, breached boolean, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON tickets FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'paused=waiting',
        'policy=policy', 'match=priority', 'due=due', 'breached=breached', 'status=status',
        'notify=breaches');
SQL
script=$(mktemp)
cat > "$script" <<'PGB'
\set p random(1, 4)
\set h random(0, 8000)
\set len random(1, 6000)
INSERT INTO tickets (priority, opened, closed)
VALUES (:p, timestamptz '2026-01-05 09:00+00' + :h * interval '1 hour',
        CASE WHEN :len % 5 = 0 THEN NULL
             ELSE timestamptz '2026-01-05 09:00+00' + :h * interval '1 hour' + :len * interval '1 minute' END)
RETURNING id \gset
UPDATE tickets SET waiting = tstzmultirange(tstzrange(opened + interval '10 minutes', opened + interval '2 hours')),
                   closed = closed + interval '45 minutes'
WHERE id = :id - 1;
PGB
pgbench -n -c "$clients" -j 2 -t "$per_client" -f "$script" "$db" > "$script.log" 2>&1 || {
    cat "$script.log"; echo "pgbench failed"; exit 1; }
grep -E "number of (transactions actually processed|failed)" "$script.log" || true
result=$(psql -X -qAt -d "$db" <<'SQL'
SELECT count(*) || ' ' ||
       count(*) FILTER (WHERE t.due IS DISTINCT FROM slm.deadline(p.target, t.opened, t.waiting)) || ' ' ||
       count(*) FILTER (WHERE t.closed IS NOT NULL AND
                        t.status IS DISTINCT FROM slm.status(p.target, t.opened, t.closed, NULL, t.waiting)) || ' ' ||
       count(*) FILTER (WHERE t.breached IS DISTINCT FROM (t.status = 'breached')) || ' ' ||
       count(*) FILTER (WHERE t.due IS NULL OR t.status IS NULL)
FROM tickets t JOIN policy p USING (priority);
SQL
)
psql -X -q -d postgres -c "DROP DATABASE $db"
rm -f "$script" "$script.log"
read -r n due_bad status_bad flag_bad missing <<<"$result"
want=$((clients * per_client))
echo "rows $n (want $want), due mismatches $due_bad, status mismatches $status_bad, flag mismatches $flag_bad, unstamped $missing"
[ "$n" -eq "$want" ] && [ "$due_bad" -eq 0 ] && [ "$status_bad" -eq 0 ] && [ "$flag_bad" -eq 0 ] && [ "$missing" -eq 0 ]
