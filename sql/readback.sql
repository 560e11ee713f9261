-- Every slm.target and slm.compliance value that slm builds reads back
-- through text and binary input (dump, COPY, shards), at the edges of
-- goals, warnings, durations and counts; a value that could not is refused
-- when it is built.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- targets from the constructor and from text: goals and warnings rounded
-- to six decimals (to 0.0001 %), the smallest and the largest durations, a
-- microsecond part, a calendar with overrides and a zone
CREATE TABLE rb_target (id int, t slm.target);
INSERT INTO rb_target VALUES
    (1, slm.target('1 microsecond')),
    (4, slm.target('4 hours', '24x7', 0.000001)),
    (5, slm.target('4 hours', '24x7', 0.0000006)),
    (6, slm.target('4 hours', '24x7', 0.0000015, 0.0000025)),
    (7, slm.target('4 hours', '24x7', 0.9999995)),
    (8, slm.target('4 hours', '24x7', 0.99999949, 0.99999951)),
    (9, slm.target('4 hours', '24x7', 1, 1)),
    (10, slm.target('4 hours', '24x7', NULL, 1e-9)),
    (11, slm.target('4 hours', '24x7', NULL, 0)),
    (12, slm.target('4 hours', '24x7', 0.123456789, 0.987654321)),
    (13, slm.target('1 hour 0.000001 seconds', 'mon-fri 22:00-06:00; 2026-12-24..2026-12-26 closed; tz America/Sao_Paulo',
                    0.95, 0.5)),
    (14, slm.target('59 minutes 59.999999 seconds', 'sun 01:00-03:00; tz Australia/Lord_Howe')),
    (16, '1 day 1 second goal 0.00006% warn 0.00004%'),
    (17, '4h on (24x7; tz UTC) goal 99.99995%');
-- the largest durations (on PostgreSQL 14, whose interval reader takes at
-- most 2147483647 hours, refused when they are built)
INSERT INTO rb_target VALUES
    (3, slm.target('106751991 days')),
    (2, slm.target(slm.target_duration('2562047788h 54.775807s'))),
    (15, '2562047788h 54.775807s goal 0.0001% warn 0.0001%');
SELECT id, t FROM rb_target ORDER BY id;
-- text
SELECT count(*) AS targets, count(*) FILTER (WHERE t::text::slm.target OPERATOR(slm.=) t) AS text_reads_back
FROM rb_target;
-- binary, through COPY
\copy rb_target TO 'results/readback_target.bin' WITH (FORMAT binary)
CREATE TABLE rb_target_copy (id int, t slm.target);
\copy rb_target_copy FROM 'results/readback_target.bin' WITH (FORMAT binary)
SELECT count(*) AS targets, count(*) FILTER (WHERE a.t OPERATOR(slm.=) b.t) AS binary_reads_back
FROM rb_target a JOIN rb_target_copy b USING (id);

-- a goal that would be kept as 0 printed as "goal 0%", which input
-- refuses: refused when built (0.1.0 built it)
SELECT slm.target('4 hours', '24x7', 1e-9, NULL);
SELECT slm.target('4 hours', '24x7', 0.0000005);
SELECT '4h goal 0.00004%'::slm.target;

-- compliance summaries from aggregates and from text: goals at their
-- edges, a microsecond and a millennium of business time, counts near the
-- limit, only invalid rows, only flags
CREATE TABLE rb_compliance (id int, c slm.compliance);
INSERT INTO rb_compliance
SELECT 1, slm.compliance_agg(slm.target('1 microsecond', '24x7', 0.000001), timestamptz '2026-01-01',
                             timestamptz '2026-01-01 00:00:00.000001')
UNION ALL
SELECT 2, slm.compliance_agg(slm.target('1 hour', '24x7', 1), timestamptz '1000-01-01', timestamptz '9999-12-31')
UNION ALL
SELECT 3, slm.compliance_agg(t, timestamptz '2026-01-01', timestamptz '2026-01-01' - interval '1 second')
FROM (VALUES (slm.target('1 hour', '24x7', 0.123456789)), (slm.target('2 hours', '24x7', 0.123456789))) v(t)
UNION ALL
SELECT 4, slm.compliance_agg(m) FROM (VALUES (true), (NULL)) v(m)
UNION ALL
SELECT 5, slm.compliance_agg(t, timestamptz '2026-01-01', timestamptz '2026-01-02')
FROM (VALUES (slm.target('1 hour', '24x7', 0.5)), (slm.target('1 hour'))) v(t)
UNION ALL
SELECT 6, slm.rollup(c) FROM (VALUES ('met=4611686018427387903 breached=0 open=0 goal=none'::slm.compliance),
                                     ('met=0 breached=4611686018427387903 open=0 invalid=1 goal=none')) v(c)
UNION ALL
SELECT 7, 'met=1 breached=0 open=0 goal=100% timed=1 elapsed_sum=9223372036854.775807s elapsed_max=9223372036854.775807s'
UNION ALL
SELECT 8, 'met=0 breached=0 open=0 invalid=9223372036854775807 goal=0%';
SELECT id, c FROM rb_compliance ORDER BY id;
SELECT count(*) AS summaries, count(*) FILTER (WHERE c::text::slm.compliance::text = c::text) AS text_reads_back
FROM rb_compliance;
\copy rb_compliance TO 'results/readback_compliance.bin' WITH (FORMAT binary)
CREATE TABLE rb_compliance_copy (id int, c slm.compliance);
\copy rb_compliance_copy FROM 'results/readback_compliance.bin' WITH (FORMAT binary)
SELECT count(*) AS summaries,
       count(*) FILTER (WHERE slm.compliance_send(a.c) = slm.compliance_send(b.c)) AS binary_reads_back
FROM rb_compliance a JOIN rb_compliance_copy b USING (id);
