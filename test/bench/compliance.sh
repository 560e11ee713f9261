#!/usr/bin/env bash
# Benchmark of the compliance aggregates over 1M tickets grouped by team:
# slm.compliance_agg(target, start, stop) and slm.compliance_agg(met)
# against count(*) FILTER (WHERE met) over a precomputed flag (goal:
# within 3x), and the speed-up of slm.compliance_agg with 2 parallel
# workers.
#
#   bash test/bench/compliance.sh [rows]
#
# Times are server execution times from EXPLAIN ANALYZE (best of 5). It
# prints ratios; it never fails on speed. SLM_EXTENSION names another build
# of the extension to load.
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/lib.sh
ROWS=${1:-1000000}
EXT=${SLM_EXTENSION:-slm}

slm_install_deps
slm_build_install
trap slm_stop_servers EXIT
slm_start_server -c shared_buffers=512MB -c work_mem=256MB -c max_worker_processes=8 \
    -c max_parallel_workers=8
psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL
CREATE EXTENSION $EXT;
CREATE TABLE policy (priority int PRIMARY KEY, target slm.target);
INSERT INTO policy VALUES
    (1, '4h on (mon-fri 09:00-17:00; tz Europe/Berlin) goal 95% warn 75%'),
    (2, '8h on (mon-fri 09:00-17:00; 2026-12-24..2026-12-26 closed; tz Europe/Berlin) goal 95%'),
    (3, '3 days on (mon-sat 08:00-20:00; tz America/New_York) goal 90%'),
    (4, '30 minutes goal 99%');
CREATE TABLE ticket AS
SELECT g AS id, 'team' || g % 20 AS team, p.priority, p.target, o AS opened,
       CASE WHEN g % 10 = 0 THEN NULL ELSE o + (g * 7907 % 6000) * interval '1 minute' END AS closed
FROM generate_series(1::bigint, $ROWS) g
CROSS JOIN LATERAL (SELECT timestamptz '2025-01-06 00:00+00' + (g * 7919 % 200000) * interval '5 minutes' AS o) t
JOIN policy p ON p.priority = 1 + g * 31 % 4;
ALTER TABLE ticket ADD met boolean;
UPDATE ticket SET met = slm.status(target, opened, closed, NULL) = 'met' WHERE closed IS NOT NULL;
VACUUM ANALYZE ticket;
SQL

# Best-of-5 execution time (ms) of a query, after settings.
best() {
    local settings=$1 q=$2
    for _ in 1 2 3 4 5; do
        psql -X -qAt -d postgres -c "$settings" -c "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) $q"
    done | python3 -c '
import json, sys
text = sys.stdin.read()
dec = json.JSONDecoder()
times, i = [], 0
while i < len(text):
    if text[i].isspace():
        i += 1
        continue
    doc, i = dec.raw_decode(text, i)
    times.append(doc[0]["Execution Time"])
print(min(times))'
}

serial="SET max_parallel_workers_per_gather = 0"
parallel="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0"
flag=$(best "$serial" "SELECT team, count(*) FILTER (WHERE met) FROM ticket GROUP BY team")
bool=$(best "$serial" "SELECT team, slm.compliance_agg(met) FROM ticket GROUP BY team")
clock=$(best "$serial" "SELECT team, slm.compliance_agg(target, opened, closed) FROM ticket GROUP BY team")
status=$(best "$serial" "SELECT team, count(*) FILTER (WHERE slm.status(target, opened, closed, NULL) = 'met') FROM ticket GROUP BY team")
clock_par=$(best "$parallel" "SELECT team, slm.compliance_agg(target, opened, closed) FROM ticket GROUP BY team")
flag_par=$(best "$parallel" "SELECT team, count(*) FILTER (WHERE met) FROM ticket GROUP BY team")
workers=$(psql -X -qAt -d postgres -c "$parallel" -c "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON)
    SELECT team, slm.compliance_agg(target, opened, closed) FROM ticket GROUP BY team" |
    python3 -c 'import json, re, sys; print(max(map(int, re.findall(r"\"Workers Launched\": (\d+)", sys.stdin.read())) or [0]))')

python3 - "$ROWS" "$flag" "$bool" "$clock" "$status" "$clock_par" "$flag_par" "$workers" <<'PY'
import sys
rows = int(sys.argv[1])
flag, boolean, clock, status, clock_par, flag_par = map(float, sys.argv[2:8])
workers = int(sys.argv[8])
print(f"rows: {rows:,}, 20 teams, 4 targets on 3 calendars, serial plans")
for name, ms in (("count(*) FILTER (WHERE met)", flag),
                 ("slm.compliance_agg(met)", boolean),
                 ("slm.compliance_agg(target, start, stop)", clock),
                 ("count(*) FILTER (WHERE slm.status(...) = 'met')", status)):
    print(f"  {name:48s} {ms:9.1f} ms {rows / ms * 1000:13,.0f} rows/s  {ms / flag:5.2f}x the flag count")
print("goal: slm.compliance_agg within 3x of count(*) FILTER (WHERE met)")
print(f"parallel, {workers} workers launched:")
print(f"  {'slm.compliance_agg(target, start, stop)':48s} {clock_par:9.1f} ms  speed-up {clock / clock_par:4.2f}x")
print(f"  {'count(*) FILTER (WHERE met)':48s} {flag_par:9.1f} ms  speed-up {flag / flag_par:4.2f}x")
PY
