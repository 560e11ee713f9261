-- slm.underpinning and slm.underpinning_gaps: does a chain of targets, each
-- stage starting at the previous stage's deadline, support an SLA?
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- the chain's end for one start, from the definition, to check answers
CREATE FUNCTION chain_end(chain slm.target[], s timestamptz) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    d timestamptz := s;
    x slm.target;
BEGIN
    FOREACH x IN ARRAY chain LOOP
        d := slm.deadline(x, d);
    END LOOP;
    RETURN d;
END $$;

-- Two 4h stages on the SLA's own calendar use up exactly its 8h: the chain
-- ends at the SLA's deadline for every start (slack 0, still met).
SELECT * FROM slm.underpinning(
    sla => '8h on (mon-fri 09:00-17:00)',
    chain => ARRAY['4h on (mon-fri 09:00-17:00)', '4h on (mon-fri 09:00-17:00)']::slm.target[],
    starts => '[2026-11-02, 2026-11-30)');
SELECT count(*) AS gaps FROM slm.underpinning_gaps(
    '8h on (mon-fri 09:00-17:00)',
    ARRAY['4h on (mon-fri 09:00-17:00)', '4h on (mon-fri 09:00-17:00)']::slm.target[],
    '[2026-11-02, 2026-11-30)');

-- 4h + 4h = 8h on paper, but the second team works mornings only: a
-- start before 12:00 ends the next morning, after the SLA's 17:00; a start
-- after 13:00 has its first stage end the next day and waits a day more.
-- Starts from 12:00 to 13:00 (inclusive) fit: 1h of each 8h day.
SELECT * FROM slm.underpinning(
    '8h on (mon-fri 09:00-17:00)',
    ARRAY['4h on (mon-fri 09:00-17:00)', '4h on (mon-fri 08:00-12:00)']::slm.target[],
    '[2026-11-02, 2026-11-09)');
SELECT * FROM slm.underpinning_gaps(
    '8h on (mon-fri 09:00-17:00)',
    ARRAY['4h on (mon-fri 09:00-17:00)', '4h on (mon-fri 08:00-12:00)']::slm.target[],
    '[2026-11-02, 2026-11-09)');
-- by hand: Monday 11:00 ends Tuesday 11:00 (SLA: Monday 17:00, Tuesday's
-- 2h overrun); 12:00 ends at the deadline; 13:00 ends Tuesday 12:00, an
-- hour early; a microsecond later, stage 1 ends Tuesday 09:00:00.000001
-- and stage 2 Wednesday 09:00:00.000001, 4h late
SELECT s AS start, chain_end(c, s) AS chain_end, slm.deadline(sla, s) AS sla_deadline,
       slm.remaining(sla, s, chain_end(c, s)) AS slack
FROM (SELECT '8h on (mon-fri 09:00-17:00)'::slm.target AS sla,
             ARRAY['4h on (mon-fri 09:00-17:00)', '4h on (mon-fri 08:00-12:00)']::slm.target[] AS c) x,
     unnest(ARRAY['2026-11-02 11:00', '2026-11-02 12:00', '2026-11-02 13:00',
                  '2026-11-02 13:00:00.000001']::timestamptz[]) s;

-- A service desk open Monday to Saturday in Berlin hands over to a supplier
-- in New York (Berlin 15:00-23:00 in November). 2h + 6h fit well within
-- the 12h SLA from Monday to Friday, but not on Friday afternoons: the
-- supplier's weekend is not the service desk's.
SELECT * FROM slm.underpinning(
    '12h on (mon-sat 08:00-18:00; tz Europe/Berlin)',
    ARRAY['2h on (mon-sat 08:00-18:00; tz Europe/Berlin)',
          '6h on (mon-fri 09:00-17:00; tz America/New_York)']::slm.target[],
    '[2026-11-02, 2026-11-16)');
SET timezone = 'Europe/Berlin';
SELECT * FROM slm.underpinning_gaps(
    '12h on (mon-sat 08:00-18:00; tz Europe/Berlin)',
    ARRAY['2h on (mon-sat 08:00-18:00; tz Europe/Berlin)',
          '6h on (mon-fri 09:00-17:00; tz America/New_York)']::slm.target[],
    '[2026-11-02, 2026-11-16)');
-- by hand, Friday (Berlin time): at 15:00 the desk ends at 17:00 and the
-- supplier at 23:00 (SLA: Saturday 17:00). A microsecond later the supplier
-- gets less than 6h on Friday and ends on Monday 15:00:00.000001 (SLA:
-- Saturday 17:00:00.000001; Saturday's last hour and Monday's 7h: 8h late).
-- At 16:00 the desk ends at Friday's closing, the supplier works 5h on
-- Friday and 1h on Monday; a microsecond later the desk ends on Saturday,
-- the supplier on Monday 21:00, and the SLA is due on Monday
-- 08:00:00.000001: 10h less a microsecond late, the worst. At Saturday
-- 16:00 the SLA is due on Monday 18:00 and the chain ends at 21:00, while
-- the service desk is closed: late, with no business time to show for it
-- (slack 0, not supported). From 16:00:00.000001 the SLA is due on Tuesday
-- and the chain fits again.
SELECT s AS start, chain_end(c, s) AS chain_end, slm.deadline(sla, s) AS sla_deadline,
       slm.remaining(sla, s, chain_end(c, s)) AS slack,
       chain_end(c, s) <= slm.deadline(sla, s) AS supported
FROM (SELECT '12h on (mon-sat 08:00-18:00; tz Europe/Berlin)'::slm.target AS sla,
             ARRAY['2h on (mon-sat 08:00-18:00; tz Europe/Berlin)',
                   '6h on (mon-fri 09:00-17:00; tz America/New_York)']::slm.target[] AS c) x,
     unnest(ARRAY['2026-11-06 15:00', '2026-11-06 15:00:00.000001', '2026-11-06 16:00',
                  '2026-11-06 16:00:00.000001', '2026-11-07 16:00',
                  '2026-11-07 16:00:00.000001']::timestamptz[]) s;
RESET timezone;
SET timezone = 'UTC';

-- the answer is the definition's at the worst start
SELECT u.worst_slack = slm.remaining(x.sla, u.worst_start, chain_end(x.c, u.worst_start)) AS reproduced,
       chain_end(x.c, u.worst_start) > slm.deadline(x.sla, u.worst_start) AS fails_there
FROM (SELECT '12h on (mon-sat 08:00-18:00; tz Europe/Berlin)'::slm.target AS sla,
             ARRAY['2h on (mon-sat 08:00-18:00; tz Europe/Berlin)',
                   '6h on (mon-fri 09:00-17:00; tz America/New_York)']::slm.target[] AS c) x,
     slm.underpinning(x.sla, x.c, '[2026-11-02, 2026-11-16)') u;

-- the bounds of the range of starts are kept where a gap reaches them
SELECT * FROM slm.underpinning_gaps(
    '8h on (mon-fri 09:00-17:00)',
    ARRAY['4h on (mon-fri 09:00-17:00)', '4h on (mon-fri 08:00-12:00)']::slm.target[],
    '(2026-11-02 10:00, 2026-11-02 14:00]');
SELECT * FROM slm.underpinning(
    '8h on (mon-fri 09:00-17:00)',
    ARRAY['4h on (mon-fri 09:00-17:00)', '4h on (mon-fri 08:00-12:00)']::slm.target[],
    '[2026-11-02 12:00, 2026-11-02 13:00]');

-- an empty chain ends where it starts: it holds with the SLA's whole duration
SELECT * FROM slm.underpinning('8h on (mon-fri 09:00-17:00)', '{}', '[2026-11-02, 2026-11-09)');

-- starts in the SLA's closed hours only: no business time to share (fit NULL)
SELECT * FROM slm.underpinning('8h on (mon-fri 09:00-17:00)',
    ARRAY['9h on (mon-fri 09:00-17:00)']::slm.target[], '[2026-11-07, 2026-11-09)');

-- a stage whose calendar runs out of open time never ends: from the first
-- such start, the chain fails with no slack to show (NULL)
SELECT * FROM slm.underpinning('5 days',
    ARRAY['8h on (2026-11-02..2026-11-04 09:00-17:00)']::slm.target[], '[2026-11-02, 2026-11-06)');
SELECT * FROM slm.underpinning_gaps('5 days',
    ARRAY['1h', '8h on (2026-11-02..2026-11-04 09:00-17:00)']::slm.target[], '[2026-11-02, 2026-11-06)');
SELECT * FROM slm.underpinning('5 days',
    ARRAY['8h on (2026-10-02 09:00-17:00)']::slm.target[], '[2026-11-02, 2026-11-06)');

-- 24x7 stages across a change of daylight saving time: 4h + 4h of real
-- time against 8h of real time
SELECT * FROM slm.underpinning('8h on (24x7; tz Europe/Berlin)',
    ARRAY['4h', '4h on (24x7; tz America/New_York)']::slm.target[], '[2026-10-24, 2026-11-03)');

-- Business days. The SLA is 2 business days in Berlin (08:00-17:00); the
-- service desk has 4 business hours on the same calendar, then a supplier
-- in Kolkata 1 business day (09:00-18:00 IST, 04:30-13:30 in Berlin in
-- November), closed on Monday 2026-11-09. By hand, Berlin time:
-- - a ticket opened on a weekday before 09:30 leaves the desk before 13:30,
--   while the supplier is open; its day 0 is today and it is due tomorrow
--   at 13:30; the SLA is due the day after tomorrow at 17:00: 12h30 left;
-- - from 09:30 to 17:00 the desk finishes after the supplier's 13:30 (or
--   the next morning): the supplier's day 0 is the next weekday and it is
--   due on the one after at 13:30, 3h30 before the SLA's 17:00;
-- - on Thursday 5 from 09:30 (inclusive: the desk finishes at 13:30
--   sharp, when the supplier has closed) to 17:00, the supplier's day 0 is
--   Friday and, its Monday closed, it is due on Tuesday at 13:30; the SLA
--   on Monday at 17:00: 5h30 late (Tuesday 08:00-13:30);
-- - from Thursday 17:00 the SLA's day 0 is Friday (due Tuesday 17:00) and
--   the supplier's Friday (due Tuesday 13:30): 3h30 left, also from
--   Friday 08:00 to 09:30;
-- - on Friday 6 from 09:30 to 17:00 the supplier's day 0 is Monday, closed,
--   so Tuesday: due Wednesday 13:30, the SLA Tuesday 17:00: 5h30 late;
-- - from Friday 17:00 the SLA is due Wednesday 17:00, the desk finishes on
--   Monday at 12:00 and the supplier, from Tuesday, on Wednesday 13:30.
-- Two gaps of 7h30 of the SLA's 90 business hours: fit 75/90; worst -5h30,
-- first on Thursday at 09:30. Without the supplier's holiday it holds
-- with 3h30 to spare, first on Monday 2 at 09:30.
SET timezone = 'Europe/Berlin';
SELECT * FROM slm.underpinning(
    '2 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)',
    ARRAY['4h on (mon-fri 08:00-17:00; tz Europe/Berlin)',
          '1 business day on (mon-fri 09:00-18:00; 2026-11-09 closed; tz Asia/Kolkata)']::slm.target[],
    '[2026-11-02, 2026-11-16)');
SELECT * FROM slm.underpinning_gaps(
    '2 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)',
    ARRAY['4h on (mon-fri 08:00-17:00; tz Europe/Berlin)',
          '1 business day on (mon-fri 09:00-18:00; 2026-11-09 closed; tz Asia/Kolkata)']::slm.target[],
    '[2026-11-02, 2026-11-16)');
SELECT * FROM slm.underpinning(
    '2 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)',
    ARRAY['4h on (mon-fri 08:00-17:00; tz Europe/Berlin)',
          '1 business day on (mon-fri 09:00-18:00; tz Asia/Kolkata)']::slm.target[],
    '[2026-11-02, 2026-11-16)');
-- the same starts from the definition
SELECT s AS start, chain_end(c, s) AS chain_end, slm.deadline(sla, s) AS sla_deadline,
       slm.remaining(sla, s, chain_end(c, s)) AS slack,
       chain_end(c, s) <= slm.deadline(sla, s) AS supported
FROM (SELECT '2 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)'::slm.target AS sla,
             ARRAY['4h on (mon-fri 08:00-17:00; tz Europe/Berlin)',
                   '1 business day on (mon-fri 09:00-18:00; 2026-11-09 closed; tz Asia/Kolkata)']::slm.target[] AS c) x,
     unnest(ARRAY['2026-11-02 09:29:59.999999', '2026-11-02 09:30', '2026-11-05 09:29:59.999999',
                  '2026-11-05 09:30', '2026-11-05 16:59:59.999999', '2026-11-05 17:00',
                  '2026-11-06 09:29:59.999999', '2026-11-06 09:30', '2026-11-06 17:00']::timestamptz[]) s;
-- the answer is the definition's at the worst start
SELECT u.worst_slack = slm.remaining(x.sla, u.worst_start, chain_end(x.c, u.worst_start)) AS reproduced,
       chain_end(x.c, u.worst_start) > slm.deadline(x.sla, u.worst_start) AS fails_there
FROM (SELECT '2 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)'::slm.target AS sla,
             ARRAY['4h on (mon-fri 08:00-17:00; tz Europe/Berlin)',
                   '1 business day on (mon-fri 09:00-18:00; 2026-11-09 closed; tz Asia/Kolkata)']::slm.target[] AS c) x,
     slm.underpinning(x.sla, x.c, '[2026-11-02, 2026-11-16)') u;
RESET timezone;
SET timezone = 'UTC';

-- A business-day SLA whose calendar runs out never falls due: from the
-- start whose day 0 is its last open date (after Tuesday's 17:00), every
-- start is supported, with no slack to show. Before, the chain's hour ends
-- by 18:00 and the SLA's next open date is 8h away: worst 8h, first at
-- 16:00 (the chain ends at Monday's closing).
SELECT * FROM slm.underpinning('1 business day on (2026-11-02..2026-11-04 09:00-17:00)',
    ARRAY['1h']::slm.target[], '[2026-11-02, 2026-11-06)');
SELECT * FROM slm.underpinning('1 business day on (2026-11-02..2026-11-04 09:00-17:00)',
    ARRAY['1h']::slm.target[], '[2026-11-03 17:00, 2026-11-06)');
-- a business-day stage whose calendar runs out never ends: from Tuesday's
-- closing on, the chain fails with no slack (NULL)
SELECT * FROM slm.underpinning('5 days',
    ARRAY['1 business day on (2026-11-02..2026-11-04 09:00-17:00)']::slm.target[], '[2026-11-02, 2026-11-06)');
SELECT * FROM slm.underpinning_gaps('5 days',
    ARRAY['1 business day on (2026-11-02..2026-11-04 09:00-17:00)']::slm.target[], '[2026-11-02, 2026-11-06)');

-- 0 business days on night shifts (22:00-06:00): a start in Tuesday's
-- shift before midnight has Tuesday as day 0 and is due when that shift
-- ends, Wednesday 06:00; from midnight its day 0 is Wednesday, whose own
-- shift ends on Thursday at 06:00. Against 12h on 24x7: 4h to spare at
-- 22:00, almost 6h just before midnight, then 18h late at midnight (the worst),
-- less and less until 02:00: fit 0.5.
SELECT * FROM slm.underpinning('12h on (24x7)',
    ARRAY['0 business days on (mon-fri 22:00-06:00)']::slm.target[], '[2026-11-03 22:00, 2026-11-04 02:00)');
SELECT * FROM slm.underpinning_gaps('12h on (24x7)',
    ARRAY['0 business days on (mon-fri 22:00-06:00)']::slm.target[], '[2026-11-03 22:00, 2026-11-04 02:00)');
SELECT s AS start, slm.deadline('0 business days on (mon-fri 22:00-06:00)', s) AS due
FROM unnest(ARRAY['2026-11-03 23:59:59.999999', '2026-11-04 00:00']::timestamptz[]) s;

-- NULL arguments give NULL (no rows)
SELECT * FROM slm.underpinning(NULL, '{}', '[2026-11-02, 2026-11-09)');
SELECT count(*) FROM slm.underpinning_gaps('8h', NULL, '[2026-11-02, 2026-11-09)');

-- errors
SELECT * FROM slm.underpinning('8h', '{}', 'empty');
SELECT * FROM slm.underpinning('8h', '{}', '(2026-11-02 10:00, 2026-11-02 10:00:00.000001)');
SELECT * FROM slm.underpinning('8h', '{}', '[2026-11-02, infinity)');
SELECT * FROM slm.underpinning_gaps('8h', '{}', '[2026-11-02,)');
SELECT * FROM slm.underpinning('8h', ARRAY['4h', NULL]::slm.target[], '[2026-11-02, 2026-11-09)');
SELECT * FROM slm.underpinning('8h', ARRAY[['4h'], ['4h']]::slm.target[], '[2026-11-02, 2026-11-09)');
-- a calendar open five minutes in every ten has too many openings and
-- closings in six years
SELECT * FROM slm.underpinning('8h',
    ARRAY[('1h on (mon-sun ' ||
           (SELECT string_agg(format('%s-%s', to_char(m * interval '10 minutes', 'HH24:MI'),
                                      to_char(m * interval '10 minutes' + interval '5 minutes', 'HH24:MI')), ', ')
            FROM generate_series(0, 141) m) || ')')::slm.target],
    '[2026-01-01, 2032-01-01)');
-- a business-day target lists the local dates its inputs fall on: three
-- thousand years of them are too many
SELECT * FROM slm.underpinning('8h',
    ARRAY['1 business day on (24x7)']::slm.target[], '[2026-01-01, 5000-01-01)');
