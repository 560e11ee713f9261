#!/usr/bin/env bash
# Benchmark of slm.underpinning: a one-year range of starts, a chain of
# three targets on calendars in three zones (with holidays, a lunch break,
# Saturdays and daylight saving time), against the brute force that
# evaluates the chain with slm.deadline at every hour of the year — which
# is sampled, not exact, and still 24 times coarser than needed to see a
# one-hour gap reliably. Twice: duration targets, then a chain and an SLA
# in business days (with a duration stage first).
#
#   bash test/bench/underpinning.sh
#
# Times are server execution times from EXPLAIN ANALYZE (best of 7 in one
# session, no parallel workers). It prints the ratio; it never fails on speed.
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/lib.sh

slm_install_deps
slm_build_install
trap slm_stop_servers EXIT
slm_start_server -c max_parallel_workers_per_gather=0
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE EXTENSION slm"

# Best execution time (ms) of a query run 7 times in one session (the
# first run compiles the calendars; the best is a warm one).
best() {
    local q=$1 args=()
    for _ in 1 2 3 4 5 6 7; do
        args+=(-c "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) $q")
    done
    psql -X -qAt -d postgres "${args[@]}" | python3 -c '
import json, sys
text, dec, i, times = sys.stdin.read(), json.JSONDecoder(), 0, []
while True:
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    doc, i = dec.raw_decode(text, i)
    times.append(doc[0]["Execution Time"])
print(min(times))'
}

# bench NAME SLA CHAIN: time the exact functions and the hourly brute
# force on one chain, print the figures and the ratio.
bench() {
    local name=$1 sla=$2 chain=$3 args exact gaps brute
    # the arguments come from a subquery the planner cannot fold into constants
    args="(SELECT $sla AS sla, $chain AS chain,
                  tstzrange('2026-01-01 00:00+00', '2027-01-01 00:00+00') AS r OFFSET 0) a"
    local EXACT="SELECT u.* FROM $args, slm.underpinning(a.sla, a.chain, a.r) u"
    local GAPS="SELECT count(*) FROM $args, slm.underpinning_gaps(a.sla, a.chain, a.r) g"
    local BRUTE="SELECT bool_and(dk <= ds) AS holds, min(slm.remaining(sla, t, dk)) AS worst_slack,
                  count(*) FILTER (WHERE dk > ds) AS failing_hours
           FROM (SELECT a.sla, t, slm.deadline(a.sla, t) AS ds,
                        slm.deadline(a.chain[3], slm.deadline(a.chain[2], slm.deadline(a.chain[1], t))) AS dk
                 FROM $args, generate_series(lower(a.r), upper(a.r) - interval '1 hour', interval '1 hour') t) s"

    echo "== $name"
    echo "exact:        $(psql -X -qAt -F ' | ' -d postgres -c "$EXACT")"
    echo "gaps:         $(psql -X -qAt -d postgres -c "$GAPS")"
    echo "hourly brute: $(psql -X -qAt -F ' | ' -d postgres -c "$BRUTE")"
    exact=$(best "$EXACT")
    gaps=$(best "$GAPS")
    brute=$(best "$BRUTE")
    python3 - "$exact" "$gaps" "$brute" <<'PY'
import sys
exact, gaps, brute = map(float, sys.argv[1:])
print(f"slm.underpinning, one year, 3 stages   {exact:9.2f} ms")
print(f"slm.underpinning_gaps, same            {gaps:9.2f} ms")
print(f"slm.deadline at every hour (8,760)     {brute:9.2f} ms")
print(f"brute force / exact                    {brute / exact:9.1f}x")
PY
}

bench "durations" \
    "'30h on (mon-fri 08:00-12:00, 13:00-18:00; 2026-04-03 closed; 2026-04-06 closed; 2026-12-24..2026-12-26 closed; tz Europe/Berlin)'::slm.target" \
    "ARRAY['4h on (mon-fri 08:00-18:00; sat 09:00-13:00; 2026-12-25 closed; tz Europe/Berlin)',
           '16h on (mon-fri 09:00-17:00; 2026-07-03 closed; 2026-11-26 closed; tz America/New_York)',
           '8h on (mon-fri 07:30-16:00; tz Australia/Lord_Howe)']::slm.target[]"
bench "business days" \
    "'5 business days on (mon-fri 08:00-12:00, 13:00-18:00; 2026-04-03 closed; 2026-04-06 closed; 2026-12-24..2026-12-26 closed; tz Europe/Berlin)'::slm.target" \
    "ARRAY['4h on (mon-fri 08:00-18:00; sat 09:00-13:00; 2026-12-25 closed; tz Europe/Berlin)',
           '2 business days on (mon-fri 09:00-17:00; 2026-07-03 closed; 2026-11-26 closed; tz America/New_York)',
           '1 business day on (mon-fri 07:30-16:00; 2026-01-26 closed; tz Australia/Lord_Howe)']::slm.target[]"
