-- outage_agg, availability_agg and rollup over many groups: HashAggregate
-- (in memory and spilling to disk), grouping sets and window aggregates give
-- the same answers as sorted GroupAggregate. The states of all groups share
-- one memory context; these plans create, reset and free it in every way
-- the executor does.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET max_parallel_workers_per_gather = 0;
SET jit = off;

-- whether the plan of a query has a node whose line matches a pattern
CREATE FUNCTION pg_temp.plan_has(q text, pattern text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        IF line ~ pattern THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END $$;

-- 20,011 groups of about 5 rows, in no order, overlapping within a group,
-- with NULL ranges (every 97th row) and empty ones (every 300th); and 10
-- groups of 1,000 rows each, which grow and merge their buffers many times.
-- Outages start anywhere in 2026 and last up to 5 hours, so some reach into
-- 2027, past the period.
CREATE TABLE avg_rows AS
SELECT (i % 20011)::int AS k, (i % 7)::int AS k2,
       CASE WHEN i % 97 = 0 THEN NULL
            ELSE tstzrange(timestamptz '2026-01-01' + ((i * 104729) % 525600) * interval '1 minute',
                           timestamptz '2026-01-01' + ((i * 104729) % 525600 + i % 300) * interval '1 minute')
       END AS r
FROM generate_series(1::bigint, 100000) i
UNION ALL
SELECT 20011 + i % 10, i % 7,
       tstzrange(timestamptz '2026-01-01' + ((i * 7919) % 8760) * interval '1 hour',
                 timestamptz '2026-01-01' + ((i * 7919) % 8760 + i % 4) * interval '1 hour')
FROM generate_series(1, 10000) i;
ANALYZE avg_rows;

-- the query under test, and where its results go: outage_agg, and
-- availability_agg with one calendar for all groups and with one of three
-- calendars by group (new groups then alternate between calendars)
CREATE TABLE avg_result (plan text, k int, o text, a float8, a3 float8);
CREATE FUNCTION pg_temp.run(label text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO avg_result
    SELECT label, k, slm.outage_agg(r)::text,
           slm.availability_agg(r, 'mon-fri 08:00-18:00; tz Europe/Berlin', '[2026-01-01, 2027-01-01)'),
           slm.availability_agg(r, (ARRAY['mon-fri 08:00-18:00; tz Europe/Berlin',
                                          '24x7',
                                          'mon-sat 06:00-22:00; 2026-12-24..2026-12-26 closed; tz America/New_York']
                                    )[k % 3 + 1]::slm.calendar,
                                '[2026-01-01, 2027-01-01)')
    FROM avg_rows GROUP BY k;
END $$;

-- sorted, the reference
SET enable_hashagg = off;
SELECT pg_temp.plan_has('SELECT k, slm.outage_agg(r) FROM avg_rows GROUP BY k', 'GroupAggregate') AS sorted;
SELECT pg_temp.run('sorted');
RESET enable_hashagg;

-- hashed, all groups in memory
SET enable_sort = off;
SET work_mem = '1GB';
SELECT pg_temp.plan_has('SELECT k, slm.outage_agg(r) FROM avg_rows GROUP BY k', 'HashAggregate') AS hashed;
SELECT pg_temp.run('hashed');

-- hashed, spilling: the states are freed and built again batch by batch
SET work_mem = '64kB';
SELECT pg_temp.plan_has('SELECT k, slm.outage_agg(r) FROM avg_rows GROUP BY k', 'HashAggregate') AS hashed_spilling;
SELECT pg_temp.run('spilling');
RESET work_mem;
RESET enable_sort;
ANALYZE avg_result;

-- every group, in every plan; and no answer differs from the sorted one
SELECT plan, count(*) AS groups, count(o) AS with_outages, count(a) AS with_availability,
       count(a3) AS with_availability3
FROM avg_result GROUP BY plan ORDER BY plan;
SELECT h.plan, count(*) AS differ
FROM avg_result h JOIN avg_result s ON s.plan = 'sorted' AND s.k = h.k
WHERE h.plan <> 'sorted' AND (h.o IS DISTINCT FROM s.o OR h.a IS DISTINCT FROM s.a OR h.a3 IS DISTINCT FROM s.a3)
GROUP BY h.plan;
-- each group was measured on its own calendar: only those on the first one
-- agree with the one-calendar column
SELECT k % 3 AS calendar, count(*) AS groups, count(*) FILTER (WHERE a3 = a) AS same_as_one_calendar
FROM avg_result WHERE plan = 'sorted' GROUP BY 1 ORDER BY 1;
-- the reference agrees with PostgreSQL's own union of ranges
SELECT count(*) AS groups, count(*) FILTER (WHERE s.o::slm.outages::tstzmultirange IS DISTINCT FROM m.u) AS differ
FROM avg_result s JOIN (SELECT k, range_agg(r) AS u FROM avg_rows GROUP BY k) m USING (k)
WHERE s.plan = 'sorted';
-- the big groups were merged into fewer disjoint outages (group 20011 has
-- 500 non-empty ranges, 20012 has 1,000)
SELECT k, slm.outage_count(o::slm.outages, '[2026-01-01, 2027-01-01)') AS outages
FROM avg_result WHERE plan = 'sorted' AND k >= 20011 ORDER BY k LIMIT 3;

-- rollup of per-(k, k2) summaries into per-k ones, hashed at both levels,
-- equals outage_agg per k
SET enable_sort = off;
SELECT pg_temp.plan_has($$SELECT k, slm.rollup(o) FROM (SELECT k, k2, slm.outage_agg(r) AS o
                          FROM avg_rows GROUP BY k, k2) d GROUP BY k$$, 'HashAggregate') AS hashed_rollup;
SELECT count(*) AS groups, count(*) FILTER (WHERE d.o::text IS DISTINCT FROM s.o) AS differ
FROM (SELECT k, slm.rollup(o) AS o
      FROM (SELECT k, k2, slm.outage_agg(r) AS o FROM avg_rows GROUP BY k, k2) d0
      GROUP BY k) d
JOIN avg_result s ON s.plan = 'sorted' AND s.k = d.k;
RESET enable_sort;

-- grouping sets: several hash tables (and, sorted, one aggregate context per
-- set) in one node, two slm aggregates side by side
CREATE TABLE avg_sets (plan text, k int, k2 int, o text, a float8);
SET enable_sort = off;
SELECT pg_temp.plan_has('SELECT k, k2, slm.outage_agg(r) FROM avg_rows GROUP BY GROUPING SETS ((k), (k2), ())',
                        'HashAggregate|MixedAggregate') AS hashed_sets;
INSERT INTO avg_sets
SELECT 'hashed', k, k2, slm.outage_agg(r)::text,
       slm.availability_agg(r, 'mon-fri 08:00-18:00; tz Europe/Berlin', '[2026-01-01, 2027-01-01)')
FROM avg_rows GROUP BY GROUPING SETS ((k), (k2), ());
RESET enable_sort;
SET enable_hashagg = off;
SELECT pg_temp.plan_has('SELECT k, k2, slm.outage_agg(r) FROM avg_rows GROUP BY GROUPING SETS ((k), (k2), ())',
                        'GroupAggregate') AS sorted_sets;
INSERT INTO avg_sets
SELECT 'sorted', k, k2, slm.outage_agg(r)::text,
       slm.availability_agg(r, 'mon-fri 08:00-18:00; tz Europe/Berlin', '[2026-01-01, 2027-01-01)')
FROM avg_rows GROUP BY GROUPING SETS ((k), (k2), ());
RESET enable_hashagg;
ANALYZE avg_sets;
SELECT plan, count(*) AS groups FROM avg_sets GROUP BY plan ORDER BY plan;
SELECT count(*) AS differ
FROM avg_sets h JOIN avg_sets s ON s.plan = 'sorted'
     AND coalesce(s.k, -1) = coalesce(h.k, -1) AND coalesce(s.k2, -1) = coalesce(h.k2, -1)
WHERE h.plan = 'hashed' AND (h.o IS DISTINCT FROM s.o OR h.a IS DISTINCT FROM s.a);
-- the per-k sets equal the plain grouping
SELECT count(*) AS differ
FROM avg_sets h JOIN avg_result s ON s.plan = 'sorted' AND s.k = h.k
WHERE h.plan = 'hashed' AND h.k2 IS NULL AND (h.o IS DISTINCT FROM s.o OR h.a IS DISTINCT FROM s.a);

-- window aggregates: a running state read after every row, and the whole
-- partition's at its last row
SELECT count(*) AS groups, count(*) FILTER (WHERE w.o::text IS DISTINCT FROM s.o) AS differ
FROM (SELECT DISTINCT ON (k) k, o
      FROM (SELECT k, slm.outage_agg(r) OVER (PARTITION BY k ORDER BY lower(r), upper(r)
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS o,
                   row_number() OVER (PARTITION BY k ORDER BY lower(r) DESC, upper(r) DESC) AS back
            FROM avg_rows) x
      WHERE back = 1 ORDER BY k) w
JOIN avg_result s ON s.plan = 'sorted' AND s.k = w.k;
SELECT count(*) AS groups, count(*) FILTER (WHERE w.o::text IS DISTINCT FROM s.o) AS differ
FROM (SELECT DISTINCT ON (k) k, o
      FROM (SELECT k, slm.outage_agg(r) OVER (PARTITION BY k) AS o FROM avg_rows) x
      ORDER BY k) w
JOIN avg_result s ON s.plan = 'sorted' AND s.k = w.k;

DROP TABLE avg_rows, avg_result, avg_sets;
