-- slm.watermelon: the compliance goal is met (green outside) but the
-- customers of the same service and period are dissatisfied (red inside).
--   true   goal met, and CSAT < min_csat or NPS < min_nps on a survey of at
--          least min_responses answers
--   false  goal met and every survey with enough answers satisfied; or the
--          goal missed (a plain red)
--   NULL   no goal, no closed clock, or no survey with enough answers
SET timezone = 'UTC';

-- compliance: green is 19 of 20 against 95% (met exactly), red 18 of 20
-- CSAT (top two boxes of 1..5): 18/20 = 90%; 8/10 = 80% exactly;
--   7/10 = 70%; 6/12 = 50%; 2/9 (too few at the default 10)
-- NPS: 6 - 1 of 10 = 50; 3 - 3 of 10 = 0 exactly; 2 - 4 of 10 = -20;
--   1 - 5 of 6 (too few)
CREATE TABLE rv_case (id int, what text, c slm.compliance, csat slm.csat, nps slm.nps);
INSERT INTO rv_case VALUES
    (1, 'watermelon: CSAT 70%', 'met=19 breached=1 open=0 goal=95%',
        '(scale=5,responses=10,satisfied=7,sum=35)', NULL),
    (2, 'healthy green: CSAT 90%', 'met=19 breached=1 open=0 goal=95%',
        '(scale=5,responses=20,satisfied=18,sum=85)', NULL),
    (3, 'CSAT exactly 80% is satisfied', 'met=19 breached=1 open=0 goal=95%',
        '(scale=5,responses=10,satisfied=8,sum=40)', NULL),
    (4, 'plain red, CSAT 50%', 'met=18 breached=2 open=0 goal=95%',
        '(scale=5,responses=12,satisfied=6,sum=40)', NULL),
    (5, 'plain red, no survey', 'met=18 breached=2 open=0 goal=95%', NULL, NULL),
    (6, 'too few answers: 9', 'met=19 breached=1 open=0 goal=95%',
        '(scale=5,responses=9,satisfied=2,sum=20)', NULL),
    (7, 'no survey', 'met=19 breached=1 open=0 goal=95%', NULL, NULL),
    (8, 'no summary', NULL, '(scale=5,responses=10,satisfied=7,sum=35)', NULL),
    (9, 'mixed goals', 'met=19 breached=1 open=0 goal=mixed',
        '(scale=5,responses=10,satisfied=7,sum=35)', NULL),
    (10, 'no closed clock', 'met=0 breached=0 open=3 goal=95%',
        '(scale=5,responses=10,satisfied=7,sum=35)', NULL),
    (11, 'CSAT fine, NPS -20', 'met=19 breached=1 open=0 goal=95%',
        '(scale=5,responses=20,satisfied=18,sum=85)', '(promoters=2,passives=4,detractors=4)'),
    (12, 'CSAT fine, NPS exactly 0', 'met=19 breached=1 open=0 goal=95%',
        '(scale=5,responses=20,satisfied=18,sum=85)', '(promoters=3,passives=4,detractors=3)'),
    (13, 'NPS 50 alone', 'met=19 breached=1 open=0 goal=95%', NULL,
        '(promoters=6,passives=3,detractors=1)'),
    (14, 'NPS -20 alone', 'met=19 breached=1 open=0 goal=95%', NULL,
        '(promoters=2,passives=4,detractors=4)'),
    (15, 'CSAT too few, NPS 50', 'met=19 breached=1 open=0 goal=95%',
        '(scale=5,responses=9,satisfied=2,sum=20)', '(promoters=6,passives=3,detractors=1)'),
    (16, 'CSAT 70%, NPS too few', 'met=19 breached=1 open=0 goal=95%',
        '(scale=5,responses=10,satisfied=7,sum=35)', '(promoters=1,passives=0,detractors=5)'),
    (17, 'plain red, NPS -20', 'met=18 breached=2 open=0 goal=95%', NULL,
        '(promoters=2,passives=4,detractors=4)');
-- expected: 1 t, 2 f, 3 f, 4 f, 5 f, 6 NULL, 7 NULL, 8 NULL, 9 NULL, 10 NULL,
-- 11 t, 12 f, 13 f, 14 t, 15 f, 16 t, 17 f
SELECT id, what, slm.goal_met(c) AS goal_met, slm.csat(csat) AS csat, slm.nps(nps) AS nps,
       slm.watermelon(c, csat, nps) AS watermelon
FROM rv_case ORDER BY id;

-- thresholds: CSAT 90% is not below 0.9, is below 0.95; NPS 50 is below 60;
-- 2 of 9 satisfied (22%) counts once 5 answers are enough
SELECT slm.watermelon(c, csat, min_csat => 0.9) AS at_90, slm.watermelon(c, csat, min_csat => 0.95) AS at_95
FROM rv_case WHERE id = 2;
SELECT slm.watermelon(c, csat, nps, min_nps => 60) AS nps_below_60,
       slm.watermelon(c, csat, nps, min_nps => 50) AS nps_at_50
FROM rv_case WHERE id = 13;
SELECT slm.watermelon(c, csat, min_responses => 5) AS five_enough FROM rv_case WHERE id = 6;
-- NULL thresholds give NULL; thresholds out of range are errors (22023)
SELECT slm.watermelon(c, csat, NULL, NULL) IS NULL AS null_min_csat,
       slm.watermelon(c, csat, min_responses => NULL) IS NULL AS null_min_responses
FROM rv_case WHERE id = 1;
SELECT slm.watermelon('met=1 breached=0 open=0 goal=95%', NULL, min_csat => 1.5);
SELECT slm.watermelon('met=1 breached=0 open=0 goal=95%', NULL, min_csat => 'NaN');
SELECT slm.watermelon('met=1 breached=0 open=0 goal=95%', NULL, min_nps => -101);
SELECT slm.watermelon('met=1 breached=0 open=0 goal=95%', NULL, min_responses => 0);

-- from the aggregates, per team: tickets and their survey answers
-- desk: 20 tickets, 19 met (95%, goal met); 10 CSAT answers, 6 satisfied
--   (60%): a watermelon
-- field: 20 tickets, 20 met; 10 answers, 9 satisfied (90%): green
-- lab: 20 tickets, 17 met (85%): red, whatever the survey says
CREATE TABLE rv_ticket (team text, n int, target slm.target, opened timestamptz, closed timestamptz,
                        csat int, nps int);
INSERT INTO rv_ticket
SELECT team, i, '4h goal 95%', timestamptz '2026-10-01' + i * interval '1 day',
       timestamptz '2026-10-01' + i * interval '1 day'
       + CASE WHEN i <= breaches THEN interval '5 hours' ELSE interval '1 hour' END,
       CASE WHEN i <= 10 THEN CASE WHEN i <= happy THEN 5 ELSE 2 END END,
       CASE WHEN i <= 10 THEN CASE WHEN i <= happy THEN 9 ELSE 3 END END
FROM (VALUES ('desk', 1, 6), ('field', 0, 9), ('lab', 3, 10)) v(team, breaches, happy),
     generate_series(1, 20) i;
SELECT team, slm.met(c), slm.breached(c), slm.goal_met(c), slm.satisfied(s), slm.responses(s),
       slm.nps(n), slm.watermelon(c, s, n) AS watermelon
FROM (SELECT team, slm.compliance_agg(target, opened, closed) AS c, slm.csat_agg(csat) AS s,
             slm.nps_agg(nps) AS n
      FROM rv_ticket GROUP BY team) t
ORDER BY team;
