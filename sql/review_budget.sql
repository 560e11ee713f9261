-- slm.allowed_breaches and slm.breaches_left: the breaches a goal allows
-- among the closed clocks of a summary, floor((met + breached) * (1 - goal)),
-- computed exactly with the goal in millionths, and how many are left.
SET timezone = 'UTC';

-- Known answers (closed = met + breached; open clocks do not count):
--  95%    of 100:  5          left 5 - 5 = 0
--  95%    of 99:   4.95 -> 4  left 4 - 5 = -1
--  99.9%  of 1000: 1          left 1 - 1 = 0
--  99.9%  of 998:  0.998 -> 0 left 0
--  99.95% of 1999: 0.9995 -> 0, left -1;  of 2000: 1, left 1
--  100%:  0;  no closed clock: 0;  0%: every closed clock (10), left 7
--  72.3456% of 100: 100 * 276544 / 10^6 = 27.6544 -> 27, left 27 - 30 = -3
--  90% of 100: exactly 10 (in float8, 100 * (1 - 0.9) is 9.999999999999998)
--  no goal, none or mixed: NULL
--  9 * 10^18 clocks at 95%: 4.5 * 10^17, no overflow
SELECT c, slm.allowed_breaches(c) AS allowed, slm.breaches_left(c) AS "left"
FROM (VALUES ('met=95 breached=5 open=3 goal=95%'::slm.compliance),
             ('met=94 breached=5 open=0 goal=95%'),
             ('met=999 breached=1 open=0 goal=99.9%'),
             ('met=998 breached=0 open=0 goal=99.9%'),
             ('met=1998 breached=1 open=0 goal=99.95%'),
             ('met=2000 breached=0 open=0 goal=99.95%'),
             ('met=10 breached=0 open=0 goal=100%'),
             ('met=0 breached=0 open=4 goal=95%'),
             ('met=7 breached=3 open=0 goal=0%'),
             ('met=70 breached=30 open=0 goal=72.3456%'),
             ('met=90 breached=10 open=0 goal=90%'),
             ('met=5 breached=1 open=0 goal=none'),
             ('met=5 breached=1 open=0 goal=mixed'),
             ('met=5 breached=1 open=0'),
             ('met=9000000000000000000 breached=0 open=0 goal=95%')) v(c);

-- a goal argument replaces the summary's (none, mixed or another):
--  mixed, 6 closed at 90%: 0.6 -> 0, left -1;  mixed, 100 at 95%: 5, left 0
--  no goal, 100 at 90%: 10 (the float8 formula gives 9), left 0
--  95% summary judged at 90%: 10, left 10 - 5 = 5;  99.9% of 1000: 1, left 0
--  100%: 0, left -1
SELECT c, goal, slm.allowed_breaches(c, goal) AS allowed, slm.breaches_left(c, goal) AS "left",
       floor(slm.total(c) * (1 - goal)) AS float8_formula
FROM (VALUES ('met=5 breached=1 open=0 goal=mixed'::slm.compliance, 0.9::float8),
             ('met=95 breached=5 open=0 goal=mixed', 0.95),
             ('met=90 breached=10 open=0', 0.9),
             ('met=95 breached=5 open=0 goal=95%', 0.9),
             ('met=999 breached=1 open=0 goal=mixed', 0.999),
             ('met=999 breached=1 open=0 goal=mixed', 1)) v(c, goal);
-- the goal is kept to six decimals, as slm.target and error_budget keep it:
-- 0.9999994 is 999999 millionths (1 in 10^6 allowed), 0.9999996 is 100%
SELECT slm.allowed_breaches('met=1000000 breached=0 open=0', 0.9999994) AS rounds_down,
       slm.allowed_breaches('met=1000000 breached=0 open=0', 0.9999996) AS rounds_to_100;
-- NULL in, NULL out; a goal outside (0, 1] is an error (22023), as in error_budget
SELECT slm.allowed_breaches(NULL::slm.compliance) IS NULL AS null_summary,
       slm.allowed_breaches('met=1 breached=0 open=0', NULL) IS NULL AS null_goal,
       slm.breaches_left(NULL::slm.compliance, 0.9) IS NULL AS null_left;
SELECT slm.allowed_breaches('met=1 breached=0 open=0', 0);
SELECT slm.allowed_breaches('met=1 breached=0 open=0', 1.5);
SELECT slm.breaches_left('met=1 breached=0 open=0', -0.5);
SELECT slm.allowed_breaches('met=1 breached=0 open=0', 'NaN');

-- from the aggregate: 1000 clocks on a 1-hour target with goal 99.9%, one
-- of them breached (2 hours), two more still open: 1 allowed, 0 left;
-- a second breach overspends: -1
CREATE TABLE rv_budget (id int, target slm.target, opened timestamptz, closed timestamptz);
INSERT INTO rv_budget
SELECT i, '1h goal 99.9%', timestamptz '2026-10-01' + i * interval '1 minute',
       CASE WHEN i > 1000 THEN NULL
            ELSE timestamptz '2026-10-01' + i * interval '1 minute'
                 + CASE WHEN i = 1000 THEN interval '2 hours' ELSE interval '30 minutes' END END
FROM generate_series(1, 1002) i;
SELECT c, slm.allowed_breaches(c) AS allowed, slm.breaches_left(c) AS "left"
FROM (SELECT slm.compliance_agg(target, opened, closed) AS c FROM rv_budget) s;
UPDATE rv_budget SET closed = opened + interval '3 hours' WHERE id = 1;
SELECT c, slm.allowed_breaches(c) AS allowed, slm.breaches_left(c) AS "left"
FROM (SELECT slm.compliance_agg(target, opened, closed) AS c FROM rv_budget) s;
-- precomputed flags carry no goal: give it
SELECT slm.allowed_breaches(c) AS no_goal, slm.allowed_breaches(c, 0.999) AS allowed,
       slm.breaches_left(c, 0.999) AS "left"
FROM (SELECT slm.compliance_agg(closed <= opened + interval '1 hour') AS c FROM rv_budget) s;
