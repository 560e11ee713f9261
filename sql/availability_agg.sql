-- Availability within service hours, aggregated: rollup of per-day
-- summaries, parallel and partitionwise plans, and availability_agg. The
-- summary itself, outage_agg and the accessors are in availability.sql,
-- whose tables this file reads.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
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
-- rollup: per-day summaries merged equal one pass
-- ---------------------------------------------------------------------
-- 3000 outages of 10 to 190 minutes every 37 minutes over about 77 days;
-- many cross midnight, so the summaries of consecutive days overlap
CREATE TABLE av_incidents AS
SELECT g AS id, g % 4 AS service,
       CASE WHEN g % 500 = 0 THEN NULL
            ELSE tstzrange(t, t + (10 + (g * 13) % 181) * interval '1 minute') END AS r
FROM generate_series(1, 3000) g,
     LATERAL (SELECT timestamptz '2026-01-01' + g * interval '37 minutes') s(t);
CREATE TABLE av_daily AS
SELECT service, date_trunc('day', lower(r)) AS day, slm.outage_agg(r) AS o
FROM av_incidents WHERE r IS NOT NULL GROUP BY 1, 2;
SELECT count(*) AS daily_summaries FROM av_daily;
SELECT d.service, d.o OPERATOR(slm.=) p.o AS rollup_equals_one_pass,
       slm.outage_count(d.o, tstzrange('2026-01-01', '2026-04-01')) AS outages
FROM (SELECT service, slm.rollup(o) AS o FROM av_daily GROUP BY service) d
JOIN (SELECT service, slm.outage_agg(r) AS o FROM av_incidents GROUP BY service) p USING (service)
ORDER BY service;
SELECT slm.rollup(o) IS NULL AS rollup_of_nothing FROM av_daily WHERE false;

-- ---------------------------------------------------------------------
-- parallel plans: partial states from workers, combined by the leader
-- ---------------------------------------------------------------------
-- 24000 rows for 4 services, one every 15 minutes in scrambled order, so
-- each service has a slot an hour; one in ten lasts 90 minutes and overlaps
-- the service's next slot, stored far away in the table (so the parts that
-- workers aggregate overlap); one in ten lasts 5 minutes; the rest are
-- empty ranges, and one in a thousand is NULL
CREATE TABLE av_outage_rows AS
SELECT g AS id, g % 4 AS service,
       CASE WHEN g % 1000 = 0 THEN NULL
            ELSE tstzrange(t, t + CASE (g / 4) % 10 WHEN 0 THEN 90 WHEN 1 THEN 5 ELSE 0 END * interval '1 minute') END AS r
FROM generate_series(1, 24000) g,
     LATERAL (SELECT timestamptz '2026-01-01' + ((g * 7919) % 24000) * interval '15 minutes') s(t);
ANALYZE av_outage_rows;
CREATE TABLE av_serial_result AS
SELECT service, slm.outage_agg(r) AS o,
       slm.availability_agg(r, 'mon-fri 08:00-18:00; tz Europe/Berlin', '[2026-01-01, 2026-02-01)') AS a
FROM av_outage_rows GROUP BY service;
CREATE TABLE av_serial_total AS SELECT slm.outage_agg(r) AS o FROM av_outage_rows;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT slm.outage_agg(r) FROM av_outage_rows;
SELECT o OPERATOR(slm.=) (SELECT o FROM av_serial_total) AS parallel_equals_serial
FROM (SELECT slm.outage_agg(r) AS o FROM av_outage_rows) p;
SELECT pg_temp.plan_has($$SELECT service, slm.outage_agg(r), slm.availability_agg(r, 'mon-fri 08:00-18:00; tz Europe/Berlin', '[2026-01-01, 2026-02-01)')
                          FROM av_outage_rows GROUP BY service$$, 'Partial.*Aggregate') AS grouped_partial;
SELECT service, p.o OPERATOR(slm.=) s.o AS outages_equal, p.a = s.a AS availability_equal,
       slm.outage_count(p.o, '[2026-01-01, 2026-02-01)') AS outages,
       slm.downtime(p.o, 'mon-fri 08:00-18:00; tz Europe/Berlin', '[2026-01-01, 2026-02-01)') AS downtime,
       round(p.a::numeric, 6) AS availability
FROM (SELECT service, slm.outage_agg(r) AS o,
             slm.availability_agg(r, 'mon-fri 08:00-18:00; tz Europe/Berlin', '[2026-01-01, 2026-02-01)') AS a
      FROM av_outage_rows GROUP BY service) p
JOIN av_serial_result s USING (service) ORDER BY service;
SELECT slm.rollup(o) OPERATOR(slm.=) (SELECT o FROM av_serial_total) AS parallel_rollup_equals_serial
FROM av_serial_result;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- ---------------------------------------------------------------------
-- partitionwise aggregation: one service's rows in every partition
-- ---------------------------------------------------------------------
CREATE TABLE av_outage_parts (id int, service int, r tstzrange) PARTITION BY HASH (id);
CREATE TABLE av_outage_parts_0 PARTITION OF av_outage_parts FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE av_outage_parts_1 PARTITION OF av_outage_parts FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE av_outage_parts_2 PARTITION OF av_outage_parts FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO av_outage_parts SELECT * FROM av_outage_rows;
ANALYZE av_outage_parts;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
SELECT pg_temp.plan_has($$SELECT service, slm.outage_agg(r) FROM av_outage_parts GROUP BY service$$,
                        'Partial.*Aggregate') AS partial_per_partition;
SELECT service, p.o OPERATOR(slm.=) s.o AS outages_equal, p.a = s.a AS availability_equal
FROM (SELECT service, slm.outage_agg(r) AS o,
             slm.availability_agg(r, 'mon-fri 08:00-18:00; tz Europe/Berlin', '[2026-01-01, 2026-02-01)') AS a
      FROM av_outage_parts GROUP BY service) p
JOIN av_serial_result s USING (service) ORDER BY service;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;

-- ---------------------------------------------------------------------
-- availability_agg: one step, by service
-- ---------------------------------------------------------------------
-- Three services over the week of 2026-11-30. "office" is the week above
-- (0.8875); "night" has hours mon-fri 22:00-06:00 UTC (5 shifts of 8h from
-- Mon 22:00, the last ending Sat 06:00: 40h) and one outage Tue 12-01
-- 05:00-07:00, 1h of it in the shift: 39/40 = 0.975; "quiet" has no
-- outages (its row from the left join has a NULL outage): 1.
CREATE TABLE av_services (name text, cal slm.calendar);
INSERT INTO av_services VALUES ('office', 'mon-fri 09:00-17:00'),
                               ('night', 'mon-fri 22:00-06:00'),
                               ('quiet', 'mon-fri 09:00-17:00; tz Europe/Berlin');
CREATE TABLE av_service_outages (name text, r tstzrange);
INSERT INTO av_service_outages SELECT 'office', r FROM av_week_outages;
INSERT INTO av_service_outages VALUES ('night', tstzrange('2026-12-01 05:00', '2026-12-01 07:00'));
SELECT s.name, slm.availability_agg(o.r, s.cal, '[2026-11-30, 2026-12-07)') AS availability
FROM av_services s LEFT JOIN av_service_outages o USING (name)
GROUP BY s.name ORDER BY s.name;
-- the same in two steps
SELECT s.name, slm.availability(coalesce(o.o, '{}'), s.cal, '[2026-11-30, 2026-12-07)') AS availability
FROM av_services s
LEFT JOIN (SELECT name, slm.outage_agg(r) AS o FROM av_service_outages GROUP BY name) o USING (name)
ORDER BY s.name;
-- one calendar and one period per group
SELECT slm.availability_agg(r, c, '[2026-11-30, 2026-12-07)')
FROM (VALUES (tstzrange('2026-11-30 10:00', '2026-11-30 11:00'), 'mon-fri 09:00-17:00'::slm.calendar),
             (tstzrange('2026-12-01 10:00', '2026-12-01 11:00'), 'mon-fri 09:00-18:00')) v(r, c);
SELECT slm.availability_agg(r, 'mon-fri 09:00-17:00', p)
FROM (VALUES (tstzrange('2026-11-30 10:00', '2026-11-30 11:00'), tstzrange('2026-11-30', '2026-12-07')),
             (tstzrange('2026-12-01 10:00', '2026-12-01 11:00'), tstzrange('2026-11-30', '2026-12-08'))) v(r, p);
-- rows without a calendar or period are skipped; none at all gives NULL
SELECT slm.availability_agg(r, c, p) AS availability
FROM (VALUES (tstzrange('2026-11-30 10:00', '2026-11-30 11:00'), NULL::slm.calendar, tstzrange('2026-11-30', '2026-12-01')),
             (tstzrange('2026-11-30 13:00', '2026-11-30 15:00'), 'mon-fri 09:00-17:00', tstzrange('2026-11-30', '2026-12-01'))) v(r, c, p);
SELECT slm.availability_agg(r, c, p) IS NULL AS no_calendar
FROM (VALUES (tstzrange('2026-11-30 10:00', '2026-11-30 11:00'), NULL::slm.calendar, tstzrange('2026-11-30', '2026-12-01'))) v(r, c, p);
-- an infinite period is refused
SELECT slm.availability_agg(r, 'mon-fri 09:00-17:00', tstzrange('2026-11-30', NULL))
FROM (VALUES (tstzrange('2026-11-30 10:00', '2026-11-30 11:00'))) v(r);

-- the state type: outages cut to the period, text and binary round trips
SELECT slm.availability_agg_trans(
           slm.availability_agg_trans(NULL, tstzrange('2026-11-29 20:00', '2026-11-30 09:30'),
                                      'mon-fri 09:00-17:00', '[2026-11-30, 2026-12-07)'),
           tstzrange('2026-11-30 09:00', '2026-11-30 10:00'),
           'mon-fri 09:00-17:00', '[2026-11-30, 2026-12-07)') AS state;
SELECT slm.availability_agg_final(
    'period ["2026-11-30 00:00:00+00","2026-12-07 00:00:00+00") calendar "mon-fri 09:00-17:00; tz UTC" outages {["2026-11-30 00:00:00+00","2026-11-30 10:00:00+00")}') AS one_hour_of_forty;
CREATE TABLE av_state_bin (id int, s slm.availability_state);
INSERT INTO av_state_bin VALUES
    (1, 'period ["2026-11-30 00:00:00+00","2026-12-07 00:00:00+00") calendar "mon-fri 09:00-17:00; tz UTC" outages {["2026-11-30 10:00:00+00","2026-11-30 11:00:00+00")}'),
    (2, 'PERIOD empty CALENDAR "24x7; tz Europe/Berlin" OUTAGES {}'),
    (3, 'period [2026-03-29 00:00+01, 2026-03-30 00:00+02) calendar "sun 01:00-05:00; 2026-12-24 closed; tz Europe/Berlin" outages {}');
SELECT id, s FROM av_state_bin ORDER BY id;
\copy av_state_bin TO 'results/availability_state.bin' WITH (FORMAT binary)
CREATE TABLE av_state_bin2 (LIKE av_state_bin);
\copy av_state_bin2 FROM 'results/availability_state.bin' WITH (FORMAT binary)
SELECT id, a.s::text = b.s::text AS binary_round_trip, a.s::text::slm.availability_state::text = a.s::text AS text_round_trip
FROM av_state_bin a JOIN av_state_bin2 b USING (id) ORDER BY id;
-- malformed states
SELECT 'outages {}'::slm.availability_state;
SELECT 'period [2026-11-30, 2026-12-07) calendar mon-fri outages {}'::slm.availability_state;
SELECT 'period [2026-11-30, 2026-12-07) calendar "mon-fri 09:00-17:00" outages {[2026-12-06, 2026-12-08)}'::slm.availability_state;
SELECT 'period [2026-11-30, 2026-12-07) calendar "mon-fri 25:00-26:00" outages {}'::slm.availability_state;
-- a calendar written with escapes is read from its unescaped text
SELECT 'period empty calendar "mon-fri 09:00-17:00; tz Europe\/Berlin" outages {}'::slm.availability_state;
SELECT 'period empty calendar "mon-fri 25:00-26:00; tz Europe\/Berlin" outages {}'::slm.availability_state;

-- catalog: every object of this module has a comment
SELECT count(*) AS uncommented
FROM pg_proc p
WHERE p.pronamespace = 'slm'::regnamespace
  AND (p.proname IN ('outage_agg', 'rollup', 'agreed_time', 'downtime', 'availability', 'outage_count',
                     'mtrs', 'mtbf', 'availability_agg', 'tstzmultirange', 'outages')
       OR p.proname LIKE 'outage%' OR p.proname LIKE 'availability%' OR p.proname LIKE 'rollup%')
  AND obj_description(p.oid, 'pg_proc') IS NULL;
SELECT t.typname, obj_description(t.oid, 'pg_type') IS NOT NULL AS commented
FROM pg_type t WHERE t.typnamespace = 'slm'::regnamespace AND t.typname IN ('outages', 'availability_state')
ORDER BY 1;
SELECT c.castsource::regtype, c.casttarget::regtype, obj_description(c.oid, 'pg_cast') IS NOT NULL AS commented
FROM pg_cast c WHERE 'slm.outages'::regtype IN (c.castsource, c.casttarget) ORDER BY 1;

DROP TABLE av_outage_bin, av_outage_bin2, av_outage_raw, av_outage_recv, av_scrambled,
           av_week_outages, av_week, av_incidents, av_daily, av_outage_rows,
           av_serial_result, av_serial_total, av_outage_parts, av_services,
           av_service_outages, av_state_bin, av_state_bin2;
