-- The slm.kano summary's text and binary forms, the forms of slm 0.1.0,
-- the support functions, window, parallel and partitionwise plans. The
-- answers, categories and figures are in kano.sql.
\pset null '(null)'
-- The known answers of kano.sql.
CREATE TEMP TABLE pair(cat text, f integer, d integer);
INSERT INTO pair VALUES
    ('A', 1, 3), ('O', 1, 5), ('M', 3, 5), ('I', 3, 3), ('R', 5, 1), ('Q', 1, 1);
CREATE TEMP TABLE known(example integer, cat text, n integer);
INSERT INTO known VALUES
    (1, 'A', 216), (1, 'O', 56), (1, 'M', 13), (1, 'I', 275), (1, 'R', 23), (1, 'Q', 24),
    (2, 'A', 187), (2, 'O', 71), (2, 'M', 46), (2, 'I', 258), (2, 'R', 19), (2, 'Q', 26),
    (3, 'A', 7), (3, 'O', 33), (3, 'M', 50), (3, 'I', 10);
CREATE TEMP VIEW known_summary AS
SELECT k.example, slm.kano_agg(p.f, p.d) AS k
FROM known k JOIN pair p USING (cat), generate_series(1, k.n)
GROUP BY k.example;
-- Example 6 of kano.sql with importance weights 1, 2, 3 and none.
CREATE TEMP TABLE rated(f text, d text, w float8);
INSERT INTO rated VALUES
    ('like', 'dislike', 1), ('must-be', 'dislike', 2), ('like', 'neutral', 3),
    ('neutral', 'neutral', NULL), (NULL, 'like', 9);
--
-- Text input and output
--
SELECT k::text = (k::text)::slm.kano::text AS round_trip, k::text
FROM (SELECT slm.kano_agg(f, d, w * 0.1) AS k FROM rated) s;
SELECT '( A = 1 , O=0,M=0,I=0,R=0,Q=0,skipped=2,functional=1/0/0/0/0,
         dysfunctional = 0 / 0 / 1 / 0 / 0, rated=1, importance=2.5,
         functional_importance=2.5/0/0/0/0,dysfunctional_importance=0/0/2.5/0/0 ) '::slm.kano;
-- The form above is that of slm 0.1.0, without the invalid count and with
-- float8 sums; it still reads, its sums rounded to the millionth. The
-- current form has the invalid count after skipped and exact decimal sums.
SELECT '(A=0,O=0,M=0,I=3,R=0,Q=0,skipped=0,functional=0/0/3/0/0,dysfunctional=0/0/3/0/0,rated=3,importance=0.30000000000000004,functional_importance=0/0/0.30000000000000004/0/0,dysfunctional_importance=0/0/0.30000000000000004/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=2,invalid=7,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=123456789012.123456,functional_importance=123456789012.123456/0/0/0/0,dysfunctional_importance=0/0/123456789012.123456/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=2,invalid=7,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=0.1234567,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=2,invalid=7,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=1.,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=2,invalid=7,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=1e3,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=2,invalid=-7,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=0,importance=0,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=2,invalid=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=1000000000000.000001,functional_importance=1000000000000.000001/0/0/0/0,dysfunctional_importance=0/0/1000000000000.000001/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=2,invalid=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=99999999999999999999999999999999999999999,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
-- importance above 10^12 per respondent in the form of slm 0.1.0
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=1e300,functional_importance=1e300/0/0/0/0,dysfunctional_importance=0/0/1e300/0/0)'::slm.kano;
-- Malformed: every message says where the input went wrong.
SELECT ''::slm.kano;
SELECT '(A=1'::slm.kano;
SELECT '(A=1,B=2)'::slm.kano;
SELECT '(A=-1,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=0/0/0/0/0,dysfunctional=0/0/0/0/0,rated=0,importance=0,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0,dysfunctional=0/0/1/0/0,rated=0,importance=0,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=0,importance=0,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0) x'::slm.kano;
SELECT '(A=99999999999999999999,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=0,importance=0,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=1e999,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=NaN,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
-- Well formed but not a summary slm could have built: like/dislike is O,
-- not A; two Q need like/like or dislike/dislike twice; weights without
-- anyone rated; more rated than respondents.
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0/0,dysfunctional=0/0/0/0/1,rated=0,importance=0,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
SELECT '(A=0,O=0,M=0,I=0,R=0,Q=2,skipped=0,functional=1/0/0/0/1,dysfunctional=2/0/0/0/0,rated=0,importance=0,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=0,importance=0,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/1/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=2,importance=0,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;
SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=0,importance=3,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano;

--
-- Binary input and output: a binary COPY round trip, then summaries
-- written as raw bytes to check that binary input re-validates them.
--
CREATE TEMP TABLE kano_bin(k slm.kano);
INSERT INTO kano_bin SELECT k FROM known_summary;
INSERT INTO kano_bin SELECT slm.kano_agg(f, d, w * 0.1) FROM rated;
\copy kano_bin TO 'results/kano.bin' (FORMAT binary)
CREATE TEMP TABLE kano_bin2(k slm.kano);
\copy kano_bin2 FROM 'results/kano.bin' (FORMAT binary)
SELECT count(*) AS rows, count(*) FILTER (WHERE a.k::text = b.k::text) AS equal
FROM (SELECT k, row_number() OVER () AS n FROM kano_bin) a
JOIN (SELECT k, row_number() OVER () AS n FROM kano_bin2) b USING (n);

-- Format version 1, that of slm 0.1.0, is still read. One respondent (A),
-- in its order: version, A O M I R Q, the functional and dysfunctional
-- answers, skipped, rated, then the float8 sums. raw() builds the bytes
-- from a version and the 18 counts.
CREATE FUNCTION pg_temp.raw(version integer, counts bigint[],
                            sums float8[] DEFAULT '{0,0,0,0,0,0,0,0,0,0,0}')
RETURNS bytea LANGUAGE sql AS $$
    SELECT set_byte('\x00'::bytea, 0, version)
           || (SELECT string_agg(int8send(c), ''::bytea ORDER BY n)
               FROM unnest(counts) WITH ORDINALITY AS t(c, n))
           || (SELECT string_agg(float8send(s), ''::bytea ORDER BY n)
               FROM unnest(sums) WITH ORDINALITY AS t(s, n))
$$;
CREATE TEMP TABLE raw_bin(b bytea);
CREATE TEMP TABLE raw_in(k slm.kano);
INSERT INTO raw_bin VALUES (pg_temp.raw(1, '{1,0,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
SELECT k FROM raw_in;
TRUNCATE raw_in;
-- float8 sums are rounded to the millionth: 0.1 + 0.2 reads as 0.3
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw(1, '{0,0,0,3,0,0, 0,0,3,0,0, 0,0,3,0,0, 1,3}',
                                        '{0.30000000000000004,0,0,0.30000000000000004,0,0,0,0,0.30000000000000004,0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
SELECT k FROM raw_in;
TRUNCATE raw_in;
-- an unknown format version
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw(3, '{1,0,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
-- a negative count
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw(1, '{-1,1,0,0,0,0, 0,0,0,0,0, 0,0,0,0,0, 0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
-- categories the answers cannot give: like/neutral is A, not O
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw(1, '{0,1,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
-- answers that do not add up
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw(1, '{1,0,0,0,0,0, 1,0,0,0,0, 0,0,0,0,0, 0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
-- counts whose sum overflows
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw(1, '{9223372036854775807,1,0,0,0,0, 0,0,0,0,0, 0,0,0,0,0, 0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
-- a NaN importance sum
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw(1, '{1,0,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,1}',
                                        '{NaN,0,0,0,0,0,0,0,0,0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
-- an infinite importance sum, which kano_agg of slm 0.1.0 could produce
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw(1, '{1,0,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,1}',
                                        '{Infinity,Infinity,0,0,0,0,0,0,Infinity,0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
-- too short, and too long
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (substr(pg_temp.raw(1, '{1,0,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,0}'), 1, 100));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw(1, '{1,0,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,0}') || '\x00'::bytea);
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
SELECT count(*) FROM raw_in;

-- Format version 2: the 19 counts (skipped, invalid, rated after the
-- answers), then each of the 11 importance sums in millionths as two
-- 64-bit halves, high first.
CREATE FUNCTION pg_temp.raw2(counts bigint[],
                             sums bigint[] DEFAULT '{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}')
RETURNS bytea LANGUAGE sql AS $$
    SELECT '\x02'::bytea
           || (SELECT string_agg(int8send(c), ''::bytea ORDER BY n)
               FROM unnest(counts || sums) WITH ORDINALITY AS t(c, n))
$$;
-- one respondent (A) with importance 2.5 and one invalid row
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw2('{1,0,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,1,1}',
                                         '{0,2500000, 0,2500000,0,0,0,0,0,0,0,0, 0,0,0,0,0,2500000,0,0,0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
SELECT k, slm.invalid(k), slm.importance(k) FROM raw_in;
-- a negative invalid count
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw2('{1,0,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,-1,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
-- more importance than 10^12 per respondent: 2^64 millionths
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw2('{1,0,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,0,1}',
                                         '{1,0, 1,0,0,0,0,0,0,0,0,0, 0,0,0,0,1,0,0,0,0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
-- an importance sum on an answer nobody gave
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (pg_temp.raw2('{1,0,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,0,1}',
                                         '{0,5, 0,5,0,0,0,0,0,0,0,0, 0,5,0,0,0,0,0,0,0,0}'));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
-- version 2 bytes cut short after the counts
TRUNCATE raw_bin;
INSERT INTO raw_bin VALUES (substr(pg_temp.raw2('{1,0,0,0,0,0, 1,0,0,0,0, 0,0,1,0,0, 0,0,0}'), 1, 153));
\copy raw_bin TO 'results/kano_raw.bin' (FORMAT binary)
\copy raw_in FROM 'results/kano_raw.bin' (FORMAT binary)
SELECT count(*) FROM raw_in;

--
-- The support functions called directly never change their arguments.
--
SELECT k AS before, slm.kano_agg_trans(k, 1, 5) AS after, k AS unchanged
FROM (SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=0,importance=0,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)'::slm.kano AS k) s;
SELECT slm.kano_agg_trans(NULL, 'like', 'like', 2),
       slm.kano_agg_trans(NULL::slm.kano, NULL::integer, 1);
SELECT slm.kano_agg_combine(k, k) AS twice, k AS unchanged,
       slm.kano_agg_combine(NULL, k)::text = k::text AS null_left,
       slm.kano_agg_combine(k, NULL)::text = k::text AS null_right,
       slm.kano_agg_combine(NULL, NULL) AS both_null
FROM (SELECT '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=3,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=0.5,functional_importance=0.5/0/0/0/0,dysfunctional_importance=0/0/0.5/0/0)'::slm.kano AS k) s;

-- As a window aggregate, each row sees its own running summary.
SELECT n, slm.respondents(k), slm.skipped(k), slm.category(k)
FROM (SELECT n, slm.kano_agg(f, d) OVER (ORDER BY n) AS k
      FROM (VALUES (1, 1, 5), (2, 3, 5), (3, NULL, 5), (4, 3, 5), (5, 1, 3)) v(n, f, d)) s
ORDER BY n;

--
-- Parallel plans give the same summaries as serial ones, and rollup of
-- summaries gives the same as one pass over their rows, to the last digit:
-- the importance weights are fractional, and their sums are exact.
--
CREATE TABLE kano_big AS
SELECT i, 'feature ' || lpad((i % 20)::text, 2, '0') AS feature, i % 3 AS wave,
       CASE WHEN i % 101 = 0 THEN NULL WHEN i % 211 = 0 THEN 9
            ELSE 1 + (i * 37 + i / 7) % 5 END AS f,
       1 + (i * 11 + i / 13) % 5 AS d,
       CASE WHEN i % 7 = 0 THEN NULL
            ELSE ((1 + i % 9) + (i % 997) / 1000.0 + (i % 13) / 7.0)::float8 END AS w
FROM generate_series(1, 60000) i;
ANALYZE kano_big;

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
SELECT feature, slm.kano_agg(f, d, w) AS k FROM kano_big GROUP BY feature;
CREATE TEMP TABLE serial_all AS
SELECT slm.kano_agg(f, d, w) AS k FROM kano_big;
CREATE TEMP TABLE serial_text AS
SELECT feature, slm.kano_agg(f::text, d::text, w) AS k FROM kano_big GROUP BY feature;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT slm.kano_agg(f, d, w) FROM kano_big;
EXPLAIN (COSTS OFF)
SELECT feature, slm.kano_agg(f, d, w) FROM kano_big GROUP BY feature;

SELECT (SELECT slm.kano_agg(f, d, w) FROM kano_big)::text = k::text AS parallel_equals_serial
FROM serial_all;
SELECT count(*) AS features, count(*) FILTER (WHERE p.k::text = s.k::text) AS equal
FROM (SELECT feature, slm.kano_agg(f, d, w) AS k FROM kano_big GROUP BY feature) p
JOIN serial s USING (feature);
SELECT count(*) AS features, count(*) FILTER (WHERE p.k::text = s.k::text) AS equal
FROM (SELECT feature, slm.kano_agg(f::text, d::text, w) AS k FROM kano_big GROUP BY feature) p
JOIN serial_text s USING (feature);

-- rollup of three waves equals one pass, for the table and per feature
SELECT (SELECT slm.rollup(k)
        FROM (SELECT wave, slm.kano_agg(f, d, w) AS k FROM kano_big GROUP BY wave) s)::text
       = k::text AS rollup_equals_one_pass
FROM serial_all;
SELECT count(*) AS features, count(*) FILTER (WHERE r.k::text = s.k::text) AS equal
FROM (SELECT feature, slm.rollup(k) AS k
      FROM (SELECT feature, wave, slm.kano_agg(f, d, w) AS k
            FROM kano_big GROUP BY feature, wave) w
      GROUP BY feature) r
JOIN serial s USING (feature);
-- rollup of per-feature summaries in parallel, too
SELECT (SELECT slm.rollup(k) FROM serial)::text = k::text AS rollup_of_features
FROM serial_all;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- A table partitioned by wave, its rows loaded in another order, summarised
-- partition by partition and the partial summaries combined: the same.
CREATE TABLE kano_parts (LIKE kano_big) PARTITION BY LIST (wave);
CREATE TABLE kano_parts_0 PARTITION OF kano_parts FOR VALUES IN (0);
CREATE TABLE kano_parts_1 PARTITION OF kano_parts FOR VALUES IN (1);
CREATE TABLE kano_parts_2 PARTITION OF kano_parts FOR VALUES IN (2);
INSERT INTO kano_parts SELECT * FROM kano_big ORDER BY i DESC;
ANALYZE kano_parts;
SET max_parallel_workers_per_gather = 0;
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF)
SELECT feature, slm.kano_agg(f, d, w) FROM kano_parts GROUP BY feature;
SELECT count(*) AS features, count(*) FILTER (WHERE p.k::text = s.k::text) AS equal
FROM (SELECT feature, slm.kano_agg(f, d, w) AS k FROM kano_parts GROUP BY feature) p
JOIN serial s USING (feature);
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
DROP TABLE kano_parts;

SELECT k FROM serial_all;
SELECT slm.respondents(k), slm.skipped(k), slm.invalid(k), slm.category(k),
       round(slm.better(k)::numeric, 4) AS better, round(slm.worse(k)::numeric, 4) AS worse,
       round(slm.functional_mean(k)::numeric, 4) AS fmean,
       round(slm.functional_stddev(k)::numeric, 4) AS fsd,
       round(slm.importance(k)::numeric, 4) AS importance,
       round(slm.weighted_functional_mean(k)::numeric, 4) AS wfmean
FROM serial_all;
-- the same figures straight from the rows, each weight rounded to the
-- millionth
SELECT count(*) FILTER (WHERE ok) AS respondents,
       count(*) FILTER (WHERE f IS NULL OR d IS NULL) AS skipped,
       count(*) FILTER (WHERE f > 5) AS invalid,
       round(avg(fs) FILTER (WHERE ok), 4) AS fmean,
       round(stddev_samp(fs) FILTER (WHERE ok), 4) AS fsd,
       round(avg(round(w::numeric, 6)) FILTER (WHERE ok), 4) AS importance,
       round(sum(round(w::numeric, 6) * fs) FILTER (WHERE ok)
             / sum(round(w::numeric, 6)) FILTER (WHERE ok), 4) AS wfmean
FROM (SELECT *, f <= 5 AND d IS NOT NULL AS ok,
             CASE f WHEN 1 THEN 4 WHEN 2 THEN 2 WHEN 3 THEN 0 WHEN 4 THEN -1 ELSE -2 END AS fs
      FROM kano_big) t;
DROP TABLE kano_big;

--
-- kano_report over a long-format table
--
CREATE TEMP TABLE survey("Respondent" integer, "Feature" text, fq text, dq text,
                         importance integer, fcode smallint, dcode integer);
INSERT INTO survey("Respondent", "Feature", fq, dq, importance) VALUES
    (1, 'dark mode', 'like', 'neutral', 3), (2, 'dark mode', 'like', 'live-with', 5),
    (3, 'dark mode', 'neutral', 'neutral', 1), (4, 'dark mode', 'like', 'dislike', 4),
    (1, 'export', 'must-be', 'dislike', 9), (2, 'export', 'neutral', 'dislike', 8),
    (3, 'export', 'like', 'dislike', 9), (4, 'export', 'expect', 'can''t accept', NULL),
    (1, 'sso', 'dislike', 'like', 2), (2, 'sso', NULL, 'like', 2),
    (3, 'sso', 'neutral', 'neutral', 1), (4, 'sso', 'like', 'like', 1);
UPDATE survey SET
    fcode = CASE fq WHEN 'like' THEN 1 WHEN 'must-be' THEN 2 WHEN 'expect' THEN 2
                    WHEN 'neutral' THEN 3 WHEN 'dislike' THEN 5 END,
    dcode = CASE dq WHEN 'like' THEN 1 WHEN 'neutral' THEN 3 WHEN 'live-with' THEN 4
                    ELSE 5 END;
SELECT feature, respondents, a, o, m, i, r, q, category,
       round(better::numeric, 3) AS better, round(worse::numeric, 3) AS worse,
       round(category_strength::numeric, 3) AS strength,
       round(total_strength::numeric, 3) AS total, fong_significant AS fong,
       round(functional_mean::numeric, 3) AS fmean,
       round(dysfunctional_mean::numeric, 3) AS dmean,
       round(importance::numeric, 3) AS importance
FROM slm.kano_report('survey', 'Feature', 'fq', 'dq', 'importance');
-- integer columns, no importance, named arguments
SELECT feature, respondents, a, o, m, i, r, q, category, importance
FROM slm.kano_report(tbl => 'survey', feature => 'Feature',
                     functional => 'fcode', dysfunctional => 'dcode');
-- a mix of integer and text columns
SELECT feature, respondents, category
FROM slm.kano_report('survey', 'Feature', 'fcode', 'dq');
-- the report agrees with the aggregate
SELECT count(*) AS features,
       count(*) FILTER (WHERE r.category = slm.category(s.k)
                          AND r.better IS NOT DISTINCT FROM slm.better(s.k)
                          AND r.importance IS NOT DISTINCT FROM slm.importance(s.k)) AS agree
FROM slm.kano_report('survey', 'Feature', 'fq', 'dq', 'importance') r
JOIN (SELECT "Feature" AS feature, slm.kano_agg(fq, dq, importance) AS k
      FROM survey GROUP BY 1) s USING (feature);
-- errors
SELECT * FROM slm.kano_report('survey', 'feature', 'fq', 'dq');
SELECT * FROM slm.kano_report('survey', 'Feature', 'fq', 'dq', 'weight');
SELECT * FROM slm.kano_report('survey', 'Feature', NULL, 'dq');
SELECT * FROM slm.kano_report('survey', 'Feature', 'fq', '"Respondent"; DROP TABLE survey');
-- values that are not answers are left out as invalid, as by kano_agg: of
-- the importance column, only 1 and 2 are answers
SELECT feature, respondents, a, o, m, i, r, q, category
FROM slm.kano_report('survey', 'Feature', 'importance', 'dq');
SELECT * FROM slm.kano_report('nonexistent', 'Feature', 'fq', 'dq');
SELECT count(*) FROM survey;
