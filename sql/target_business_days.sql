-- Targets in business days: 'N business days on (<calendar>)' runs from the
-- first opening at or after the start (whose local date is day 0) to the
-- end of the service hours of the N-th business date after day 0, and is
-- judged from there as a duration target of the business time to that
-- close: the one breach rule, pauses, the trigger and the aggregates.
SET timezone = 'Europe/Berlin';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- text: canonical "N business days", "1 business day"; any case, singular
-- or plural; goal and warn as for every target
SELECT t::slm.target AS target
FROM (VALUES ('2 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)'),
             ('1 Business Days'), ('1 business day goal 95% warn 80%'),
             ('0  BUSINESS  DAY on (mon-fri 09:00-17:00)'),
             ('10 business days goal 99.5%')) v(t);
SELECT slm.target_business_days('3 business days'), slm.target_duration('3 business days'),
       slm.target_business_days('3 days'), slm.target_duration('3 days'),
       slm.target_goal('1 business day goal 95%'), slm.target_calendar('2 business days on (sat 10:00-12:00)');
-- the constructor, for calendars kept in tables: the same value as the
-- text; a NULL calendar gives NULL; a count out of range, a goal of 0 (22023)
SELECT slm.business_days_target(2, 'mon-fri 09:00-17:00; tz Europe/Berlin', 0.95, 0.8) AS built,
       slm.business_days_target(2, 'mon-fri 09:00-17:00; tz Europe/Berlin', 0.95, 0.8)
         OPERATOR(slm.=) '2 business days on (mon-fri 09:00-17:00; tz Europe/Berlin) goal 95% warn 80%'::slm.target AS same,
       slm.business_days_target(0) AS zero, slm.business_days_target(1, NULL) AS no_calendar;
SELECT slm.business_days_target(-1);
SELECT slm.business_days_target(1000001);
SELECT slm.business_days_target(1, '24x7', 0);
-- a business-day target and a duration target are different targets
SELECT '1 business day'::slm.target OPERATOR(slm.=) '24h'::slm.target AS same,
       '1 business day'::slm.target OPERATOR(slm.=) '1 business days'::slm.target AS same_days;

-- refused: combined with another unit, no number, a fraction, a sign, too many
SELECT '2 business days 4 hours'::slm.target;
SELECT 'business days'::slm.target;
SELECT '1.5 business days'::slm.target;
SELECT '-1 business days'::slm.target;
SELECT '2 business hours'::slm.target;
SELECT '1000001 business days'::slm.target;
SELECT '2 business'::slm.target;
-- the hint for a duration that does not read names both readings of "2 days"
SELECT '2 working days'::slm.target;

-- text and binary read back
CREATE TABLE bd_target (id int, t slm.target);
INSERT INTO bd_target VALUES
    (1, '0 business days'), (2, '1 business day on (mon-fri 22:00-06:00; tz America/Sao_Paulo) goal 90%'),
    (3, '1000000 business days warn 50%'),
    (4, '2 business days on (mon-fri 08:00-17:00; 2026-12-24..2026-12-26 closed; tz Europe/Berlin)');
SELECT count(*) AS targets, count(*) FILTER (WHERE t::text::slm.target OPERATOR(slm.=) t) AS text_reads_back
FROM bd_target;
\copy bd_target TO 'results/target_business_days.bin' WITH (FORMAT binary)
CREATE TABLE bd_target_copy (id int, t slm.target);
\copy bd_target_copy FROM 'results/target_business_days.bin' WITH (FORMAT binary)
SELECT count(*) AS targets, count(*) FILTER (WHERE a.t OPERATOR(slm.=) b.t) AS binary_reads_back
FROM bd_target a JOIN bd_target_copy b USING (id);

-- deadlines on office hours (2026-11-27 is a Friday). From Friday 10:00,
-- day 0 is Friday: the first business date after it is Monday, the second
-- Tuesday, closing at 17:00. Started Friday 18:00 (closed), Saturday or
-- Monday before opening, the clock counts from Monday 08:00: day 0 is
-- Monday and the deadline Wednesday 17:00. 17:00 itself is closed, so a
-- start on Monday at 17:00 counts from Tuesday: Thursday 17:00.
\set office '''2 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)'''
SELECT s AS start, slm.deadline(:office, s) AS deadline,
       slm.remaining(:office, s, s) AS budget
FROM unnest('{2026-11-27 10:00, 2026-11-27 18:00, 2026-11-28 10:00, 2026-11-30 07:00,
              2026-11-30 16:59:59, 2026-11-30 17:00}'::timestamptz[]) s;
-- "3 days" on the same hours is 72 business hours: eight days later
SELECT slm.deadline('3 days on (mon-fri 08:00-17:00; tz Europe/Berlin)', '2026-11-27 10:00') AS three_days,
       slm.deadline('3 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)', '2026-11-27 10:00') AS three_business_days;
-- 0 business days: the close of day 0 ("by the end of the business day")
SELECT slm.deadline('0 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)', '2026-11-27 10:00') AS same_day,
       slm.deadline('0 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)', '2026-11-27 18:00') AS next_opening_day;
-- a holiday is not a business date: Tuesday 1 December closed, so the
-- third business date after Friday is Thursday
SELECT slm.deadline('3 business days on (mon-fri 08:00-17:00; 2026-12-01 closed; tz Europe/Berlin)',
                    '2026-11-27 10:00') AS over_a_holiday;
-- a night shift belongs to the date it starts on. From Friday 02:00, in
-- Thursday's shift, day 0 is Friday (the local date of the instant); the
-- next business date is Monday, whose shift closes Tuesday 06:00. With 0
-- business days from Saturday 02:00 (in Friday's shift; Saturday has no
-- shift of its own) the deadline is the close of that shift.
SELECT slm.deadline('1 business day on (mon-fri 22:00-06:00; tz Europe/Berlin)', '2026-11-27 02:00') AS night,
       slm.deadline('0 business days on (mon-fri 22:00-06:00; tz Europe/Berlin)', '2026-11-28 02:00') AS night_same_day;
-- day 0 is the local date in the calendar's zone, not the session's:
-- Friday 23:30 in Berlin is Saturday 07:30 in Tokyo, so day 0 is Saturday
-- (opening 09:00) and the deadline Monday 18:00 in Tokyo, 10:00 in Berlin
SELECT slm.deadline('1 business day on (mon-sat 09:00-18:00; tz Asia/Tokyo)', '2026-11-27 23:30') AS tokyo;
-- around the clock: the close of a date is its midnight (the default
-- calendar is 24x7 in UTC)
SELECT slm.deadline('1 business day', '2026-11-27 10:00') AS around_the_clock;
-- over the change to summer time (Sunday 29 March 2026): local closing
-- times stay 17:00
SELECT slm.deadline('2 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)', '2026-03-27 12:00') AS dst;
-- a calendar that never opens again: no deadline, no remaining time, never breached
SELECT slm.deadline('1 business day on (2026-11-30 09:00-17:00; tz UTC)', '2026-12-01') AS never,
       slm.remaining('1 business day on (2026-11-30 09:00-17:00; tz UTC)', '2026-12-01', '2027-01-01') AS never_left,
       slm.status('1 business day on (2026-11-30 09:00-17:00; tz UTC)', '2026-12-01', NULL, '2027-01-01') AS never_status;

-- pauses push the deadline out by the open time they take: 2 hours paused
-- on Monday move Tuesday 17:00 to Wednesday 10:00
SELECT slm.deadline(:office, '2026-11-27 10:00',
                    '{[2026-11-30 09:00, 2026-11-30 11:00)}') AS paused,
       slm.remaining(:office, '2026-11-27 10:00', '2026-12-01 17:00',
                     '{[2026-11-30 09:00, 2026-11-30 11:00)}') AS left_at_old_deadline;

-- the breach rule: met at the deadline, breached one microsecond after
-- it, and after it on a closed Saturday when it fell at a closing time;
-- at_risk from the warning threshold of the business time to the close:
-- 1 business day from Friday 10:00 is 7 + 9 business hours, half of it
-- run on Monday at 09:00
\set warned '''1 business day on (mon-fri 08:00-17:00; tz Europe/Berlin) warn 50%'''
SELECT slm.status(:office, '2026-11-27 10:00', '2026-12-01 17:00', NULL) AS at_deadline,
       slm.status(:office, '2026-11-27 10:00', '2026-12-01 17:00:00.000001', NULL) AS after,
       slm.status('0 business days on (mon-fri 08:00-17:00; tz Europe/Berlin)',
                  '2026-11-27 10:00', '2026-11-28 09:00', NULL) AS saturday,
       slm.status(:warned, '2026-11-27 10:00', NULL, '2026-11-30 08:59:59') AS before_half,
       slm.status(:warned, '2026-11-27 10:00', NULL, '2026-11-30 09:00') AS half,
       slm.status(:warned, '2026-11-27 10:00', NULL, '2026-11-30 17:00') AS at_close,
       slm.status(:warned, '2026-11-27 10:00', NULL, '2026-12-01 08:00:00.000001') AS next_morning;

-- the same verdicts from the trigger and the compliance aggregate
CREATE TABLE bd_ticket (id int PRIMARY KEY, opened timestamptz, closed timestamptz,
                        waiting tstzmultirange, due timestamptz, breached boolean, status text,
                        sla slm.target DEFAULT '2 business days on (mon-fri 08:00-17:00; tz Europe/Berlin) goal 50%');
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON bd_ticket FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'paused=waiting', 'target=sla',
        'due=due', 'breached=breached', 'status=status');
INSERT INTO bd_ticket (id, opened, closed, waiting) VALUES
    (1, '2026-11-27 10:00', '2026-12-01 17:00', NULL),
    (2, '2026-11-27 10:00', '2026-12-01 17:30', NULL),
    (3, '2026-11-27 10:00', '2026-12-01 17:30', '{[2026-11-30 09:00, 2026-11-30 11:00)}'),
    (4, '2026-11-27 18:00', '2026-12-02 16:00', NULL),
    (5, '2100-01-04 10:00', NULL, NULL);
SELECT id, due, breached, status FROM bd_ticket ORDER BY id;
SELECT id, due IS NOT DISTINCT FROM slm.deadline(sla, opened, waiting) AS same_due,
       breached IS NOT DISTINCT FROM (slm.status(sla, opened, closed, now(), waiting) = 'breached') AS same_rule
FROM bd_ticket ORDER BY id;
SELECT slm.total(c), slm.met(c), slm.breached(c), slm.open(c), slm.compliance(c), slm.goal_met(c)
FROM (SELECT slm.compliance_agg('2 business days on (mon-fri 08:00-17:00; tz Europe/Berlin) goal 50%',
                                opened, closed, waiting) AS c
      FROM bd_ticket WHERE closed IS NOT NULL) s;
-- a group's stints: held from Friday 10:00 to 12:00 and from Monday 08:00
-- to Tuesday 17:00 is 2 + 18 business hours, the deadline of a clock whose
-- budget is 25 hours pushed out by the gap's 5 hours (Friday 12:00-17:00):
-- Wednesday 13:00
SELECT slm.held_deadline(:office, '{[2026-11-27 10:00, 2026-11-27 12:00), [2026-11-30 08:00, 2026-12-01 17:00)}') AS held;
