-- The breach rule on generated tickets: a clock is breached exactly when it
-- stops (or, open, is judged) after its deadline, and every form of
-- compliance_agg counts what slm.status says row by row.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- Calendars with weekends, lunch breaks, holidays, overnight shifts, and
-- clock changes inside open hours (24x7 and Sunday-night hours in zones
-- with daylight saving time, Lord Howe's half-hour shift).
CREATE TABLE br_cal (cal_id int PRIMARY KEY, cal slm.calendar);
INSERT INTO br_cal VALUES
    (1, 'mon-fri 09:00-12:00, 13:00-17:00; 2026-12-24 09:00-12:00; 2026-12-25..2026-12-26 closed; tz Europe/Berlin'),
    (2, 'mon-fri 08:00-18:00; sat 10:00-14:00; tz America/New_York'),
    (3, 'mon-fri 22:00-06:00; tz America/Sao_Paulo'),
    (4, '24x7; tz Europe/Berlin'),
    (5, 'sun 00:00-04:00, 22:00-24:00; mon-fri 09:00-17:00; tz America/New_York'),
    (6, 'mon-sun 01:00-03:00, 08:00-20:00; tz Australia/Lord_Howe'),
    (7, '24x7');

-- Starts near the clock changes of 2026 (Europe 29 March and 25 October,
-- United States 8 March and 1 November, Lord Howe 5 April and 4 October)
-- or anywhere in the year, a third of them on the hour (so that many
-- deadlines fall on closing times); durations from a minute to three days;
-- a third paused (some pauses without end); stops at the deadline, a
-- microsecond either side, at the next opening after it, in the closed
-- time after it, before the start, or anywhere; half the clocks open, and
-- every clock also judged at an instant chosen the same way.
SELECT setseed(0.4242);
CREATE TABLE br_draw AS
SELECT g AS id, 1 + g % 7 AS cal_id, random() AS r_pause, random() AS r_p1, random() AS r_p2, random() AS r_p3,
       (ARRAY[interval '1 minute', '30 minutes', '1 hour', '2 hours', '4 hours', '8 hours', '1 day', '3 days'])[1 + floor(random() * 8)::int]
         + CASE WHEN random() < 0.3 THEN random() * interval '3 hours' ELSE interval '0' END AS d,
       CASE WHEN random() < 0.7 THEN round(random()::numeric, 2)::float8 END AS warn,
       CASE WHEN random() < 0.3 THEN date_trunc('hour', x.start) ELSE x.start END AS start
FROM generate_series(1, 6000) g,
     LATERAL (SELECT CASE WHEN g > 0 AND random() < 0.6
            THEN (ARRAY[timestamptz '2026-03-29 01:00+00', '2026-10-25 01:00+00', '2026-03-08 07:00+00',
                        '2026-11-01 06:00+00', '2026-04-04 15:00+00', '2026-10-03 15:30+00'])[1 + floor(random() * 6)::int]
                 + (random() * 96 - 72) * interval '1 hour'
            ELSE timestamptz '2026-01-01' + random() * interval '365 days' END AS start) x
ORDER BY g;
CREATE TABLE br_ticket AS
SELECT b.id, b.cal_id, c.cal, slm.target(b.d, c.cal, NULL, b.warn) AS target, b.start,
       CASE WHEN r_pause < 0.15 THEN tstzmultirange(tstzrange(start + r_p1 * d, start + r_p1 * d + r_p2 * interval '2 days'))
            WHEN r_pause < 0.25 THEN tstzmultirange(tstzrange(start + r_p1 * interval '1 day', start + interval '1 day' + r_p2 * interval '1 day'),
                                                    tstzrange(start + interval '3 days' + r_p3 * interval '1 day', start + interval '5 days'))
            WHEN r_pause < 0.30 THEN tstzmultirange(tstzrange(start + r_p1 * d, NULL))
       END AS paused
FROM br_draw b JOIN br_cal c USING (cal_id)
ORDER BY b.id;
ALTER TABLE br_ticket ADD COLUMN due timestamptz, ADD COLUMN stop timestamptz, ADD COLUMN at timestamptz;
UPDATE br_ticket SET due = slm.deadline(target, start, paused);
-- the instant to stop or judge at: a choice relative to the deadline (or,
-- without one, to the start)
CREATE FUNCTION pg_temp.pick(cal slm.calendar, start timestamptz, due timestamptz) RETURNS timestamptz
LANGUAGE sql AS $$
    SELECT CASE
        WHEN r < 0.15 THEN coalesce(due, start + interval '1 day')
        WHEN r < 0.25 THEN coalesce(due, start) + interval '1 microsecond'
        WHEN r < 0.35 THEN coalesce(due, start + interval '1 day') - interval '1 microsecond'
        WHEN r < 0.45 THEN slm.next_open(cal, coalesce(due, start) + interval '1 microsecond')
        WHEN r < 0.60 THEN coalesce(due, start)
                           + random() * (slm.next_open(cal, coalesce(due, start) + interval '1 microsecond')
                                         - coalesce(due, start))
        WHEN r < 0.65 THEN start - random() * interval '1 day'
        ELSE start + random() * (coalesce(due, start + interval '2 days') - start) * 2
    END
    FROM (SELECT random() AS r OFFSET 0) s
$$;
UPDATE br_ticket SET stop = CASE WHEN random() < 0.5 THEN pg_temp.pick(cal, start, due) END;
UPDATE br_ticket SET at = pg_temp.pick(cal, start, due);
SELECT count(*) AS tickets, count(stop) AS stopped, count(*) - count(due) AS without_deadline,
       count(DISTINCT cal_id) AS calendars
FROM br_ticket;

-- the data hits the cases that matter: stops and judgements exactly at the
-- deadline and a microsecond after it, after a deadline but before any more
-- business time ran (where 0.1.0's business-time rule said met or at risk),
-- stops before starts, and clock changes inside open hours
SELECT count(*) FILTER (WHERE coalesce(stop, at) = due) > 10 AS at_deadline,
       count(*) FILTER (WHERE coalesce(stop, at) = due + interval '1 microsecond') > 10 AS just_after,
       count(*) FILTER (WHERE coalesce(stop, at) > due
                          AND slm.elapsed(target, start, coalesce(stop, at), paused) = slm.target_duration(target)) > 50
         AS late_without_business_time,
       count(*) FILTER (WHERE stop < start) > 10 AS stop_before_start,
       count(*) FILTER (WHERE (due AT TIME ZONE 'Europe/Berlin') - (start AT TIME ZONE 'Europe/Berlin') <> due - start
                          AND cal_id IN (1, 4)) > 10 AS across_clock_change_berlin,
       count(*) FILTER (WHERE (due AT TIME ZONE 'America/New_York') - (start AT TIME ZONE 'America/New_York') <> due - start
                          AND cal_id IN (2, 5)) > 10 AS across_clock_change_new_york
FROM br_ticket;

-- row by row: breached exactly when past the deadline; a stop before the
-- start is invalid; nothing else is breached
SELECT count(*) AS rows,
       count(*) FILTER (WHERE slm.status(target, start, stop, at, paused) =
                              CASE WHEN stop < start THEN 'invalid'
                                   WHEN coalesce(stop, at) > due THEN 'breached'
                                   WHEN stop IS NOT NULL THEN 'met'
                                   -- judged before the start, the elapsed time is negative
                                   WHEN CASE WHEN at >= start THEN slm.elapsed(target, start, at, paused)
                                             ELSE -slm.elapsed(target, at, start, paused) END
                                        >= slm.target_duration(target) * coalesce(slm.target_warn(target), 2)
                                        THEN 'at_risk'
                                   ELSE 'running' END) AS status_agrees
FROM br_ticket;
-- and with the remaining time: never negative unless breached, never
-- positive when breached, and zero though breached between a deadline at
-- closing time and the next opening
SELECT count(*) FILTER (WHERE slm.remaining(target, start, at, paused) < '0'
                          AND slm.status(target, start, NULL, at, paused) <> 'breached') AS negative_not_breached,
       count(*) FILTER (WHERE slm.remaining(target, start, at, paused) > '0'
                          AND slm.status(target, start, NULL, at, paused) = 'breached') AS positive_breached,
       count(*) FILTER (WHERE slm.remaining(target, start, at, paused) = '0'
                          AND slm.status(target, start, NULL, at, paused) = 'breached') > 10 AS zero_breached
FROM br_ticket;

-- every form of compliance_agg counts what the rule says, per calendar;
-- stops before starts count as invalid
SELECT cal_id, n,
       slm.met(c) = met AND slm.breached(c) = breached AND slm.open(c) = open AND slm.invalid(c) = invalid
         AS paused_form,
       slm.met(c_at) = met AND slm.breached(c_at) = breached + breached_open AND slm.open(c_at) = open - breached_open
         AND slm.invalid(c_at) = invalid AS at_paused_form,
       slm.met(c3) = met_np AND slm.breached(c3) = breached_np AND slm.invalid(c3) = invalid_np AS plain_form,
       slm.met(c4) = met_np AND slm.breached(c4) = breached_np + breached_open_np AND slm.invalid(c4) = invalid_np
         AS at_form
FROM (SELECT cal_id, count(*) AS n,
             slm.compliance_agg(target, start, stop, paused) AS c,
             slm.compliance_agg(target, start, stop, at, paused) AS c_at,
             slm.compliance_agg(target, start, stop) FILTER (WHERE paused IS NULL) AS c3,
             slm.compliance_agg(target, start, stop, at) FILTER (WHERE paused IS NULL) AS c4,
             count(*) FILTER (WHERE stop >= start AND NOT coalesce(stop > due, false)) AS met,
             count(*) FILTER (WHERE stop > due) AS breached,
             count(*) FILTER (WHERE stop IS NULL) AS open,
             count(*) FILTER (WHERE stop < start) AS invalid,
             count(*) FILTER (WHERE stop IS NULL AND at > due) AS breached_open,
             count(*) FILTER (WHERE stop >= start AND NOT coalesce(stop > due, false) AND paused IS NULL) AS met_np,
             count(*) FILTER (WHERE stop > due AND paused IS NULL) AS breached_np,
             count(*) FILTER (WHERE stop < start AND paused IS NULL) AS invalid_np,
             count(*) FILTER (WHERE stop IS NULL AND at > due AND paused IS NULL) AS breached_open_np
      FROM br_ticket GROUP BY cal_id) s
ORDER BY cal_id;

-- the trigger stamps the same verdict on each row: breached exactly when
-- the stop, or for an open row the transaction's start, is after the due
-- time it stamps; invalid for a stop before the start
CREATE TABLE br_tracked (id int, target slm.target, start timestamptz, stop timestamptz,
                         paused tstzmultirange, due timestamptz, breached boolean, status text);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON br_tracked FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=start', 'stop=stop', 'paused=paused', 'target=target',
                                   'due=due', 'breached=breached', 'status=status');
INSERT INTO br_tracked (id, target, start, stop, paused) SELECT id, target, start, stop, paused FROM br_ticket;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE k.due IS NOT DISTINCT FROM t.due) AS due_agrees,
       count(*) FILTER (WHERE (k.status = 'breached') = coalesce(coalesce(k.stop, now()) > k.due, false)
                          AND (k.status = 'invalid') = coalesce(k.stop < k.start, false)
                          AND k.breached IS NOT DISTINCT FROM
                              CASE WHEN k.status <> 'invalid' THEN k.status = 'breached' END) AS status_agrees,
       count(*) FILTER (WHERE k.status = 'breached' AND k.stop IS NOT NULL) > 100 AS stopped_breached
FROM br_tracked k JOIN br_ticket t USING (id);
