--
-- Survey summaries as values: every slm.kano, slm.csat and slm.nps the
-- aggregates produce reads back unchanged through text and binary input
-- (so that pg_dump and COPY work), and values stored by slm 0.1.0 (format
-- version 1) are still read.
--
\pset null '(null)'

--
-- Edge cases built by the aggregates.
--
CREATE TEMP TABLE kano_edge(name text, k slm.kano);
INSERT INTO kano_edge
SELECT 'largest weight, many rows', slm.kano_agg(1 + i % 5, 5 - i % 5, 1e12)
FROM generate_series(1, 5000) i;
INSERT INTO kano_edge
SELECT 'weights above 10^12, whose sum overflowed in 0.1.0', slm.kano_agg(1, 5, w)
FROM (VALUES (1e308::float8), (1e308), (5)) v(w);
INSERT INTO kano_edge
SELECT 'tiny and fractional weights', slm.kano_agg(1 + i % 5, 1 + i % 3, i * 1e-7 + 1.0 / 3)
FROM generate_series(1, 1000) i;
INSERT INTO kano_edge
SELECT 'invalid and skipped only', slm.kano_agg(f, d, w)
FROM (VALUES ('x', 'like', 1::float8), (NULL, 'like', 2), ('like', 'like', 'NaN')) v(f, d, w);
INSERT INTO kano_edge
SELECT 'one respondent, weight zero', slm.kano_agg('must-be', 'dislike', 0);
INSERT INTO kano_edge
SELECT 'labels, no importance', slm.kano_agg(f, d)
FROM (VALUES ('I am neutral', 'I can live with it that way'), ('like', 'dislike')) v(f, d);
SELECT name, k FROM kano_edge ORDER BY name;

CREATE TEMP TABLE csat_edge(name text, c slm.csat);
INSERT INTO csat_edge
SELECT 'largest scale', slm.csat_agg(s, 2147483647)
FROM (VALUES (2147483647), (2147483646), (1), (0)) v(s);
INSERT INTO csat_edge SELECT 'invalid scale only', slm.csat_agg(1, 2);
INSERT INTO csat_edge SELECT 'invalid score only', slm.csat_agg(9);
INSERT INTO csat_edge
SELECT 'many rows', slm.csat_agg(1 + i % 5) FROM generate_series(1, 10000) i;
SELECT name, c FROM csat_edge ORDER BY name;

CREATE TEMP TABLE nps_edge(name text, n slm.nps);
INSERT INTO nps_edge SELECT 'invalid only', slm.nps_agg(11);
INSERT INTO nps_edge
SELECT 'all answers', slm.nps_agg(s) FROM generate_series(-1, 11) s;
SELECT name, n FROM nps_edge ORDER BY name;

--
-- Text: every value reads back as itself.
--
SELECT name, k::text::slm.kano::text = k::text AS text_round_trip
FROM kano_edge ORDER BY name;
SELECT name, c::text::slm.csat::text = c::text AS text_round_trip
FROM csat_edge ORDER BY name;
SELECT name, n::text::slm.nps::text = n::text AS text_round_trip
FROM nps_edge ORDER BY name;

--
-- Binary: a binary COPY round trip gives the same values, byte for byte in
-- their binary form.
--
\copy kano_edge TO 'results/survey_kano.bin' (FORMAT binary)
\copy csat_edge TO 'results/survey_csat.bin' (FORMAT binary)
\copy nps_edge TO 'results/survey_nps.bin' (FORMAT binary)
CREATE TEMP TABLE kano_back (LIKE kano_edge);
CREATE TEMP TABLE csat_back (LIKE csat_edge);
CREATE TEMP TABLE nps_back (LIKE nps_edge);
\copy kano_back FROM 'results/survey_kano.bin' (FORMAT binary)
\copy csat_back FROM 'results/survey_csat.bin' (FORMAT binary)
\copy nps_back FROM 'results/survey_nps.bin' (FORMAT binary)
SELECT count(*) AS kano, count(*) FILTER (WHERE slm.kano_send(a.k) = slm.kano_send(b.k)
                                            AND a.k::text = b.k::text) AS equal
FROM kano_edge a JOIN kano_back b USING (name);
SELECT count(*) AS csat, count(*) FILTER (WHERE slm.csat_send(a.c) = slm.csat_send(b.c)
                                            AND a.c::text = b.c::text) AS equal
FROM csat_edge a JOIN csat_back b USING (name);
SELECT count(*) AS nps, count(*) FILTER (WHERE slm.nps_send(a.n) = slm.nps_send(b.n)
                                           AND a.n::text = b.n::text) AS equal
FROM nps_edge a JOIN nps_back b USING (name);

--
-- Values of slm 0.1.0: its text forms (no invalid count; float8 importance
-- sums in Kano summaries) and its binary forms (format version 1).
--
SELECT '(A=1,O=1,M=0,I=0,R=0,Q=0,skipped=2,functional=2/0/0/0/0,dysfunctional=0/0/1/0/1,rated=2,importance=0.30000000000000004,functional_importance=0.30000000000000004/0/0/0/0,dysfunctional_importance=0/0/0.1/0/0.2)'::slm.kano;
SELECT '(scale=7,responses=3,satisfied=2,sum=17)'::slm.csat;
SELECT '(promoters=3,passives=2,detractors=2)'::slm.nps;

-- slm.kano in format version 1: version, the 18 counts, the 11 float8 sums
CREATE TEMP TABLE v1_bin(b bytea);
INSERT INTO v1_bin
SELECT '\x01'::bytea
       || (SELECT string_agg(int8send(c), ''::bytea ORDER BY n)
           FROM unnest('{1,1,0,0,0,0, 2,0,0,0,0, 0,0,1,0,1, 2,2}'::bigint[]) WITH ORDINALITY AS t(c, n))
       || (SELECT string_agg(float8send(s), ''::bytea ORDER BY n)
           FROM unnest('{0.30000000000000004,0.30000000000000004,0,0,0,0,0,0,0.1,0,0.2}'::float8[])
                WITH ORDINALITY AS t(s, n));
\copy v1_bin TO 'results/survey_v1.bin' (FORMAT binary)
CREATE TEMP TABLE kano_v1(k slm.kano);
\copy kano_v1 FROM 'results/survey_v1.bin' (FORMAT binary)
SELECT k, slm.invalid(k), slm.importance(k) FROM kano_v1;
-- slm.csat and slm.nps in format version 1
TRUNCATE v1_bin;
INSERT INTO v1_bin VALUES ('\x01'::bytea || int4send(7) || int8send(3) || int8send(2) || int8send(17));
\copy v1_bin TO 'results/survey_v1.bin' (FORMAT binary)
CREATE TEMP TABLE csat_v1(c slm.csat);
\copy csat_v1 FROM 'results/survey_v1.bin' (FORMAT binary)
SELECT c, slm.invalid(c), slm.mean(c) FROM csat_v1;
TRUNCATE v1_bin;
INSERT INTO v1_bin VALUES ('\x01'::bytea || int8send(3) || int8send(2) || int8send(2));
\copy v1_bin TO 'results/survey_v1.bin' (FORMAT binary)
CREATE TEMP TABLE nps_v1(n slm.nps);
\copy nps_v1 FROM 'results/survey_v1.bin' (FORMAT binary)
SELECT n, slm.invalid(n), slm.nps(n) FROM nps_v1;

--
-- Values of slm 0.1.0 as stored on disk: the bytes of its in-memory
-- format version 1, made into a value of the type without going through
-- input (byteacat copies the bytes of its arguments into a new varlena).
-- The stored form uses the machine's byte order; these bytes are
-- little-endian, as on x86-64 and ARM64.
--
CREATE FUNCTION pg_temp.stored_kano(bytea, bytea) RETURNS slm.kano
LANGUAGE internal IMMUTABLE STRICT AS 'byteacat';
CREATE FUNCTION pg_temp.stored_csat(bytea, bytea) RETURNS slm.csat
LANGUAGE internal IMMUTABLE STRICT AS 'byteacat';
CREATE FUNCTION pg_temp.stored_nps(bytea, bytea) RETURNS slm.nps
LANGUAGE internal IMMUTABLE STRICT AS 'byteacat';
-- int8 and float8 in little-endian byte order
CREATE FUNCTION pg_temp.le(b bytea) RETURNS bytea LANGUAGE sql AS $$
    SELECT string_agg(substr(b, i, 1), ''::bytea ORDER BY i DESC)
    FROM generate_series(1, length(b)) i
$$;
CREATE TEMP TABLE stored(id integer, k slm.kano, c slm.csat, n slm.nps);
INSERT INTO stored
SELECT id, pg_temp.stored_kano(
           '\x01000000'::bytea
           || (SELECT string_agg(pg_temp.le(int8send(c)), ''::bytea ORDER BY n)
               FROM unnest('{1,1,0,0,0,0, 2,0,0,0,0, 0,0,1,0,1, 2,2}'::bigint[]) WITH ORDINALITY AS t(c, n))
           || (SELECT string_agg(pg_temp.le(float8send(s)), ''::bytea ORDER BY n)
               FROM unnest(sums) WITH ORDINALITY AS t(s, n)), ''),
       pg_temp.stored_csat('\x01000000'::bytea || pg_temp.le(int4send(7)) || '\x00000000'::bytea
                           || pg_temp.le(int8send(3)) || pg_temp.le(int8send(2))
                           || pg_temp.le(int8send(17)), ''),
       pg_temp.stored_nps('\x01000000'::bytea || pg_temp.le(int8send(3))
                          || pg_temp.le(int8send(2)) || pg_temp.le(int8send(2)), '')
FROM (VALUES (1, '{0.30000000000000004,0.30000000000000004,0,0,0,0,0,0,0.1,0,0.2}'::float8[]),
             (2, '{Infinity,Infinity,0,0,0,0,0,0,0.1,0,Infinity}')) v(id, sums);
-- stored as they are: the version 1 sizes
SELECT pg_column_size(k) AS kano_bytes, pg_column_size(c) AS csat_bytes,
       pg_column_size(n) AS nps_bytes
FROM stored ORDER BY id;
-- read through every path: output, accessors, aggregates, binary output
SELECT c, slm.invalid(c), slm.mean(c), slm.responses(c), n, slm.invalid(n), slm.nps(n)
FROM stored WHERE id = 1;
SELECT slm.rollup(c) AS csat_rollup, slm.rollup(n) AS nps_rollup FROM stored;
SELECT slm.csat_send(c) = slm.csat_send(c::text::slm.csat) AS csat_binary,
       slm.nps_send(n) = slm.nps_send(n::text::slm.nps) AS nps_binary
FROM stored WHERE id = 1;
SELECT k, slm.respondents(k), slm.invalid(k), slm.importance(k),
       slm.weighted_dysfunctional_mean(k)
FROM stored WHERE id = 1;
SELECT slm.rollup(k) FROM stored WHERE id = 1;
SELECT slm.kano_send(k) = slm.kano_send(k::text::slm.kano) AS kano_binary
FROM stored WHERE id = 1;
-- The second summary has infinite importance sums, which kano_agg of slm
-- 0.1.0 produced for weights whose sum overflowed float8; it cannot be
-- held exactly and says so, with what to do.
SELECT k FROM stored WHERE id = 2;
SELECT slm.respondents(k) FROM stored WHERE id = 2;
