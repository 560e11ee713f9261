#!/usr/bin/env bash
# Benchmark of slm.sweep: WAL written by one sweep of a table of open rows
# that nothing has changed, against rewriting every open row as sweep did
# before 0.2.0 (UPDATE ... SET start = start, which fires the trigger) in
# the same run; and the time of each. Prints figures; never fails on speed.
#
#   bash test/bench/sweep.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/lib.sh
ROWS=${1:-100000}

slm_install_deps
slm_build_install
trap slm_stop_servers EXIT
slm_start_server -c shared_buffers=256MB -c synchronous_commit=off -c autovacuum=off
psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL
CREATE EXTENSION slm;
CREATE TABLE policy (priority int PRIMARY KEY, target slm.target);
INSERT INTO policy VALUES (1, '400 days warn 90%'), (2, '300 days on (mon-fri 09:00-17:00; tz Europe/Berlin)'),
    (3, '1000 hours'), (4, '200 days');
CREATE TABLE tickets (id int PRIMARY KEY, priority int, opened timestamptz, closed timestamptz,
                      due timestamptz, breached boolean, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON tickets FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'policy=policy', 'match=priority',
                                   'due=due', 'breached=breached', 'status=status');
INSERT INTO tickets (id, priority, opened)
SELECT g, 1 + g % 4, now() - (g % 1000) * interval '1 minute' FROM generate_series(1, $ROWS) g;
VACUUM (FREEZE, ANALYZE) tickets;
CHECKPOINT;
SQL
# WAL bytes and milliseconds of one statement
measure() {
    psql -X -qAt -v ON_ERROR_STOP=1 -d postgres <<SQL
SELECT pg_current_wal_insert_lsn() AS l0, clock_timestamp() AS t0 \gset
$1;
SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), :'l0')::bigint || ' ' ||
       round(extract(epoch FROM clock_timestamp() - :'t0') * 1000);
SQL
}
read -r sweep_wal sweep_ms < <(measure "SELECT slm.sweep('tickets')" | tail -1)
read -r sweep2_wal sweep2_ms < <(measure "SELECT slm.sweep('tickets')" | tail -1)
read -r upd_wal upd_ms < <(measure "UPDATE tickets SET opened = opened WHERE opened IS NOT NULL AND closed IS NULL AND breached IS NOT TRUE" | tail -1)
python3 - "$ROWS" "$sweep_wal" "$sweep_ms" "$sweep2_wal" "$sweep2_ms" "$upd_wal" "$upd_ms" <<'PY'
import sys
rows = int(sys.argv[1])
sw, sms, sw2, sms2, uw, ums = map(int, sys.argv[2:])
print(f"open rows, none stale: {rows:,}")
print(f"  slm.sweep, first run          {sw:12,d} bytes of WAL  {sms:7,d} ms")
print(f"  slm.sweep, second run         {sw2:12,d} bytes of WAL  {sms2:7,d} ms")
print(f"  rewrite every open row        {uw:12,d} bytes of WAL  {ums:7,d} ms  (sweep before 0.2.0)")
print(f"  WAL per sweep: {max(sw, sw2) / uw * 100:.3f}% of the rewrite")
PY
