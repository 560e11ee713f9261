-- slm.attribution_instant: the instant a clock's outcome belongs to, so
-- that a figure published for a period does not change afterwards. A met
-- clock belongs to its stop, a breached one (stopped, or running and judged
-- at at) to its deadline; a running clock not yet breached belongs nowhere.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';

-- single clocks
SELECT what, slm.attribution_instant(t, s, e, a) AS instant
FROM (VALUES
    ('met: its stop', '1h'::slm.target, timestamptz '2026-10-10 10:00', timestamptz '2026-10-10 10:40', NULL::timestamptz),
    ('met at the deadline: its stop', '1h', '2026-10-10 10:00', '2026-10-10 11:00', NULL),
    ('breached: its deadline', '1h', '2026-10-10 10:00', '2026-10-10 11:00:00.000001', NULL),
    ('at is ignored once stopped', '1h', '2026-10-10 10:00', '2026-10-10 10:40', '2026-10-10 12:00'),
    ('running, past the deadline at at: the deadline', '1h', '2026-10-10 10:00', NULL, '2026-10-10 11:00:01'),
    ('running, at the deadline: undecided', '1h', '2026-10-10 10:00', NULL, '2026-10-10 11:00'),
    ('running, no at: undecided', '1h', '2026-10-10 10:00', NULL, NULL),
    ('stop before start: no outcome', '1h', '2026-10-10 10:00', '2026-10-10 09:00', NULL),
    ('no target', NULL, '2026-10-10 10:00', '2026-10-10 10:40', NULL),
    ('no start', '1h', NULL, '2026-10-10 10:40', NULL),
    -- Fri 15:00 on weekdays 09-17 with 4h: due Mon 11:00
    ('business hours, breached Monday: Monday''s deadline', '4h on (mon-fri 09:00-17:00) goal 95%',
     '2026-10-30 15:00', '2026-11-02 12:00', NULL),
    ('business hours, running on Saturday: undecided', '4h on (mon-fri 09:00-17:00) goal 95%',
     '2026-10-30 15:00', NULL, '2026-10-31 12:00')) v(what, t, s, e, a);
-- paused time does not count: 1h from 10:00 with a pause 10:30-11:30 is
-- due at 12:00; a stop at 11:45 took 45 minutes (met), one at 12:45 took
-- 1h 45min (breached, due 12:00); without the pause it was due at 11:00
SELECT slm.attribution_instant('1h', '2026-10-10 10:00', '2026-10-10 11:45', NULL,
                               '{[2026-10-10 10:30, 2026-10-10 11:30)}') AS met_with_pause,
       slm.attribution_instant('1h', '2026-10-10 10:00', '2026-10-10 12:45', NULL,
                               '{[2026-10-10 10:30, 2026-10-10 11:30)}') AS breached_with_pause,
       slm.attribution_instant('1h', '2026-10-10 10:00', '2026-10-10 12:45', NULL,
                               NULL::tstzmultirange) AS breached_no_pause;

-- ---------------------------------------------------------------------
-- A month's figure, published on 1 November and recomputed on 1 December
-- after the late October tickets have closed. Target 48h round the clock,
-- goal 90%; deadlines are the opening plus 48 hours.
--   id opened        closed by 1 Nov  closed later  deadline      outcome -> month
--   1  Oct 10 00:00  Oct 11 00:00                   Oct 12 00:00  met      Oct (stop)
--   2  Oct 20 00:00  Oct 25 00:00                   Oct 22 00:00  breached Oct (deadline)
--   3  Oct 30 12:00  -                Nov 1 06:00   Nov 1 12:00   running on 1 Nov; met Nov
--   4  Oct 29 12:00  -                Nov 3 00:00   Oct 31 12:00  breached Oct, running or not
--   5  Sep 29 00:00  Oct 2 00:00                    Oct 1 00:00   breached Oct (opened in Sep)
--   6  Oct 31 20:00  -                Nov 1 10:00   Nov 2 20:00   running on 1 Nov; met Nov
--   7  Sep 30 22:00  Oct 1 02:00                    Oct 2 22:00   met Oct (opened in Sep)
--   8  Oct 30 00:00  -                Nov 1 08:00   Nov 1 00:00   at its deadline on 1 Nov:
--                                                                 undecided; breached Nov
-- October by attribution: met 1, 7; breached 2, 4, 5 -> met=2 breached=3,
-- the same on both dates. November on 1 December: met 3, 6; breached 8.
-- ---------------------------------------------------------------------
CREATE TABLE rv_period (id int, target slm.target, opened timestamptz, closed timestamptz,
                        closed_later timestamptz);
INSERT INTO rv_period VALUES
    (1, '48h goal 90%', '2026-10-10 00:00', '2026-10-11 00:00', NULL),
    (2, '48h goal 90%', '2026-10-20 00:00', '2026-10-25 00:00', NULL),
    (3, '48h goal 90%', '2026-10-30 12:00', NULL, '2026-11-01 06:00'),
    (4, '48h goal 90%', '2026-10-29 12:00', NULL, '2026-11-03 00:00'),
    (5, '48h goal 90%', '2026-09-29 00:00', '2026-10-02 00:00', NULL),
    (6, '48h goal 90%', '2026-10-31 20:00', NULL, '2026-11-01 10:00'),
    (7, '48h goal 90%', '2026-09-30 22:00', '2026-10-01 02:00', NULL),
    (8, '48h goal 90%', '2026-10-30 00:00', NULL, '2026-11-01 08:00');
CREATE TABLE rv_published (published timestamptz, month timestamptz, c slm.compliance);

-- on 1 November: each clock's instant, then the figures by month
SELECT id, slm.status(target, opened, closed, '2026-11-01'), slm.deadline(target, opened),
       slm.attribution_instant(target, opened, closed, '2026-11-01') AS instant
FROM rv_period ORDER BY id;
INSERT INTO rv_published
SELECT '2026-11-01', date_trunc('month', slm.attribution_instant(target, opened, closed, '2026-11-01')),
       slm.compliance_agg(target, opened, closed, timestamptz '2026-11-01')
FROM rv_period
WHERE slm.attribution_instant(target, opened, closed, '2026-11-01') IS NOT NULL
GROUP BY 2;
-- the late tickets close in November; recompute on 1 December
UPDATE rv_period SET closed = closed_later WHERE closed IS NULL;
SELECT id, slm.status(target, opened, closed, '2026-12-01'),
       slm.attribution_instant(target, opened, closed, '2026-12-01') AS instant
FROM rv_period ORDER BY id;
INSERT INTO rv_published
SELECT '2026-12-01', date_trunc('month', slm.attribution_instant(target, opened, closed, '2026-12-01')),
       slm.compliance_agg(target, opened, closed, timestamptz '2026-12-01')
FROM rv_period
WHERE slm.attribution_instant(target, opened, closed, '2026-12-01') IS NOT NULL
GROUP BY 2;
SELECT published::date, month::date, c FROM rv_published ORDER BY month, published;
-- October's counts and compliance did not change; only the elapsed time
-- of ticket 4 (4.5 days), breached while running, joins when it stops
SELECT slm.met(a.c) = slm.met(b.c) AS met_unchanged, slm.breached(a.c) = slm.breached(b.c) AS breached_unchanged,
       slm.open(a.c) = slm.open(b.c) AS open_unchanged, slm.compliance(a.c) = slm.compliance(b.c) AS compliance_unchanged,
       slm.compliance(b.c) AS compliance, slm.goal_met(b.c) AS goal_met
FROM rv_published a JOIN rv_published b USING (month)
WHERE month = '2026-10-01' AND a.published = '2026-11-01' AND b.published = '2026-12-01';

-- By the month of opening instead, October changes as its late tickets
-- close: on 1 November 1 met, 2 breached (2, 4), 3 open (3, 6, 8); on
-- 1 December 3 met (1, 3, 6), 3 breached (2, 4, 8)
SELECT slm.compliance_agg(target, opened, CASE WHEN closed <= '2026-11-01' THEN closed END,
                          timestamptz '2026-11-01') AS on_1_november,
       slm.compliance_agg(target, opened, closed, timestamptz '2026-12-01') AS on_1_december
FROM rv_period
WHERE opened >= '2026-10-01' AND opened < '2026-11-01';
