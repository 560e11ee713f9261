#!/usr/bin/env bash
# Benchmark of the business-time engine: rows per second of business_time
# and business_add over 1M rows against a bare "b - a", and the cost of a
# 10-year range against a 1-day range (goal: within 2x).
#
#   bash test/bench/calendar.sh [rows]
#
# Times are server execution times from EXPLAIN ANALYZE (best of 3, no
# parallel workers). It prints ratios; it never fails on speed.
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/lib.sh
ROWS=${1:-1000000}

slm_install_deps
slm_build_install
trap slm_stop_servers EXIT
slm_start_server -c max_parallel_workers_per_gather=0 -c shared_buffers=512MB -c work_mem=256MB
psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL
CREATE EXTENSION slm;
CREATE TABLE t AS
SELECT ts AS a,
       ts + (random() * interval '24 hours') AS b1,
       ts + interval '10 years' + (random() * interval '24 hours') AS b10,
       (random() * interval '12 hours') AS d
FROM (SELECT timestamptz '2020-01-01' + random() * interval '5 years' AS ts
      FROM generate_series(1, $ROWS)) s;
VACUUM ANALYZE t;
SQL

CAL="'mon-fri 08:00-12:00, 13:00-18:00; sat 09:00-13:00; 2020-12-24..2020-12-26 closed; 2021-12-24..2021-12-26 closed; 2022-12-24..2022-12-26 closed; 2023-12-24..2023-12-26 closed; 2024-12-24..2024-12-26 closed; 2025-12-24 09:00-12:00; tz Europe/Berlin'::slm.calendar"

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

base=$(best "SELECT max(b1 - a) FROM t")
bt1=$(best "SELECT max(slm.business_time($CAL, a, b1)) FROM t")
bt10=$(best "SELECT max(slm.business_time($CAL, a, b10)) FROM t")
ba=$(best "SELECT max(slm.business_add($CAL, a, d)) FROM t")
base_add=$(best "SELECT max(a + d) FROM t")
cal_utc="'mon-fri 08:00-12:00, 13:00-18:00'::slm.calendar"
utc1=$(best "SELECT max(slm.business_time($cal_utc, a, b1)) FROM t")
utc10=$(best "SELECT max(slm.business_time($cal_utc, a, b10)) FROM t")

python3 - "$ROWS" "$base" "$bt1" "$bt10" "$ba" "$base_add" "$utc1" "$utc10" <<'PY'
import sys
rows = int(sys.argv[1])
base, bt1, bt10, ba, base_add, utc1, utc10 = map(float, sys.argv[2:])
def rate(ms): return f"{rows / (ms / 1000):>12,.0f} rows/s"
print(f"rows: {rows:,}")
print(f"b - a (baseline)                    {base:9.1f} ms {rate(base)}")
print(f"business_time, 1-day ranges         {bt1:9.1f} ms {rate(bt1)}  {bt1 / base:5.2f}x baseline")
print(f"business_time, 10-year ranges       {bt10:9.1f} ms {rate(bt10)}  {bt10 / base:5.2f}x baseline")
print(f"a + d (baseline)                    {base_add:9.1f} ms {rate(base_add)}")
print(f"business_add, up to 12h            {ba:9.1f} ms {rate(ba)}  {ba / base_add:5.2f}x baseline")
print(f"10-year / 1-day (Europe/Berlin)     {bt10 / bt1:5.2f}x   (goal: within 2x)")
print(f"10-year / 1-day (UTC)               {utc10 / utc1:5.2f}x   (goal: within 2x)")
PY
