#!/usr/bin/env bash
# Benchmark of the survey aggregates (src/kano.c, src/feedback.c).
#
# Builds and installs slm, starts a throwaway server, loads 1M survey answers
# over 20 features and compares, per feature, the time of
#   SELECT feature, slm.kano_agg(f, d) FROM t GROUP BY feature
# (and the label, importance, CSAT and NPS variants) with that of
#   SELECT feature, count(*) FROM t GROUP BY feature.
# Times are execution times from EXPLAIN (ANALYZE, TIMING OFF), best of 3
# rounds that each run every query once, in one backend without parallel
# workers. The goal is a ratio within 3;
# the script reports ratios and never fails on speed.
#
# Usage (from the repository root): test/bench/kano.sh [rows]

set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}

source test/lib.sh
slm_install_deps
slm_build_install
trap slm_stop_servers EXIT
slm_start_server -c shared_buffers=256MB -c max_parallel_workers_per_gather=0 \
    -c jit=off
createdb slm_bench

psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" slm_bench <<'SQL'
CREATE EXTENSION slm;
SELECT setseed(0.42) \g /dev/null
CREATE TABLE t AS
SELECT 'feature ' || lpad((i % 20)::text, 2, '0') AS feature,
       1 + floor(random() * 5)::int AS f,
       1 + floor(random() * 5)::int AS d,
       1 + floor(random() * 9)::float8 AS w,
       1 + floor(random() * 5)::int AS c,
       floor(random() * 11)::int AS n
FROM generate_series(1, :rows) i;
ALTER TABLE t ADD COLUMN ft text, ADD COLUMN dt text;
UPDATE t SET ft = (ARRAY['like', 'must-be', 'neutral', 'live-with', 'dislike'])[f],
             dt = (ARRAY['like', 'must-be', 'neutral', 'live-with', 'dislike'])[d];
VACUUM ANALYZE t;

-- Execution time of a query, in milliseconds.
CREATE FUNCTION run_ms(q text) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO plan;
    RETURN (plan -> 0 ->> 'Execution Time')::float8;
END
$$;

-- warm the cache
SELECT count(*) FROM t \g /dev/null
SELECT run_ms('SELECT feature, count(*) FROM t GROUP BY feature') \g /dev/null

CREATE TEMP TABLE bench(n serial, name text, query text);
INSERT INTO bench(name, query) VALUES
    ('count(*)', 'SELECT feature, count(*) FROM t GROUP BY feature'),
    ('kano_agg(int, int)', 'SELECT feature, slm.kano_agg(f, d) FROM t GROUP BY feature'),
    ('kano_agg(int, int, float8)', 'SELECT feature, slm.kano_agg(f, d, w) FROM t GROUP BY feature'),
    ('kano_agg(text, text)', 'SELECT feature, slm.kano_agg(ft, dt) FROM t GROUP BY feature'),
    ('csat_agg(int)', 'SELECT feature, slm.csat_agg(c) FROM t GROUP BY feature'),
    ('nps_agg(int)', 'SELECT feature, slm.nps_agg(n) FROM t GROUP BY feature'),
    ('avg(int) for reference', 'SELECT feature, avg(c) FROM t GROUP BY feature');
-- Rounds run every query once, so that a burst of load on the machine
-- hits all queries alike; each query keeps its best time.
CREATE TEMP TABLE run(n integer, ms float8);
DO $$
BEGIN
    FOR round IN 1..3 LOOP
        INSERT INTO run SELECT n, run_ms(query) FROM bench ORDER BY n;
    END LOOP;
END
$$;
CREATE TEMP TABLE result AS
SELECT b.n, b.name, min(r.ms) AS ms FROM bench b JOIN run r USING (n) GROUP BY b.n, b.name;

\echo
\echo 'best of 3, execution time, one backend'
SELECT r.name AS query, round(r.ms::numeric, 1) AS ms,
       round((r.ms / b.ms)::numeric, 2) AS ratio_to_count
FROM result r, result b
WHERE b.name = 'count(*)'
ORDER BY r.n;
SQL
