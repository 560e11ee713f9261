#!/usr/bin/env bash
# Benchmark of outage_agg against range_agg, the built-in union of ranges:
# time over 1M rows in one group and in 100 groups, the memory the grouped
# aggregation holds, and availability computed on top of each.
#
#   bash test/bench/availability.sh [rows]
#
# Times are server execution times from EXPLAIN ANALYZE (best of 3, no
# parallel workers); memory is the hash aggregate's peak. It prints ratios;
# it never fails on speed.
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/lib.sh
ROWS=${1:-1000000}

slm_install_deps
slm_build_install
trap slm_stop_servers EXIT
slm_start_server -c max_parallel_workers_per_gather=0 -c shared_buffers=512MB -c work_mem=1GB
psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL
CREATE EXTENSION slm;
-- 100 services; outages up to 2 hours at random over a year, so that rows
-- overlap (sparse), and the same rows squeezed into a week (dense: many
-- rows, few disjoint outages)
CREATE TABLE t AS
SELECT g % 100 AS service,
       tstzrange(s, s + random() * interval '2 hours') AS sparse,
       tstzrange(w, w + random() * interval '2 hours') AS dense
FROM (SELECT g, timestamptz '2025-01-01' + random() * interval '365 days' AS s,
             timestamptz '2025-01-01' + random() * interval '7 days' AS w
      FROM generate_series(1, $ROWS) g) x;
VACUUM ANALYZE t;
SQL

# Best-of-3 execution time (ms) of a query.
best() {
    local q=$1 best=""
    for _ in 1 2 3; do
        local ms
        ms=$(psql -X -qAt -d postgres -c "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) $q" |
             python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $ms < $best else 1)"; then best=$ms; fi
    done
    echo "$best"
}

# Peak memory (kB) of the hash aggregate of a grouped query.
peak() {
    psql -X -qAt -d postgres -c "SET enable_sort = off" \
         -c "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) $1" |
        python3 -c '
import json, sys
def walk(n):
    if "Peak Memory Usage" in n:
        return n["Peak Memory Usage"]
    for c in n.get("Plans", []):
        m = walk(c)
        if m is not None:
            return m
print(walk(json.loads(sys.stdin.read())[0]["Plan"]))'
}

CAL="'mon-fri 08:00-18:00; tz Europe/Berlin'::slm.calendar"
PERIOD="'[2025-01-01, 2026-01-01)'::tstzrange"

one_ours=$(best "SELECT slm.outage_agg(sparse) FROM t")
one_core=$(best "SELECT range_agg(sparse) FROM t")
grp_ours=$(best "SELECT service, slm.outage_agg(sparse) FROM t GROUP BY service")
grp_core=$(best "SELECT service, range_agg(sparse) FROM t GROUP BY service")
dense_ours=$(best "SELECT slm.outage_agg(dense) FROM t")
dense_core=$(best "SELECT range_agg(dense) FROM t")
av_ours=$(best "SELECT service, slm.availability(slm.outage_agg(sparse), $CAL, $PERIOD) FROM t GROUP BY service")
av_core=$(best "SELECT service, slm.availability(range_agg(sparse), $CAL, $PERIOD) FROM t GROUP BY service")
av_agg=$(best "SELECT service, slm.availability_agg(sparse, $CAL, $PERIOD) FROM t GROUP BY service")
mem_ours=$(peak "SELECT service, slm.outage_agg(sparse) FROM t GROUP BY service")
mem_core=$(peak "SELECT service, range_agg(sparse) FROM t GROUP BY service")
dmem_ours=$(peak "SELECT service, slm.outage_agg(dense) FROM t GROUP BY service")
dmem_core=$(peak "SELECT service, range_agg(dense) FROM t GROUP BY service")
merged=$(psql -X -qAt -d postgres -c "SELECT sum(slm.outage_count(o, $PERIOD)), sum(slm.outage_count(d, $PERIOD))
                                       FROM (SELECT slm.outage_agg(sparse) o, slm.outage_agg(dense) d FROM t GROUP BY service) x")

python3 - "$ROWS" "$one_ours" "$one_core" "$grp_ours" "$grp_core" "$dense_ours" "$dense_core" \
    "$av_ours" "$av_core" "$av_agg" "$mem_ours" "$mem_core" "$dmem_ours" "$dmem_core" "$merged" <<'PY'
import sys
rows = int(sys.argv[1])
(one_ours, one_core, grp_ours, grp_core, dense_ours, dense_core,
 av_ours, av_core, av_agg, mem_ours, mem_core, dmem_ours, dmem_core) = map(float, sys.argv[2:15])
sparse_n, dense_n = sys.argv[15].split("|")
def rate(ms): return f"{rows / (ms / 1000):>12,.0f} rows/s"
print(f"rows: {rows:,}; disjoint outages after merging: sparse {int(sparse_n):,}, dense {int(dense_n):,}")
print(f"one group    outage_agg        {one_ours:9.1f} ms {rate(one_ours)}  {one_ours / one_core:5.2f}x range_agg ({one_core:.1f} ms)")
print(f"100 groups   outage_agg        {grp_ours:9.1f} ms {rate(grp_ours)}  {grp_ours / grp_core:5.2f}x range_agg ({grp_core:.1f} ms)")
print(f"dense        outage_agg        {dense_ours:9.1f} ms {rate(dense_ours)}  {dense_ours / dense_core:5.2f}x range_agg ({dense_core:.1f} ms)")
print(f"availability over outage_agg   {av_ours:9.1f} ms {rate(av_ours)}  {av_ours / av_core:5.2f}x over range_agg ({av_core:.1f} ms)")
print(f"availability_agg               {av_agg:9.1f} ms {rate(av_agg)}  {av_agg / av_core:5.2f}x availability over range_agg")
print(f"hash aggregate peak, sparse    {mem_ours:9.0f} kB   {mem_ours / mem_core:5.2f}x range_agg ({mem_core:.0f} kB)")
print(f"hash aggregate peak, dense     {dmem_ours:9.0f} kB   {dmem_ours / dmem_core:5.2f}x range_agg ({dmem_core:.0f} kB)")
PY
