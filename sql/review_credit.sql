-- slm.credit_tiers (text and binary forms, checks, equality) and
-- slm.credit: the service credit a schedule owes for an achieved figure,
-- as a fraction and as an amount, and for a compliance summary.

SET timezone = 'UTC';
-- ---------------------------------------------------------------------
-- text form: canonical output sorts the tiers by descending threshold,
-- cuts trailing zeros and puts one space between tokens
-- ---------------------------------------------------------------------
SELECT t::slm.credit_tiers AS canonical
FROM (VALUES ('< 99.9% 10%, < 99% 25%, < 95% 100%'),
             ('<95%100%,<99.9%10%,<99%25%'),              -- any order, no spaces
             ('  <  99.90%   10.0%  ,  < 99.0000% 25%  '),  -- blanks, trailing zeros
             ('< 100% 5%'),                                 -- anything short of 100%
             ('< 99.9999% 0%, < 0.0001% 100%'),             -- the extremes
             ('< 99.95% 12.3456%')) v(t);
-- text round trip
SELECT t::slm.credit_tiers::text::slm.credit_tiers OPERATOR(slm.=) t::slm.credit_tiers AS round_trip
FROM (VALUES ('< 99.9% 10%, < 99% 25%, < 95% 100%'), ('< 99.95% 12.3456%')) v(t);

-- syntax and schedule errors: 22P02, with the position or the reason
SELECT ''::slm.credit_tiers;
SELECT '99% 10%'::slm.credit_tiers;
SELECT '< 99 10%'::slm.credit_tiers;
SELECT '< 99%'::slm.credit_tiers;
SELECT '< 101% 10%'::slm.credit_tiers;
SELECT '< 100.0001% 1%'::slm.credit_tiers;
SELECT '< 99.12345% 10%'::slm.credit_tiers;
SELECT '< 99.% 10%'::slm.credit_tiers;
SELECT '< 0% 10%'::slm.credit_tiers;
SELECT '< 99% 101%'::slm.credit_tiers;
SELECT '< 99% 10% < 95% 20%'::slm.credit_tiers;
SELECT '< 99% 10%,'::slm.credit_tiers;
SELECT '< 99% 10%, < 99.0% 20%'::slm.credit_tiers;
SELECT '< 99.9% 25%, < 99% 10%'::slm.credit_tiers;
SELECT '< 99% 10%, < 95% 10%'::slm.credit_tiers;
-- at most 20 tiers (54000)
SELECT string_agg(format('< %s%% %s%%', 100 - i, i), ', ')::slm.credit_tiers IS NOT NULL AS twenty
FROM generate_series(1, 20) i;
SELECT string_agg(format('< %s%% %s%%', 100 - i, i), ', ')::slm.credit_tiers
FROM generate_series(1, 21) i;

-- equality and grouping: the same tiers, however written
SELECT '< 99% 25%, < 99.9% 10%'::slm.credit_tiers OPERATOR(slm.=) '< 99.9% 10.00%, < 99% 25%' AS same,
       '< 99% 25%, < 99.9% 10%'::slm.credit_tiers OPERATOR(slm.<>) '< 99.9% 10%, < 99% 25%' AS differ,
       '< 99% 25%'::slm.credit_tiers OPERATOR(slm.=) '< 99% 20%' AS other_credit,
       '< 99% 25%'::slm.credit_tiers OPERATOR(slm.=) '< 99% 25%, < 95% 50%' AS more_tiers;
SELECT tiers, count(*)
FROM (VALUES ('< 99% 25%, < 99.9% 10%'::slm.credit_tiers), ('< 99.9% 10%, < 99% 25%'),
             ('< 99.9% 10%')) v(tiers)
GROUP BY tiers ORDER BY count(*);

-- ---------------------------------------------------------------------
-- binary form: a version byte, the number of tiers (int32), then per tier
-- threshold and credit in millionths (int32)
-- 99.9% = 999000 = 0xf3e58, 10% = 100000 = 0x186a0, 99% = 990000 = 0xf1b30,
-- 25% = 250000 = 0x3d090, 95% = 950000 = 0xe7ef0, 100% = 0xf4240
-- ---------------------------------------------------------------------
SELECT slm.credit_tiers_send('< 99.9% 10%, < 99% 25%, < 95% 100%');
CREATE TABLE rv_tiers_bin (id int, t slm.credit_tiers);
INSERT INTO rv_tiers_bin VALUES (1, '< 99.9% 10%, < 99% 25%, < 95% 100%'), (2, '< 99.95% 12.3456%'),
                                (3, NULL), (4, '< 100% 0%, < 0.0001% 100%');
\copy rv_tiers_bin TO 'results/review_tiers.bin' WITH (FORMAT binary)
CREATE TABLE rv_tiers_bin2 (LIKE rv_tiers_bin);
\copy rv_tiers_bin2 FROM 'results/review_tiers.bin' WITH (FORMAT binary)
SELECT id, a.t AS sent, b.t AS received, a.t::text IS NOT DISTINCT FROM b.t::text AS same_text,
       coalesce(a.t OPERATOR(slm.=) b.t, a.t IS NULL AND b.t IS NULL) AS equal
FROM rv_tiers_bin a JOIN rv_tiers_bin2 b USING (id) ORDER BY id;
-- hand-made values reach the receive function through COPY
CREATE TABLE rv_tiers_raw (b bytea);
CREATE TABLE rv_tiers_recv (t slm.credit_tiers);
-- unsorted tiers are sorted, as in text input: < 95% 100%, < 99.9% 10%
INSERT INTO rv_tiers_raw SELECT '\x01'::bytea || int4send(2) || int4send(950000) || int4send(1000000)
                                                 || int4send(999000) || int4send(100000);
\copy rv_tiers_raw TO 'results/review_tiers_raw.bin' WITH (FORMAT binary)
\copy rv_tiers_recv FROM 'results/review_tiers_raw.bin' WITH (FORMAT binary)
SELECT t FROM rv_tiers_recv;
-- version 2
TRUNCATE rv_tiers_raw;
INSERT INTO rv_tiers_raw SELECT '\x02'::bytea || int4send(1) || int4send(990000) || int4send(100000);
\copy rv_tiers_raw TO 'results/review_tiers_raw.bin' WITH (FORMAT binary)
\copy rv_tiers_recv FROM 'results/review_tiers_raw.bin' WITH (FORMAT binary)
-- no tiers
TRUNCATE rv_tiers_raw;
INSERT INTO rv_tiers_raw SELECT '\x01'::bytea || int4send(0);
\copy rv_tiers_raw TO 'results/review_tiers_raw.bin' WITH (FORMAT binary)
\copy rv_tiers_recv FROM 'results/review_tiers_raw.bin' WITH (FORMAT binary)
-- 21 tiers announced
TRUNCATE rv_tiers_raw;
INSERT INTO rv_tiers_raw SELECT '\x01'::bytea || int4send(21);
\copy rv_tiers_raw TO 'results/review_tiers_raw.bin' WITH (FORMAT binary)
\copy rv_tiers_recv FROM 'results/review_tiers_raw.bin' WITH (FORMAT binary)
-- two tiers announced, one given
TRUNCATE rv_tiers_raw;
INSERT INTO rv_tiers_raw SELECT '\x01'::bytea || int4send(2) || int4send(990000) || int4send(100000);
\copy rv_tiers_raw TO 'results/review_tiers_raw.bin' WITH (FORMAT binary)
\copy rv_tiers_recv FROM 'results/review_tiers_raw.bin' WITH (FORMAT binary)
-- trailing bytes
TRUNCATE rv_tiers_raw;
INSERT INTO rv_tiers_raw SELECT '\x01'::bytea || int4send(1) || int4send(990000) || int4send(100000) || '\x00'::bytea;
\copy rv_tiers_raw TO 'results/review_tiers_raw.bin' WITH (FORMAT binary)
\copy rv_tiers_recv FROM 'results/review_tiers_raw.bin' WITH (FORMAT binary)
-- threshold 0
TRUNCATE rv_tiers_raw;
INSERT INTO rv_tiers_raw SELECT '\x01'::bytea || int4send(1) || int4send(0) || int4send(100000);
\copy rv_tiers_raw TO 'results/review_tiers_raw.bin' WITH (FORMAT binary)
\copy rv_tiers_recv FROM 'results/review_tiers_raw.bin' WITH (FORMAT binary)
-- credit above 100%
TRUNCATE rv_tiers_raw;
INSERT INTO rv_tiers_raw SELECT '\x01'::bytea || int4send(1) || int4send(990000) || int4send(1000001);
\copy rv_tiers_raw TO 'results/review_tiers_raw.bin' WITH (FORMAT binary)
\copy rv_tiers_recv FROM 'results/review_tiers_raw.bin' WITH (FORMAT binary)
-- credits that do not rise as thresholds fall
TRUNCATE rv_tiers_raw;
INSERT INTO rv_tiers_raw SELECT '\x01'::bytea || int4send(2) || int4send(990000) || int4send(100000)
                                                 || int4send(950000) || int4send(100000);
\copy rv_tiers_raw TO 'results/review_tiers_raw.bin' WITH (FORMAT binary)
\copy rv_tiers_recv FROM 'results/review_tiers_raw.bin' WITH (FORMAT binary)
SELECT count(*) AS received FROM rv_tiers_recv;

-- ---------------------------------------------------------------------
-- slm.credit(tiers, achieved): the credit of the lowest tier whose
-- threshold is above achieved. "< 99.9%" means achieved < 0.999: exactly
-- 0.999 owes nothing, the float8 just below it owes 10%.
-- ---------------------------------------------------------------------
SELECT achieved, slm.credit('< 99.9% 10%, < 99% 25%, < 95% 100%', achieved)
FROM (VALUES (1::float8), (0.9995), (0.999), (0.9989999999999999), (0.9985), (0.99),
             (0.9899999999999999), (0.95), (0.9499999999999998), (0.5), (0)) v(achieved);
-- met / closed equal to a threshold is exactly at it
SELECT slm.credit('< 99.9% 10%', 999 / 1000::float8) AS at_999,
       slm.credit('< 99.9% 10%', 1998 / 2000::float8) AS at_1998_of_2000,
       slm.credit('< 99.9% 10%', 1997 / 1999::float8) AS below;
-- a tier at 100% owes for anything short of perfect; 0% credits owe 0
SELECT slm.credit('< 100% 5%', 1) AS perfect, slm.credit('< 100% 5%', 0.99999) AS short,
       slm.credit('< 99.9999% 0%, < 0.0001% 100%', 0.5) AS zero_tier,
       slm.credit('< 99.9999% 0%, < 0.0001% 100%', 0) AS nothing;
-- NULL in, NULL out; achieved outside [0, 1] is an error (22023)
SELECT slm.credit('< 99% 10%', NULL::float8) IS NULL AS null_achieved,
       slm.credit(NULL, 0.5::float8) IS NULL AS null_tiers;
SELECT slm.credit('< 99% 10%', 1.0001);
SELECT slm.credit('< 99% 10%', -0.1);
SELECT slm.credit('< 99% 10%', 'NaN'::float8);
SELECT slm.credit('< 99% 10%', 'Infinity'::float8);

-- ---------------------------------------------------------------------
-- slm.credit(tiers, achieved, price): price times the credit, exact, with
-- at least the decimals of the price
-- ---------------------------------------------------------------------
SELECT achieved, price, slm.credit('< 99.9% 10%, < 99% 25%, < 95% 100%', achieved, price)
FROM (VALUES (0.9985::float8, 1234.56::numeric),   -- 10%: 123.456
             (0.98, 1234.56),                      -- 25%: 308.64
             (0.5, 1234.56),                       -- 100%: 1234.56
             (0.9995, 1234.56),                    -- nothing: 0.00
             (0.9985, 1000),                       -- 100
             (0.98, 10),                           -- 2.5
             (0.9985, 19.90),                      -- 1.990 -> 1.99
             (0.9985, 0)) v(achieved, price);
-- 99.99 * 0.123456 = 12.34436544
SELECT slm.credit('< 99.95% 12.3456%', 0.999, 99.99);
SELECT slm.credit('< 99% 10%', 0.5, NULL) IS NULL AS null_price;
SELECT slm.credit('< 99% 10%', 0.5, -1);
SELECT slm.credit('< 99% 10%', 0.5, 'NaN');
SELECT slm.credit('< 99% 10%', 0.5, 'Infinity');

-- ---------------------------------------------------------------------
-- slm.credit(tiers, summary [, price]): achieved is slm.compliance(c)
-- ---------------------------------------------------------------------
SELECT c, slm.compliance(c), slm.credit('< 99.9% 10%, < 99% 25%, < 95% 100%', c) AS credit,
       slm.credit('< 99.9% 10%, < 99% 25%, < 95% 100%', c, 500) AS owed
FROM (VALUES ('met=999 breached=1 open=5 goal=99.9%'::slm.compliance),  -- 99.9%: nothing
             ('met=998 breached=2 open=0 goal=99.9%'),                  -- 99.8%: 10%, 50
             ('met=990 breached=10 open=0'),                            -- 99%: 10%, 50
             ('met=989 breached=11 open=0'),                            -- 98.9%: 25%, 125
             ('met=19 breached=1 open=0'),                              -- 95%: 25%, 125
             ('met=18 breached=2 open=0'),                              -- 90%: 100%, 500
             ('met=0 breached=0 open=3')) v(c);                         -- nothing closed: NULL
-- availability works through the float8 form: 1 hour down in a 744-hour
-- month is 743/744 = 99.866%, below 99.9%
SELECT slm.credit('< 99.9% 10%, < 99% 25%, < 95% 100%',
                  slm.availability('{[2026-12-03 02:00, 2026-12-03 03:00)}'::tstzmultirange, '24x7',
                                   '[2026-12-01, 2027-01-01)'), 200.00) AS owed;
