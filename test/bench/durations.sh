#!/usr/bin/env bash
# Benchmark of slm.durations_agg over 1M tickets grouped by team, in one
# run over the same rows: against count(*) (the floor of any aggregate),
# sum(slm.elapsed(...)) (the clock alone) and percentile_disc over
# slm.elapsed(...) (the exact answer durations_agg approximates); then the
# speed-up of durations_agg with 2 parallel workers, and the size of the
# summaries.
#
#   bash test/bench/durations.sh [rows]
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
-- resolution times log-normal around 6 hours (sigma 1.5), a tenth open
CREATE TABLE ticket AS
SELECT g AS id, 'team' || g % 20 AS team, p.priority, p.target, o AS opened,
       CASE WHEN g / 20 % 10 = 0 THEN NULL
            ELSE o + round(21600 * exp(1.5 * sqrt(-2 * ln(u1)) * cos(2 * pi() * u2))) * interval '1 second' END AS closed
FROM generate_series(1::bigint, $ROWS) g
CROSS JOIN LATERAL (SELECT timestamptz '2025-01-06 00:00+00' + (g * 7919 % 200000) * interval '5 minutes' AS o,
                           (hashint8(g)::float8 + 2147483648.5) / 4294967296.0 AS u1,
                           (hashint8(-g)::float8 + 2147483648.5) / 4294967296.0 AS u2) t
JOIN policy p ON p.priority = 1 + g * 31 % 4;
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
count=$(best "$serial" "SELECT team, count(*) FROM ticket GROUP BY team")
clock=$(best "$serial" "SELECT team, sum(slm.elapsed(target, opened, closed)) FROM ticket GROUP BY team")
agg=$(best "$serial" "SELECT team, slm.durations_agg(target, opened, closed) FROM ticket GROUP BY team")
quant=$(best "$serial" "SELECT team, slm.quantile(d, 0.5), slm.quantile(d, 0.95), slm.share_within(d, '8 hours')
    FROM (SELECT team, slm.durations_agg(target, opened, closed) AS d FROM ticket GROUP BY team) s")
disc=$(best "$serial" "SELECT team, percentile_disc(array[0.5, 0.95]) WITHIN GROUP (ORDER BY slm.elapsed(target, opened, closed)),
    avg((slm.elapsed(target, opened, closed) <= interval '8 hours')::int)
    FROM ticket WHERE closed IS NOT NULL GROUP BY team")
agg_par=$(best "$parallel" "SELECT team, slm.durations_agg(target, opened, closed) FROM ticket GROUP BY team")
workers=$(psql -X -qAt -d postgres -c "$parallel" -c "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON)
    SELECT team, slm.durations_agg(target, opened, closed) FROM ticket GROUP BY team" |
    python3 -c 'import json, re, sys; print(max(map(int, re.findall(r"\"Workers Launched\": (\d+)", sys.stdin.read())) or [0]))')
sizes=$(psql -X -qAt -d postgres -c "SELECT min(pg_column_size(d)) || ' ' || round(avg(pg_column_size(d))) || ' ' || max(pg_column_size(d))
    || ' ' || pg_column_size(slm.rollup(d))
    FROM (SELECT team, slm.durations_agg(target, opened, closed) AS d FROM ticket GROUP BY team) s")

python3 - "$ROWS" "$count" "$clock" "$agg" "$quant" "$disc" "$agg_par" "$workers" $sizes <<'PY'
import sys
rows = int(sys.argv[1])
count, clock, agg, quant, disc, agg_par = map(float, sys.argv[2:8])
workers = int(sys.argv[8])
smin, savg, smax, sall = map(int, sys.argv[9:13])
print(f"rows: {rows:,}, 20 teams, 4 targets on 3 calendars, serial plans")
for name, ms in (("count(*)", count),
                 ("sum(slm.elapsed(...))", clock),
                 ("slm.durations_agg(target, start, stop)", agg),
                 ("  + quantile 0.5, 0.95, share_within 8h", quant),
                 ("percentile_disc(0.5, 0.95), avg(<= 8h)", disc)):
    print(f"  {name:44s} {ms:9.1f} ms {rows / ms * 1000:13,.0f} rows/s  {ms / count:6.2f}x count(*)")
print(f"durations_agg: {agg / clock:4.2f}x the clock alone, {disc / quant:4.2f}x faster than percentile_disc")
print(f"parallel, {workers} workers launched: durations_agg {agg_par:9.1f} ms, speed-up {agg / agg_par:4.2f}x")
print(f"summary size: per team {smin}..{smax} bytes (mean {savg}), all rows rolled up {sall} bytes")
PY
