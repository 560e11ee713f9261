-- Availability within service hours: the slm.outages summary (text and
-- binary forms), outage_agg and rollup, the accessors, maintenance, DST,
-- parallel and partitionwise plans, and availability_agg.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- the SQLSTATE a statement fails with ('ok' when it does not)
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
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

-- ---------------------------------------------------------------------
-- text form: the tstzmultirange text of [start,end) ranges
-- ---------------------------------------------------------------------
SELECT '{["2026-11-30 10:00:00+00","2026-11-30 11:00:00+00"),["2026-11-30 12:00:00+00","2026-11-30 13:00:00+00")}'::slm.outages;
-- unquoted bounds, blanks, other offsets and microseconds are accepted;
-- the output is in the session's zone
SELECT ' { [2026-11-30 10:00+01 , 2026-11-30 11:00:00.000001+01) } '::slm.outages;
SELECT '{}'::slm.outages AS no_outages;
-- the same text as the equivalent tstzmultirange, and it reads back exactly
WITH v(o) AS (SELECT '{[2026-11-30 10:00:00.123456, 2026-11-30 11:00), [2026-12-01 00:00, 2026-12-02 00:00)}'::slm.outages)
SELECT o::text = o::tstzmultirange::text AS same_as_multirange,
       o::text::slm.outages OPERATOR(slm.=) o AS round_trip,
       o::text::tstzmultirange::slm.outages OPERATOR(slm.=) o AS via_multirange_text
FROM v;
-- other DateStyles and zones round-trip too (Berlin is UTC+1 in winter)
SET datestyle = 'SQL, DMY';
SET timezone = 'Europe/Berlin';
SELECT o, o::text::slm.outages OPERATOR(slm.=) o AS round_trip
FROM (SELECT '{[2026-11-30 10:00:00.5+00, 2026-11-30 11:00+00)}'::slm.outages) v(o);
RESET datestyle;
SET datestyle = 'ISO, YMD';
SET timezone = 'UTC';

-- malformed text: where the input went wrong
SELECT ''::slm.outages;
SELECT '[2026-11-30 10:00, 2026-11-30 11:00)'::slm.outages;
SELECT '{(2026-11-30 10:00, 2026-11-30 11:00)}'::slm.outages;
SELECT '{[2026-11-30 10:00, 2026-11-30 11:00]}'::slm.outages;
SELECT '{[2026-11-30 10:00, 2026-11-30 11:00)'::slm.outages;
SELECT '{[2026-11-30 10:00, 2026-11-30 11:00) [2026-11-30 12:00, 2026-11-30 13:00)}'::slm.outages;
SELECT '{} x'::slm.outages;
SELECT '{["2026-11-30 10:00, 2026-11-30 11:00)}'::slm.outages;
-- a range that does not go forward, unsorted, overlapping and touching ranges
SELECT '{[2026-11-30 11:00, 2026-11-30 10:00)}'::slm.outages;
SELECT '{[2026-11-30 10:00, 2026-11-30 10:00)}'::slm.outages;
SELECT '{[2026-11-30 12:00, 2026-11-30 13:00), [2026-11-30 10:00, 2026-11-30 11:00)}'::slm.outages;
SELECT '{[2026-11-30 10:00, 2026-11-30 12:00), [2026-11-30 11:00, 2026-11-30 13:00)}'::slm.outages;
SELECT '{[2026-11-30 10:00, 2026-11-30 11:00), [2026-11-30 11:00, 2026-11-30 12:00)}'::slm.outages;
-- missing and infinite bounds
SELECT '{[, 2026-11-30 11:00)}'::slm.outages;
SELECT '{[2026-11-30 10:00, infinity)}'::slm.outages;
-- a bound that is no timestamp fails as timestamptz input does
SELECT '{[yesterday-ish, 2026-11-30 11:00)}'::slm.outages;
-- SQLSTATEs: 22P02 for the form, 22008 for infinite bounds, 22007 for a bad timestamp
SELECT q, pg_temp.sqlstate(format('SELECT %L::slm.outages', q))
FROM (VALUES ('{[2026-11-30 10:00, 2026-11-30 11:00)}'),
             ('{[2026-11-30 10:00, 2026-11-30 11:00]}'),
             ('{[2026-11-30 11:00, 2026-11-30 10:00)}'),
             ('{[2026-11-30 10:00, 2026-11-30 11:00), [2026-11-30 11:00, 2026-11-30 12:00)}'),
             ('{} x'),
             ('{[-infinity, 2026-11-30 11:00)}'),
             ('{[nonsense, 2026-11-30 11:00)}')) v(q);

-- ---------------------------------------------------------------------
-- binary form: a version byte, the count (int32), then int64 pairs
-- ---------------------------------------------------------------------
-- 2000-01-01 00:00 UTC is 0, one second later is 1000000 = 0xf4240
SELECT slm.outages_send('{[2000-01-01 00:00:00, 2000-01-01 00:00:01)}');
SELECT slm.outages_send('{}');
CREATE TABLE av_outage_bin (id int, o slm.outages);
INSERT INTO av_outage_bin VALUES
    (1, '{[2026-11-30 10:00:00.123456, 2026-11-30 11:00), [2026-12-01 00:00, 2026-12-02 00:00)}'),
    (2, '{}'),
    (3, NULL),
    (4, '{[1970-01-01, 1970-01-02), [2200-12-31 23:59:59.999999, 2201-01-01)}');
\copy av_outage_bin TO 'results/availability_outages.bin' WITH (FORMAT binary)
CREATE TABLE av_outage_bin2 (LIKE av_outage_bin);
\copy av_outage_bin2 FROM 'results/availability_outages.bin' WITH (FORMAT binary)
SELECT id, a.o::text AS sent, a.o::text IS NOT DISTINCT FROM b.o::text AS same_text,
       coalesce(a.o OPERATOR(slm.=) b.o, a.o IS NULL AND b.o IS NULL) AS equal
FROM av_outage_bin a JOIN av_outage_bin2 b USING (id) ORDER BY id;
-- hand-made binary values reach the receive function through COPY: each
-- bytea below is sent as the outages column's bytes, and checked there
CREATE TABLE av_outage_raw (b bytea);
CREATE TABLE av_outage_recv (o slm.outages);
-- a good one: [0, 10us), [20us, 30us)
INSERT INTO av_outage_raw SELECT '\x01'::bytea || int4send(2) || int8send(0) || int8send(10) || int8send(20) || int8send(30);
\copy av_outage_raw TO 'results/availability_raw.bin' WITH (FORMAT binary)
\copy av_outage_recv FROM 'results/availability_raw.bin' WITH (FORMAT binary)
SELECT o FROM av_outage_recv;
-- version 2
TRUNCATE av_outage_raw;
INSERT INTO av_outage_raw SELECT '\x02'::bytea || int4send(0);
\copy av_outage_raw TO 'results/availability_raw.bin' WITH (FORMAT binary)
\copy av_outage_recv FROM 'results/availability_raw.bin' WITH (FORMAT binary)
-- unsorted: [20us, 30us) then [0, 10us)
TRUNCATE av_outage_raw;
INSERT INTO av_outage_raw SELECT '\x01'::bytea || int4send(2) || int8send(20) || int8send(30) || int8send(0) || int8send(10);
\copy av_outage_raw TO 'results/availability_raw.bin' WITH (FORMAT binary)
\copy av_outage_recv FROM 'results/availability_raw.bin' WITH (FORMAT binary)
-- touching: [0, 10us) then [10us, 30us)
TRUNCATE av_outage_raw;
INSERT INTO av_outage_raw SELECT '\x01'::bytea || int4send(2) || int8send(0) || int8send(10) || int8send(10) || int8send(30);
\copy av_outage_raw TO 'results/availability_raw.bin' WITH (FORMAT binary)
\copy av_outage_recv FROM 'results/availability_raw.bin' WITH (FORMAT binary)
-- not going forward: [10us, 10us)
TRUNCATE av_outage_raw;
INSERT INTO av_outage_raw SELECT '\x01'::bytea || int4send(1) || int8send(10) || int8send(10);
\copy av_outage_raw TO 'results/availability_raw.bin' WITH (FORMAT binary)
\copy av_outage_recv FROM 'results/availability_raw.bin' WITH (FORMAT binary)
-- infinite end (int64 maximum)
TRUNCATE av_outage_raw;
INSERT INTO av_outage_raw SELECT '\x01'::bytea || int4send(1) || int8send(0) || int8send(9223372036854775807);
\copy av_outage_raw TO 'results/availability_raw.bin' WITH (FORMAT binary)
\copy av_outage_recv FROM 'results/availability_raw.bin' WITH (FORMAT binary)
-- a count the data does not hold
TRUNCATE av_outage_raw;
INSERT INTO av_outage_raw SELECT '\x01'::bytea || int4send(1000) || int8send(0) || int8send(10);
\copy av_outage_raw TO 'results/availability_raw.bin' WITH (FORMAT binary)
\copy av_outage_recv FROM 'results/availability_raw.bin' WITH (FORMAT binary)
-- trailing bytes
TRUNCATE av_outage_raw;
INSERT INTO av_outage_raw SELECT '\x01'::bytea || int4send(0) || '\xff'::bytea;
\copy av_outage_raw TO 'results/availability_raw.bin' WITH (FORMAT binary)
\copy av_outage_recv FROM 'results/availability_raw.bin' WITH (FORMAT binary)
SELECT count(*) AS received FROM av_outage_recv;

-- ---------------------------------------------------------------------
-- outage_agg: the union of outage ranges
-- ---------------------------------------------------------------------
-- overlapping (10:00-11:00 and 10:30-12:00), touching (12:00-12:30), inside
-- another (10:15-10:20), apart (08:00-09:00): two outages remain
SELECT slm.outage_agg(r)
FROM (VALUES (tstzrange('2026-11-30 10:00', '2026-11-30 11:00')),
             (tstzrange('2026-11-30 10:30', '2026-11-30 12:00')),
             (tstzrange('2026-11-30 12:00', '2026-11-30 12:30')),
             (tstzrange('2026-11-30 10:15', '2026-11-30 10:20')),
             (tstzrange('2026-11-30 08:00', '2026-11-30 09:00'))) v(r);
-- bounds are read as [lower, upper): (a,b] counts like [a,b), [t,t] has no
-- duration and is dropped, and NULL and empty ranges are skipped
SELECT slm.outage_agg(r)
FROM (VALUES (tstzrange('2026-11-30 10:00', '2026-11-30 11:00', '(]')),
             (tstzrange('2026-11-30 11:00', '2026-11-30 12:00', '()')),
             (tstzrange('2026-11-30 14:00', '2026-11-30 14:00', '[]')),
             (NULL),
             ('empty')) v(r);
-- no rows, or only NULLs: NULL (as for range_agg); only empty ranges: no outages
SELECT slm.outage_agg(r) IS NULL AS no_rows FROM (SELECT NULL::tstzrange WHERE false) v(r);
SELECT slm.outage_agg(r) IS NULL AS only_nulls FROM (VALUES (NULL::tstzrange), (NULL)) v(r);
SELECT slm.outage_agg(r) AS only_empty FROM (VALUES ('empty'::tstzrange), ('empty')) v(r);
-- grouped, with an empty group from a left join
SELECT s, slm.outage_agg(r)
FROM (VALUES (1), (2), (3)) g(s)
LEFT JOIN (VALUES (1, tstzrange('2026-11-30 10:00', '2026-11-30 11:00')),
                  (1, tstzrange('2026-11-30 09:00', '2026-11-30 10:00')),
                  (3, 'empty')) v(s, r) USING (s)
GROUP BY s ORDER BY s;
-- infinite bounds are refused
SELECT slm.outage_agg(r) FROM (VALUES (tstzrange('2026-11-30 10:00', NULL))) v(r);
SELECT slm.outage_agg(r) FROM (VALUES (tstzrange('-infinity', '2026-11-30 10:00'))) v(r);
-- many rows in scrambled order (the buffer fills and is merged many times)
-- agree with range_agg; 20000 ranges of 1 to 9 minutes every 5 minutes
CREATE TABLE av_scrambled AS
SELECT tstzrange(t, t + (1 + g % 9) * interval '1 minute') AS r
FROM generate_series(0, 19999) g,
     LATERAL (SELECT timestamptz '2026-01-01' + ((g * 7919) % 20000) * interval '5 minutes') s(t);
SELECT slm.outage_agg(r)::tstzmultirange = range_agg(r) AS same_as_range_agg,
       slm.outage_count(slm.outage_agg(r), '[2026-01-01, 2026-03-01)') AS outages
FROM av_scrambled;
-- in time order the state grows without merging; same answer
SELECT (SELECT slm.outage_agg(r ORDER BY r) FROM av_scrambled)
       OPERATOR(slm.=) (SELECT slm.outage_agg(r) FROM av_scrambled) AS ordered_same;
-- as a window aggregate: a running union (the final function leaves the state usable)
SELECT t, slm.outage_agg(r) OVER (ORDER BY t)
FROM (VALUES (1, tstzrange('2026-11-30 10:00', '2026-11-30 11:00')),
             (2, tstzrange('2026-11-30 08:00', '2026-11-30 09:00')),
             (3, tstzrange('2026-11-30 10:30', '2026-11-30 12:00')),
             (4, NULL)) v(t, r);
-- the support functions called directly
SELECT slm.outage_agg_trans(NULL, tstzrange('2026-11-30 10:00', '2026-11-30 11:00')) AS trans,
       slm.outage_agg_trans('{}', NULL) AS trans_null,
       slm.outage_agg_combine('{[2026-11-30 10:00, 2026-11-30 12:00)}',
                              '{[2026-11-30 11:00, 2026-11-30 13:00)}') AS combine;

-- casts: tstzmultirange in both directions
SELECT '{[2026-11-30 10:00, 2026-11-30 11:00), [2026-11-30 12:00, 2026-11-30 13:00)}'::slm.outages::tstzmultirange;
-- touching after reading [a,b] as [a,b): merged; an instant: dropped
SELECT '{[2026-11-30 10:00, 2026-11-30 11:00], (2026-11-30 11:00, 2026-11-30 12:00), [2026-11-30 14:00, 2026-11-30 14:00]}'::tstzmultirange::slm.outages;
SELECT '{}'::tstzmultirange::slm.outages;
SELECT '{[2026-11-30 10:00,)}'::tstzmultirange::slm.outages;

-- ---------------------------------------------------------------------
-- accessors
-- ---------------------------------------------------------------------
-- A week of office hours, mon-fri 09:00-17:00 UTC, from Monday 2026-11-30
-- to Monday 2026-12-07: agreed time 5 x 8h = 40h. The outages:
--   D  Sun 11-29 20:00 - Mon 11-30 09:30  starts before the period: Mon 09:00-09:30 = 0.5h
--   A  Mon 11-30 10:00 - 11:30                                           = 1.5h
--   B  Tue 12-01 16:00 - Wed 12-02 10:00  Tue 16-17 and Wed 09-10         = 2h
--   C  Thu 12-03 18:00 - 20:00            outside service hours          = 0h
--   E  Fri 12-04 16:30 - Mon 12-07 09:30  runs past the period: Fri 16:30-17:00 = 0.5h
-- downtime 4.5h; availability (40 - 4.5) / 40 = 0.8875; five outages overlap
-- the period, four of them with downtime: MTRS 4.5h / 4 = 1:07:30, MTBF
-- (40 - 4.5)h / 4 = 8.875h = 8:52:30.
CREATE TABLE av_week_outages (name text, r tstzrange);
INSERT INTO av_week_outages VALUES
    ('D', tstzrange('2026-11-29 20:00', '2026-11-30 09:30')),
    ('A', tstzrange('2026-11-30 10:00', '2026-11-30 11:30')),
    ('B', tstzrange('2026-12-01 16:00', '2026-12-02 10:00')),
    ('C', tstzrange('2026-12-03 18:00', '2026-12-03 20:00')),
    ('E', tstzrange('2026-12-04 16:30', '2026-12-07 09:30'));
CREATE TABLE av_week AS
SELECT slm.outage_agg(r) AS o, range_agg(r) AS m,
       'mon-fri 09:00-17:00'::slm.calendar AS cal,
       tstzrange('2026-11-30', '2026-12-07') AS period
FROM av_week_outages;
SELECT slm.agreed_time(cal, period) AS agreed,
       slm.downtime(o, cal, period) AS downtime,
       slm.availability(o, cal, period) AS availability,
       slm.outage_count(o, period) AS outages,
       slm.mtrs(o, cal, period) AS mtrs,
       slm.mtbf(o, cal, period) AS mtbf
FROM av_week;
-- the same from a tstzmultirange (range_agg) instead of slm.outages
SELECT slm.downtime(m, cal, period) AS downtime,
       slm.availability(m, cal, period) AS availability,
       slm.outage_count(m, period) AS outages,
       slm.mtrs(m, cal, period) AS mtrs,
       slm.mtbf(m, cal, period) AS mtbf
FROM av_week;
-- per outage: the business time each contributes (downtime of a one-outage summary)
SELECT name, slm.downtime(slm.outage_agg(r), 'mon-fri 09:00-17:00', '[2026-11-30, 2026-12-07)') AS downtime,
       slm.outage_count(slm.outage_agg(r), '[2026-11-30, 2026-12-07)') AS counted
FROM av_week_outages GROUP BY name ORDER BY name;

-- Maintenance Wed 12-02 09:00-12:00 and Thu 12-03 13:00-15:00 (5h of
-- service hours) is left out of both: agreed 40 - 5 = 35h; B loses its Wed
-- 09-10 hour, so downtime is 4.5 - 1 = 3.5h; availability (35 - 3.5) / 35
-- = 0.9; still four outages with downtime: MTRS 3.5h / 4 = 0:52:30, MTBF
-- 31.5h / 4 = 7:52:30.
SELECT slm.agreed_time(cal, period, mw) AS agreed,
       slm.downtime(o, cal, period, mw) AS downtime,
       slm.availability(o, cal, period, mw) AS availability,
       slm.mtrs(o, cal, period, mw) AS mtrs,
       slm.mtbf(o, cal, period, mw) AS mtbf
FROM av_week, (VALUES ('{[2026-12-02 09:00, 2026-12-02 12:00), [2026-12-03 13:00, 2026-12-03 15:00)}'::tstzmultirange)) v(mw);
SELECT slm.downtime(m, cal, period, mw) AS downtime,
       slm.availability(m, cal, period, mw) AS availability,
       slm.mtrs(m, cal, period, mw) AS mtrs,
       slm.mtbf(m, cal, period, mw) AS mtbf
FROM av_week, (VALUES ('{[2026-12-02 09:00, 2026-12-02 12:00), [2026-12-03 13:00, 2026-12-03 15:00)}'::tstzmultirange)) v(mw);
-- Maintenance Mon 11-30 10:00-12:00 covers all of A, which then is no
-- break: agreed 38h, downtime 4.5 - 1.5 = 3h, availability 35 / 38, three
-- outages with downtime: MTRS 1:00:00, MTBF 35h / 3 = 11:40:00.
SELECT slm.agreed_time(cal, period, mw) AS agreed,
       slm.downtime(o, cal, period, mw) AS downtime,
       slm.availability(o, cal, period, mw) = 35.0 / 38 AS availability_35_38,
       slm.mtrs(o, cal, period, mw) AS mtrs,
       slm.mtbf(o, cal, period, mw) AS mtbf
FROM av_week, (VALUES ('{[2026-11-30 10:00, 2026-11-30 12:00)}'::tstzmultirange)) v(mw);
-- Maintenance without an end, from Friday 12-04 00:00: cut to the period,
-- it removes Friday's 8h: agreed 32h; E's half hour goes, downtime 4h;
-- availability 28 / 32 = 0.875.
SELECT slm.agreed_time(cal, period, mw) AS agreed,
       slm.downtime(o, cal, period, mw) AS downtime,
       slm.availability(o, cal, period, mw) AS availability
FROM av_week, (VALUES ('{[2026-12-04 00:00,)}'::tstzmultirange)) v(mw);
-- NULL maintenance is none; NULL in another argument gives NULL
SELECT slm.agreed_time(cal, period, NULL) AS agreed,
       slm.downtime(o, cal, period, NULL) AS downtime,
       slm.availability(m, cal, period, NULL) AS availability,
       slm.mtrs(o, cal, period, NULL) AS mtrs,
       slm.mtbf(m, cal, period, NULL) AS mtbf
FROM av_week;
SELECT slm.agreed_time(NULL, period, NULL) IS NULL AS a,
       slm.downtime(NULL::slm.outages, cal, period, NULL) IS NULL AS b,
       slm.availability(o, NULL, period, '{}') IS NULL AS c,
       slm.mtrs(m, cal, NULL, '{}') IS NULL AS d,
       slm.availability(o, cal, NULL) IS NULL AS e
FROM av_week;
-- a period with no service hours (a weekend, which E overlaps): nothing
-- agreed, availability and the means are NULL; an empty period likewise
SELECT slm.agreed_time(cal, p) AS agreed, slm.downtime(o, cal, p) AS downtime,
       slm.availability(o, cal, p) AS availability, slm.outage_count(o, p) AS outages,
       slm.mtrs(o, cal, p) AS mtrs, slm.mtbf(o, cal, p) AS mtbf
FROM av_week, (VALUES (tstzrange('2026-12-05', '2026-12-07')), ('empty')) v(p);
-- no outages at all: availability 1, no means
SELECT slm.availability('{}'::slm.outages, cal, period) AS availability,
       slm.downtime('{}'::tstzmultirange, cal, period) AS downtime,
       slm.mtrs('{}'::slm.outages, cal, period) AS mtrs
FROM av_week;
-- outage_count counts merged outages overlapping the period: touching at a
-- boundary is not overlapping; a multirange's [a,b] and (b,c) are one outage
SELECT slm.outage_count(o, tstzrange('2026-11-30 09:30', '2026-11-30 10:00')) AS between_d_and_a,
       slm.outage_count(o, tstzrange('2026-11-30 09:29', '2026-11-30 10:01')) AS d_and_a,
       slm.outage_count('{[2026-11-30 10:00, 2026-11-30 11:00], (2026-11-30 11:00, 2026-11-30 12:00)}'::tstzmultirange,
                        tstzrange('2026-11-30', '2026-12-01')) AS touching_multirange
FROM av_week;
-- infinite periods and outages are refused
SELECT slm.availability(o, cal, tstzrange('2026-11-30', NULL)) FROM av_week;
SELECT slm.agreed_time(cal, tstzrange('2026-11-30', 'infinity')) FROM av_week;
SELECT slm.downtime('{[2026-11-30,)}'::tstzmultirange, cal, period) FROM av_week;
SELECT pg_temp.sqlstate($$SELECT slm.outage_count(o, tstzrange(NULL, '2026-11-30')) FROM av_week$$) AS infinite_period,
       pg_temp.sqlstate($$SELECT slm.outage_agg(tstzrange('2026-11-30', NULL))$$) AS infinite_outage;

-- ---------------------------------------------------------------------
-- DST: the calendar's zone decides the service hours
-- ---------------------------------------------------------------------
-- Sunday 2026-03-29 in Berlin: clocks go from 02:00 CET to 03:00 CEST.
-- Service hours sun 01:00-05:00 local are 00:00-03:00 UTC, 3h. An outage
-- 01:30-02:30 UTC (03:30-04:30 CEST) is 1h of it: availability 2/3.
-- An outage 23:00-00:30 UTC the evening before is 00:00-01:30 CET, of
-- which 01:00-01:30 CET = 00:00-00:30 UTC is service time: 0.5h more,
-- (3 - 1.5) / 3 = 0.5 in all, MTRS 45 min.
SELECT slm.agreed_time(cal, day) AS agreed,
       slm.downtime(o, cal, day) AS downtime,
       slm.availability(o, cal, day) = 2.0 / 3 AS availability_2_3
FROM (VALUES ('sun 01:00-05:00; tz Europe/Berlin'::slm.calendar,
              tstzrange('2026-03-29 00:00'::timestamp AT TIME ZONE 'Europe/Berlin',
                        '2026-03-30 00:00'::timestamp AT TIME ZONE 'Europe/Berlin'),
              '{[2026-03-29 01:30, 2026-03-29 02:30)}'::slm.outages)) v(cal, day, o);
SELECT slm.downtime(o, cal, day) AS downtime,
       slm.availability(o, cal, day) AS availability,
       slm.mtrs(o, cal, day) AS mtrs
FROM (VALUES ('sun 01:00-05:00; tz Europe/Berlin'::slm.calendar,
              tstzrange('2026-03-28 23:00', '2026-03-29 22:00'),
              '{[2026-03-28 23:00, 2026-03-29 00:30), [2026-03-29 01:30, 2026-03-29 02:30)}'::slm.outages)) v(cal, day, o);
-- A 24x7 service: the spring day has 23 hours, the autumn day 25. An hour
-- down on each: 22/23 and 24/25.
SELECT slm.agreed_time(cal, day) AS agreed,
       slm.availability(o, cal, day) = (23.0 - 1) / 23 AS availability_22_23
FROM (VALUES ('24x7; tz Europe/Berlin'::slm.calendar,
              tstzrange('2026-03-29 00:00'::timestamp AT TIME ZONE 'Europe/Berlin',
                        '2026-03-30 00:00'::timestamp AT TIME ZONE 'Europe/Berlin'),
              '{[2026-03-29 00:30, 2026-03-29 01:30)}'::slm.outages)) v(cal, day, o);
SELECT slm.agreed_time(cal, day) AS agreed,
       slm.availability(o, cal, day) AS availability
FROM (VALUES ('24x7; tz Europe/Berlin'::slm.calendar,
              tstzrange('2026-10-25 00:00'::timestamp AT TIME ZONE 'Europe/Berlin',
                        '2026-10-26 00:00'::timestamp AT TIME ZONE 'Europe/Berlin'),
              '{[2026-10-25 00:00, 2026-10-25 01:00)}'::slm.outages)) v(cal, day, o);
