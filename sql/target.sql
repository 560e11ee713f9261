-- slm.target: text and binary I/O, constructor, accessors, and the clock
-- functions deadline, elapsed, remaining and status, with pauses.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- canonical text: hours/minutes/seconds, the calendar only when not 24x7 UTC,
-- goal before warn
SELECT '4h on (mon-fri 09:00-17:00; tz Europe/Berlin) goal 95% warn 80%'::slm.target;
SELECT '30 minutes'::slm.target, '2 days goal 99.5%'::slm.target, 'PT4H30M'::slm.target;
SELECT '1 day 2 hours 3.25 seconds'::slm.target, '90 sec'::slm.target, '1 microsecond'::slm.target;
SELECT '4h WARN 80% on (MON-FRI 9:00-17:00) GOAL 99.95%'::slm.target;
SELECT '8 hours on (24x7; tz UTC)'::slm.target AS default_calendar_omitted;
SELECT '4h goal 100% warn 0%'::slm.target AS extremes;

-- round trips and equality
CREATE TABLE tgt (id int, t slm.target);
INSERT INTO tgt VALUES (1, '4h on (mon-fri 09:00-17:00; 2026-12-24 09:00-12:00; tz Europe/Berlin) goal 95% warn 80%'),
                       (2, '30min'), (3, '26h 3.25s goal 99.9999%');
SELECT id, t::text::slm.target OPERATOR(slm.=) t AS text_round_trip FROM tgt ORDER BY id;
\copy tgt TO 'results/target.bin' WITH (FORMAT binary)
CREATE TABLE tgt2 (id int, t slm.target);
\copy tgt2 FROM 'results/target.bin' WITH (FORMAT binary)
SELECT a.id, a.t OPERATOR(slm.=) b.t AS binary_round_trip FROM tgt a JOIN tgt2 b USING (id) ORDER BY id;
SELECT '4h'::slm.target OPERATOR(slm.=) '240 minutes'::slm.target AS same,
       '4h'::slm.target OPERATOR(slm.<>) '4h goal 95%'::slm.target AS differ;

-- targets can be grouped and sorted (an arbitrary but consistent order)
SELECT t::text AS target, count(*)
FROM (SELECT t FROM tgt UNION ALL SELECT t FROM tgt2 UNION ALL SELECT '30 minutes'::slm.target) s
GROUP BY t ORDER BY 2 DESC, 1;

-- constructor and accessors
SELECT slm.target('4 hours', 'mon-fri 09:00-17:00; tz Europe/Berlin', 0.95, 0.8);
SELECT slm.target('1 hour'), slm.target('1 day', calendar => '24x7', goal => 0.999);
-- a NULL calendar (say, from an outer join) gives NULL; leave it out for 24x7
SELECT slm.target('1 day', NULL, 0.999) IS NULL AS null_calendar;
SELECT slm.target_duration(t), slm.target_calendar(t), slm.target_goal(t), slm.target_warn(t)
FROM (SELECT '4h on (mon-fri 09:00-17:00) goal 95% warn 80%'::slm.target AS t) s;
SELECT slm.target_goal('4h'), slm.target_warn('4h');
SELECT slm.target(NULL) IS NULL AS null_duration;

-- the clock: 4 business hours on weekdays 09-17 UTC, started Friday 15:00,
-- runs Friday 15-17 (2h) and Monday 09-11 (2h)
SELECT slm.deadline('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00') AS due;
-- an hour of waiting on Monday morning moves it by an hour
SELECT slm.deadline('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00',
                    '{[2026-11-30 09:00, 2026-11-30 10:00)}') AS due_paused,
       slm.deadline('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', NULL) AS null_pause;
-- a pause that has not ended yet: no deadline
SELECT slm.deadline('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00',
                    tstzmultirange(tstzrange('2026-11-27 16:00', NULL))) IS NULL AS open_pause;
SELECT slm.elapsed('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 10:00') AS elapsed,
       slm.elapsed('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 10:00',
                   '{[2026-11-30 09:00, 2026-11-30 09:30)}') AS elapsed_paused;
SELECT slm.remaining('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 10:00') AS left_1h,
       slm.remaining('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 12:00') AS over_1h,
       slm.remaining('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 12:00',
                     '{[2026-11-30 09:00, 2026-11-30 10:00)}') AS paused_zero;
-- status once stopped: a stop exactly at the deadline is met
SELECT slm.status('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 11:00', NULL) AS at_deadline,
       slm.status('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 11:00:00.000001', NULL) AS just_after,
       slm.status('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 11:30', '2026-11-27 16:00',
                  '{[2026-11-30 09:00, 2026-11-30 10:00)}') AS met_thanks_to_pause;
-- the breach rule is the due time's: a clock is breached when it stops (or
-- is judged) after its deadline. 2h from Friday 15:00 are due at Friday's
-- closing time, 17:00; a stop at 17:00 is met, any later stop breached, on
-- Saturday too, though no business time passed after the deadline
SELECT slm.deadline('2h on (mon-fri 09:00-17:00)', '2026-11-27 15:00') AS friday_close,
       slm.status('2h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-27 17:00', NULL) AS at_close,
       slm.status('2h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-27 17:00:00.000001', NULL) AS just_after,
       slm.status('2h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-28 10:00', NULL) AS saturday_stop,
       slm.status('2h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 09:00', NULL) AS monday_opening;
-- open and judged on Saturday: breached, with no business time left and none
-- overrun until Monday's opening; an hour into Monday, an hour overrun
SELECT slm.status('2h on (mon-fri 09:00-17:00) warn 50%', '2026-11-27 15:00', NULL, '2026-11-28 10:00') AS saturday,
       slm.remaining('2h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-28 10:00') AS left_saturday,
       slm.remaining('2h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-27 16:00') AS left_friday,
       slm.remaining('2h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 10:00') AS left_monday,
       slm.status('2h on (mon-fri 09:00-17:00) warn 50%', '2026-11-27 15:00', NULL, '2026-11-27 17:00') AS at_close;
-- with a pause: 4h from Friday 15:00 with Monday 09-10 waiting are due Monday
-- 12:00; half an hour of waiting on Friday moves a Friday-close deadline to
-- Monday 09:30, so a Saturday stop is met
SELECT slm.deadline('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '{[2026-11-30 09:00, 2026-11-30 10:00)}') AS due,
       slm.status('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 12:00', NULL,
                  '{[2026-11-30 09:00, 2026-11-30 10:00)}') AS at_due,
       slm.status('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-30 12:00:00.000001', NULL,
                  '{[2026-11-30 09:00, 2026-11-30 10:00)}') AS after_due,
       slm.status('2h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', '2026-11-28 10:00', NULL,
                  '{[2026-11-27 16:00, 2026-11-27 16:30)}') AS paused_friday;
-- across the change to winter time in Berlin (Sunday 25 October 2026, 03:00
-- CEST back to 02:00 CET): 24 hours of a 24x7 Berlin clock from Saturday
-- 12:00 CEST run out on Sunday 11:00 CET, 23 hours later on the wall clock
SELECT slm.deadline('24h on (24x7; tz Europe/Berlin)', '2026-10-24 10:00+00') AS due,
       slm.status('24h on (24x7; tz Europe/Berlin)', '2026-10-24 10:00+00', '2026-10-25 10:00+00', NULL) AS at_due,
       slm.status('24h on (24x7; tz Europe/Berlin)', '2026-10-24 10:00+00', '2026-10-25 10:00:00.000001+00', NULL) AS after_due;
-- a deadline that does not exist is never passed: a pause without end, a
-- calendar of dated hours only, which never accumulates the duration
SELECT slm.status('4h', '2026-11-27 15:00', '2026-12-27 15:00', NULL,
                  tstzmultirange(tstzrange('2026-11-27 16:00', NULL))) AS stopped_paused_forever,
       slm.status('4h on (2026-11-27 09:00-17:00)', '2026-11-27 15:00', '2026-12-27 15:00', NULL) AS stopped_short_calendar,
       slm.status('4h on (2026-11-27 09:00-17:00) warn 50%', '2026-11-27 15:00', NULL, '2026-12-27 15:00') AS open_short_calendar,
       slm.remaining('4h on (2026-11-27 09:00-17:00)', '2026-11-27 15:00', '2026-12-27 15:00') AS left_short_calendar;
SELECT slm.deadline('4h on (2026-11-27 09:00-17:00)', '2026-11-27 15:00');
-- a clock that stops before it starts is invalid, and took no time
SELECT slm.status('4h', '2026-11-27 15:00', '2026-11-27 14:59:59.999999', NULL) AS stop_before_start,
       slm.status('4h', '2026-11-27 15:00', '2026-11-27 15:00', NULL) AS stop_at_start,
       slm.elapsed('4h', '2026-11-27 15:00', '2026-11-27 14:00') IS NULL AS elapsed_null,
       slm.elapsed('4h', '2026-11-27 15:00', '2026-11-27 14:00', NULL) IS NULL AS elapsed_paused_null,
       slm.elapsed('4h', '2026-11-27 15:00', '2026-11-27 15:00') AS elapsed_zero;
-- status while running, judged at an instant: warn at 75% = 3h
SELECT slm.status('4h on (mon-fri 09:00-17:00) warn 75%', '2026-11-27 15:00', NULL, '2026-11-30 09:30') AS running,
       slm.status('4h on (mon-fri 09:00-17:00) warn 75%', '2026-11-27 15:00', NULL, '2026-11-30 10:00') AS at_risk,
       slm.status('4h on (mon-fri 09:00-17:00) warn 75%', '2026-11-27 15:00', NULL, '2026-11-30 11:00') AS at_deadline,
       slm.status('4h on (mon-fri 09:00-17:00) warn 75%', '2026-11-27 15:00', NULL, '2026-11-30 11:00:01') AS breached,
       slm.status('4h on (mon-fri 09:00-17:00)', '2026-11-27 15:00', NULL, '2026-11-30 10:59') AS no_warn_running;
SELECT slm.status('4h', '2026-11-27 15:00', NULL, NULL) IS NULL AS no_stop_no_at;

-- errors
SELECT '4 fortnights'::slm.target;
SELECT ''::slm.target;
SELECT '1 month'::slm.target;
SELECT '0 hours'::slm.target;
SELECT '-4h'::slm.target;
SELECT '-1 day 30 hours'::slm.target;
SELECT '4 hours ago'::slm.target;
SELECT '4h goal 120%'::slm.target;
SELECT '4h goal 0%'::slm.target;
SELECT '4h goal 95'::slm.target;
SELECT '4h goal 95% goal 99%'::slm.target;
SELECT '4h on mon-fri 09:00-17:00'::slm.target;
SELECT '4h on (mon-fri 09:00-17:00'::slm.target;
SELECT '4h on (mon-fri 09:00)'::slm.target;
-- an error inside the calendar quotes the whole target, and its position
-- counts from the start of the whole literal
SELECT '4 hours goal 99% on (mon-fri 09:00-17:00; sat 10:00-49:00)'::slm.target;
-- positions are in characters, as PostgreSQL gives them
SELECT '4h on (mon-fri 09:00-17:00; sät 10:00-14:00)'::slm.target;
SELECT '4h soon'::slm.target;
SELECT slm.target('4 hours', '24x7', 95);
SELECT slm.target('4 hours', '24x7', 0.95, -0.1);
SELECT slm.target(interval '-1 hour');
SELECT slm.target(interval '1 mon');
SELECT slm.deadline('4h', 'infinity');
SELECT slm.remaining('106751991 days', '2026-01-05 10:00+00', '2026-01-05 04:00+00');
-- a pause ending at 'infinity' is a pause without end
SELECT slm.deadline('4h', '2026-11-27 15:00', tstzmultirange(tstzrange('2026-11-27 16:00', 'infinity'))) IS NULL AS infinite_pause,
       slm.status('4h', '2026-11-27 15:00', NULL, '2026-11-30 15:00', tstzmultirange(tstzrange('2026-11-27 16:00', 'infinity'))) AS waiting_forever,
       slm.elapsed('4h', '2026-11-27 15:00', '2026-11-30 15:00', tstzmultirange(tstzrange('-infinity', '2026-11-27 16:00'))) AS paused_from_ever;
