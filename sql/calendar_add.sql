-- slm.business_add: when N business hours run out, forward and backward,
-- with pauses; and the smallest-instant rule at closing time.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- Friday 16:00 Berlin plus 1 hour is Friday 17:00 (the closing instant,
-- not Monday 09:00); plus 2 hours is Monday 10:00
SELECT slm.business_add('mon-fri 09:00-17:00; tz Europe/Berlin', '2026-11-27 16:00+01', '1 hour') AS at_closing,
       slm.business_add('mon-fri 09:00-17:00; tz Europe/Berlin', '2026-11-27 16:00+01', '2 hours') AS monday;
-- next_open gives the other reading of a deadline on closing time
SELECT slm.next_open('mon-fri 09:00-17:00; tz Europe/Berlin',
         slm.business_add('mon-fri 09:00-17:00; tz Europe/Berlin', '2026-11-27 16:00+01', '1 hour')) AS next_opening;
-- zero is the start itself, even when closed
SELECT slm.business_add('mon-fri 09:00-17:00', '2026-11-28 12:00', '0') AS zero;
-- from a closed instant, the clock starts at the next opening
SELECT slm.business_add('mon-fri 09:00-17:00', '2026-11-28 12:00', '30 minutes') AS from_saturday;
-- backward stops at an opening instant: Monday 10:00 minus 1 hour is
-- Monday 09:00, minus 2 hours is Friday 16:00
SELECT slm.business_add('mon-fri 09:00-17:00', '2026-11-30 10:00', '-1 hour') AS back_to_opening,
       slm.business_add('mon-fri 09:00-17:00', '2026-11-30 10:00', '-2 hours') AS back_to_friday;
-- an interval's day counts as 24 business hours
SELECT slm.business_add('mon-fri 09:00-17:00', '2026-11-30 09:00', '1 day') AS one_day,
       slm.business_add('mon-fri 09:00-17:00', '2026-11-30 09:00', '24 hours') AS same;

-- the fixed-offset trap: a Friday-afternoon ticket in New York due 4
-- business hours later, across the March DST change, is due Monday 11:00
-- local (15:00 UTC, not 16:00)
SELECT slm.business_add('mon-fri 09:00-17:00; tz America/New_York', '2026-03-06 15:00-05', '4 hours') AS ny_monday;
-- across the autumn change Europe/Berlin: Friday 16:00 CEST + 2h = Monday 10:00 CET
SELECT slm.business_add('mon-fri 09:00-17:00; tz Europe/Berlin', '2026-10-23 16:00+02', '2 hours') AS berlin_monday;
-- 24x7 across a 23-hour day: 24 hours later is 01:00 the next local day
SELECT slm.business_add('24x7; tz Europe/Berlin', '2026-03-29 00:00+01', '24 hours') AS spring_day;
-- over holidays and a partial day
SELECT slm.business_add('mon-fri 09:00-17:00; 2026-12-24 09:00-12:00; 2026-12-25 closed; tz Europe/Berlin',
                        '2026-12-23 15:00+01', '6 hours') AS after_christmas;
-- overnight shifts: Friday 21:00 + 6h = Monday 22:00 (Fri 21-02 gives 5h, Mon 21-22 the sixth)
SELECT slm.business_add('mon-fri 21:00-02:00', '2026-11-27 21:00', '6 hours') AS shift;
-- years ahead in one step
SELECT slm.business_add('mon-fri 09:00-17:00; tz America/New_York', '2016-01-01 00:00-05', '20872 hours') AS ten_years;

-- the defining properties, on an awkward calendar and several starts
WITH c AS (SELECT 'mon-fri 22:00-06:00; sat 10:00-14:00; 2026-03-29 01:00-05:00; 2026-10-25 closed; tz Europe/Berlin'::slm.calendar AS cal),
     v AS (SELECT t, d FROM unnest('{2026-03-27 23:00+00, 2026-03-29 00:30+00, 2026-10-24 12:00+00, 2026-06-01 00:00+00}'::timestamptz[]) t,
                         unnest('{1 second, 90 minutes, 7 hours, 100 hours, -1 second, -90 minutes, -7 hours, -100 hours}'::interval[]) d)
SELECT bool_and(slm.business_time(cal, t, slm.business_add(cal, t, d)) = d) AS round_trip,
       bool_and(CASE WHEN d > '0' THEN slm.business_add(cal, t, d) > t ELSE slm.business_add(cal, t, d) < t END) AS direction
FROM c, v;

-- pauses: time inside paused does not count
SELECT slm.business_add('mon-fri 09:00-17:00', '2026-11-30 09:00', '4 hours',
                        tstzmultirange(tstzrange('2026-11-30 10:00', '2026-11-30 12:00'))) AS paused_2h,
       slm.business_add('mon-fri 09:00-17:00', '2026-11-30 09:00', '4 hours', NULL) AS null_pause,
       slm.business_add('mon-fri 09:00-17:00', '2026-11-30 09:00', '4 hours', '{}') AS empty_pause;
-- a pause that ends after the deadline would have been reached still pushes it
SELECT slm.business_add('mon-fri 09:00-17:00', '2026-11-30 09:00', '1 hour',
                        '{[2026-11-30 09:30, 2026-12-01 09:00), [2026-12-01 09:15, 2026-12-01 09:20)}') AS two_pauses;
-- a pause with no end yet: no deadline
SELECT slm.business_add('mon-fri 09:00-17:00', '2026-11-30 09:00', '4 hours',
                        tstzmultirange(tstzrange('2026-11-30 10:00', NULL))) IS NULL AS open_pause;
-- backward with a pause
SELECT slm.business_add('mon-fri 09:00-17:00', '2026-11-30 17:00', '-4 hours',
                        '{[2026-11-30 14:00, 2026-11-30 15:00)}') AS back_paused;

-- is_open, next_open, next_close
SELECT slm.is_open('mon-fri 09:00-17:00', '2026-11-30 09:00') AS at_opening,
       slm.is_open('mon-fri 09:00-17:00', '2026-11-30 17:00') AS at_closing,
       slm.is_open('mon-fri 09:00-17:00', '2026-11-30 16:59:59.999999') AS just_before;
SELECT slm.next_open('mon-fri 09:00-17:00', '2026-11-30 12:00') AS open_now,
       slm.next_open('mon-fri 09:00-17:00', '2026-11-30 17:00') AS tomorrow,
       slm.next_close('mon-fri 09:00-17:00', '2026-11-30 12:00') AS today,
       slm.next_close('mon-fri 09:00-17:00', '2026-11-28 12:00') AS monday;
-- overlapping shifts join: Mon 22:00-06:00 and Tue 05:00-09:00 are one run
SELECT slm.next_close('mon 22:00-06:00; tue 05:00-09:00', '2026-11-30 23:00') AS joined;
SELECT slm.next_close('24x7', '2026-11-30 12:00') IS NULL AS never_closes,
       slm.next_open('2026-12-24 09:00-12:00', '2026-12-25 00:00') IS NULL AS never_opens_again,
       slm.next_open('2026-12-24 09:00-12:00', '2026-12-01 00:00') AS the_one_day;
SELECT slm.next_close('24x7; 2027-01-01 closed; tz Asia/Tokyo', '2026-12-01 00:00') AS tokyo_holiday;

-- open_periods, combined with range operators
SELECT slm.open_periods('mon-fri 09:00-17:00; wed 22:00-06:00', '[2026-11-30 12:00, 2026-12-03 12:00)');
SELECT slm.open_periods('mon-fri 09:00-17:00', 'empty') AS empty,
       slm.open_periods('24x7', '[2026-01-01, 2026-01-03)') AS all_open;
SELECT slm.open_periods('mon-fri 09:00-17:00', '[2026-11-30, 2026-12-07)')
       * tstzmultirange(tstzrange('2026-12-01 16:00', '2026-12-02 10:00')) AS outage_in_hours;

-- business days: dates in [from, to) with open time
SELECT slm.business_days('mon-fri 09:00-17:00; 2026-12-24..2026-12-25 closed', '2026-12-01', '2027-01-01') AS december,
       slm.business_days('mon-fri 09:00-17:00', '2027-01-01', '2026-12-01') AS negative,
       slm.business_days('mon-fri 09:00-17:00', '2026-12-01', '2026-12-01') AS none;
SELECT slm.business_days('mon-fri 09:00-17:00; tz America/New_York', '2016-01-01', '2026-01-01')
     = (SELECT count(*) FROM generate_series(date '2016-01-01', date '2025-12-31', '1 day') d
        WHERE extract(isodow FROM d) < 6) AS ten_years_exact;
-- a span that converts to nothing (02:30 becomes 01:30 UTC, 03:10 becomes
-- 01:10 UTC on the spring-forward Sunday) gives that date no open time; a
-- span wholly inside the gap shifts by an hour and still counts
SELECT slm.business_days('sun 02:30-03:10; tz Europe/Berlin', '2026-03-22', '2026-04-06') AS gap_day_not_counted,
       slm.business_days('sun 02:15-02:45; tz Europe/Berlin', '2026-03-22', '2026-04-06') AS shifted_span_counts;
SELECT slm.business_days_add('mon-fri 09:00-17:00; 2026-12-24..2026-12-25 closed', '2026-12-23', 1) AS next_day,
       slm.business_days_add('mon-fri 09:00-17:00', '2026-11-30', -1) AS previous,
       slm.business_days_add('mon-fri 09:00-17:00', '2026-11-28', 0) AS zero,
       slm.business_days_add('mon-fri 09:00-17:00', '2026-01-01', 261) AS year_end;

-- errors
SELECT slm.business_add('mon-fri 09:00-17:00', '2026-11-30 09:00', '1 month');
SELECT slm.business_add('mon-fri 09:00-17:00', 'infinity', '1 hour');
SELECT slm.business_add('tz Europe/Berlin', '2026-11-30 09:00', '1 hour');
SELECT slm.business_add('2026-12-24 09:00-12:00', '2026-11-30 09:00', '4 hours');
SELECT slm.business_add('2026-12-24 09:00-12:00', '2026-11-30 09:00', '-1 hour');
SELECT slm.business_add('mon 09:00-10:00', '9999-12-01', '1000 hours');
SELECT slm.business_days_add('2026-12-24 09:00-12:00', '2026-12-01', 2);
SELECT slm.business_days_add('2026-12-24 09:00-12:00', '2026-12-31', -2);
SELECT slm.business_days('24x7', 'infinity', '2026-01-01');
-- durations far beyond what the engine covers are refused, not wrapped
SELECT slm.business_add('mon-fri 09:00-17:00', '2026-01-05 00:00', '50834281 days');
SELECT slm.business_add('mon 09:00-09:00:01', '2026-01-05', '30500569 seconds');
SELECT slm.business_add('mon-fri 09:00-17:00', '2026-01-05 00:00', '-50834281 days');
SELECT slm.business_days('mon-fri 09:00-17:00', '2026-01-01', '5874897-12-31');
SELECT slm.business_days_add('mon-fri 09:00-17:00', '2026-01-01', -2147483648);
-- answers close to the end of the range are still found
SELECT slm.next_close('24x7; 9999-12-20 closed', '2026-01-01') AS last_close;
