#!/usr/bin/env bash
# Policy rows valid for a period, kept apart by the exclusion constraint the
# README shows: EXCLUDE USING gist (priority WITH =, valid WITH &&) needs
# btree_gist, so this runs where the server's contrib has it (Debian's
# postgresql-15 does) and says it is skipped elsewhere. Checks that an
# overlapping period is refused (23P01), that adjacent periods are not,
# and that the trigger reads the row valid at each clock's start.
# Needs a running server (PGHOST/PGPORT/PGUSER) with slm installed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGOPTIONS="-c client_min_messages=warning"
db=slm_policy_periods
have=$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'btree_gist'")
if [ "$have" != "1" ]; then
    echo "skipped: btree_gist is not available on this server"
    exit 0
fi
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS '$db'"' EXIT
out=$(psql -X -q -At -d "$db" 2>&1 <<'SQL'
\set ON_ERROR_STOP 1
SET timezone = 'UTC';
CREATE EXTENSION slm;
CREATE EXTENSION btree_gist;
CREATE TABLE policy (
    priority int NOT NULL,
    valid    tstzrange NOT NULL,
    target   slm.target NOT NULL,
    EXCLUDE USING gist (priority WITH =, valid WITH &&));
INSERT INTO policy VALUES
    (1, '[2026-01-01, 2026-03-01)', '8h on (mon-fri 09:00-17:00)'),
    (1, '[2026-03-01,)',            '4h on (mon-fri 09:00-17:00)'),
    (2, '[2026-01-01,)',            '2 days on (mon-fri 09:00-17:00)');
\set ON_ERROR_STOP 0
INSERT INTO policy VALUES (1, '[2026-02-15, 2026-02-20)', '1h');
SELECT 'overlap: ' || :'LAST_ERROR_SQLSTATE';
\set ON_ERROR_STOP 1
CREATE TABLE tickets (id int PRIMARY KEY, priority int, opened timestamptz, due timestamptz);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON tickets FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'policy=policy', 'match=priority',
                                   'valid=valid', 'due=due');
INSERT INTO tickets VALUES (1, 1, '2026-02-27 10:00'), (2, 1, '2026-03-02 10:00');
SELECT 'due: ' || string_agg(id || ' ' || due, ', ' ORDER BY id) FROM tickets;
SQL
) || { printf '%s\n' "$out"; echo "psql failed"; exit 1; }
want='overlap: 23P01
due: 1 2026-03-02 10:00:00+00, 2 2026-03-02 14:00:00+00'
got=$(printf '%s\n' "$out" | grep -E '^(overlap|due):' || true)
if [ "$got" != "$want" ]; then
    printf '%s\n' "$out"
    diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") || true
    exit 1
fi
echo "policy periods: overlap refused, each start reads its own row"
