#!/usr/bin/env bash
# Benchmark of slm.track_sla: insert throughput of a ticket table with the
# trigger (target from a column, and from a policy table) against the same
# table without a trigger and with a PL/pgSQL trigger that does nothing, all
# in one run. Goals: the trigger costs under 25% of plain throughput, and no
# more than the no-op PL/pgSQL trigger.
#
#   bash test/bench/trigger.sh [rows]
#
# Best of 5 interleaved rounds of one INSERT ... SELECT per table, timed by
# the server (log_statement_stats: elapsed, and the backend's CPU time,
# which a busy machine disturbs less). Prints ratios; never fails on speed.
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/lib.sh
ROWS=${1:-200000}

slm_install_deps
slm_build_install
trap slm_stop_servers EXIT
slm_start_server -c shared_buffers=512MB -c synchronous_commit=off
psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL
CREATE EXTENSION slm;
CREATE TABLE src AS
SELECT g AS id, 1 + g % 4 AS priority,
       timestamptz '2026-01-05 09:00+00' + (g % 8000) * interval '1 hour' AS opened,
       timestamptz '2026-01-05 09:00+00' + (g % 8000) * interval '1 hour' + (g % 3000) * interval '1 minute' AS closed
FROM generate_series(1, $ROWS) g;
CREATE TABLE policy (priority int PRIMARY KEY, target slm.target);
INSERT INTO policy VALUES (1, '4h on (mon-fri 09:00-17:00; tz Europe/Berlin) warn 75%'),
    (2, '8h on (mon-fri 09:00-17:00; tz Europe/Berlin)'), (3, '3 days on (mon-sat 08:00-20:00; tz America/New_York)'),
    (4, '30 minutes');
CREATE TABLE plain (id int, priority int, opened timestamptz, closed timestamptz, sla slm.target,
                    due timestamptz, breached boolean, status text);
CREATE TABLE by_column (LIKE plain);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON by_column FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'target=sla', 'due=due', 'breached=breached', 'status=status');
CREATE TABLE noop_plpgsql (LIKE plain);
CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN RETURN NEW; END \$\$;
CREATE TRIGGER noop BEFORE INSERT ON noop_plpgsql FOR EACH ROW EXECUTE FUNCTION noop();
CREATE TABLE by_policy (LIKE plain);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON by_policy FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'policy=policy', 'match=priority', 'due=due', 'breached=breached', 'status=status');
SQL
# one round: each table in turn, so that a noisy moment hits all of them;
# the server reports each statement's elapsed and CPU seconds; the last
# report is the INSERT's
tables="plain noop_plpgsql by_column by_policy"
stats=$(mktemp)
for _ in 1 2 3 4 5; do
    for tbl in $tables; do
        psql -X -q -d postgres -c "TRUNCATE $tbl" -c "CHECKPOINT"
        psql -X -q -d postgres 2>&1 >/dev/null <<SQL | sed -nE "s/^!\s+([0-9.]+) s user, ([0-9.]+) s system, ([0-9.]+) s elapsed.*/$tbl \1 \2 \3/p" | tail -1 >> "$stats"
SET client_min_messages = log;
SET log_statement_stats = on;
INSERT INTO $tbl (id, priority, opened, closed, sla)
SELECT s.id, s.priority, s.opened, s.closed, p.target FROM src s JOIN policy p USING (priority);
SQL
    done
done
python3 - "$ROWS" "$stats" <<'PY'
import sys
rows = int(sys.argv[1])
best = {}
for line in open(sys.argv[2]):
    tbl, user, system, elapsed = line.split()
    cpu, el = float(user) + float(system), float(elapsed)
    b = best.setdefault(tbl, [cpu, el])
    b[0], b[1] = min(b[0], cpu), min(b[1], el)
plain_cpu, plain_el = best["plain"]
noop_cpu, noop_el = best["noop_plpgsql"]
print(f"rows per INSERT: {rows:,} (best of 5 interleaved rounds)")
print(f"{'':28s} {'elapsed':>10s} {'rows/s':>12s} {'of plain':>9s}   {'CPU':>9s} {'of plain':>9s}")
for tbl, name in (("plain", "no trigger"), ("noop_plpgsql", "no-op plpgsql trigger"),
                  ("by_column", "track_sla, target column"), ("by_policy", "track_sla, policy table")):
    cpu, el = best[tbl]
    print(f"{name:28s} {el*1000:8.1f} ms {rows/el:12,.0f} {plain_el/el*100:8.1f}%   "
          f"{cpu*1000:6.1f} ms {plain_cpu/cpu*100:8.1f}%")
for tbl, name in (("by_column", "target column"), ("by_policy", "policy table")):
    cpu, el = best[tbl]
    print(f"track_sla, {name}, against the no-op trigger: throughput {noop_el/el*100:5.1f}% "
          f"(elapsed), {noop_cpu/cpu*100:5.1f}% (CPU)")
print("goals: >= 75% of plain throughput; >= 100% of the no-op trigger's")
PY
rm -f "$stats"

# Application-style writes: one INSERT per transaction from 2 clients
# (pgbench), with and without the trigger.
script=$(mktemp)
for tbl in plain noop_plpgsql by_policy; do
    cat > "$script.$tbl" <<PGB
\set id random(1, 1000000)
\set h random(0, 8000)
INSERT INTO $tbl (id, priority, opened, closed, sla)
VALUES (:id, 1 + :id % 4, timestamptz '2026-01-05 09:00+00' + :h * interval '1 hour',
        timestamptz '2026-01-05 09:00+00' + :h * interval '1 hour' + :id % 3000 * interval '1 minute',
        '30 minutes');
PGB
done
: > "$script.out"
for _ in 1 2 3 4 5; do
    for tbl in plain noop_plpgsql by_policy; do
        tps=$(pgbench -n -c 2 -j 2 -t 3000 -f "$script.$tbl" postgres 2>/dev/null |
              sed -nE 's/^tps = ([0-9.]+).*/\1/p')
        echo "$tbl $tps" >> "$script.out"
    done
done
python3 - "$script.out" <<'PY'
import sys
tps = {}
for line in open(sys.argv[1]):
    k, v = line.split()
    tps[k] = max(float(v), float(tps.get(k, 0)))
base = float(tps["plain"])
print("single-row INSERTs, 2 clients (pgbench, best of 5 interleaved rounds):")
for k, label in (("plain", "no trigger"), ("noop_plpgsql", "no-op plpgsql trigger"),
                 ("by_policy", "track_sla, policy table")):
    v = float(tps[k])
    print(f"  {label:28s} {v:10,.0f} tps  {v / base * 100:5.1f}% of plain")
PY
rm -f "$script" "$script".*
