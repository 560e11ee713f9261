-- slm.durations: the durations_agg aggregates, accessors, rollup, text and
-- binary I/O, accuracy and size against exact answers, parallel and
-- partitionwise plans.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- Tickets on weekdays 09-17 UTC, target 4h (business time; the target's
-- duration does not matter to the distribution):
--  1 Fri 15:00 -> Mon 11:00                        2h + 2h = 4h
--  2 Fri 15:00 -> Mon 11:00, waiting Mon 09-10     3h
--  3 Mon 09:00 -> Mon 10:30                        1h 30min
--  4 Sat 10:00 -> Sun 18:00 (closed all along)     0
--  5 Tue 09:00 -> Wed 12:00                        8h + 3h = 11h
--  6 Fri 15:00 -> (running)
--  7 Mon 12:00 -> Mon 11:00 (stop before start)    invalid
--  8 no target, 9 no start: skipped
CREATE TABLE dur_ticket (id int, team text, target slm.target, opened timestamptz,
                         closed timestamptz, waiting tstzmultirange);
INSERT INTO dur_ticket VALUES
    (1, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-27 15:00', '2026-11-30 11:00', NULL),
    (2, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-27 15:00', '2026-11-30 11:00',
     '{[2026-11-30 09:00, 2026-11-30 10:00)}'),
    (3, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-30 09:00', '2026-11-30 10:30', NULL),
    (4, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-28 10:00', '2026-11-29 18:00', NULL),
    (5, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-12-01 09:00', '2026-12-02 12:00', NULL),
    (6, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-27 15:00', NULL, NULL),
    (7, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-30 12:00', '2026-11-30 11:00', NULL),
    (8, 'b', NULL, '2026-12-01 00:00', '2026-12-01 01:00', NULL),
    (9, 'b', '1h', NULL, '2026-12-01 01:00', NULL);

-- the summary per team; b has no countable row: NULL
SELECT team, slm.durations_agg(target, opened, closed, waiting) FROM dur_ticket GROUP BY team ORDER BY team;
-- every accessor. Stopped: 0, 1h30, 3h, 4h, 11h (n = 5); total counts the
-- running clock too, not the invalid row. quantile(p) is the clock at rank
-- max(1, ceil(5p)): 0 and 0.2 -> rank 1 (0, exact); 0.21 -> rank 2 (1h30,
-- as its bucket's value 1h29m35.8s, 0.5% off); 0.5 -> rank 3 (3h, 0.2%
-- off); 0.8 -> rank 4 (4h, 0.5% off); 1 -> rank 5 (11h, the longest, exact).
SELECT slm.total(d), slm.running(d), slm.invalid(d),
       slm.quantile(d, 0) AS q0, slm.quantile(d, 0.2) AS q20, slm.quantile(d, 0.21) AS q21,
       slm.quantile(d, 0.5) AS q50, slm.quantile(d, 0.8) AS q80, slm.quantile(d, 1) AS q100
FROM (SELECT slm.durations_agg(target, opened, closed, waiting) AS d FROM dur_ticket) s;
-- the same rows judged with slm.elapsed: what quantile approximates
SELECT percentile_disc(array[0, 0.2, 0.21, 0.5, 0.8, 1]) WITHIN GROUP (ORDER BY slm.elapsed(target, opened, closed, waiting))
FROM dur_ticket WHERE closed >= opened;
-- share_within: the share of clocks whose value (as quantile gives it) is
-- at most x: nothing below 0, the zero at 0, 1h30 (as 1h29m35.8s) by 2h,
-- 3h (as 3h00m25.6s) by 3h05, 4h (as 4h01m07.7s) by 10h, all at 11h
SELECT x, slm.share_within(d, x)
FROM (SELECT slm.durations_agg(target, opened, closed, waiting) AS d FROM dur_ticket) s,
     (VALUES (interval '-1 hour'), ('0'), ('1 hour'), ('2 hours'), ('3 hours 5 minutes'), ('10 hours'),
             ('11 hours'), ('12 hours'), ('1 day')) v(x)
ORDER BY x;
-- achievable: the shortest duration met by at least that share: 1/5 of
-- the clocks took 0, 2/5 at most 1h30, 3/5 at most 3h, all 11h
SELECT g, slm.achievable(d, g)
FROM (SELECT slm.durations_agg(target, opened, closed, waiting) AS d FROM dur_ticket) s,
     (VALUES (0::float8), (0.2), (0.21), (0.4), (0.6), (0.95), (1)) v(g)
ORDER BY g;
-- without pauses, ticket 2 took 4h like ticket 1
SELECT slm.durations_agg(target, opened, closed) AS no_pause,
       slm.durations_agg(target, opened, closed, NULL::tstzmultirange) AS null_pause
FROM dur_ticket;

-- no rows, only skipped rows, only running or invalid rows
SELECT slm.durations_agg(target, opened, closed) IS NULL AS no_rows FROM dur_ticket WHERE false;
SELECT slm.durations_agg(target, opened, closed) IS NULL AS skipped FROM dur_ticket WHERE team = 'b';
SELECT d, slm.total(d), slm.running(d), slm.invalid(d), slm.quantile(d, 0.5), slm.share_within(d, '1h'),
       slm.achievable(d, 0.5)
FROM (SELECT slm.durations_agg(target, opened, closed) AS d FROM dur_ticket WHERE id IN (6, 7)) s;
SELECT slm.rollup(d) IS NULL AS no_summaries FROM (SELECT NULL::slm.durations AS d) s;
SELECT slm.total(NULL::slm.durations), slm.quantile(NULL, 0.5), slm.quantile('running=1 invalid=0 zero=0 alpha=0.005', NULL);
-- infinite instants, and instants past the year 9999 (where business time
-- is not computed), are invalid rows, not errors
SELECT slm.durations_agg(target, s, e)
FROM (VALUES ('1h'::slm.target, timestamptz '-infinity', timestamptz '2026-01-01'),
             ('1h', '2026-01-01', 'infinity'), ('1h', 'infinity', NULL), ('1h', '2026-01-01', NULL),
             ('1h', '2026-01-01', '20000-01-01'), ('1h', '20000-01-01', '20000-01-02')) v(target, s, e);
-- a pause without end holds the clock: the elapsed time stops at the pause
SELECT slm.durations_agg(t, s, e, p) FROM (VALUES ('1h'::slm.target, timestamptz '2026-12-01 00:00',
       timestamptz '2026-12-01 05:00', tstzmultirange(tstzrange('2026-12-01 00:30', NULL)))) v(t, s, e, p);

-- one row and equal rows are exact: the shortest and longest are kept
SELECT slm.durations_agg('1h', s, s + interval '3 hours 25 minutes 7.5 seconds') AS one,
       slm.quantile(slm.durations_agg('1h', s, s + interval '3 hours 25 minutes 7.5 seconds'), 0.5) AS median
FROM (VALUES (timestamptz '2026-01-01')) v(s);
SELECT d, slm.quantile(d, 0.01), slm.quantile(d, 0.5), slm.achievable(d, 0.99), slm.share_within(d, '3h'),
       slm.share_within(d, '2h 59min 59.999999s')
FROM (SELECT slm.durations_agg('1h', s, s + interval '3 hours') AS d
      FROM generate_series(timestamptz '2026-01-01', '2026-01-10', '1 hour') s) q;

-- rollup and combine: NULL is no rows; never alias the argument
SELECT slm.rollup(d) FROM (VALUES ('running=2 invalid=1 zero=0 alpha=0.005'::slm.durations),
                                  ('running=0 invalid=0 zero=1 min=0s max=60s alpha=0.005 buckets=1791:1'),
                                  (NULL),
                                  ('running=0 invalid=0 zero=0 min=60s max=90s alpha=0.005 buckets=1791:1,1832:1')) v(d);
SELECT slm.durations_agg_combine(NULL, NULL) IS NULL AS both_null,
       slm.durations_agg_combine('running=1 invalid=0 zero=0 alpha=0.005'::slm.durations, NULL),
       slm.durations_agg_combine(NULL, 'running=0 invalid=1 zero=0 alpha=0.005'::slm.durations);
SELECT slm.durations_agg_combine(d, d) AS doubled, d AS unchanged
FROM (SELECT 'running=1 invalid=2 zero=3 min=0s max=90s alpha=0.005 buckets=1791:1,1832:4'::slm.durations AS d) s;
SELECT slm.durations_agg_trans(d, '1h', '2026-01-01', '2026-01-01 00:02') AS added, d AS unchanged
FROM (SELECT 'running=0 invalid=0 zero=0 min=60s max=90s alpha=0.005 buckets=1791:1,1832:1'::slm.durations AS d) s;
SELECT slm.durations_agg_trans(NULL, '1h', '2026-01-01', '2026-01-01 00:02') AS first_row,
       slm.durations_agg_final('running=5 invalid=0 zero=0 alpha=0.005') AS final;

-- text form: canonical output, lenient spacing and order on input
SELECT '  buckets=1791:2  alpha=0.005 max=60s min=60s zero=0 invalid=0   running=0 '::slm.durations AS reordered,
       'running=0 invalid=0 zero=0 min=0.000001s max=0.000001s alpha=0.005 buckets=0:1'::slm.durations AS one_microsecond,
       'running=0 invalid=0 zero=0 min=9223372036854.775807s max=9223372036854.775807s alpha=0.005 buckets=4367:1'::slm.durations AS longest;
SELECT d::text::slm.durations::text = d::text AS text_round_trip
FROM (VALUES ('running=3 invalid=1 zero=2 min=0s max=3600.5s alpha=0.005 buckets=1791:1,2201:7'::slm.durations),
             ('running=1 invalid=0 zero=0 alpha=0.005'), ('running=0 invalid=0 zero=4 min=0s max=0s alpha=0.005')) v(d);

-- malformed text: 22P02, and what went wrong where
CREATE FUNCTION pg_temp.input_error(text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    st text;
    detail text;
BEGIN
    PERFORM $1::slm.durations;
    RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, detail = PG_EXCEPTION_DETAIL;
    RETURN st || ': ' || detail;
END $$;
SELECT v AS input, pg_temp.input_error(v) AS error FROM (VALUES
    (''), ('running=1 invalid=0'), ('running=1 invalid=0 zero=0'), ('running=1 invalid=0 zero=0 alpha=0.01'),
    ('running=1 running=1 invalid=0 zero=0 alpha=0.005'), ('running=-1 invalid=0 zero=0 alpha=0.005'),
    ('running=1invalid=0 zero=0 alpha=0.005'), ('running = 1 invalid=0 zero=0 alpha=0.005'),
    ('running=1 invalid=0 zero=0 alpha=0.005 frobs=2'),
    ('running=99999999999999999999 invalid=0 zero=0 alpha=0.005'),
    ('running=9223372036854775807 invalid=1 zero=0 alpha=0.005'),
    ('running=0 invalid=0 zero=0 alpha=0.005'),
    ('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1791:1,1790:1'),
    ('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1791:1,1791:1'),
    ('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1791:0'),
    ('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=4368:1'),
    ('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1:1'),
    ('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1791;1'),
    ('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1791:1,'),
    ('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets='),
    ('running=0 invalid=0 zero=0 min=60s alpha=0.005 buckets=1791:1'),
    ('running=0 invalid=0 zero=0 alpha=0.005 buckets=1791:1'),
    ('running=0 invalid=0 zero=0 min=60 max=60s alpha=0.005 buckets=1791:1'),
    ('running=0 invalid=0 zero=0 min=60.1234567s max=60s alpha=0.005 buckets=1791:1'),
    ('running=0 invalid=0 zero=0 min=59s max=60s alpha=0.005 buckets=1791:1'),
    ('running=0 invalid=0 zero=0 min=59.5s max=60s alpha=0.005 buckets=1791:1'),
    ('running=0 invalid=0 zero=0 min=59.5s max=60s alpha=0.005 buckets=1791:2'),
    ('running=0 invalid=0 zero=0 min=90s max=60s alpha=0.005 buckets=1791:1,1832:1'),
    ('running=0 invalid=0 zero=1 min=60s max=60s alpha=0.005 buckets=1791:1'),
    ('running=0 invalid=0 zero=0 min=0s max=60s alpha=0.005 buckets=1791:1'),
    ('running=0 invalid=0 zero=1 min=0s max=60s alpha=0.005'),
    ('running=1 invalid=0 zero=0 min=0s max=0s alpha=0.005'),
    ('running=0 invalid=0 zero=0 min=99999999999999s max=60s alpha=0.005 buckets=1791:1'),
    ('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1791:9223372036854775807,1792:1')) t(v);
SELECT 'running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1791:1,1790:1'::slm.durations;

-- binary form: a version byte, the counts, the buckets; COPY out and back
CREATE TABLE dur_bin (id int, d slm.durations);
INSERT INTO dur_bin VALUES
    (1, 'running=3 invalid=1 zero=2 min=0s max=3600.5s alpha=0.005 buckets=1791:1,2201:7'),
    (2, 'running=1 invalid=0 zero=0 alpha=0.005'), (3, 'running=0 invalid=0 zero=4 min=0s max=0s alpha=0.005'),
    (4, NULL),
    (5, 'running=0 invalid=0 zero=0 min=0.000001s max=9223372036854.775807s alpha=0.005 buckets=0:1,4367:9223372036854775806');
SELECT slm.durations_send(d) FROM dur_bin WHERE id = 1;
\copy dur_bin TO 'results/durations.bin' WITH (FORMAT binary)
CREATE TABLE dur_bin2 (id int, d slm.durations);
\copy dur_bin2 FROM 'results/durations.bin' WITH (FORMAT binary)
SELECT a.id, a.d::text IS NOT DISTINCT FROM b.d::text AS binary_round_trip, b.d
FROM dur_bin a JOIN dur_bin2 b USING (id) ORDER BY id;
-- malformed binary, written as the raw bytes of a bytea column
CREATE TABLE dur_raw (id int, d bytea);
INSERT INTO dur_raw
SELECT 1, overlay(slm.durations_send('running=1 invalid=0 zero=0 alpha=0.005') PLACING '\x02' FROM 1 FOR 1)
UNION ALL SELECT 2, slm.durations_send('running=1 invalid=0 zero=0 alpha=0.005') || '\x00'::bytea
UNION ALL SELECT 3, substr(slm.durations_send('running=1 invalid=0 zero=0 alpha=0.005'), 1, 20)
-- the second bucket made a copy of the first
UNION ALL SELECT 4, overlay(slm.durations_send('running=0 invalid=0 zero=0 min=60s max=90s alpha=0.005 buckets=1791:1,1832:1')
                            PLACING int4send(1791) FROM 58 FOR 4)
-- a count of 0
UNION ALL SELECT 5, overlay(slm.durations_send('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1791:1')
                            PLACING int8send(0) FROM 50 FOR 8)
-- an index past the table
UNION ALL SELECT 6, overlay(slm.durations_send('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1791:1')
                            PLACING int4send(5000) FROM 46 FOR 4)
-- a negative number of buckets
UNION ALL SELECT 7, overlay(slm.durations_send('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1791:1')
                            PLACING int4send(-1) FROM 42 FOR 4)
-- min moved out of its bucket
UNION ALL SELECT 8, overlay(slm.durations_send('running=0 invalid=0 zero=0 min=60s max=60s alpha=0.005 buckets=1791:1')
                            PLACING int8send(59000000) FROM 26 FOR 8);
SELECT id, length(d) FROM dur_raw ORDER BY id;
CREATE TABLE dur_bad (d slm.durations);
\copy (SELECT d FROM dur_raw WHERE id = 1) TO 'results/durations_bad.bin' WITH (FORMAT binary)
\copy dur_bad FROM 'results/durations_bad.bin' WITH (FORMAT binary)
\copy (SELECT d FROM dur_raw WHERE id = 2) TO 'results/durations_bad.bin' WITH (FORMAT binary)
\copy dur_bad FROM 'results/durations_bad.bin' WITH (FORMAT binary)
\copy (SELECT d FROM dur_raw WHERE id = 3) TO 'results/durations_bad.bin' WITH (FORMAT binary)
\copy dur_bad FROM 'results/durations_bad.bin' WITH (FORMAT binary)
\copy (SELECT d FROM dur_raw WHERE id = 4) TO 'results/durations_bad.bin' WITH (FORMAT binary)
\copy dur_bad FROM 'results/durations_bad.bin' WITH (FORMAT binary)
\copy (SELECT d FROM dur_raw WHERE id = 5) TO 'results/durations_bad.bin' WITH (FORMAT binary)
\copy dur_bad FROM 'results/durations_bad.bin' WITH (FORMAT binary)
\copy (SELECT d FROM dur_raw WHERE id = 6) TO 'results/durations_bad.bin' WITH (FORMAT binary)
\copy dur_bad FROM 'results/durations_bad.bin' WITH (FORMAT binary)
\copy (SELECT d FROM dur_raw WHERE id = 7) TO 'results/durations_bad.bin' WITH (FORMAT binary)
\copy dur_bad FROM 'results/durations_bad.bin' WITH (FORMAT binary)
\copy (SELECT d FROM dur_raw WHERE id = 8) TO 'results/durations_bad.bin' WITH (FORMAT binary)
\copy dur_bad FROM 'results/durations_bad.bin' WITH (FORMAT binary)
SELECT count(*) AS loaded FROM dur_bad;

-- bad arguments: 22023
SELECT slm.quantile('running=0 invalid=0 zero=1 min=0s max=0s alpha=0.005'::slm.durations, 1.5);
SELECT slm.quantile('running=0 invalid=0 zero=1 min=0s max=0s alpha=0.005'::slm.durations, -0.01);
SELECT slm.quantile('running=0 invalid=0 zero=1 min=0s max=0s alpha=0.005'::slm.durations, 'NaN');
SELECT slm.achievable('running=0 invalid=0 zero=1 min=0s max=0s alpha=0.005'::slm.durations, 95);
SELECT slm.achievable('running=0 invalid=0 zero=1 min=0s max=0s alpha=0.005'::slm.durations, 'NaN');
SELECT slm.share_within('running=0 invalid=0 zero=1 min=0s max=0s alpha=0.005'::slm.durations, '1 month');
-- a bad p is an error even when there is no distribution to read
SELECT slm.quantile('running=1 invalid=0 zero=0 alpha=0.005'::slm.durations, 2);

-- Generated clocks, several shapes of distribution. u(g, k) is a uniform
-- number in (0, 1) from a stable hash, so the data are the same everywhere.
CREATE FUNCTION pg_temp.u(int, int) RETURNS float8 LANGUAGE sql IMMUTABLE
    AS $$ SELECT (hashint4($1 * 8 + $2)::float8 + 2147483648.5) / 4294967296.0 $$;
CREATE TABLE dur_gen AS
-- uniform between 0 and 10 hours, to the microsecond
SELECT 'uniform' AS dist, g, '1h'::slm.target AS target, timestamptz '2026-01-01' AS s,
       timestamptz '2026-01-01' + floor(pg_temp.u(g, 0) * 36e9) * interval '1 microsecond' AS e,
       NULL::tstzmultirange AS paused
FROM generate_series(1, 20000) g
UNION ALL
-- log-normal, median 2 hours, sigma 2.5: from seconds to years
SELECT 'lognormal', g, '1h', '2026-01-01',
       timestamptz '2026-01-01' + round(7.2e9 * exp(2.5 * sqrt(-2 * ln(pg_temp.u(g, 1))) * cos(2 * pi() * pg_temp.u(g, 2))))
                                  * interval '1 microsecond', NULL
FROM generate_series(1, 20000) g
UNION ALL
-- many ties: quarter hours from 0 to 4 hours
SELECT 'ties', g, '1h', '2026-01-01', timestamptz '2026-01-01' + g % 17 * interval '15 minutes', NULL
FROM generate_series(1, 5000) g
UNION ALL
-- all equal
SELECT 'equal', g, '1h', '2026-01-01', '2026-01-01 04:00', NULL FROM generate_series(1, 1000) g
UNION ALL
-- mostly zeros, the rest below a minute
SELECT 'zeros', g, '1h', '2026-01-01',
       timestamptz '2026-01-01' + CASE WHEN g % 10 < 7 THEN 0 ELSE floor(pg_temp.u(g, 3) * 6e7) END * interval '1 microsecond', NULL
FROM generate_series(1, 5000) g
UNION ALL
SELECT 'single', 1, '1h', '2026-01-01', '2026-01-01 03:25:07.5', NULL
UNION ALL
-- huge: from 1 to 9,000 years, log-uniform
SELECT 'huge', g, '1h', '0100-01-01',
       timestamptz '0100-01-01' + round(31536e9 * exp(pg_temp.u(g, 4) * ln(9000))) * interval '1 microsecond', NULL
FROM generate_series(1, 5000) g
UNION ALL
-- tiny: 1 to 2,000 microseconds, where buckets hold one or two values
SELECT 'tiny', g, '1h', '2026-01-01', timestamptz '2026-01-01' + (1 + g % 2000) * interval '1 microsecond', NULL
FROM generate_series(1, 6000) g
UNION ALL
-- business hours with a holiday, pauses, running clocks and invalid rows
SELECT 'calendar', g, '8h on (mon-fri 09:00-17:00; 2026-12-24..2026-12-26 closed; tz Europe/Berlin)', o,
       CASE WHEN g % 10 = 0 THEN NULL WHEN g % 53 = 0 THEN o - interval '1 hour'
            ELSE o + floor(pg_temp.u(g, 5) * 30 * 86400) * interval '1 second' END,
       CASE WHEN g % 5 = 0 THEN tstzmultirange(tstzrange(o + interval '30 minutes',
                                                         o + interval '30 minutes' + g % 13 * interval '1 hour')) END
FROM generate_series(1, 20000) g,
     LATERAL (SELECT timestamptz '2026-01-05' + floor(pg_temp.u(g, 6) * 365 * 288) * interval '5 minutes' AS o) t;
ANALYZE dur_gen;
CREATE TABLE dur_summary AS
SELECT dist, slm.durations_agg(target, s, e, paused) AS d FROM dur_gen GROUP BY dist;
CREATE TABLE dur_exact AS
SELECT dist, slm.elapsed(target, s, e, paused) AS el FROM dur_gen WHERE e >= s;
-- the counts: running and invalid rows apart from the distribution
SELECT dist, slm.total(d), slm.running(d), slm.invalid(d),
       slm.total(d) - slm.running(d) = (SELECT count(*) FROM dur_exact x WHERE x.dist = s.dist) AS stopped_ok
FROM dur_summary s ORDER BY dist;

-- quantile against percentile_disc over slm.elapsed of the same rows: at
-- most 1% off, at the pinned levels and at every 0.001 from 0 to 1; 0, the
-- shortest and the longest exactly
SELECT dist, count(*) AS levels, bool_and(ok) AS within_1pct, round(max(rel), 4) AS worst,
       bool_and(q = x) FILTER (WHERE p IN (0, 1) OR x = interval '0') AS ends_exact
FROM (SELECT s.dist, p, q, x,
             abs(extract(epoch FROM q) - extract(epoch FROM x)) <= 0.01 * extract(epoch FROM x) AS ok,
             abs(extract(epoch FROM q) - extract(epoch FROM x)) / nullif(extract(epoch FROM x), 0) AS rel
      FROM dur_summary s
      JOIN (SELECT dist, percentile_disc(array[0, 0.01, 0.05, 0.25, 0.5, 0.9, 0.95, 0.99, 1])
                         WITHIN GROUP (ORDER BY el) AS xs
            FROM dur_exact GROUP BY dist) e USING (dist),
           unnest(array[0, 0.01, 0.05, 0.25, 0.5, 0.9, 0.95, 0.99, 1], e.xs) u(p, x),
           LATERAL (SELECT slm.quantile(s.d, p) AS q) v) c
GROUP BY dist ORDER BY dist;
CREATE TABLE dur_levels AS SELECT array_agg(k / 1000.0::float8 ORDER BY k) AS ps FROM generate_series(0, 1000) k;
SELECT count(*) AS levels, count(*) FILTER (WHERE ok) AS within_1pct, round(max(rel), 4) AS worst
FROM (SELECT abs(extract(epoch FROM slm.quantile(s.d, p)) - extract(epoch FROM x)) <= 0.01 * extract(epoch FROM x) AS ok,
             abs(extract(epoch FROM slm.quantile(s.d, p)) - extract(epoch FROM x)) / nullif(extract(epoch FROM x), 0) AS rel
      FROM dur_summary s
      JOIN (SELECT dist, percentile_disc((SELECT ps FROM dur_levels)) WITHIN GROUP (ORDER BY el) AS xs
            FROM dur_exact GROUP BY dist) e USING (dist),
           unnest((SELECT ps FROM dur_levels), e.xs) u(p, x)) c;

-- share_within(d, x) against the exact share of clocks within x: never
-- below the share within x / 1.01, never above the share within x / 0.99;
-- exact below the shortest, at and above the longest, and on zeros. x runs
-- over the exact percentiles at every 0.02 and just around them.
CREATE TABLE dur_points AS
SELECT DISTINCT dist, n, y AS x, extract(epoch FROM y) * 1000000 AS x_us
FROM (SELECT s.dist, s.d, slm.total(s.d) - slm.running(s.d) AS n, xs
      FROM dur_summary s
      JOIN (SELECT dist, percentile_disc((SELECT array_agg(k / 50.0::float8) FROM generate_series(0, 50) k))
                         WITHIN GROUP (ORDER BY el) AS xs
            FROM dur_exact GROUP BY dist) e USING (dist)) s,
     unnest(xs) x0,
     unnest(array[x0, x0 * 0.997, x0 * 1.003, x0 - interval '1 microsecond', x0 + interval '1 microsecond',
                  interval '-1 microsecond']) y;
-- the exact counts of clocks within x, x / 1.01 and x / 0.99, by one
-- ordered pass over clocks and bounds (a clock before a bound it equals)
CREATE TABLE dur_share AS
SELECT dist, x, round(slm.share_within((SELECT d FROM dur_summary s WHERE s.dist = w.dist), x) * n)::bigint AS got,
       max(n_le) FILTER (WHERE kind = 'exact') AS exact,
       max(n_le) FILTER (WHERE kind = 'low') AS low,
       max(n_le) FILTER (WHERE kind = 'high') AS high
FROM (SELECT dist, x, kind, is_clock,
             count(*) FILTER (WHERE is_clock) OVER (PARTITION BY dist ORDER BY v, is_clock DESC
                                                     ROWS UNBOUNDED PRECEDING) AS n_le
      FROM (SELECT dist, NULL::interval AS x, NULL AS kind, extract(epoch FROM el) * 1000000 AS v, true AS is_clock
            FROM dur_exact
            UNION ALL SELECT dist, x, 'exact', x_us, false FROM dur_points
            UNION ALL SELECT dist, x, 'low', x_us / 1.01, false FROM dur_points
            UNION ALL SELECT dist, x, 'high', x_us / 0.99, false FROM dur_points) u) w
JOIN dur_points USING (dist, x)
WHERE NOT is_clock
GROUP BY dist, x, n;
SELECT dist, count(*) AS points, bool_and(got BETWEEN low AND high) AS within_bounds,
       count(*) FILTER (WHERE got = exact) AS exact_points
FROM dur_share GROUP BY dist ORDER BY dist;
SELECT count(*) AS points, bool_and(got = exact) AS exact_outside_range
FROM dur_share s JOIN dur_summary USING (dist)
WHERE x < slm.quantile(d, 0) OR x >= slm.quantile(d, 1) OR x = interval '0';

-- achievable(d, goal) against the shortest elapsed time that at least goal
-- of the clocks met (cume_dist, in the same float8 arithmetic): within 1%
CREATE TABLE dur_cume AS
SELECT DISTINCT dist, el, cume_dist() OVER (PARTITION BY dist ORDER BY el) AS cd FROM dur_exact;
CREATE INDEX ON dur_cume (dist, cd);
SELECT dist, count(*) AS goals, bool_and(ok) AS within_1pct, round(max(rel), 4) AS worst,
       bool_and(slm.share_within(d, a) >= g) AS share_reached
FROM (SELECT s.dist, s.d, g, a,
             abs(extract(epoch FROM a) - extract(epoch FROM x)) <= 0.01 * extract(epoch FROM x) AS ok,
             abs(extract(epoch FROM a) - extract(epoch FROM x)) / nullif(extract(epoch FROM x), 0) AS rel
      FROM dur_summary s,
           (SELECT k / 100.0::float8 AS g FROM generate_series(0, 100) k
            UNION SELECT 0.995 UNION SELECT 0.999) gs,
           LATERAL (SELECT slm.achievable(s.d, g) AS a,
                           (SELECT el FROM dur_cume c WHERE c.dist = s.dist AND c.cd >= g
                            ORDER BY cd LIMIT 1) AS x) v) c
GROUP BY dist ORDER BY dist;
-- achievable and quantile rank differently when p * n is not exact in
-- float8: of 50 clocks, 0.14 is 7 (7 / 50 >= 0.14), but 0.14 * 50 is
-- 7.000000000000001, which percentile_disc and quantile round up to rank 8
SELECT slm.achievable(d, 0.14) AS achievable_14,
       (SELECT el FROM (SELECT e - s AS el, cume_dist() OVER (ORDER BY e - s) AS cd FROM dur_gen
                        WHERE dist = 'uniform' AND g <= 50) c WHERE cd >= 0.14 ORDER BY el LIMIT 1) AS exact_7th,
       slm.quantile(d, 0.14) AS quantile_14,
       (SELECT percentile_disc(0.14) WITHIN GROUP (ORDER BY e - s) FROM dur_gen WHERE dist = 'uniform' AND g <= 50) AS disc_14
FROM (SELECT slm.durations_agg(target, s, e) AS d FROM dur_gen WHERE dist = 'uniform' AND g <= 50) q;

-- a million clocks, log-normal with a heavy tail (median 2 hours, sigma 3:
-- from milliseconds to centuries): a few kilobytes, and still within 1%
CREATE TABLE dur_million AS
SELECT timestamptz '2026-01-01' AS s,
       timestamptz '2026-01-01' + round(7.2e9 * exp(3 * sqrt(-2 * ln(pg_temp.u(g, 1))) * cos(2 * pi() * pg_temp.u(g, 2))))
                                  * interval '1 microsecond' AS e
FROM generate_series(1, 1000000) g;
CREATE TABLE dur_million_summary AS SELECT slm.durations_agg('1h', s, e) AS d FROM dur_million;
SELECT slm.total(d), pg_column_size(d) < 8192 AS under_8kb,
       pg_column_size(d) <= (SELECT pg_column_size(slm.durations_agg('1h', s, e)) FROM dur_million) AS stored_no_larger,
       (SELECT bool_and(abs(extract(epoch FROM slm.quantile(d, p)) - extract(epoch FROM x)) <= 0.01 * extract(epoch FROM x))
        FROM unnest(array[0, 0.01, 0.05, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1],
                    (SELECT percentile_disc(array[0, 0.01, 0.05, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1])
                            WITHIN GROUP (ORDER BY e - s) FROM dur_million)) u(p, x)) AS within_1pct
FROM dur_million_summary;

-- large summaries survive text and binary round trips exactly
SELECT count(*) AS summaries, bool_and(d::text::slm.durations::text = d::text) AS text_round_trip
FROM (SELECT d FROM dur_summary UNION ALL SELECT d FROM dur_million_summary) s;
\copy (SELECT dist, d FROM dur_summary UNION ALL SELECT 'million', d FROM dur_million_summary) TO 'results/durations_gen.bin' WITH (FORMAT binary)
CREATE TABLE dur_gen_bin (dist text, d slm.durations);
\copy dur_gen_bin FROM 'results/durations_gen.bin' WITH (FORMAT binary)
SELECT count(*) AS summaries, bool_and(b.d::text = s.d::text) AS binary_round_trip
FROM dur_gen_bin b JOIN (SELECT dist, d FROM dur_summary UNION ALL SELECT 'million', d FROM dur_million_summary) s
USING (dist);

-- merging is exact: one summary per row rolled up, daily summaries rolled
-- up, the table split in parts with UNION ALL: all equal one pass
SELECT count(*) AS dists,
       count(*) FILTER (WHERE r.d::text = s.d::text) AS equal
FROM dur_summary s
JOIN (SELECT dist, slm.rollup(d) AS d
      FROM (SELECT dist, g, slm.durations_agg(target, s, e, paused) AS d FROM dur_gen GROUP BY dist, g) per_row
      GROUP BY dist) r USING (dist);
SELECT slm.rollup(d)::text = (SELECT d::text FROM dur_summary WHERE dist = 'calendar') AS daily_equal
FROM (SELECT date_trunc('day', s), slm.durations_agg(target, s, e, paused) AS d
      FROM dur_gen WHERE dist = 'calendar' GROUP BY 1) daily;
SELECT slm.rollup(d)::text = (SELECT slm.durations_agg(target, s, e, paused)::text FROM dur_gen) AS parts_equal
FROM (SELECT slm.durations_agg(target, s, e, paused) AS d FROM dur_gen WHERE g % 3 = 0
      UNION ALL SELECT slm.durations_agg(target, s, e, paused) FROM dur_gen WHERE g % 3 = 1
      UNION ALL SELECT slm.durations_agg(target, s, e, paused) FROM dur_gen WHERE g % 3 = 2) parts;
-- in any order: rollup of the per-dist summaries both ways
SELECT (SELECT slm.rollup(d ORDER BY dist)::text FROM dur_summary)
     = (SELECT slm.rollup(d ORDER BY dist DESC)::text FROM dur_summary) AS order_free;

-- parallel plans: partial summaries in two workers, merged by the leader
CREATE TABLE dur_serial AS
SELECT dist, slm.durations_agg(target, s, e, paused) AS d, slm.durations_agg(target, s, e) AS d_nopause
FROM dur_gen GROUP BY dist;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT dist, slm.durations_agg(target, s, e, paused), slm.durations_agg(target, s, e) FROM dur_gen GROUP BY dist;
CREATE TABLE dur_parallel AS
SELECT dist, slm.durations_agg(target, s, e, paused) AS d, slm.durations_agg(target, s, e) AS d_nopause
FROM dur_gen GROUP BY dist;
SELECT count(*) AS dists,
       count(*) FILTER (WHERE s.d::text = p.d::text AND s.d_nopause::text = p.d_nopause::text) AS equal
FROM dur_serial s FULL JOIN dur_parallel p USING (dist);
EXPLAIN (COSTS OFF) SELECT slm.durations_agg(target, s, e, paused) FROM dur_gen;
SELECT slm.durations_agg(target, s, e, paused)::text = (SELECT slm.rollup(d)::text FROM dur_serial) AS equal
FROM dur_gen;
EXPLAIN (COSTS OFF) SELECT slm.rollup(d) FROM (SELECT d FROM dur_serial, generate_series(1, 100)) x;
CREATE TABLE dur_rollup_parallel AS SELECT slm.rollup(d) AS d FROM (SELECT d FROM dur_serial, generate_series(1, 100)) x;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

SELECT d::text = (SELECT slm.rollup(d)::text FROM (SELECT d FROM dur_serial, generate_series(1, 100)) x) AS rollup_parallel_equal,
       slm.total(d) = 100 * (SELECT sum(slm.total(d)) FROM dur_serial) AS counts_times_100
FROM dur_rollup_parallel;

-- partitionwise: rows of every distribution spread over four hash partitions
CREATE TABLE dur_part (LIKE dur_gen) PARTITION BY HASH (g);
CREATE TABLE dur_part_0 PARTITION OF dur_part FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE dur_part_1 PARTITION OF dur_part FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE dur_part_2 PARTITION OF dur_part FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE dur_part_3 PARTITION OF dur_part FOR VALUES WITH (MODULUS 4, REMAINDER 3);
INSERT INTO dur_part SELECT * FROM dur_gen;
ANALYZE dur_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF)
SELECT dist, slm.durations_agg(target, s, e, paused) FROM dur_part GROUP BY dist;
SELECT count(*) AS dists, count(*) FILTER (WHERE s.d::text = p.d::text) AS equal
FROM dur_serial s FULL JOIN (SELECT dist, slm.durations_agg(target, s, e, paused) AS d
                             FROM dur_part GROUP BY dist) p USING (dist);
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;

-- a window: the running distribution, rolled up row by row
SELECT dist, g, slm.quantile(slm.rollup(d) OVER (ORDER BY g), 0.5) AS running_median
FROM (SELECT dist, g, slm.durations_agg(target, s, e) AS d FROM dur_gen WHERE dist = 'ties' AND g <= 5 GROUP BY dist, g) x
ORDER BY g;

-- every function, aggregate and type of the module is documented
SELECT count(*) AS undocumented
FROM pg_proc p
WHERE (p.prorettype = 'slm.durations'::regtype OR 'slm.durations'::regtype = ANY (p.proargtypes::oid[]))
  AND obj_description(p.oid, 'pg_proc') IS NULL;
SELECT obj_description('slm.durations'::regtype, 'pg_type') IS NOT NULL AS type_documented;
SELECT p.oid::regprocedure AS function, p.prokind AS kind, p.provolatile AS vol, p.proisstrict AS strict,
       p.proparallel AS par
FROM pg_proc p
WHERE p.prorettype = 'slm.durations'::regtype OR 'slm.durations'::regtype = ANY (p.proargtypes::oid[])
ORDER BY p.proname, p.oid::regprocedure::text;
