-- A service desk database that uses every slm type, the trigger, views,
-- indexes and stored summaries, written against the 0.1.0 interface (so
-- that it can be loaded into 0.1.0 and into the current version alike).
SET timezone = 'UTC';
CREATE SCHEMA desk;
SET search_path = desk, public;

CREATE TABLE service (
    name   text PRIMARY KEY,
    hours  slm.calendar NOT NULL
);
INSERT INTO service VALUES
    ('mail', 'mon-fri 08:00-18:00; 2026-12-24 08:00-12:00; 2026-12-25..2026-12-26 closed; tz Europe/Berlin'),
    ('erp', 'mon-sat 07:00-19:00; tz America/New_York'),
    ('network', '24x7'),
    ('night', 'mon-fri 22:00-06:00; tz Australia/Lord_Howe');
CREATE INDEX ON service (hours);
CREATE INDEX ON service USING hash (hours);

CREATE TABLE policy (
    priority int PRIMARY KEY,
    target   slm.target NOT NULL
);
INSERT INTO policy VALUES
    (1, '4h on (mon-fri 08:00-18:00; tz Europe/Berlin) goal 95% warn 75%'),
    (2, '8h on (mon-fri 08:00-18:00; tz Europe/Berlin) goal 90%'),
    (3, '3 days on (24x7) goal 99.5% warn 50%');
CREATE INDEX ON policy (target);

CREATE TABLE ticket (
    id        bigint PRIMARY KEY,
    priority  int NOT NULL,
    opened    timestamptz NOT NULL,
    closed    timestamptz,
    waiting   tstzmultirange,
    due       timestamptz,
    breached  boolean,
    status    text
);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON ticket FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=closed', 'paused=waiting',
        'policy=policy', 'match=priority', 'due=due', 'breached=breached', 'status=status');

-- 400 tickets of 2026 (no ticket stops before it starts, and none stops or
-- is judged outside service hours: the answers are the same under every
-- breach rule slm has had)
INSERT INTO ticket (id, priority, opened, closed, waiting)
SELECT i, 1 + i % 3,
       timestamptz '2026-03-02 08:00 UTC' + (i % 50) * interval '7 days' + (i % 7) * interval '1 hour',
       CASE WHEN i % 5 = 0 THEN NULL
            ELSE timestamptz '2026-03-02 08:00 UTC' + (i % 50) * interval '7 days'
                 + (i % 7) * interval '1 hour' + (i % 9) * interval '30 minutes' END,
       CASE WHEN i % 4 = 0 THEN tstzmultirange(tstzrange(
            timestamptz '2026-03-02 08:30 UTC' + (i % 50) * interval '7 days' + (i % 7) * interval '1 hour',
            timestamptz '2026-03-02 08:45 UTC' + (i % 50) * interval '7 days' + (i % 7) * interval '1 hour'))
       END
FROM generate_series(1, 400) i;

-- a table with its own target column
CREATE TABLE change (
    id      int PRIMARY KEY,
    opened  timestamptz NOT NULL,
    done    timestamptz,
    sla     slm.target,
    due     timestamptz
);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON change FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=done', 'target=sla', 'due=due');
INSERT INTO change VALUES
    (1, '2026-05-04 09:00+00', '2026-05-04 10:00+00', '2h on (24x7)', NULL),
    (2, '2026-05-04 09:00+00', NULL, '5 hours 30 minutes on (mon-fri 09:00-17:00; tz Asia/Kolkata) goal 99.9%', NULL),
    (3, '2026-05-04 09:00+00', NULL, NULL, NULL);

CREATE TABLE outage (
    service text NOT NULL,
    during  tstzrange NOT NULL
);
INSERT INTO outage VALUES
    ('mail', '[2026-12-01 09:00+01, 2026-12-01 10:30+01)'),
    ('mail', '[2026-12-01 10:00+01, 2026-12-01 11:00+01)'),
    ('mail', '[2026-12-24 11:00+01, 2026-12-24 15:00+01)'),
    ('erp', '[2026-12-05 06:00-05, 2026-12-05 08:00-05)'),
    ('network', '[2026-12-31 23:00+00, 2027-01-01 01:00+00)');

CREATE TABLE answer (
    feature text, respondent int, functional int, dysfunctional int,
    f_label text, d_label text, importance float8, csat int, nps int
);
INSERT INTO answer
SELECT CASE i % 3 WHEN 0 THEN 'status page' WHEN 1 THEN 'sms alerts' ELSE 'sla report' END,
       i, 1 + i % 5, 1 + (i / 5) % 5,
       (ARRAY['like', 'must-be', 'neutral', 'live-with', 'dislike'])[1 + (i * 3) % 5],
       (ARRAY['like', 'must-be', 'neutral', 'live-with', 'dislike'])[1 + (i * 2) % 5],
       CASE WHEN i % 6 = 0 THEN NULL ELSE 1 + i % 9 END,
       1 + i % 5, i % 11
FROM generate_series(1, 120) i;

-- summaries stored by day, month and feature, as reporting jobs keep them
CREATE TABLE daily (
    day date PRIMARY KEY,
    c   slm.compliance,
    cb  slm.compliance
);
INSERT INTO daily
SELECT (t.opened AT TIME ZONE 'UTC')::date,
       slm.compliance_agg(p.target, t.opened, t.closed, t.waiting),
       slm.compliance_agg(t.breached IS NOT TRUE)
FROM ticket t JOIN policy p USING (priority)
GROUP BY 1;

CREATE TABLE monthly_outages (
    service text PRIMARY KEY,
    o       slm.outages,
    a       slm.availability_state
);
INSERT INTO monthly_outages
SELECT o.service, slm.outage_agg(o.during), NULL
FROM outage o GROUP BY o.service;

CREATE TABLE survey (
    feature text PRIMARY KEY,
    k       slm.kano,
    kl      slm.kano,
    c       slm.csat,
    c7      slm.csat,
    n       slm.nps
);
INSERT INTO survey
SELECT feature,
       slm.kano_agg(functional, dysfunctional, importance),
       slm.kano_agg(f_label, d_label),
       slm.csat_agg(csat),
       slm.csat_agg(1 + csat, 7),
       slm.nps_agg(nps)
FROM answer GROUP BY feature;

CREATE VIEW ticket_sla AS
SELECT t.id, t.priority, t.opened, t.due,
       slm.deadline(p.target, t.opened, t.waiting) AS deadline,
       slm.elapsed(p.target, t.opened, t.closed, t.waiting) AS elapsed
FROM ticket t JOIN policy p USING (priority);

CREATE VIEW month_report AS
SELECT date_trunc('month', day) AS month, slm.rollup(c) AS c
FROM daily GROUP BY 1;
