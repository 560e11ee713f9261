-- The service desk of the review pack: a year of tickets (December 2025 to
-- November 2026) of three services with different service hours, their
-- response and resolution targets, the support chain behind them, outages
-- and maintenance windows, a satisfaction survey and a Kano questionnaire.
-- Generated in SQL from a fixed seed, so every run gives the same rows.
-- Needs the slm extension; creates its tables in the current schema.

SET timezone = 'Europe/Berlin';
SET max_parallel_workers_per_gather = 0;      -- random() in one fixed order

-- Services: agreed hours, availability goal, service credits and fee.
CREATE TABLE service (
    name              text PRIMARY KEY,
    hours             slm.calendar NOT NULL,
    availability_goal float8 NOT NULL,
    tiers             slm.credit_tiers NOT NULL,   -- credits owed below resolution goals
    monthly_fee       numeric NOT NULL,
    tickets_per_hour  float8 NOT NULL              -- of agreed service time, for the generator
);
INSERT INTO service VALUES
  ('Network', '24x7; tz Europe/Berlin', 0.999,
   '< 95% 5%, < 90% 15%, < 80% 30%', 12000.00, 0.5),
  ('Service desk',
   slm.calendar('mon-fri 08:00-18:00; 2025-12-24 08:00-12:00; 2025-12-31 08:00-12:00', 'Europe/Berlin',
                ARRAY['2025-12-25', '2025-12-26', '2026-01-01', '2026-04-03', '2026-04-06',
                      '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03']::date[]),
   0.995, '< 90% 5%, < 85% 10%, < 75% 25%', 18500.00, 3.0),
  ('ERP',
   slm.calendar('mon-sat 07:00-19:00', 'America/New_York',
                ARRAY['2025-12-25', '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25',
                      '2026-07-03', '2026-09-07', '2026-11-26', '2026-11-27']::date[]),
   0.995, '< 90% 10%, < 85% 20%, < 75% 40%', 9500.00, 1.2);

-- Targets per service and priority: one goal per service and clock, so that
-- a service's summary of a month has a single goal.
CREATE TABLE response_policy (service text, priority int, target slm.target, PRIMARY KEY (service, priority));
CREATE TABLE resolution_policy (service text, priority int, target slm.target, PRIMARY KEY (service, priority));
INSERT INTO response_policy
SELECT s.name, p.priority, slm.target(p.d, s.hours, g.goal)
FROM (VALUES ('Network', 0.95), ('Service desk', 0.9), ('ERP', 0.9)) g(name, goal)
JOIN service s USING (name),
     LATERAL (VALUES (1, CASE s.name WHEN 'Network' THEN interval '15 minutes' ELSE interval '30 minutes' END),
                     (2, interval '1 hour'), (3, interval '4 hours'), (4, interval '8 hours')) p(priority, d);
INSERT INTO resolution_policy
SELECT s.name, p.priority, slm.target(p.d, s.hours, g.goal)
FROM (VALUES ('Network', 0.95), ('Service desk', 0.9), ('ERP', 0.9)) g(name, goal)
JOIN service s USING (name),
     LATERAL (VALUES (1, interval '4 hours'), (2, interval '8 hours'),
                     (3, CASE s.name WHEN 'Network' THEN interval '24 hours' ELSE interval '20 hours' END),
                     (4, interval '50 hours')) p(priority, d);

-- Tickets, stamped by two track_sla triggers: the response clock and the
-- resolution clock (which pauses while waiting for the customer).
CREATE TABLE ticket (
    id                  int PRIMARY KEY,
    service             text NOT NULL REFERENCES service,
    priority            int NOT NULL,
    opened              timestamptz NOT NULL,
    responded           timestamptz,
    resolved            timestamptz,
    waiting             tstzmultirange,
    csat                int,                -- 1..5, NULL when not answered
    nps                 int,                -- 0..10
    response_due        timestamptz,
    response_breached   boolean,
    resolution_due      timestamptz,
    resolution_breached boolean,
    status              text
);
CREATE TRIGGER response_sla BEFORE INSERT OR UPDATE ON ticket FOR EACH ROW
  EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=responded', 'policy=response_policy',
    'match=service,priority', 'due=response_due', 'breached=response_breached');
CREATE TRIGGER resolution_sla BEFORE INSERT OR UPDATE ON ticket FOR EACH ROW
  EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=resolved', 'paused=waiting',
    'policy=resolution_policy', 'match=service,priority', 'due=resolution_due',
    'breached=resolution_breached', 'status=status');

-- How hard each month was: added to the log of every ticket's duration.
-- The network's carrier trouble in February, the desk's thin summer staffing,
-- the ERP release in June and the one of November.
CREATE TABLE strain (service text, month date, strain float8);
INSERT INTO strain VALUES
  ('Network', '2026-02-01', 0.55), ('Network', '2026-08-01', 0.2),
  ('Service desk', '2026-07-01', 0.35), ('Service desk', '2026-08-01', 0.45),
  ('Service desk', '2026-01-01', 0.15),
  ('ERP', '2026-06-01', 0.4), ('ERP', '2026-11-01', 0.5), ('ERP', '2026-03-01', 0.15);

SELECT setseed(0.2611) AS seeded \gset
INSERT INTO ticket (id, service, priority, opened, responded, resolved, waiting, csat, nps)
SELECT row_number() OVER (ORDER BY opened, service), service, priority, opened,
       CASE WHEN responded < p.at THEN responded END,
       CASE WHEN resolved < p.at THEN resolved END,
       waiting,
       CASE WHEN resolved < p.at AND answers THEN csat END,
       CASE WHEN resolved < p.at AND answers THEN nps END
FROM (
    SELECT t.*, slm.business_add(s.hours, t.opened, t.res_s * interval '1 second', t.waiting) AS resolved,
           -- the survey: a quarter answers; breaches and the desk's new portal in autumn annoy
           random() < 0.25 AS answers,
           CASE WHEN random() < 0.9 - 0.35 * t.late
                               - CASE WHEN t.service = 'Service desk' AND t.opened >= '2026-10-01' THEN 0.3 ELSE 0 END
                THEN 4 + (random() < 0.55)::int ELSE 1 + floor(random() * 3)::int END AS csat,
           CASE WHEN random() < 0.55 - 0.3 * t.late
                               - CASE WHEN t.service = 'Service desk' AND t.opened >= '2026-10-01' THEN 0.3 ELSE 0 END
                THEN 9 + (random() < 0.4)::int
                ELSE CASE WHEN random() < 0.5 THEN 7 + (random() < 0.5)::int ELSE floor(random() * 7)::int END END AS nps
    FROM (
        SELECT t.*,
               slm.business_add(s.hours, t.opened, t.resp_s * interval '1 second') AS responded,
               CASE WHEN t.service <> 'Network' AND t.priority >= 3 AND random() < 0.15
                    THEN tstzmultirange(tstzrange(slm.business_add(s.hours, t.opened, t.resp_s * interval '1 second') + interval '30 minutes',
                                                  slm.business_add(s.hours, t.opened, t.resp_s * interval '1 second')
                                                  + (4 + random() * 44) * interval '1 hour')) END AS waiting,
               (t.res_s > extract(epoch FROM slm.target_duration(rp.target)))::int AS late
        FROM (
            SELECT t.service, t.opened, t.priority,
                   -- log-normal business times around the targets, worse in strained months
                   round(extract(epoch FROM slm.target_duration(sp.target))
                         * exp(-1.05 + coalesce(st.strain, 0) + 0.6 * t.z1)) AS resp_s,
                   greatest(round(extract(epoch FROM slm.target_duration(rp.target))
                                  * exp(CASE t.service WHEN 'Network' THEN -1.25 WHEN 'Service desk' THEN -0.97 ELSE -0.92 END
                                        + coalesce(st.strain, 0) + 0.62 * t.z2)),
                            round(extract(epoch FROM slm.target_duration(sp.target))
                                  * exp(-1.05 + coalesce(st.strain, 0) + 0.6 * t.z1)) + 600) AS res_s
            FROM (
                SELECT s.name AS service,
                       slm.business_add(s.hours, timestamptz '2025-12-01 00:00',
                                        floor(random() * extract(epoch FROM slm.agreed_time(s.hours, '[2025-12-01, 2026-12-01)')))
                                        * interval '1 second') AS opened,
                       CASE WHEN r < 0.04 THEN 1 WHEN r < 0.18 THEN 2 WHEN r < 0.65 THEN 3 ELSE 4 END AS priority,
                       sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z1,
                       sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z2
                FROM service s,
                     generate_series(1, (s.tickets_per_hour
                                         * extract(epoch FROM slm.agreed_time(s.hours, '[2025-12-01, 2026-12-01)')) / 3600)::int) g,
                     LATERAL (SELECT random() + 0 * g AS r) rr
                ORDER BY s.name, g
            ) t
            JOIN response_policy sp USING (service, priority)
            JOIN resolution_policy rp USING (service, priority)
            LEFT JOIN strain st ON st.service = t.service
                               AND st.month = date_trunc('month', t.opened)::date
        ) t
        JOIN service s ON s.name = t.service
        JOIN resolution_policy rp USING (service, priority)
    ) t
    JOIN service s ON s.name = t.service
) t,
(VALUES (timestamptz '2026-12-01 18:00')) p(at)      -- when the review is published
WHERE t.opened < p.at;

-- The support chain behind each resolution SLA: the operational level
-- agreements of internal teams and the underpinning contracts of suppliers,
-- run one after another.
CREATE TABLE support_chain (
    service  text,
    priority int,
    stage    int,
    party    text,
    kind     text CHECK (kind IN ('OLA', 'UC')),
    target   slm.target,
    PRIMARY KEY (service, priority, stage)
);
INSERT INTO support_chain VALUES
  ('Network', 1, 1, 'NOC triage', 'OLA', '30 minutes'),
  ('Network', 1, 2, 'Carrier', 'UC', '3h'),
  ('Network', 2, 1, 'NOC triage', 'OLA', '1h'),
  ('Network', 2, 2, 'Carrier', 'UC', '6h'),
  ('Service desk', 1, 1, '2nd line', 'OLA', '1h on (mon-fri 08:00-18:00; tz Europe/Berlin)'),
  ('Service desk', 1, 2, 'Hardware supplier', 'UC', '3h on (mon-fri 09:00-17:00; tz Europe/Berlin)'),
  ('Service desk', 2, 1, '2nd line', 'OLA', '2h on (mon-fri 08:00-18:00; tz Europe/Berlin)'),
  ('Service desk', 2, 2, 'Hardware supplier', 'UC', '5h on (mon-fri 08:00-18:00; tz Europe/Berlin)'),
  ('ERP', 1, 1, 'ERP team', 'OLA', '1h on (mon-sat 07:00-19:00; tz America/New_York)'),
  ('ERP', 1, 2, 'ERP vendor', 'UC', '2h 30min on (24x7; tz America/New_York)'),
  ('ERP', 2, 1, 'ERP team', 'OLA', '2h on (mon-sat 07:00-19:00; tz America/New_York)'),
  ('ERP', 2, 2, 'ERP vendor', 'UC', '4h on (mon-fri 08:00-18:00; tz America/New_York)');

-- Outages and agreed maintenance. Maintenance: the network's first Sunday
-- 02:00-04:00, the desk's tools the last Wednesday 17:00-18:00, the ERP
-- the second Saturday 07:00-10:00 in New York. Outages: a few a month at
-- random, the work done in each maintenance window, and the carrier's long
-- outage of 17 February.
CREATE TABLE maintenance (service text, during tstzrange);
INSERT INTO maintenance
SELECT 'Network', tstzrange(d + interval '2 hours', d + interval '4 hours')
FROM generate_series(date '2025-12-01', date '2026-11-30', interval '1 day') d
WHERE extract(isodow FROM d) = 7 AND extract(day FROM d) <= 7
UNION ALL
SELECT 'Service desk', tstzrange(d + interval '17 hours', d + interval '18 hours')
FROM generate_series(date '2025-12-01', date '2026-11-30', interval '1 day') d
WHERE extract(isodow FROM d) = 3 AND extract(month FROM d + interval '7 days') <> extract(month FROM d)
UNION ALL
SELECT 'ERP', tstzrange((d + time '07:00') AT TIME ZONE 'America/New_York', (d + time '10:00') AT TIME ZONE 'America/New_York')
FROM generate_series(date '2025-12-01', date '2026-11-30', interval '1 day') d
WHERE extract(isodow FROM d) = 6 AND extract(day FROM d) BETWEEN 8 AND 14;

CREATE TABLE outage (service text, during tstzrange, cause text);
INSERT INTO outage
SELECT service, during, 'maintenance' FROM maintenance
UNION ALL
SELECT s.name, tstzrange(o, o + round(60 * exp(3.2 + 0.9 * z)) * interval '1 second'), 'incident'
FROM service s,
     LATERAL (SELECT timestamptz '2025-12-01' + random() * interval '365 days' AS o,
                     sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
              FROM generate_series(1, CASE s.name WHEN 'Network' THEN 30 WHEN 'ERP' THEN 26 ELSE 20 END) g
              WHERE g > 0 * length(s.name)) r
UNION ALL
SELECT 'Network', '[2026-02-17 09:40, 2026-02-17 13:05)', 'incident'
UNION ALL
SELECT 'ERP', '[2026-11-10 08:15, 2026-11-10 14:30)', 'incident';

-- The Kano questionnaire of the autumn: 160 customers, eight ideas.
-- Each feature has a leaning (shares of A, O, M, I, R, Q); each answer is
-- a functional/dysfunctional pair that the standard table maps to the
-- category drawn.
CREATE TABLE kano_answer (
    respondent    int,
    feature       text,
    functional    int,         -- 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike
    dysfunctional int,
    importance    int          -- self-stated, 1..9
);
INSERT INTO kano_answer
SELECT r, f.feature, pr.f, pr.d, greatest(1, least(9, round(f.weight + 1.5 * (random() - 0.5) * 3)))::int
FROM (VALUES
        ('Status page',            ARRAY[0.50, 0.15, 0.05, 0.24, 0.04, 0.02], 6),
        ('SLA report',             ARRAY[0.04, 0.22, 0.52, 0.18, 0.02, 0.02], 8),
        ('Chat support',           ARRAY[0.20, 0.48, 0.12, 0.16, 0.02, 0.02], 7),
        ('Self-service portal',    ARRAY[0.34, 0.12, 0.08, 0.36, 0.08, 0.02], 5),
        ('SMS updates',            ARRAY[0.14, 0.05, 0.08, 0.56, 0.15, 0.02], 3),
        ('Weekend support',        ARRAY[0.30, 0.38, 0.06, 0.22, 0.02, 0.02], 6),
        ('Named engineer',         ARRAY[0.55, 0.10, 0.04, 0.27, 0.02, 0.02], 5),
        ('Reply within the hour',  ARRAY[0.06, 0.36, 0.42, 0.12, 0.02, 0.02], 8)
     ) f(feature, shares, weight),
     generate_series(1, 160) r,
     LATERAL (SELECT random() + 0 * r AS u, random() AS v) x,
     LATERAL (SELECT CASE WHEN x.u < f.shares[1] THEN 'A'
                          WHEN x.u < f.shares[1] + f.shares[2] THEN 'O'
                          WHEN x.u < f.shares[1] + f.shares[2] + f.shares[3] THEN 'M'
                          WHEN x.u < f.shares[1] + f.shares[2] + f.shares[3] + f.shares[4] THEN 'I'
                          WHEN x.u < 1 - f.shares[6] THEN 'R' ELSE 'Q' END AS cat) c,
     LATERAL (SELECT a.f, a.d
              FROM (SELECT fa AS f, da AS d, row_number() OVER () AS n, count(*) OVER () AS k
                    FROM generate_series(1, 5) fa, generate_series(1, 5) da
                    WHERE slm.kano_category(fa, da) = c.cat) a
              WHERE a.n = 1 + floor(x.v * a.k)) pr
ORDER BY r, f.feature;

ANALYZE;
RESET max_parallel_workers_per_gather;
