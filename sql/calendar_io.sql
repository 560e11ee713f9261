-- slm.calendar: text input, canonical output, binary I/O, equality,
-- constructors and every kind of malformed literal.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- canonical forms
SELECT 'mon-fri 09:00-17:00'::slm.calendar;
SELECT 'MON-FRI 9:00-12:00, 13:00-17:00; Sat 10:00-14:00; tz europe/berlin'::slm.calendar;
SELECT 'mon-fri 09:00-12:00, 13:00-17:00; sat 10:00-14:00; 2026-12-24 09:00-12:00; 2026-12-25..2026-12-26 closed; tz Europe/Berlin'::slm.calendar;
SELECT '24x7'::slm.calendar;
SELECT 'mon-sun 00:00-24:00'::slm.calendar;
SELECT '24x7; tz America/New_York'::slm.calendar;
SELECT ''::slm.calendar AS never_open;
SELECT 'tz Asia/Kolkata'::slm.calendar AS never_open_in_kolkata;
-- day lists, wrapping ranges and full names
SELECT 'mon,wed-fri 08:00-12:00'::slm.calendar;
SELECT 'fri-mon 10:00-11:00'::slm.calendar;
SELECT 'monday, friday 10:00-11:00'::slm.calendar;
SELECT 'sat,sun 10:00-11:00; tue 10:00-11:00'::slm.calendar;
-- overnight spans: an end at or before the start runs into the next day
SELECT 'mon-fri 22:00-06:00'::slm.calendar;
SELECT 'sun 22:00-00:00'::slm.calendar;
SELECT 'sun 22:00-24:00'::slm.calendar;
-- seconds are kept, and shown only when present
SELECT 'mon 08:59:30-17:00:00'::slm.calendar;
-- clauses for one day add up; overlapping and touching spans merge
SELECT 'mon 09:00-12:00; mon 11:00-13:00, 13:00-14:00; mon 16:00-17:00'::slm.calendar;
-- merged spans of a day may exceed 24 hours: spelled with an end past 24:00
SELECT '24x7; mon 20:00-04:00'::slm.calendar;
SELECT 'mon 00:00-28:00'::slm.calendar;
SELECT 'mon 00:00-28:00'::slm.calendar::text::slm.calendar OPERATOR(slm.=) 'mon 00:00-28:00'::slm.calendar AS round_trip;
-- dated clauses: ranges expand, same hours on consecutive dates collapse,
-- clauses on one date add up, closed contributes nothing
SELECT '2026-12-24 09:00-12:00; 2026-12-24 13:00-15:00'::slm.calendar;
SELECT '2026-12-24..2026-12-31 closed; 2026-12-28 09:00-12:00'::slm.calendar;
SELECT '2026-12-25 closed; 2026-12-26 closed; 2026-12-27 closed'::slm.calendar;
SELECT '2024-02-28..2024-03-01 closed'::slm.calendar;
-- trailing and doubled separators are harmless
SELECT 'mon 09:00-10:00;; tz UTC;'::slm.calendar;

-- equality is on the canonical form; the operators live in schema slm
SET search_path = slm, public;
SELECT 'mon-fri 09:00-17:00; tz UTC'::slm.calendar = 'mon,tue,wed,thu,fri 09:00-13:00,13:00-17:00'::slm.calendar AS same;
SELECT 'mon-fri 09:00-17:00'::slm.calendar = 'mon-fri 09:00-17:00; tz Europe/Berlin'::slm.calendar AS same_zone;
SELECT 'mon-fri 09:00-17:00'::slm.calendar <> 'mon-fri 09:00-17:01'::slm.calendar AS differ;

-- output re-reads to an equal value
CREATE TABLE cal_samples (id int, c slm.calendar);
INSERT INTO cal_samples VALUES
    (1, 'mon-fri 09:00-12:00, 13:00-17:00; sat 10:00-14:00; 2026-12-24 09:00-12:00; 2026-12-25..2026-12-26 closed; tz Europe/Berlin'),
    (2, '24x7; tz Pacific/Chatham'),
    (3, 'mon-fri 22:00-06:00; sun 23:30:15-00:00; 2027-01-01 closed; tz America/Santiago'),
    (4, ''),
    (5, '24x7; mon 20:00-04:00; 2026-03-29 01:00-05:00; tz Europe/Berlin');
SELECT id, c::text::slm.calendar = c AS text_round_trip FROM cal_samples ORDER BY id;

-- binary send/recv round trip
\copy cal_samples TO 'results/calendar_io.bin' WITH (FORMAT binary)
CREATE TABLE cal_copy (id int, c slm.calendar);
\copy cal_copy FROM 'results/calendar_io.bin' WITH (FORMAT binary)
SELECT s.id, s.c = c.c AS binary_round_trip FROM cal_samples s JOIN cal_copy c USING (id) ORDER BY id;

-- calendars can be grouped, counted, joined and indexed (btree and hash
-- operator classes over an arbitrary but consistent order of the canonical bytes)
SELECT count(DISTINCT c) AS distinct_calendars, count(*) AS all_rows
FROM (SELECT c FROM cal_samples UNION ALL SELECT c FROM cal_copy) s;
SELECT count(*) AS joined FROM cal_samples a JOIN cal_copy b ON a.c = b.c;
SELECT c, count(*) FROM (SELECT c FROM cal_samples UNION ALL SELECT c FROM cal_copy) s
GROUP BY c HAVING c = '24x7; tz Pacific/Chatham';
CREATE INDEX ON cal_samples (c);
SET enable_seqscan = off;
SELECT id FROM cal_samples WHERE c = '24x7; tz Pacific/Chatham';
RESET enable_seqscan;

-- constructors for calendars kept in tables
SELECT slm.calendar('mon-fri 09:00-17:00', 'Europe/Berlin');
SELECT slm.calendar('mon-fri 09:00-17:00', 'europe/berlin', ARRAY['2026-12-25', '2026-12-24', NULL]::date[]);
SELECT slm.calendar('mon-fri 09:00-17:00; tz Europe/Berlin', 'Europe/Berlin');
SELECT slm.calendar(NULL, 'UTC') IS NULL AS null_hours, slm.calendar('24x7', NULL) IS NULL AS null_tz;
SELECT slm.with_closed('mon-fri 09:00-17:00; 2026-12-24 09:00-12:00; tz Europe/Berlin', '{2026-12-24,2026-12-31}');
SELECT slm.with_closed('mon-fri 09:00-17:00', '{}');
SELECT slm.with_closed('mon-fri 09:00-17:00', NULL) AS null_dates_close_nothing,
       slm.with_closed(NULL, '{2026-12-24}') IS NULL AS null_calendar;
SELECT slm.with_closed('2026-12-24 09:00-12:00', '{2026-12-24,2026-12-24,2026-12-31,2026-12-24}') AS duplicates_once;
SELECT slm.calendar_tz('mon 09:00-10:00; tz asia/kolkata');

-- errors: each says what and where
SELECT 'mon-fri 09:00-17'::slm.calendar;
SELECT 'mon-fri 9-17'::slm.calendar;
SELECT 'mon-fry 09:00-17:00'::slm.calendar;
SELECT 'mon-fri'::slm.calendar;
SELECT 'mon-fri 09:00'::slm.calendar;
SELECT 'mon 09:00-09:00'::slm.calendar;
SELECT 'mon 24:00-02:00'::slm.calendar;
SELECT 'mon 09:60-10:00'::slm.calendar;
SELECT 'mon 09:00-10:00:61'::slm.calendar;
SELECT 'mon 09:00-49:00'::slm.calendar;
SELECT 'mon 10:00-26:00'::slm.calendar AS ok_next_day;
SELECT 'mon 03:00-26:00'::slm.calendar AS same_as_overnight;
SELECT 'mon 09:00-10:00 tue 09:00-10:00'::slm.calendar;
SELECT '2026-02-30 closed'::slm.calendar;
SELECT '2026-12-31..2026-12-01 closed'::slm.calendar;
SELECT '2026-12-24'::slm.calendar;
SELECT '2026-12-24 open'::slm.calendar;
SELECT '26-12-24 closed'::slm.calendar;
SELECT 'tz'::slm.calendar;
SELECT 'tz Mars/Olympus_Mons'::slm.calendar;
SELECT 'tz Europe/Berlin; tz UTC'::slm.calendar;
-- POSIX rule strings are not zone names ("UTC+3" would mean UTC-3)
SELECT 'tz UTC+3'::slm.calendar;
SELECT 'tz xyz5'::slm.calendar;
SELECT 'tz Etc/GMT+3; 24x7'::slm.calendar AS zone_with_digits, 'tz EST5EDT'::slm.calendar AS old_us_zone;
SELECT '24x7x'::slm.calendar;
-- positions are in characters, as PostgreSQL gives them
SELECT 'mon-fri 09:00-17:00; sat 10:00-14:00 über'::slm.calendar;
SELECT 'mon 09:00–17:00'::slm.calendar;
SELECT slm.calendar('mon 09:00-10:00', 'Nowhere/City');
SELECT slm.calendar('mon 09:00-10:00; tz UTC', 'Europe/Berlin');
SELECT slm.calendar('mon 9am-5pm', 'UTC');
SELECT slm.with_closed('24x7', ARRAY['infinity']::date[]);
SELECT slm.with_closed('24x7', ARRAY[['2026-01-01']]::date[]);
-- limits
SELECT '0001-01-01..9999-12-31 closed'::slm.calendar;
SELECT length(('2000-01-01..2270-12-31 closed')::slm.calendar::text) AS many_dates_ok;

-- soft errors for pg_input_is_valid (PostgreSQL 16 and later) are not
-- exercised here; on 15 every malformed literal raises.
