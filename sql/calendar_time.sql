-- slm.business_time: open time between instants, across overnight spans,
-- holidays, partial days, DST and zones with unusual rules.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- a plain working week: Friday 08:00 to Monday 10:00 in Berlin is
-- Friday 09-17 (8h) plus Monday 09-10 (1h)
SELECT slm.business_time('mon-fri 09:00-17:00; tz Europe/Berlin',
                         '2026-11-27 08:00+01', '2026-11-30 10:00+01');
-- signed: the reverse order gives the negative
SELECT slm.business_time('mon-fri 09:00-17:00; tz Europe/Berlin',
                         '2026-11-30 10:00+01', '2026-11-27 08:00+01');
SELECT slm.business_time('24x7', '2026-01-01 10:00', '2026-01-01 10:00') AS zero;
-- hours, minutes and seconds only: three days of 24x7 are 72 hours
SELECT slm.business_time('24x7', '2026-01-01', '2026-01-04');
-- microsecond exact
SELECT slm.business_time('mon 08:59:30-09:00:00', '2026-11-30 08:00', '2026-11-30 08:59:45.123456');

-- overnight: a Friday 21:00-02:00 shift runs into Saturday
SELECT slm.business_time('mon-fri 21:00-02:00', '2026-11-27 20:00', '2026-11-28 03:00') AS fri_night;
-- Sunday has no shift, so Monday 00:00-02:00 is closed
SELECT slm.business_time('mon-fri 21:00-02:00', '2026-11-29 20:00', '2026-11-30 03:00') AS sun_night;
-- midnight in a 24x7 calendar is open (no gap between days)
SELECT slm.business_time('24x7', '2026-01-01 23:59', '2026-01-02 00:01') AS over_midnight;
SELECT slm.is_open('24x7', '2026-01-02 00:00') AS open_at_midnight;

-- a holiday on Wednesday removes Wednesday's 22:00-06:00 shift, not the end
-- of Tuesday's (Tue 22:00 - Wed 06:00 stays: 8h; Wed night is gone)
SELECT slm.business_time('mon-fri 22:00-06:00; 2026-12-02 closed',
                         '2026-12-01 12:00', '2026-12-03 12:00') AS tue_shift_only;
-- partial day: Christmas Eve 09:00-12:00, Christmas closed, in Berlin
SELECT slm.business_time('mon-fri 09:00-17:00; 2026-12-24 09:00-12:00; 2026-12-25 closed; tz Europe/Berlin',
                         '2026-12-24 00:00+01', '2026-12-26 00:00+01') AS christmas;
-- a holiday is a local date of the calendar's zone: 1 January in Tokyo is
-- 31 December 15:00 UTC to 1 January 15:00 UTC
SELECT slm.business_time('24x7; 2026-01-01 closed; tz Asia/Tokyo',
                         '2025-12-31 15:00', '2026-01-01 15:00') AS tokyo_new_year,
       slm.business_time('24x7; 2026-01-01 closed; tz Asia/Tokyo',
                         '2025-12-31 14:00', '2026-01-01 16:00') AS one_hour_each_side;
-- extra working day: a Saturday opened by a dated clause
SELECT slm.business_time('mon-fri 09:00-17:00; 2026-11-28 10:00-12:00',
                         '2026-11-28', '2026-11-29') AS open_saturday;

-- DST: a 24x7 day has 23 or 25 hours
SELECT slm.business_time('24x7; tz Europe/Berlin',
                         '2026-03-29 00:00'::timestamp AT TIME ZONE 'Europe/Berlin',
                         '2026-03-30 00:00'::timestamp AT TIME ZONE 'Europe/Berlin') AS berlin_spring,
       slm.business_time('24x7; tz Europe/Berlin',
                         '2026-10-25 00:00'::timestamp AT TIME ZONE 'Europe/Berlin',
                         '2026-10-26 00:00'::timestamp AT TIME ZONE 'Europe/Berlin') AS berlin_fall,
       slm.business_time('24x7; tz America/New_York',
                         '2026-03-08 00:00'::timestamp AT TIME ZONE 'America/New_York',
                         '2026-03-09 00:00'::timestamp AT TIME ZONE 'America/New_York') AS ny_spring;
-- 30-minute DST on Lord Howe Island
SELECT slm.business_time('24x7; tz Australia/Lord_Howe',
                         '2026-10-04 00:00'::timestamp AT TIME ZONE 'Australia/Lord_Howe',
                         '2026-10-05 00:00'::timestamp AT TIME ZONE 'Australia/Lord_Howe') AS lord_howe_spring,
       slm.business_time('24x7; tz Australia/Lord_Howe',
                         '2026-04-05 00:00'::timestamp AT TIME ZONE 'Australia/Lord_Howe',
                         '2026-04-06 00:00'::timestamp AT TIME ZONE 'Australia/Lord_Howe') AS lord_howe_fall;
-- Chatham (+12:45/+13:45) ends DST at 03:45 local on 2026-04-05
SELECT slm.business_time('24x7; tz Pacific/Chatham',
                         '2026-04-05 00:00'::timestamp AT TIME ZONE 'Pacific/Chatham',
                         '2026-04-06 00:00'::timestamp AT TIME ZONE 'Pacific/Chatham') AS chatham_fall;
-- Kolkata (+05:30, no DST): 09:00-17:00 local is 03:30-11:30 UTC
SELECT slm.business_time('mon-fri 09:00-17:00; tz Asia/Kolkata', '2026-11-30 03:00', '2026-11-30 12:00') AS kolkata;
-- Apia skipped 30 December 2011: 29 and 31 December have 24 hours, the 30th none
SELECT slm.business_time('24x7; tz Pacific/Apia',
                         '2011-12-29 00:00'::timestamp AT TIME ZONE 'Pacific/Apia',
                         '2012-01-01 00:00'::timestamp AT TIME ZONE 'Pacific/Apia') AS apia_three_dates,
       slm.business_time('mon-sun 09:00-17:00; tz Pacific/Apia',
                         '2011-12-29 00:00'::timestamp AT TIME ZONE 'Pacific/Apia',
                         '2012-01-01 00:00'::timestamp AT TIME ZONE 'Pacific/Apia') AS apia_office;
-- Sao Paulo began DST at midnight on 2018-11-04: that date had 23 hours
SELECT slm.business_time('24x7; tz America/Sao_Paulo', '2018-11-04 03:00', '2018-11-05 02:00') AS sao_paulo_day,
       slm.business_time('24x7; tz America/Sao_Paulo',
                         '2018-11-04 00:00'::timestamp AT TIME ZONE 'America/Sao_Paulo',
                         '2018-11-05 00:00'::timestamp AT TIME ZONE 'America/Sao_Paulo') AS same_via_at_time_zone;
-- Moscow moved its standard offset in 2011 (+3 to +4, spring) and 2014 (+4 to +3, autumn)
SELECT slm.business_time('24x7; tz Europe/Moscow',
                         '2011-03-27 00:00'::timestamp AT TIME ZONE 'Europe/Moscow',
                         '2011-03-28 00:00'::timestamp AT TIME ZONE 'Europe/Moscow') AS moscow_2011,
       slm.business_time('24x7; tz Europe/Moscow',
                         '2014-10-26 00:00'::timestamp AT TIME ZONE 'Europe/Moscow',
                         '2014-10-27 00:00'::timestamp AT TIME ZONE 'Europe/Moscow') AS moscow_2014;
-- spans touching the DST hour: local endpoints convert as AT TIME ZONE does
-- (in the gap or overlap, the later instant)
SELECT slm.business_time('sun 01:30-03:30; tz Europe/Berlin', '2026-03-28', '2026-03-31') AS across_gap,
       slm.business_time('sun 02:30-03:10; tz Europe/Berlin', '2026-03-28', '2026-03-31') AS inside_gap,
       slm.business_time('sun 02:30-05:00; tz Europe/Berlin', '2026-10-24', '2026-10-27') AS from_overlap,
       slm.business_time('sun 01:00-02:30; tz Europe/Berlin', '2026-10-24', '2026-10-27') AS into_overlap;

-- cost does not depend on the range, and the answer is exact: ten years of
-- a New York office week, against a day count
SELECT slm.business_time('mon-fri 09:00-17:00; tz America/New_York',
                         '2016-01-01'::timestamp AT TIME ZONE 'America/New_York',
                         '2026-01-01'::timestamp AT TIME ZONE 'America/New_York')
     = (SELECT count(*) FROM generate_series(date '2016-01-01', date '2025-12-31', '1 day') d
        WHERE extract(isodow FROM d) < 6) * interval '8 hours' AS ten_years_exact;
-- a century of 24x7 in Berlin is exactly the elapsed time
SELECT slm.business_time('24x7; tz Europe/Berlin', '1950-01-01', '2050-01-01')
     = ('2050-01-01'::timestamptz - '1950-01-01'::timestamptz) AS century_exact;

-- additivity on an awkward calendar, at a few cut points
WITH c AS (SELECT 'mon-fri 22:00-06:00; sat 10:00-14:00; 2026-03-29 01:00-05:00; 2026-10-25 closed; tz Europe/Berlin'::slm.calendar AS cal)
SELECT bool_and(slm.business_time(cal, a, b) + slm.business_time(cal, b, e) = slm.business_time(cal, a, e)) AS additive
FROM c, (VALUES ('2026-03-01'::timestamptz, '2026-03-29 01:30'::timestamptz, '2026-04-15'::timestamptz),
                ('2026-10-20', '2026-10-25 01:30', '2026-11-02'),
                ('2026-01-01', '2026-12-31', '2025-06-01')) v(a, b, e);

-- many calendars in one query, in shuffled order (more than the backend
-- keeps compiled, so compiled forms are evicted and rebuilt as it runs):
-- Saturday noon UTC to Saturday noon UTC spans exactly one working week in
-- each of these zones, so each calendar gives 5 x its daily 60 + i minutes
WITH cals AS (
    SELECT i, format('mon-fri 09:00-%s; tz %s', time '10:00' + i * interval '1 minute',
                     (ARRAY['Europe/Berlin', 'UTC', 'Asia/Kolkata', 'America/New_York'])[1 + i % 4])::slm.calendar AS cal
    FROM generate_series(0, 79) i),
     rows AS (SELECT i, cal FROM cals, generate_series(1, 3) r ORDER BY md5(i::text || r::text))
SELECT count(*) AS rows,
       count(*) FILTER (WHERE slm.business_time(cal, '2026-11-28 12:00', '2026-12-05 12:00')
                              <> make_interval(mins => 5 * (60 + i))) AS wrong,
       count(DISTINCT cal) AS calendars
FROM rows;

-- ranges and multiranges
SELECT slm.business_time('mon-fri 09:00-17:00', tstzrange('2026-11-30 08:00', '2026-12-01 12:00')) AS range,
       slm.business_time('mon-fri 09:00-17:00', 'empty'::tstzrange) AS empty_range,
       slm.business_time('mon-fri 09:00-17:00', '[2026-11-30 10:00, 2026-11-30 11:00]'::tstzrange) AS closed_bound;
-- pauses: the ticket's lifetime minus the time it waited for the customer
SELECT slm.business_time('mon-fri 09:00-17:00',
         tstzmultirange(tstzrange('2026-11-30 09:00', '2026-12-02 12:00'))
         - tstzmultirange(tstzrange('2026-11-30 15:00', '2026-12-01 10:00'))) AS minus_pause,
       slm.business_time('mon-fri 09:00-17:00', '{}'::tstzmultirange) AS empty_multirange;

-- NULL in, NULL out
SELECT slm.business_time(NULL, '2026-01-01', '2026-01-02') IS NULL AS null_cal,
       slm.business_time('24x7', NULL, '2026-01-02') IS NULL AS null_from;

-- errors
SELECT slm.business_time('24x7', '-infinity', '2026-01-02');
SELECT slm.business_time('24x7', '2026-01-01', 'infinity');
SELECT slm.business_time('24x7', tstzrange('2026-01-01', NULL));
SELECT slm.business_time('24x7', tstzmultirange(tstzrange(NULL, '2026-01-01')));
SELECT slm.business_time('24x7', '2026-01-01', '294000-01-01');
