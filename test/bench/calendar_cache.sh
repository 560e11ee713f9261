#!/usr/bin/env bash
# Memory a session keeps for compiled calendars: 40 large calendars (100,000
# dated days each, the documented limit), each used once, then the session
# sits idle. Prints what pg_backend_memory_contexts reports for the
# calendar cache and for the whole session, at the default
# slm.calendar_cache_size and at 1GB (room for all of them), and how long
# the 40 calls took.
#
#   bash test/bench/calendar_cache.sh [calendars]
#
# It prints measurements; it never fails on them.
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/lib.sh
N=${1:-40}

slm_install_deps
slm_build_install
trap slm_stop_servers EXIT
slm_start_server -c max_parallel_workers_per_gather=0
psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL
CREATE EXTENSION slm;
-- weekly hours plus 100,000 dated days of two spans each, one minute apart
-- from one calendar to the next
CREATE TABLE big AS
SELECT c AS id,
       ('mon-fri 09:00-17:00; ' ||
        (SELECT string_agg(to_char(date '2000-01-01' + d, 'YYYY-MM-DD') || ' 08:' ||
                           lpad((c % 60)::text, 2, '0') || '-12:00, 13:00-17:00', '; ')
         FROM generate_series(0, 99999) d) ||
        '; tz Europe/Berlin')::slm.calendar AS cal
FROM generate_series(1, $N) c;
SQL

# One session: use every calendar once, then report its memory.
measure() {
    local setting=$1
    psql -X -qAt -v ON_ERROR_STOP=1 -d postgres <<SQL
$setting
\\timing on
SELECT count(slm.business_time(cal, '2026-01-01', '2026-02-01')) FROM big;
\\timing off
SELECT coalesce(current_setting('slm.calendar_cache_size', true), 'none (0.1.0)'),
       count(*) FILTER (WHERE name IN ('slm clock')),
       pg_size_pretty(coalesce(sum(total_bytes) FILTER (WHERE name IN ('slm clock', 'slm clocks', 'slm calendar cache')), 0)),
       pg_size_pretty(sum(total_bytes))
FROM pg_backend_memory_contexts;
SQL
}

printf '%-14s %-8s %-14s %-14s %s\n' setting kept cache session "time for $N calls"
for setting in "" "SET slm.calendar_cache_size = '1GB';"; do
    out=$(measure "$setting")
    time_ms=$(echo "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
    IFS='|' read -r value kept cache session < <(echo "$out" | tail -1)
    printf '%-14s %-8s %-14s %-14s %s ms\n' "$value" "$kept" "$cache" "$session" "$time_ms"
done
