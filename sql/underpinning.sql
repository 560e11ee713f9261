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
