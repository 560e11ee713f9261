#!/usr/bin/env bash
# Breach events under two-phase commit: a transaction that records a breach
# in an events table (events=) can be prepared, and its event appears when
# COMMIT PREPARED runs and vanishes with ROLLBACK PREPARED; NOTIFY cannot be
# prepared at all. Starts its own server with max_prepared_transactions.
set -euo pipefail
cd "$(dirname "$0")/.."
source test/lib.sh
trap slm_stop_servers EXIT
slm_start_server "-c max_prepared_transactions=2"
out=$(psql -X -q -v ON_ERROR_STOP=1 -d postgres 2>&1 <<'SQL'
CREATE EXTENSION slm;
SET timezone = 'UTC';
CREATE TABLE sla_events (tbl text, key jsonb, due timestamptz, status text, at timestamptz);
CREATE TABLE tickets (id int PRIMARY KEY, opened timestamptz, closed timestamptz,
                      sla slm.target, breached boolean);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON tickets FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'target=sla',
                                   'breached=breached', 'events=sla_events');
BEGIN;
INSERT INTO tickets VALUES (1, '2026-11-30 09:00', '2026-11-30 14:00', '4h', NULL);
PREPARE TRANSACTION 'breach-1';
BEGIN;
INSERT INTO tickets VALUES (2, '2026-11-30 09:00', '2026-11-30 14:00', '4h', NULL);
PREPARE TRANSACTION 'breach-2';
SELECT 'before commit: ' || count(*) FROM sla_events;
COMMIT PREPARED 'breach-1';
ROLLBACK PREPARED 'breach-2';
SELECT 'after: ' || string_agg(key::text || ' ' || status, ', ') FROM sla_events;
SQL
) || { printf '%s\n' "$out"; echo "psql failed"; exit 1; }
want=' before commit: 0
 after: {"id": 1} breached'
got=$(printf '%s\n' "$out" | grep -E 'before|after' || true)
if [ "$got" != "$want" ]; then
    printf '%s\n' "$out"
    echo "events under two-phase commit differ"
    diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") || true
    exit 1
fi
# NOTIFY, by contrast, cannot be prepared
if psql -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null 2>&1 <<'SQL'
CREATE TABLE n (id int PRIMARY KEY, opened timestamptz, sla slm.target, breached boolean);
CREATE TRIGGER sla BEFORE INSERT ON n FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=sla', 'breached=breached', 'notify=x');
BEGIN;
INSERT INTO n VALUES (1, '2020-01-01 00:00', '1h', NULL);
PREPARE TRANSACTION 'notify-1';
SQL
then
    echo "a transaction with NOTIFY was prepared"
    exit 1
fi
echo "2pc: a breach event is prepared, committed and rolled back with its transaction"
