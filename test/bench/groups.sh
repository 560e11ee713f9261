#!/usr/bin/env bash
# Benchmark of outage_agg and availability_agg over many small groups under
# HashAggregate, against array_agg over the same rows: the cost per group
# must not grow with the number of groups.
#
#   bash test/bench/groups.sh [groups] [rows per group]
#
# Defaults: 300,000 groups of 3 rows, at work_mem 64MB (the hash table
# spills to disk) and 1GB (it does not). Times are server execution times
# from EXPLAIN ANALYZE, best of BENCH_REPS runs (default 3), no parallel
# workers, no JIT. It prints ratios; it never fails on speed.
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/lib.sh
NGROUPS=${1:-300000}
PER=${2:-3}
REPS=${BENCH_REPS:-3}

slm_install_deps
slm_build_install
trap slm_stop_servers EXIT
slm_start_server -c max_parallel_workers_per_gather=0 -c shared_buffers=512MB -c jit=off
psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL
CREATE EXTENSION slm;
-- outages of up to 2 hours at random over a year, PER rows per group
CREATE TABLE g AS
SELECT i % $NGROUPS AS k,
       tstzrange(s, s + random() * interval '2 hours') AS r
FROM (SELECT i, timestamptz '2025-01-01' + random() * interval '365 days' AS s
      FROM generate_series(1, $NGROUPS * $PER) i) x;
VACUUM ANALYZE g;
SQL

# Best execution time (ms) of a grouped query under HashAggregate.
best() {
    local wm=$1 q=$2 best=""
    for _ in $(seq "$REPS"); do
        local ms
        ms=$(psql -X -qAt -d postgres -c "SET work_mem = '$wm'" -c "SET enable_sort = off" \
                  -c "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) $q" |
             python3 -c '
import json, sys
plan = json.load(sys.stdin)[0]
assert plan["Plan"]["Node Type"] == "Aggregate" and plan["Plan"]["Strategy"] == "Hashed", plan["Plan"]
print(plan["Execution Time"])')
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $ms < $best else 1)"; then best=$ms; fi
    done
    echo "$best"
}

CAL="'mon-fri 08:00-18:00; tz Europe/Berlin'::slm.calendar"
PERIOD="'[2025-01-01, 2026-01-01)'::tstzrange"

results=()
for wm in 64MB 1GB; do
    results+=("$wm"
              "$(best $wm "SELECT k, array_agg(r) FROM g GROUP BY k")"
              "$(best $wm "SELECT k, slm.outage_agg(r) FROM g GROUP BY k")"
              "$(best $wm "SELECT k, slm.availability_agg(r, $CAL, $PERIOD) FROM g GROUP BY k")")
done

python3 - "$NGROUPS" "$PER" "${results[@]}" <<'PY'
import sys
groups, per = int(sys.argv[1]), int(sys.argv[2])
print(f"{groups:,} groups of {per} rows, HashAggregate")
args = sys.argv[3:]
for i in range(0, len(args), 4):
    wm = args[i]
    core, ours, avail = map(float, args[i + 1:i + 4])
    print(f"work_mem {wm:>5}  array_agg         {core:9.1f} ms")
    print(f"work_mem {wm:>5}  outage_agg        {ours:9.1f} ms  {ours / core:6.2f}x array_agg")
    print(f"work_mem {wm:>5}  availability_agg  {avail:9.1f} ms  {avail / core:6.2f}x array_agg")
PY
