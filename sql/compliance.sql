-- slm.compliance: the compliance_agg aggregates, accessors, rollup, text and
-- binary I/O, parallel and partitionwise plans, and the multi-window
-- burn-rate pattern.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- Tickets of four teams on weekdays 09-17 UTC. Team a, target 4h goal 95%:
--  1 Fri 15:00 -> Mon 11:00          due Mon 11:00  met (at the deadline)   4h
--  2 Fri 15:00 -> Mon 11:00:00.000001               breached                4h 0.000001s
--    (waiting Mon 09-10 would move its deadline to 12:00: met, 3h 0.000001s)
--  3 Mon 09:00 -> Mon 10:30          due Mon 13:00  met                     1h 30min
--  4 Fri 15:00 -> (open)             due Mon 11:00  open
--  5 Tue 09:00 -> Wed 12:00          due Tue 13:00  breached                8h + 3h = 11h
-- Team b: two goals (99% and 95%) on 24x7: 6h met, 9h breached.
-- Team c: no goal, one open ticket. Team d: no target or no start: skipped.
CREATE TABLE cmp_ticket (id int, team text, target slm.target, opened timestamptz,
                         closed timestamptz, waiting tstzmultirange);
INSERT INTO cmp_ticket VALUES
    (1, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-27 15:00', '2026-11-30 11:00', NULL),
    (2, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-27 15:00', '2026-11-30 11:00:00.000001',
     '{[2026-11-30 09:00, 2026-11-30 10:00)}'),
    (3, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-30 09:00', '2026-11-30 10:30', NULL),
    (4, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-27 15:00', NULL, NULL),
    (5, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-12-01 09:00', '2026-12-02 12:00', NULL),
    (6, 'b', '8h goal 99%', '2026-12-01 00:00', '2026-12-01 06:00', NULL),
    (7, 'b', '8h goal 95%', '2026-12-01 00:00', '2026-12-01 09:00', NULL),
    (8, 'c', '1h', '2026-12-01 00:00', NULL, NULL),
    (9, 'd', NULL, '2026-12-01 00:00', '2026-12-01 01:00', NULL),
    (10, 'd', '1h', NULL, NULL, NULL);

-- the summary per team; d has no countable row: NULL
SELECT team, slm.compliance_agg(target, opened, closed) FROM cmp_ticket GROUP BY team ORDER BY team;
-- every accessor. a: 2 met, 2 breached, 1 open; compliance 2/4; breach
-- rate 0.5 over an allowed 0.05: burn rate 10, budget 1 - 10 = -9; mean
-- (4h + 4h 0.000001s + 1h30 + 11h) / 4 = 5h 7min 30.00000025s, rounded to
-- the microsecond. b: mixed goals, so no goal, no budget, no burn rate.
SELECT team, slm.total(c), slm.met(c), slm.breached(c), slm.open(c), slm.compliance(c),
       slm.goal(c), slm.goal_met(c), slm.error_budget(c), slm.burn_rate(c),
       slm.mean_elapsed(c), slm.max_elapsed(c)
FROM (SELECT team, slm.compliance_agg(target, opened, closed) AS c FROM cmp_ticket GROUP BY team) s
ORDER BY team;
-- a goal argument overrides the summary's: b against 90%: (1/2) / 0.1 = 5
SELECT slm.burn_rate(c, 0.9), slm.error_budget(c, 0.9), slm.burn_rate(c, 0.5), slm.error_budget(c, 0.5)
FROM (SELECT slm.compliance_agg(target, opened, closed) AS c FROM cmp_ticket WHERE team = 'b') s;
-- a goal of 100% allows no breach: infinite burn with breaches, none without
SELECT slm.burn_rate(c, 1), slm.error_budget(c, 1) FROM (SELECT slm.compliance_agg(target, opened, closed) AS c
                                                          FROM cmp_ticket WHERE team = 'b') s;
SELECT slm.burn_rate(c), slm.error_budget(c), slm.goal_met(c),
       slm.goal_met('met=3 breached=1 open=0 goal=100%'::slm.compliance)
FROM (SELECT 'met=3 breached=0 open=0 goal=100%'::slm.compliance AS c) s;
-- goal_met is exact: 19 of 20 is 95%
SELECT slm.goal_met('met=19 breached=1 open=0 goal=95%'::slm.compliance) AS exactly,
       slm.goal_met('met=18 breached=1 open=0 goal=95%'::slm.compliance) AS just_below,
       slm.goal_met('met=189 breached=11 open=0 goal=94.5%'::slm.compliance) AS exactly_945,
       slm.goal_met('met=188 breached=11 open=1 goal=94.5%'::slm.compliance) AS just_below_945;

-- no rows, only skipped rows, only NULLs
SELECT slm.compliance_agg(target, opened, closed) IS NULL AS no_rows FROM cmp_ticket WHERE false;
SELECT slm.compliance_agg(target, opened, closed) IS NULL AS skipped FROM cmp_ticket WHERE team = 'd';
SELECT slm.compliance_agg(met) IS NULL AS no_flags FROM (SELECT true AS met WHERE false) s;
SELECT slm.rollup(c) IS NULL AS no_summaries FROM (SELECT NULL::slm.compliance AS c) s;
SELECT slm.total(NULL::slm.compliance), slm.compliance(NULL::slm.compliance);

-- pauses: ticket 2's hour of waiting makes it met, and its elapsed time 3h
SELECT slm.compliance_agg(target, opened, closed, waiting) AS paused,
       slm.compliance_agg(target, opened, closed, NULL::tstzmultirange) AS null_pause
FROM cmp_ticket WHERE team = 'a';
-- a pause without end holds the clock: no deadline, so a stopped row is met,
-- and the elapsed time stops at the pause
SELECT slm.compliance_agg(t, s, e, p) FROM (VALUES ('1h'::slm.target, timestamptz '2026-12-01 00:00',
       timestamptz '2026-12-01 05:00', tstzmultirange(tstzrange('2026-12-01 00:30', NULL)))) v(t, s, e, p);
-- agreement with slm.status, row by row
SELECT team, slm.met(c) = met AS met_ok, slm.breached(c) = breached AS breached_ok, slm.open(c) = open AS open_ok
FROM (SELECT team, slm.compliance_agg(target, opened, closed, waiting) AS c,
             count(*) FILTER (WHERE slm.status(target, opened, closed, NULL, waiting) = 'met') AS met,
             count(*) FILTER (WHERE slm.status(target, opened, closed, NULL, waiting) = 'breached') AS breached,
             count(*) FILTER (WHERE closed IS NULL) AS open
      FROM cmp_ticket WHERE team IN ('a', 'b') GROUP BY team) s
ORDER BY team;

-- judged at an instant: ticket 4 (due Mon 11:00) is breached after its
-- deadline, open at it; a NULL instant judges nothing
SELECT at, slm.compliance_agg(target, opened, closed, at)
FROM cmp_ticket, (VALUES (timestamptz '2026-11-30 10:00'), ('2026-11-30 11:00'), ('2026-11-30 11:00:00.000001'),
                         (NULL)) v(at)
WHERE team = 'a' GROUP BY at ORDER BY at;
-- and with the pauses
SELECT slm.compliance_agg(target, opened, closed, timestamptz '2026-11-30 12:00', waiting)
FROM cmp_ticket WHERE team = 'a';

-- the breach rule is slm.status's, the due time's: 2h from Friday 15:00 are
-- due at Friday's closing time, 17:00. Stopped at 17:00: met; on Saturday
-- or at Monday's opening: breached, though no business time passed after
-- the deadline. Open and judged at those instants: open, breached, breached.
-- Each stopped clock took 2h of business time.
SELECT slm.compliance_agg(t, s, e) AS stopped, slm.compliance_agg(t, s, NULL, e) AS judged
FROM (VALUES ('2h on (mon-fri 09:00-17:00)'::slm.target, timestamptz '2026-11-27 15:00', timestamptz '2026-11-27 17:00'),
             ('2h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-28 10:00'),
             ('2h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 09:00')) v(t, s, e);

-- the boolean form: true met, false breached, NULL open; no goal, no times
SELECT slm.compliance_agg(m) FROM (VALUES (true), (true), (false), (NULL)) v(m);
SELECT slm.total(c), slm.met(c), slm.breached(c), slm.open(c), slm.compliance(c), slm.goal(c),
       slm.goal_met(c), slm.error_budget(c), slm.burn_rate(c), slm.burn_rate(c, 0.5),
       slm.mean_elapsed(c), slm.max_elapsed(c)
FROM (SELECT slm.compliance_agg(m) AS c FROM (VALUES (true), (true), (false), (NULL)) v(m)) s;
SELECT slm.compliance_agg(m), slm.compliance(slm.compliance_agg(m))
FROM (VALUES (NULL::boolean), (NULL)) v(m);

-- rollup: rows without a target add no goal; different goals make it mixed
SELECT slm.rollup(c) FROM (VALUES ('met=2 breached=1 open=1'::slm.compliance),
                                  ('met=1 breached=0 open=0 goal=95% timed=1 elapsed_sum=60s elapsed_max=60s'),
                                  (NULL)) v(c);
SELECT slm.rollup(c) FROM (SELECT slm.compliance_agg(target, opened, closed) AS c FROM cmp_ticket GROUP BY team) s;
SELECT slm.rollup(c) FROM (VALUES ('met=1 breached=0 open=0 goal=none'::slm.compliance),
                                  ('met=1 breached=0 open=0 goal=95%')) v(c);
SELECT slm.compliance_agg_combine(NULL, NULL) IS NULL AS both_null,
       slm.compliance_agg_combine('met=1 breached=0 open=0'::slm.compliance, NULL),
       slm.compliance_agg_combine(NULL, 'met=0 breached=1 open=0'::slm.compliance),
       slm.compliance_agg_combine('met=1 breached=0 open=0 goal=90%'::slm.compliance,
                                  'met=0 breached=1 open=0 goal=90%'::slm.compliance);
-- called outside an aggregate, the transition functions leave their argument alone
SELECT slm.compliance_agg_trans(c, false) AS added, c AS unchanged
FROM (SELECT 'met=1 breached=0 open=0'::slm.compliance AS c) s;
SELECT slm.compliance_agg_combine(c, c) AS doubled, c AS unchanged
FROM (SELECT 'met=1 breached=2 open=3 goal=99.9% timed=3 elapsed_sum=7.5s elapsed_max=3s'::slm.compliance AS c) s;

-- mean elapsed: exact sum, rounded half up to the microsecond
SELECT slm.mean_elapsed('met=2 breached=0 open=0 goal=95% timed=2 elapsed_sum=0.000003s elapsed_max=0.000002s'::slm.compliance) AS half_up,
       slm.mean_elapsed('met=3 breached=0 open=0 goal=95% timed=3 elapsed_sum=0.000004s elapsed_max=0.000002s'::slm.compliance) AS down;
-- 4 million tickets of 30 days each: 1.0368e19 microseconds, past int64
SELECT c, slm.mean_elapsed(c), slm.max_elapsed(c), slm.rollup(c) OVER () AS rolled_up
FROM (VALUES ('met=4000000 breached=0 open=0 goal=95% timed=4000000 elapsed_sum=10368000000000s elapsed_max=2592000s'::slm.compliance),
             ('met=4000000 breached=0 open=0 goal=95% timed=4000000 elapsed_sum=10368000000000s elapsed_max=2592000s')) v(c);

-- text form: canonical output, lenient spacing and order on input
SELECT 'met=7 breached=2 open=1 goal=99.95% timed=9 elapsed_sum=45000.5s elapsed_max=14400s'::slm.compliance;
SELECT '  open=1   met=7 breached=2 goal=99.9500%  '::slm.compliance AS reordered,
       'met=1 breached=0 open=0 goal=95% timed=0 elapsed_sum=0s elapsed_max=0s'::slm.compliance AS timed_zero,
       'met=0 breached=0 open=3 goal=0%'::slm.compliance AS zero_goal,
       'met=1 breached=0 open=0 goal=100% timed=1 elapsed_sum=0.000001s elapsed_max=0.000001s'::slm.compliance AS tiny;
SELECT c::text::slm.compliance::text = c::text AS text_round_trip
FROM (VALUES ('met=7 breached=2 open=1 goal=99.95% timed=9 elapsed_sum=45000.5s elapsed_max=14400s'::slm.compliance),
             ('met=1 breached=1 open=0 goal=mixed timed=2 elapsed_sum=54000s elapsed_max=32400s'),
             ('met=0 breached=0 open=1 goal=none'), ('met=3 breached=1 open=1'),
             ('met=3 breached=1 open=1 invalid=2 goal=50% timed=4 elapsed_sum=4s elapsed_max=1s')) v(c);
-- invalid comes after open, only when not zero, so a summary without
-- invalid rows reads and prints as in 0.1.0
SELECT 'met=0 breached=0 open=0 invalid=1 goal=95%'::slm.compliance AS only_invalid,
       ' invalid=2  goal=none met=1 breached=0 open=0'::slm.compliance AS reordered,
       'met=1 breached=0 open=0 invalid=0'::slm.compliance AS zero_invalid;

-- malformed text: 22P02, and what went wrong
CREATE FUNCTION pg_temp.input_error(text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    st text;
    detail text;
BEGIN
    PERFORM $1::slm.compliance;
    RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, detail = PG_EXCEPTION_DETAIL;
    RETURN st || ': ' || detail;
END $$;
SELECT v AS input, pg_temp.input_error(v) AS error FROM (VALUES
    (''), ('met=1 breached=0'), ('met=1 breached=0 open=0 met=2'), ('met=-1 breached=0 open=0'),
    ('met=1breached=0 open=0'), ('met=1 breached=0 open=0 frobs=2'), ('met = 1 breached=0 open=0'),
    ('met=99999999999999999999 breached=0 open=0'), ('met=9223372036854775807 breached=1 open=0'),
    ('met=0 breached=0 open=0'),
    ('met=1 breached=0 open=0 goal=101%'), ('met=1 breached=0 open=0 goal=100.0001%'),
    ('met=1 breached=0 open=0 goal=95'), ('met=1 breached=0 open=0 goal=95.12345%'),
    ('met=1 breached=0 open=0 goal=95.%'), ('met=1 breached=0 open=0 goal=someday'),
    ('met=1 breached=0 open=0 goal=95% timed=1'),
    ('met=1 breached=0 open=0 goal=95% timed=1 elapsed_sum=1.5 elapsed_max=1.5s'),
    ('met=1 breached=0 open=0 goal=95% timed=1 elapsed_sum=1.1234567s elapsed_max=1s'),
    ('met=1 breached=0 open=0 goal=95% timed=1 elapsed_sum=9223372036854775807s elapsed_max=9223372036854775807s'),
    ('met=1 breached=0 open=0 goal=95% timed=2 elapsed_sum=10s elapsed_max=5s'),
    ('met=2 breached=0 open=0 goal=95% timed=2 elapsed_sum=10s elapsed_max=4s'),
    ('met=2 breached=0 open=0 goal=95% timed=2 elapsed_sum=3s elapsed_max=4s'),
    ('met=2 breached=0 open=0 timed=2 elapsed_sum=8s elapsed_max=4s'),
    ('met=1 breached=0 open=0 goal=95% timed=0 elapsed_sum=1s elapsed_max=1s'),
    ('met=0 breached=0 open=0 invalid=1'), ('met=1 breached=0 open=0 invalid=-1 goal=95%'),
    ('met=1 breached=0 open=0 invalid=9223372036854775807 goal=95%'),
    ('met=1 breached=0 open=0 invalid=1 invalid=1 goal=95%')) t(v);
SELECT 'met=1 breached=0 open=0 goal=95'::slm.compliance;

-- binary form: a version byte, then the fields; COPY out and back
CREATE TABLE cmp_bin (id int, c slm.compliance);
INSERT INTO cmp_bin VALUES
    (1, 'met=7 breached=2 open=1 goal=99.95% timed=9 elapsed_sum=45000.5s elapsed_max=14400s'),
    (2, 'met=1 breached=1 open=0 goal=mixed timed=2 elapsed_sum=54000s elapsed_max=32400s'),
    (3, 'met=0 breached=0 open=1 goal=none'), (4, 'met=3 breached=1 open=1'), (5, NULL),
    (6, 'met=4000000 breached=0 open=0 goal=95% timed=4000000 elapsed_sum=10368000000000.000001s elapsed_max=2592000.000001s'),
    (7, 'met=7 breached=2 open=1 invalid=3 goal=99.95% timed=9 elapsed_sum=45000.5s elapsed_max=14400s'),
    (8, 'met=0 breached=0 open=0 invalid=1 goal=none');
-- format version 1 (0.1.0's, 58 bytes) without invalid rows, version 2
-- (66 bytes, the invalid count after open) with them
SELECT id, length(slm.compliance_send(c)), slm.compliance_send(c) FROM cmp_bin WHERE id IN (1, 7, 8) ORDER BY id;
\copy cmp_bin TO 'results/compliance.bin' WITH (FORMAT binary)
CREATE TABLE cmp_bin2 (id int, c slm.compliance);
\copy cmp_bin2 FROM 'results/compliance.bin' WITH (FORMAT binary)
SELECT a.id, a.c::text IS NOT DISTINCT FROM b.c::text AS binary_round_trip, b.c
FROM cmp_bin a JOIN cmp_bin2 b USING (id) ORDER BY id;
-- malformed binary, written as the raw bytes of a bytea column
CREATE TABLE cmp_raw (id int, c bytea);
INSERT INTO cmp_raw
SELECT 1, overlay(slm.compliance_send('met=1 breached=0 open=0'::slm.compliance) PLACING '\x03' FROM 1 FOR 1)
UNION ALL SELECT 2, overlay(slm.compliance_send('met=1 breached=0 open=0'::slm.compliance) PLACING '\x07' FROM 2 FOR 1)
UNION ALL SELECT 3, slm.compliance_send('met=1 breached=0 open=0'::slm.compliance) || '\x00'::bytea
UNION ALL SELECT 4, substr(slm.compliance_send('met=1 breached=0 open=0'::slm.compliance), 1, 20)
UNION ALL SELECT 5, overlay(slm.compliance_send('met=1 breached=0 open=0 goal=95% timed=1 elapsed_sum=1s elapsed_max=1s'::slm.compliance)
                            PLACING '\x0000000000000002' FROM 31 FOR 8)
UNION ALL SELECT 6, overlay(slm.compliance_send('met=1 breached=0 open=0 goal=95%'::slm.compliance) PLACING '\x000F4241' FROM 3 FOR 4)
UNION ALL SELECT 7, overlay(slm.compliance_send('met=1 breached=0 open=0'::slm.compliance) PLACING '\x02' FROM 1 FOR 1)
UNION ALL SELECT 8, overlay(slm.compliance_send('met=1 breached=0 open=0 invalid=1 goal=95%'::slm.compliance)
                            PLACING '\xffffffffffffffff' FROM 31 FOR 8);
CREATE TABLE cmp_bad (c slm.compliance);
\copy (SELECT c FROM cmp_raw WHERE id = 1) TO 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy cmp_bad FROM 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy (SELECT c FROM cmp_raw WHERE id = 2) TO 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy cmp_bad FROM 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy (SELECT c FROM cmp_raw WHERE id = 3) TO 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy cmp_bad FROM 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy (SELECT c FROM cmp_raw WHERE id = 4) TO 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy cmp_bad FROM 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy (SELECT c FROM cmp_raw WHERE id = 5) TO 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy cmp_bad FROM 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy (SELECT c FROM cmp_raw WHERE id = 6) TO 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy cmp_bad FROM 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy (SELECT c FROM cmp_raw WHERE id = 7) TO 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy cmp_bad FROM 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy (SELECT c FROM cmp_raw WHERE id = 8) TO 'results/compliance_bad.bin' WITH (FORMAT binary)
\copy cmp_bad FROM 'results/compliance_bad.bin' WITH (FORMAT binary)
SELECT count(*) AS loaded FROM cmp_bad;

-- A summary stored by 0.1.0: format version 1, 64 bytes, no invalid count.
-- Its exact bytes are written through an internal function that returns
-- its bytea argument as it is (byte order of x86 and ARM): version 1, goal
-- kind 2, goal 950000 ppm, 0.5 s, met 2, breached 1, open 1, timed 3,
-- 36000 s, maximum 14400 s. It reads as a summary without invalid rows,
-- through every path; merged with a newer one it takes the current form.
CREATE FUNCTION pg_temp.raw_compliance(bytea) RETURNS slm.compliance
    AS 'byteasend' LANGUAGE internal IMMUTABLE STRICT;
CREATE TABLE cmp_v1 (id int, c slm.compliance);
INSERT INTO cmp_v1 VALUES (1, pg_temp.raw_compliance('\x01020000f07e0e0020a107000200000000000000010000000000000001000000000000000300000000000000a08c00000000000000904e5a03000000'));
SELECT pg_column_size(c) AS stored_bytes, c, slm.total(c), slm.invalid(c), slm.compliance(c), slm.goal(c),
       slm.mean_elapsed(c), slm.max_elapsed(c)
FROM cmp_v1;
SELECT slm.compliance_send(c) = slm.compliance_send(c::text::slm.compliance) AS same_as_text,
       length(slm.compliance_send(c)) AS send_bytes,
       slm.compliance_agg_combine(c, 'met=0 breached=0 open=0 invalid=1 goal=95%') AS combined,
       slm.compliance_agg_trans(c, true) AS added,
       pg_column_size(slm.compliance_agg_trans(c, true)) AS new_bytes
FROM cmp_v1;
SELECT slm.rollup(c) FROM (SELECT c FROM cmp_v1 UNION ALL SELECT 'met=0 breached=0 open=0 invalid=1 goal=95%') s;
\copy cmp_v1 TO 'results/compliance_v1.bin' WITH (FORMAT binary)
CREATE TABLE cmp_v1_copy (id int, c slm.compliance);
\copy cmp_v1_copy FROM 'results/compliance_v1.bin' WITH (FORMAT binary)
SELECT c, pg_column_size(c) AS stored_bytes FROM cmp_v1_copy;
-- anything else is corrupt
SELECT slm.met(pg_temp.raw_compliance('\x07020000f07e0e0020a107000200000000000000010000000000000001000000000000000300000000000000a08c00000000000000904e5a03000000'));
SELECT slm.met(pg_temp.raw_compliance('\x01020000'));
DROP FUNCTION pg_temp.raw_compliance(bytea);

-- Rows that cannot be judged never abort a report: a stop before its
-- start, a start or stop that is infinite or past the year 9999 count as
-- invalid, apart from met, breached and open, in every form; their goal
-- still counts. Team a's five tickets and four such rows: met 2, breached
-- 2, open 1 as before (judged at Monday 12:00, ticket 4 is breached;
-- with its waiting, ticket 2 is met), invalid 4.
CREATE TABLE cmp_invalid AS
SELECT * FROM cmp_ticket WHERE team = 'a'
UNION ALL
SELECT * FROM (VALUES
    (11, 'a', '4h on (mon-fri 09:00-17:00) goal 95%'::slm.target, timestamptz '2026-11-30 10:00',
     timestamptz '2026-11-30 09:59:59.999999', NULL::tstzmultirange),
    (12, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '-infinity', '2026-11-30 10:00', NULL),
    (13, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-30 10:00', 'infinity', NULL),
    (14, 'a', '4h on (mon-fri 09:00-17:00) goal 95%', '2026-11-30 10:00', '12026-01-01',
     '{[2026-11-30 11:00, 2026-11-30 12:00)}')) v;
SELECT form, s AS compliance_agg FROM (
          SELECT 1 AS n, 'plain' AS form, slm.compliance_agg(target, opened, closed) AS s FROM cmp_invalid
UNION ALL SELECT 2, 'paused', slm.compliance_agg(target, opened, closed, waiting) FROM cmp_invalid
UNION ALL SELECT 3, 'at', slm.compliance_agg(target, opened, closed, timestamptz '2026-11-30 12:00') FROM cmp_invalid
UNION ALL SELECT 4, 'at, paused', slm.compliance_agg(target, opened, closed, timestamptz '2026-11-30 12:00', waiting)
          FROM cmp_invalid
UNION ALL SELECT 5, 'only invalid', slm.compliance_agg(target, opened, closed) FROM cmp_invalid WHERE id > 10) f
ORDER BY n;
-- compliance, goal, budget and times ignore them; total counts judged rows
SELECT slm.total(c), slm.met(c), slm.breached(c), slm.open(c), slm.invalid(c), slm.compliance(c), slm.goal(c),
       slm.goal_met(c), slm.error_budget(c), slm.mean_elapsed(c), slm.max_elapsed(c)
FROM (SELECT slm.compliance_agg(target, opened, closed) AS c FROM cmp_invalid) s;
SELECT slm.total(c), slm.invalid(c), slm.compliance(c), slm.error_budget(c), slm.mean_elapsed(c)
FROM (SELECT slm.compliance_agg(target, opened, closed) AS c FROM cmp_invalid WHERE id > 10) s;
SELECT slm.invalid('met=1 breached=0 open=0'::slm.compliance) AS none,
       slm.status(target, opened, closed, NULL) AS status_11, slm.elapsed(target, opened, closed) AS elapsed_11
FROM cmp_invalid WHERE id = 11;
-- the instant a report judges at is its question, not a row's data: an
-- infinite one is still an error, as infinite instants are for slm.status
SELECT slm.compliance_agg(target, opened, NULL, timestamptz 'infinity') FROM cmp_ticket WHERE id = 1;
SELECT slm.status(target, opened, 'infinity', NULL) FROM cmp_ticket WHERE id = 1;
-- rollup and combine add invalid counts
SELECT slm.rollup(c) FROM (VALUES ('met=1 breached=0 open=0 invalid=2 goal=95%'::slm.compliance),
                                  ('met=0 breached=1 open=0 invalid=1 goal=95%'),
                                  ('met=0 breached=0 open=1 goal=95%')) v(c);
SELECT slm.compliance_agg_combine('met=0 breached=0 open=0 invalid=1 goal=none', 'met=1 breached=0 open=0') AS combined;
SELECT slm.burn_rate('met=1 breached=1 open=0'::slm.compliance, 95);
SELECT slm.error_budget('met=1 breached=1 open=0'::slm.compliance, 0);
SELECT slm.error_budget('met=1 breached=1 open=0'::slm.compliance, 'NaN');

-- Generated tickets: 30,000 rows, seven teams, four targets on three
-- calendars, pauses (some without end), a tenth still open, some closed
-- before they were opened.
CREATE TABLE cmp_policy (priority int PRIMARY KEY, target slm.target);
INSERT INTO cmp_policy VALUES
    (1, '4h on (mon-fri 09:00-17:00; tz Europe/Berlin) goal 95% warn 75%'),
    (2, '8h on (mon-fri 09:00-17:00; 2026-12-24..2026-12-26 closed; tz Europe/Berlin) goal 95%'),
    (3, '3 days on (mon-sat 08:00-20:00; tz America/New_York) goal 90%'),
    (4, '30 minutes goal 99%');
CREATE TABLE cmp_gen AS
SELECT g AS id, 'team' || g % 7 AS team, p.priority, p.target,
       o AS opened,
       CASE WHEN g % 10 = 0 THEN NULL WHEN g % 211 = 0 THEN o - interval '1 minute'
            ELSE o + (g * 7907 % 6000) * interval '1 minute' END AS closed,
       CASE WHEN g % 97 = 0 THEN tstzmultirange(tstzrange(o + interval '1 hour', NULL))
            WHEN g % 5 = 0 THEN tstzmultirange(tstzrange(o + interval '30 minutes', o + interval '30 minutes' + (g % 13) * interval '1 hour'))
       END AS waiting
FROM generate_series(1, 30000) g
CROSS JOIN LATERAL (SELECT timestamptz '2026-01-05 00:00' + (g * 7919 % 100000) * interval '5 minutes' AS o) t
JOIN cmp_policy p ON p.priority = 1 + g * 31 % 4;
ANALYZE cmp_gen;
SELECT count(*), count(closed) AS closed, count(*) FILTER (WHERE closed < opened) AS closed_before_opened,
       count(waiting) AS paused, count(DISTINCT team) AS teams
FROM cmp_gen;

-- every count agrees with slm.status, the elapsed times with slm.elapsed
CREATE TABLE cmp_one_pass AS
SELECT team, priority, slm.compliance_agg(target, opened, closed, waiting) AS c,
       slm.compliance_agg(target, opened, closed, timestamptz '2026-06-01', waiting) AS c_at
FROM cmp_gen GROUP BY team, priority;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE slm.met(o.c) = r.met AND slm.breached(o.c) = r.breached AND slm.open(o.c) = r.open
                         AND slm.breached(o.c_at) = r.breached_at AND slm.open(o.c_at) = r.open_at
                         AND slm.met(o.c_at) = r.met AND slm.invalid(o.c) = r.invalid
                         AND slm.invalid(o.c_at) = r.invalid) AS counts_agree,
       count(*) FILTER (WHERE slm.mean_elapsed(o.c) = r.mean AND slm.max_elapsed(o.c) = r.max) AS times_agree,
       count(*) FILTER (WHERE slm.goal(o.c) = slm.target_goal(p.target)) AS goals_agree
FROM cmp_one_pass o JOIN cmp_policy p USING (priority) JOIN (
    SELECT team, priority,
           count(*) FILTER (WHERE slm.status(target, opened, closed, NULL, waiting) = 'met') AS met,
           count(*) FILTER (WHERE slm.status(target, opened, closed, NULL, waiting) = 'breached') AS breached,
           count(*) FILTER (WHERE closed IS NULL) AS open,
           count(*) FILTER (WHERE slm.status(target, opened, closed, NULL, waiting) = 'invalid') AS invalid,
           count(*) FILTER (WHERE slm.status(target, opened, closed, '2026-06-01', waiting) = 'breached') AS breached_at,
           count(*) FILTER (WHERE slm.status(target, opened, closed, '2026-06-01', waiting) IN ('running', 'at_risk')) AS open_at,
           make_interval(secs => round(sum(extract(epoch FROM slm.elapsed(target, opened, closed, waiting)) * 1000000)
                                       / count(*) FILTER (WHERE closed >= opened)) / 1000000) AS mean,
           max(slm.elapsed(target, opened, closed, waiting)) AS max
    FROM cmp_gen GROUP BY team, priority) r USING (team, priority);

-- parallel plans: partial summaries in two workers, merged by the leader
CREATE TABLE cmp_serial AS
SELECT team, slm.compliance_agg(target, opened, closed, waiting) AS c,
       slm.compliance_agg(target, opened, closed, timestamptz '2026-06-01', waiting) AS c_at,
       slm.compliance_agg(closed <= opened + interval '2 days') AS c_flag
FROM cmp_gen GROUP BY team;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
CREATE TABLE cmp_parallel AS
SELECT team, slm.compliance_agg(target, opened, closed, waiting) AS c,
       slm.compliance_agg(target, opened, closed, timestamptz '2026-06-01', waiting) AS c_at,
       slm.compliance_agg(closed <= opened + interval '2 days') AS c_flag
FROM cmp_gen GROUP BY team;
CREATE TABLE cmp_parallel AS
SELECT team, slm.compliance_agg(target, opened, closed, waiting) AS c,
       slm.compliance_agg(target, opened, closed, timestamptz '2026-06-01', waiting) AS c_at,
       slm.compliance_agg(closed <= opened + interval '2 days') AS c_flag
FROM cmp_gen GROUP BY team;
SELECT count(*) AS teams,
       count(*) FILTER (WHERE s.c::text = p.c::text AND s.c_at::text = p.c_at::text
                         AND s.c_flag::text = p.c_flag::text) AS equal
FROM cmp_serial s FULL JOIN cmp_parallel p USING (team);
-- and the whole table in one summary
EXPLAIN (COSTS OFF) SELECT slm.compliance_agg(target, opened, closed, waiting) FROM cmp_gen;
SELECT slm.compliance_agg(target, opened, closed, waiting)::text = (SELECT slm.rollup(c)::text FROM cmp_serial) AS equal
FROM cmp_gen;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
SELECT team, c FROM cmp_serial ORDER BY team LIMIT 2;

-- partitionwise: rows of every team spread over four hash partitions
CREATE TABLE cmp_part (LIKE cmp_gen) PARTITION BY HASH (id);
CREATE TABLE cmp_part_0 PARTITION OF cmp_part FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE cmp_part_1 PARTITION OF cmp_part FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE cmp_part_2 PARTITION OF cmp_part FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE cmp_part_3 PARTITION OF cmp_part FOR VALUES WITH (MODULUS 4, REMAINDER 3);
INSERT INTO cmp_part SELECT * FROM cmp_gen;
ANALYZE cmp_part;
SELECT count(DISTINCT tableoid) AS partitions_of_team0 FROM cmp_part WHERE team = 'team0';
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF)
SELECT team, slm.compliance_agg(target, opened, closed, waiting) FROM cmp_part GROUP BY team;
SELECT count(*) AS teams, count(*) FILTER (WHERE s.c::text = p.c::text) AS equal
FROM cmp_serial s FULL JOIN (SELECT team, slm.compliance_agg(target, opened, closed, waiting) AS c
                             FROM cmp_part GROUP BY team) p USING (team);
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;

-- daily summaries rolled up into months equal one pass over the month
CREATE TABLE cmp_daily AS
SELECT team, date_trunc('day', opened) AS day, slm.compliance_agg(target, opened, closed, waiting) AS c
FROM cmp_gen GROUP BY team, date_trunc('day', opened);
SELECT count(*) AS months, count(*) FILTER (WHERE r.c::text = o.c::text) AS equal,
       sum(slm.total(r.c)) AS rows
FROM (SELECT team, date_trunc('month', day) AS month, slm.rollup(c) AS c FROM cmp_daily GROUP BY 1, 2) r
FULL JOIN (SELECT team, date_trunc('month', opened) AS month,
                  slm.compliance_agg(target, opened, closed, waiting) AS c
           FROM cmp_gen GROUP BY 1, 2) o USING (team, month);
-- a month report from the daily table
SELECT month::date, slm.total(c), slm.met(c), slm.breached(c), slm.open(c),
       round(slm.compliance(c)::numeric, 4) AS compliance, slm.goal(c), slm.mean_elapsed(c)
FROM (SELECT date_trunc('month', day) AS month, slm.rollup(c) AS c FROM cmp_daily
      WHERE team = 'team3' GROUP BY 1) s
ORDER BY 1 LIMIT 3;

-- Multi-window burn-rate alerts (SRE workbook) on a 95% goal: page when
-- 1h and 5m burn above 14.4, or 6h and 30m above 6; ticket when 3d and 6h
-- burn above 1. Twenty requests per 5-minute bucket, so the burn rate of a
-- window is its mean count of breaches per bucket. Background: 1 breach per
-- bucket (burn 1). api: 16 per bucket in the hour before T; batch: 7 per
-- bucket in the 6 hours before T; web: background only.
-- At T: api 1h = 5m = 30m = 16; 6h = (12*16 + 60)/72 = 3.5;
--       3d = (12*16 + 852)/864 = 1.2083; fast page and ticket.
--       batch 7 up to 6h; 3d = (72*7 + 792)/864 = 1.5; slow page and ticket.
-- At T - 1h: api all 1; batch 6h = (60*7 + 12)/72 = 6 (not above 6),
--       3d = (60*7 + 804)/864 = 1.4167; ticket only.
-- At T + 1h: api 6h = 3.5, 3d = 1.2083; batch 6h = 6, 3d = 1.5; tickets.
CREATE TABLE cmp_request AS
SELECT s.service, b.bucket + (i - 1) * interval '15 seconds' AS at,
       i > CASE WHEN s.service = 'api' AND b.bucket >= '2026-03-04 00:00'::timestamptz - interval '1 hour'
                     AND b.bucket < '2026-03-04 00:00' THEN 16
                WHEN s.service = 'batch' AND b.bucket >= '2026-03-04 00:00'::timestamptz - interval '6 hours'
                     AND b.bucket < '2026-03-04 00:00' THEN 7
                ELSE 1 END AS met
FROM (VALUES ('api'), ('batch'), ('web')) s(service),
     generate_series(timestamptz '2026-03-01 00:00' - interval '1 hour', '2026-03-04 00:55', '5 minutes') b(bucket),
     generate_series(1, 20) i;
CREATE TABLE cmp_bucket AS
SELECT service, date_bin('5 minutes', at, '2026-01-01') AS bucket, slm.compliance_agg(met) AS c
FROM cmp_request GROUP BY 1, 2;
SELECT count(*) AS requests, (SELECT count(*) FROM cmp_bucket) AS buckets FROM cmp_request;
SELECT t AS instant, service,
       slm.burn_rate(slm.rollup(c) FILTER (WHERE bucket >= t - interval '5 minutes'), 0.95) AS burn_5m,
       slm.burn_rate(slm.rollup(c) FILTER (WHERE bucket >= t - interval '30 minutes'), 0.95) AS burn_30m,
       slm.burn_rate(slm.rollup(c) FILTER (WHERE bucket >= t - interval '1 hour'), 0.95) AS burn_1h,
       slm.burn_rate(slm.rollup(c) FILTER (WHERE bucket >= t - interval '6 hours'), 0.95) AS burn_6h,
       round(slm.burn_rate(slm.rollup(c), 0.95)::numeric, 4) AS burn_3d,
       slm.burn_rate(slm.rollup(c) FILTER (WHERE bucket >= t - interval '1 hour'), 0.95) > 14.4
         AND slm.burn_rate(slm.rollup(c) FILTER (WHERE bucket >= t - interval '5 minutes'), 0.95) > 14.4 AS page_fast,
       slm.burn_rate(slm.rollup(c) FILTER (WHERE bucket >= t - interval '6 hours'), 0.95) > 6
         AND slm.burn_rate(slm.rollup(c) FILTER (WHERE bucket >= t - interval '30 minutes'), 0.95) > 6 AS page_slow,
       slm.burn_rate(slm.rollup(c), 0.95) > 1
         AND slm.burn_rate(slm.rollup(c) FILTER (WHERE bucket >= t - interval '6 hours'), 0.95) > 1 AS ticket
FROM cmp_bucket,
     (VALUES (timestamptz '2026-03-03 23:00'), ('2026-03-04 00:00'), ('2026-03-04 01:00')) v(t)
WHERE bucket >= t - interval '3 days' AND bucket < t
GROUP BY t, service ORDER BY t, service;
-- the same as a series: the 1h burn rate after each bucket, by a sliding
-- window; equal to a rollup of the last 12 buckets for every bucket
SELECT count(*) AS buckets,
       count(*) FILTER (WHERE w.burn_1h = (SELECT slm.burn_rate(slm.rollup(c), 0.95) FROM cmp_bucket x
                                           WHERE x.service = w.service AND x.bucket > w.bucket - interval '1 hour'
                                             AND x.bucket <= w.bucket)) AS equal
FROM (SELECT service, bucket,
             slm.burn_rate(slm.rollup(c) OVER (PARTITION BY service ORDER BY bucket
                                               RANGE BETWEEN interval '55 minutes' PRECEDING AND CURRENT ROW),
                           0.95) AS burn_1h
      FROM cmp_bucket) w;
SELECT bucket + interval '5 minutes' AS until, burn_1h, error_budget_1h
FROM (SELECT bucket, slm.burn_rate(w, 0.95) AS burn_1h, slm.error_budget(w, 0.95) AS error_budget_1h
      FROM (SELECT bucket, slm.rollup(c) OVER (ORDER BY bucket RANGE BETWEEN interval '55 minutes' PRECEDING
                                                                         AND CURRENT ROW) AS w
            FROM cmp_bucket WHERE service = 'api') s) s
WHERE bucket >= '2026-03-03 22:50' AND bucket < '2026-03-04 01:00' AND extract(minute FROM bucket)::int % 15 = 10
ORDER BY bucket;

-- every function, aggregate and type of the module is documented
SELECT count(*) AS undocumented
FROM pg_proc p
WHERE (p.prorettype = 'slm.compliance'::regtype OR 'slm.compliance'::regtype = ANY (p.proargtypes::oid[]))
  AND obj_description(p.oid, 'pg_proc') IS NULL;
SELECT obj_description('slm.compliance'::regtype, 'pg_type') IS NOT NULL AS type_documented;
SELECT p.oid::regprocedure AS function, p.prokind AS kind, p.provolatile AS vol, p.proisstrict AS strict,
       p.proparallel AS par
FROM pg_proc p
WHERE p.prorettype = 'slm.compliance'::regtype OR 'slm.compliance'::regtype = ANY (p.proargtypes::oid[])
ORDER BY p.proname, p.oid::regprocedure::text;
