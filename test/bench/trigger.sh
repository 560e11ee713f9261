#!/usr/bin/env bash
# Benchmark of slm.track_sla: insert throughput of a ticket table with the
# trigger (target from a column, and from a policy table) against the same
# table without it. Goal: the trigger costs under 25% of plain throughput.
#
#   bash test/bench/trigger.sh [rows]
#
# Best of 5 interleaved rounds of one INSERT ... SELECT per table, timed by
# the server (clock_timestamp around the statement). Prints ratios; never
# fails on speed.
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
CREATE TABLE timings (tbl text, secs float8);
-- one round: each table in turn, so that a noisy moment hits all of them
CREATE PROCEDURE bench_round() LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz; tbl text;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['plain', 'noop_plpgsql', 'by_column', 'by_policy'] LOOP
        EXECUTE format('TRUNCATE %I', tbl);
        t0 := clock_timestamp();
        EXECUTE format('INSERT INTO %I (id, priority, opened, closed, sla)
                        SELECT s.id, s.priority, s.opened, s.closed, p.target FROM src s JOIN policy p USING (priority)', tbl);
        INSERT INTO timings VALUES (tbl, extract(epoch FROM clock_timestamp() - t0));
    END LOOP;
END \$\$;
SQL
for _ in 1 2 3 4 5; do psql -X -q -d postgres -c "CALL bench_round()"; done
read -r plain noop bycol bypol < <(psql -X -qAt -d postgres -c "
    SELECT string_agg(m::text, ' ' ORDER BY ord) FROM (
        SELECT min(secs) AS m, array_position(ARRAY['plain','noop_plpgsql','by_column','by_policy'], tbl) AS ord
        FROM timings GROUP BY tbl) s")
python3 - "$ROWS" "$plain" "$noop" "$bycol" "$bypol" <<'PY'
import sys
rows = int(sys.argv[1]); plain, noop, bycol, bypol = map(float, sys.argv[2:])
print(f"rows per INSERT: {rows:,}")
for name, s in (("no trigger", plain), ("no-op plpgsql trigger", noop),
                ("track_sla, target column", bycol), ("track_sla, policy table", bypol)):
    print(f"{name:28s} {s*1000:9.1f} ms {rows/s:12,.0f} rows/s  throughput {plain/s*100:5.1f}% of plain")
print("goal: the trigger costs under 25% of plain throughput (>= 75%)")
PY

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
