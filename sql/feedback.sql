--
-- Customer feedback: csat_agg and nps_agg, their summaries, accessors and
-- rollup
--
\pset null '(null)'

--
-- CSAT: satisfied means a score of scale - 1 or more (the top two boxes)
--
-- 1..5 once each: 4 and 5 are satisfied, 2 of 5; mean 3.
SELECT c, slm.csat(c), slm.mean(c), slm.responses(c), slm.satisfied(c)
FROM (SELECT slm.csat_agg(s) AS c FROM generate_series(1, 5) s) x;
-- the scale given explicitly; 3, 7 and 10 point scales
SELECT scale, c, slm.satisfied(c), round(slm.csat(c)::numeric, 4) AS csat,
       slm.mean(c), slm.responses(c)
FROM (SELECT scale, slm.csat_agg(s, scale) AS c
      FROM (VALUES (3), (5), (7), (10)) v(scale), generate_series(1, scale) s
      GROUP BY scale) x
ORDER BY scale;
-- only satisfied answers, no satisfied answers
SELECT slm.csat(slm.csat_agg(s)) AS all_satisfied FROM (VALUES (4), (5), (5)) v(s);
SELECT slm.csat(slm.csat_agg(s)) AS none_satisfied FROM (VALUES (1), (2), (3)) v(s);

-- NULL scores are ignored; a group without scores, or without rows, is NULL.
SELECT slm.csat_agg(s) FROM (VALUES (5), (NULL), (2)) v(s);
SELECT slm.csat_agg(s) IS NULL AS all_null FROM (VALUES (NULL::integer), (NULL)) v(s);
SELECT slm.csat_agg(s) IS NULL AS no_rows FROM generate_series(1, 0) s;
SELECT g, slm.csat_agg(s) FROM (VALUES (1, NULL::integer), (2, 4)) v(g, s) GROUP BY g ORDER BY g;
-- a NULL scale ignores the row too
SELECT slm.csat_agg(s, scale) FROM (VALUES (5, 5), (1, NULL)) v(s, scale);

-- A row csat_agg cannot judge is counted as invalid and left out: a score
-- outside 1..scale, or a scale below 3. The aggregate goes on.
SELECT c, slm.responses(c), slm.invalid(c), slm.csat(c), slm.mean(c)
FROM (SELECT slm.csat_agg(s) AS c FROM (VALUES (5), (6), (0), (-2147483648), (4)) v(s)) x;
SELECT slm.csat_agg(0);
SELECT slm.csat_agg(-3, 7);
SELECT slm.csat_agg(11, 10);
SELECT slm.csat_agg(10, 10);
-- A scale below 3 makes the row invalid; a summary of such rows only has
-- scale 0, and merges with a summary on any scale.
SELECT slm.csat_agg(1, 2);
SELECT slm.csat_agg(s, scale) FROM (VALUES (1, 2), (7, 7), (3, -1), (8, 7)) v(s, scale);
SELECT slm.rollup(c)
FROM (VALUES ('(scale=0,responses=0,satisfied=0,sum=0,invalid=2)'::slm.csat),
             ('(scale=7,responses=1,satisfied=1,sum=7,invalid=1)')) v(c);
-- Rows on different scales are a usage error, not bad data: still an error,
-- also when the rows on the other scale have out-of-range scores.
SELECT slm.csat_agg(s, scale) FROM (VALUES (5, 5), (7, 7)) v(s, scale);
SELECT slm.csat_agg(s, scale) FROM (VALUES (5, 5), (9, 7)) v(s, scale);

-- Different scales are invalid_parameter_value (22023); malformed text is
-- invalid_text_representation (22P02).
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
SELECT q AS statement, pg_temp.sqlstate(q)
FROM unnest(ARRAY[
    'SELECT slm.csat_agg(s, scale) FROM (VALUES (5, 5), (7, 7)) v(s, scale)',
    'SELECT slm.csat_agg_combine(slm.csat_agg(1), slm.csat_agg(1, 7))',
    'SELECT ''(scale=5)''::slm.csat',
    'SELECT ''(promoters=1)''::slm.nps'
]) WITH ORDINALITY AS t(q, n) ORDER BY n;

--
-- CSAT text and binary form
--
SELECT c::text = (c::text)::slm.csat::text AS round_trip, c
FROM (SELECT slm.csat_agg(s, 7) AS c FROM generate_series(1, 7) s) x;
SELECT ' ( scale = 5 , responses = 2 , satisfied = 1 , sum = 7 , invalid = 3 ) '::slm.csat;
-- the form of slm 0.1.0, without the invalid count, still reads
SELECT ' ( scale = 5 , responses = 2 , satisfied = 1 , sum = 7 ) '::slm.csat;
-- no answers: every figure NULL
SELECT c, slm.csat(c), slm.mean(c), slm.responses(c), slm.satisfied(c)
FROM (SELECT '(scale=5,responses=0,satisfied=0,sum=0)'::slm.csat AS c) x;
-- malformed
SELECT '(scale=5,responses=2)'::slm.csat;
SELECT '(scale=5,responses=2,satisfied=1,total=7)'::slm.csat;
SELECT '(scale=5;responses=2,satisfied=1,sum=7)'::slm.csat;
SELECT '(scale=5,responses=2,satisfied=1,sum=7,invalid=-1)'::slm.csat;
SELECT '(scale=5,responses=2,satisfied=1,sum=7,invalid=1,x=2)'::slm.csat;
SELECT '(scale=5,responses=2,satisfied=1,sum=7,)'::slm.csat;
SELECT '(scale=0,responses=1,satisfied=0,sum=1,invalid=1)'::slm.csat;
SELECT '(scale=99999999999,responses=2,satisfied=1,sum=7)'::slm.csat;
-- well formed but impossible: a scale of 2, more satisfied than answers,
-- sums outside what the counts allow (2 answers, 1 satisfied on 1..5:
-- from 4 + 1 = 5 to 5 + 3 = 8)
SELECT '(scale=2,responses=2,satisfied=1,sum=3)'::slm.csat;
SELECT '(scale=5,responses=2,satisfied=3,sum=8)'::slm.csat;
SELECT '(scale=5,responses=2,satisfied=1,sum=4)'::slm.csat;
SELECT '(scale=5,responses=2,satisfied=1,sum=5)'::slm.csat;
SELECT '(scale=5,responses=2,satisfied=1,sum=8)'::slm.csat;
SELECT '(scale=5,responses=2,satisfied=1,sum=9)'::slm.csat;
SELECT '(scale=2147483647,responses=9223372036854775807,satisfied=9223372036854775807,sum=9223372036854775807)'::slm.csat;

CREATE TEMP TABLE csat_bin(c slm.csat);
INSERT INTO csat_bin SELECT slm.csat_agg(s, 7) FROM generate_series(1, 7) s;
INSERT INTO csat_bin VALUES ('(scale=5,responses=0,satisfied=0,sum=0)');
\copy csat_bin TO 'results/csat.bin' (FORMAT binary)
CREATE TEMP TABLE csat_bin2(c slm.csat);
\copy csat_bin2 FROM 'results/csat.bin' (FORMAT binary)
SELECT c FROM csat_bin2;
-- raw bytes: version, scale, responses, satisfied, sum, and since format
-- version 2 the invalid count; version 1 is the binary form of slm 0.1.0
CREATE TEMP TABLE raw_bin(b bytea);
INSERT INTO raw_bin VALUES ('\x01'::bytea || int4send(5) || int8send(2) || int8send(1) || int8send(6));
\copy raw_bin TO 'results/csat_raw.bin' (FORMAT binary)
\copy csat_bin2 FROM 'results/csat_raw.bin' (FORMAT binary)
SELECT c FROM csat_bin2 ORDER BY c::text;
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES ('\x02'::bytea || int4send(7) || int8send(2) || int8send(1) || int8send(9) || int8send(4));
\copy raw_bin TO 'results/csat_raw.bin' (FORMAT binary)
\copy csat_bin2 FROM 'results/csat_raw.bin' (FORMAT binary)
SELECT c, slm.invalid(c) FROM csat_bin2 ORDER BY c::text;
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES ('\x02'::bytea || int4send(5) || int8send(2) || int8send(1) || int8send(6));
\copy raw_bin TO 'results/csat_raw.bin' (FORMAT binary)
\copy csat_bin2 FROM 'results/csat_raw.bin' (FORMAT binary)
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES ('\x03'::bytea || int4send(5) || int8send(2) || int8send(1) || int8send(6) || int8send(0));
\copy raw_bin TO 'results/csat_raw.bin' (FORMAT binary)
\copy csat_bin2 FROM 'results/csat_raw.bin' (FORMAT binary)
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES ('\x01'::bytea || int4send(5) || int8send(2) || int8send(3) || int8send(6));
\copy raw_bin TO 'results/csat_raw.bin' (FORMAT binary)
\copy csat_bin2 FROM 'results/csat_raw.bin' (FORMAT binary)
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES ('\x01'::bytea || int4send(1) || int8send(2) || int8send(1) || int8send(2));
\copy raw_bin TO 'results/csat_raw.bin' (FORMAT binary)
\copy csat_bin2 FROM 'results/csat_raw.bin' (FORMAT binary)

--
-- CSAT rollup and the support functions
--
SELECT c, slm.csat(c), slm.mean(c)
FROM (SELECT slm.rollup(c) AS c
      FROM (VALUES ('(scale=5,responses=2,satisfied=1,sum=7)'::slm.csat),
                   (NULL), ('(scale=5,responses=3,satisfied=3,sum=14)')) v(c)) x;
SELECT slm.rollup(c) IS NULL AS no_rows FROM csat_bin WHERE false;
SELECT slm.rollup(c)
FROM (VALUES ('(scale=5,responses=2,satisfied=1,sum=7)'::slm.csat),
             ('(scale=7,responses=1,satisfied=1,sum=7)')) v(c);
SELECT slm.csat_agg_combine(c, c) AS twice, c AS unchanged,
       slm.csat_agg_combine(NULL, c)::text = c::text AS null_left,
       slm.csat_agg_combine(c, NULL)::text = c::text AS null_right,
       slm.csat_agg_combine(NULL, NULL) AS both_null
FROM (SELECT '(scale=5,responses=2,satisfied=1,sum=7)'::slm.csat AS c) x;
SELECT slm.csat_agg_trans(c, 5) AS after, c AS unchanged,
       slm.csat_agg_trans(NULL, 3, 3) AS fresh
FROM (SELECT '(scale=5,responses=2,satisfied=1,sum=7)'::slm.csat AS c) x;

--
-- NPS: promoters 9-10, passives 7-8, detractors 0-6;
-- NPS = % promoters - % detractors
--
-- 0..10 once each: 2 promoters, 2 passives, 7 detractors: (2 - 7) / 11
SELECT n, round(slm.nps(n)::numeric, 4) AS nps, slm.promoters(n),
       slm.passives(n), slm.detractors(n), slm.responses(n)
FROM (SELECT slm.nps_agg(s) AS n FROM generate_series(0, 10) s) x;
-- the boundaries, one score at a time
SELECT s, slm.promoters(n), slm.passives(n), slm.detractors(n), slm.nps(n)
FROM (SELECT s, slm.nps_agg(s) AS n FROM generate_series(0, 10) s GROUP BY s) x
ORDER BY s;
-- as many promoters as detractors: 0, not -0
SELECT slm.nps(slm.nps_agg(s)) FROM (VALUES (10), (0), (8)) v(s);
-- NULL scores are ignored; a group without scores, or without rows, is NULL.
SELECT slm.nps_agg(s) FROM (VALUES (9), (NULL), (3)) v(s);
SELECT slm.nps_agg(s) IS NULL AS all_null FROM (VALUES (NULL::integer)) v(s);
SELECT slm.nps_agg(s) IS NULL AS no_rows FROM generate_series(1, 0) s;
-- A score outside 0..10 is counted as invalid and left out.
SELECT n, slm.responses(n), slm.invalid(n), slm.nps(n)
FROM (SELECT slm.nps_agg(s) AS n FROM (VALUES (10), (11), (-1), (2147483647), (0)) v(s)) x;
SELECT slm.nps_agg(-1);
SELECT slm.nps_agg_trans(NULL, 11);

--
-- NPS text and binary form
--
SELECT n::text = (n::text)::slm.nps::text AS round_trip, n
FROM (SELECT slm.nps_agg(s) AS n FROM generate_series(0, 10) s) x;
SELECT n, slm.nps(n), slm.responses(n)
FROM (SELECT '(promoters=0,passives=0,detractors=0)'::slm.nps AS n) x;
SELECT '(promoters=1,passives=2)'::slm.nps;
SELECT '(promoters=1,passives=2,detractors=-3)'::slm.nps;
SELECT '(promoters=1,passives=2,detractors=3,x=4)'::slm.nps;
SELECT '(promoters=1,passives=2,detractors=3,invalid=4)'::slm.nps;
SELECT '(promoters=1,passives=2,detractors=3,invalid=-4)'::slm.nps;
SELECT '(promoters=9223372036854775807,passives=1,detractors=0)'::slm.nps;
CREATE TEMP TABLE nps_bin(n slm.nps);
INSERT INTO nps_bin SELECT slm.nps_agg(s) FROM generate_series(0, 10) s;
\copy nps_bin TO 'results/nps.bin' (FORMAT binary)
CREATE TEMP TABLE nps_bin2(n slm.nps);
\copy nps_bin2 FROM 'results/nps.bin' (FORMAT binary)
SELECT n FROM nps_bin2;
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES ('\x01'::bytea || int8send(1) || int8send(-1) || int8send(0));
\copy raw_bin TO 'results/nps_raw.bin' (FORMAT binary)
\copy nps_bin2 FROM 'results/nps_raw.bin' (FORMAT binary)
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES ('\x00'::bytea || int8send(1) || int8send(1) || int8send(0));
\copy raw_bin TO 'results/nps_raw.bin' (FORMAT binary)
\copy nps_bin2 FROM 'results/nps_raw.bin' (FORMAT binary)
-- version 1 (slm 0.1.0) and version 2 with an invalid count
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES ('\x01'::bytea || int8send(1) || int8send(2) || int8send(3)),
                           ('\x02'::bytea || int8send(4) || int8send(5) || int8send(6) || int8send(7));
\copy raw_bin TO 'results/nps_raw.bin' (FORMAT binary)
TRUNCATE nps_bin2;
\copy nps_bin2 FROM 'results/nps_raw.bin' (FORMAT binary)
SELECT n, slm.invalid(n), slm.responses(n) FROM nps_bin2 ORDER BY n::text;
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES ('\x02'::bytea || int8send(4) || int8send(5) || int8send(6));
\copy raw_bin TO 'results/nps_raw.bin' (FORMAT binary)
\copy nps_bin2 FROM 'results/nps_raw.bin' (FORMAT binary)

--
-- NPS rollup and the support functions
--
SELECT n, round(slm.nps(n)::numeric, 4) AS nps
FROM (SELECT slm.rollup(n) AS n
      FROM (VALUES ('(promoters=3,passives=1,detractors=0)'::slm.nps), (NULL),
                   ('(promoters=0,passives=1,detractors=1)')) v(n)) x;
SELECT slm.nps_agg_combine(n, n) AS twice, n AS unchanged,
       slm.nps_agg_combine(NULL, n)::text = n::text AS null_left,
       slm.nps_agg_combine(n, NULL)::text = n::text AS null_right,
       slm.nps_agg_combine(NULL, NULL) AS both_null
FROM (SELECT '(promoters=3,passives=1,detractors=0)'::slm.nps AS n) x;
SELECT slm.nps_agg_trans(n, 6) AS after, n AS unchanged
FROM (SELECT '(promoters=3,passives=1,detractors=0)'::slm.nps AS n) x;

--
-- Parallel plans give the same summaries as serial ones, and rollup of
-- per-wave summaries gives the same as one pass.
--
CREATE TABLE feedback_big AS
SELECT i, 'team ' || (i % 10) AS team, i % 4 AS wave,
       CASE WHEN i % 53 = 0 THEN NULL WHEN i % 61 = 0 THEN 6
            ELSE 1 + (i * 7 + i / 11) % 5 END AS csat,
       CASE WHEN i % 59 = 0 THEN NULL WHEN i % 67 = 0 THEN -1
            ELSE (i * 13 + i / 17) % 11 END AS nps
FROM generate_series(1, 60000) i;
ANALYZE feedback_big;

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
SELECT team, slm.csat_agg(csat) AS c, slm.nps_agg(nps) AS n
FROM feedback_big GROUP BY team;
CREATE TEMP TABLE serial_all AS
SELECT slm.csat_agg(csat) AS c, slm.nps_agg(nps) AS n FROM feedback_big;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT slm.csat_agg(csat), slm.nps_agg(nps) FROM feedback_big;
EXPLAIN (COSTS OFF)
SELECT team, slm.csat_agg(csat), slm.nps_agg(nps) FROM feedback_big GROUP BY team;
SELECT p.c::text = s.c::text AS csat_equal, p.n::text = s.n::text AS nps_equal
FROM (SELECT slm.csat_agg(csat) AS c, slm.nps_agg(nps) AS n FROM feedback_big) p,
     serial_all s;
SELECT count(*) AS teams,
       count(*) FILTER (WHERE p.c::text = s.c::text AND p.n::text = s.n::text) AS equal
FROM (SELECT team, slm.csat_agg(csat) AS c, slm.nps_agg(nps) AS n
      FROM feedback_big GROUP BY team) p
JOIN serial s USING (team);
-- rollup of four waves equals one pass
SELECT r.c::text = s.c::text AS csat_equal, r.n::text = s.n::text AS nps_equal
FROM (SELECT slm.rollup(c) AS c, slm.rollup(n) AS n
      FROM (SELECT wave, slm.csat_agg(csat) AS c, slm.nps_agg(nps) AS n
            FROM feedback_big GROUP BY wave) w) r,
     serial_all s;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- the figures, and the same straight from the rows
SELECT c, round(slm.csat(c)::numeric, 4) AS csat, round(slm.mean(c)::numeric, 4) AS mean,
       n, round(slm.nps(n)::numeric, 4) AS nps
FROM serial_all;
SELECT count(csat) FILTER (WHERE csat <= 5) AS responses,
       count(*) FILTER (WHERE csat >= 4 AND csat <= 5) AS satisfied,
       count(*) FILTER (WHERE csat > 5) AS csat_invalid,
       round(count(*) FILTER (WHERE csat >= 4 AND csat <= 5)::numeric
             / count(csat) FILTER (WHERE csat <= 5), 4) AS csat,
       round(avg(csat) FILTER (WHERE csat <= 5), 4) AS mean,
       round(100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps BETWEEN 0 AND 6))
             / count(nps) FILTER (WHERE nps >= 0), 4) AS nps,
       count(*) FILTER (WHERE nps < 0) AS nps_invalid
FROM feedback_big;
DROP TABLE feedback_big;
