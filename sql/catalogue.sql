-- The service catalogue: services, parties, agreements (SLA, OLA, UC),
-- commitments and underpinning links; the constraints that keep it
-- consistent; slm.track_sla() taking its targets from it (agreement=,
-- metric=); slm.underpinning_report().
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- The tables are dumped with the database
SELECT unnest(extconfig)::regclass AS dumped FROM pg_extension WHERE extname = 'slm';

INSERT INTO slm.parties (name, internal, description) VALUES
    ('service desk', true, 'first line'),
    ('network team', true, 'second line'),
    ('acme', false, 'mail hosting supplier'),
    ('sales', false, 'a business unit');
INSERT INTO slm.services (name, description, hours, price, price_unit) VALUES
    ('email', 'mail for every employee', 'mon-fri 09:00-17:00', 4.50, 'user and month');

-- A price needs its unit, and is not negative (23514)
INSERT INTO slm.services (name, price) VALUES ('chat', 2);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.services (name, price, price_unit) VALUES ('chat', -1, 'user');
\echo :LAST_ERROR_SQLSTATE
-- hours default to round the clock
INSERT INTO slm.services (name) VALUES ('chat') RETURNING name, hours::text, price;

INSERT INTO slm.agreements (name, kind, service, provider, customer, valid, review_interval) VALUES
    ('mail SLA', 'SLA', 'email', 'service desk', 'sales', '[2026-01-01,)', '1 year'),
    ('network OLA', 'OLA', 'email', 'network team', 'service desk', '[2026-01-01,)', '6 months'),
    ('acme UC', 'UC', 'email', 'acme', 'service desk', '[2026-01-01,)', '1 year'),
    ('old mail SLA', 'SLA', 'email', 'service desk', 'sales', '[2025-01-01, 2026-01-01)', NULL);

-- The sides are kept: an UC's provider is outside, an OLA's or SLA's is
-- internal, and the customer of an OLA or UC is internal (23503)
INSERT INTO slm.agreements (name, kind, service, provider, customer) VALUES
    ('x', 'UC', 'email', 'network team', 'service desk');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.agreements (name, kind, service, provider, customer) VALUES
    ('x', 'OLA', 'email', 'acme', 'service desk');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.agreements (name, kind, service, provider, customer) VALUES
    ('x', 'SLA', 'email', 'acme', 'sales');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.agreements (name, kind, service, provider, customer) VALUES
    ('x', 'UC', 'email', 'acme', 'sales');
\echo :LAST_ERROR_SQLSTATE
-- the foreign keys are the rule; the trigger only says it in words first:
-- with it disabled (a data-only restore with --disable-triggers) they
-- still refuse the same rows
ALTER TABLE slm.agreements DISABLE TRIGGER agreements_check;
INSERT INTO slm.agreements (name, kind, service, provider, customer) VALUES
    ('x', 'UC', 'email', 'network team', 'service desk');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.agreements (name, kind, service, provider, customer) VALUES
    ('x', 'UC', 'email', 'acme', 'sales');
\echo :LAST_ERROR_SQLSTATE
ALTER TABLE slm.agreements ENABLE TRIGGER agreements_check;
-- a party cannot change sides while it provides
UPDATE slm.parties SET internal = false WHERE name = 'network team';
\echo :LAST_ERROR_SQLSTATE
-- an unknown kind, an empty period, a review interval that is not positive (23514)
INSERT INTO slm.agreements (name, kind, service, provider, customer) VALUES
    ('x', 'XLA', 'email', 'service desk', 'sales');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.agreements (name, kind, service, provider, customer, valid) VALUES
    ('x', 'SLA', 'email', 'service desk', 'sales', 'empty');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.agreements (name, kind, service, provider, customer, review_interval) VALUES
    ('x', 'SLA', 'email', 'service desk', 'sales', '0');
\echo :LAST_ERROR_SQLSTATE
-- a renamed service follows into its agreements
UPDATE slm.services SET name = 'mail' WHERE name = 'email';
SELECT name, service FROM slm.agreements ORDER BY name;

-- Commitments. A response target for priority 1, one for priority 2
-- renegotiated on 25 November, one for every other row; resolution
-- targets for priorities 1 and 2, shorter for priority 1 VIPs; an
-- availability goal.
INSERT INTO slm.commitments (agreement, kind, metric, scope, valid, target, availability_goal) VALUES
    ('mail SLA', 'SLA', 'response', '{"priority": 1}', '(,)', '1h on (mon-fri 09:00-17:00)', NULL),
    ('mail SLA', 'SLA', 'response', '{"priority": 2}', '(, 2026-11-25)', '4h on (mon-fri 09:00-17:00)', NULL),
    ('mail SLA', 'SLA', 'response', '{"priority": 2}', '[2026-11-25,)', '2h on (mon-fri 09:00-17:00)', NULL),
    ('mail SLA', 'SLA', 'response', '{}', '(,)', '8h on (mon-fri 09:00-17:00)', NULL),
    ('mail SLA', 'SLA', 'resolution', '{"priority": 1}', '(,)', '8h on (mon-fri 09:00-17:00)', NULL),
    ('mail SLA', 'SLA', 'resolution', '{"priority": 1, "vip": true}', '(,)', '4h on (mon-fri 09:00-17:00)', NULL),
    ('mail SLA', 'SLA', 'resolution', '{"priority": 2}', '(,)', '24h on (mon-fri 09:00-17:00)', NULL),
    ('mail SLA', 'SLA', 'availability', '{}', '(,)', NULL, 0.995),
    ('network OLA', 'OLA', 'response', '{"priority": 1}', '(,)', '30min on (mon-fri 09:00-17:00)', NULL),
    ('network OLA', 'OLA', 'resolution', '{"priority": 1}', '(,)', '4h on (mon-fri 09:00-17:00)', NULL),
    ('acme UC', 'UC', 'response', '{"priority": 1}', '(,)', '20min on (mon-fri 09:00-17:00)', NULL),
    ('acme UC', 'UC', 'response', '{}', '(,)', '1h on (mon-fri 09:00-17:00)', NULL),
    ('acme UC', 'UC', 'resolution', '{"priority": 1}', '(,)', '8h on (mon-fri 09:00-17:00)', NULL),
    ('old mail SLA', 'SLA', 'response', '{}', '(,)', '2h on (mon-fri 09:00-17:00)', NULL);
SELECT id, agreement, kind, metric, scope, valid, target, availability_goal
FROM slm.commitments ORDER BY id;

-- The kind is the agreement's (23503); a target, or a goal in (0, 1] for
-- availability only; a flat scope object; no duplicate (23514, 23505)
INSERT INTO slm.commitments (agreement, kind, metric, scope, target) VALUES ('mail SLA', 'OLA', 'response', '{"priority": 9}', '1h');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.commitments (agreement, kind, metric, target) VALUES ('mail SLA', 'SLA', 'availability', '1h');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.commitments (agreement, kind, metric, scope, availability_goal) VALUES ('mail SLA', 'SLA', 'availability', '{"site": "x"}', 1.5);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.commitments (agreement, kind, metric, availability_goal) VALUES ('mail SLA', 'SLA', 'response', 0.99);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.commitments (agreement, kind, metric, scope, target) VALUES ('mail SLA', 'SLA', 'response', '{"priority": [1, 2]}', '1h');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.commitments (agreement, kind, metric, scope, target) VALUES ('mail SLA', 'SLA', 'response', '{"priority": null}', '1h');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.commitments (agreement, kind, metric, scope, target) VALUES ('mail SLA', 'SLA', 'response', '[]', '1h');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.commitments (agreement, kind, metric, scope, target) VALUES ('mail SLA', 'SLA', 'response', '{"priority": 1}', '2h');
\echo :LAST_ERROR_SQLSTATE

-- Underpinning links: the priority 1 response rests on the network team
-- then acme (chain 1), or on acme alone (chain 2); the priority 1
-- resolution on the network team then acme.
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment, metric, kind) VALUES
    (1, 1, 1, 9, 'response', 'OLA'),
    (1, 1, 2, 11, 'response', 'UC'),
    (5, 1, 1, 10, 'resolution', 'OLA'),
    (5, 1, 2, 13, 'resolution', 'UC');
-- metric and kind, left out, are the linked commitment's
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment) VALUES (1, 2, 1, 12)
RETURNING *;
-- The head must be an SLA commitment, a link an OLA or UC commitment, both
-- of one metric (23503, in words), and not availability
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment, metric, kind) VALUES
    (9, 1, 1, 11, 'response', 'UC');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment, metric, kind) VALUES
    (4, 1, 1, 1, 'response', 'UC');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment, metric, kind) VALUES
    (4, 1, 1, 1, 'response', 'SLA');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment, metric, kind) VALUES
    (4, 1, 1, 13, 'response', 'UC');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment, metric, kind) VALUES
    (8, 1, 1, 13, 'availability', 'UC');
\echo :LAST_ERROR_SQLSTATE
-- and with the trigger disabled, by the foreign keys and checks
ALTER TABLE slm.underpinning_links DISABLE TRIGGER underpinning_links_check;
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment, metric, kind) VALUES
    (9, 1, 1, 11, 'response', 'UC');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment, metric, kind) VALUES
    (4, 1, 1, 1, 'response', 'SLA');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment, metric, kind) VALUES
    (4, 1, 1, 13, 'response', 'UC');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment, metric, kind) VALUES
    (8, 1, 1, 13, 'availability', 'UC');
\echo :LAST_ERROR_SQLSTATE
ALTER TABLE slm.underpinning_links ENABLE TRIGGER underpinning_links_check;
-- a linked commitment keeps its kind and metric: an agreement that changes
-- kind, a linked commitment that changes metric or goes (23503)
UPDATE slm.agreements SET kind = 'SLA' WHERE name = 'network OLA';
\echo :LAST_ERROR_SQLSTATE
UPDATE slm.commitments SET metric = 'restore' WHERE id = 13;
\echo :LAST_ERROR_SQLSTATE
DELETE FROM slm.agreements WHERE name = 'acme UC';
\echo :LAST_ERROR_SQLSTATE

-- ---------------------------------------------------------------------
-- The trigger takes its targets from the catalogue
-- ---------------------------------------------------------------------

CREATE TABLE ticket (
    id int PRIMARY KEY, priority int, vip boolean NOT NULL DEFAULT false, category text,
    opened timestamptz NOT NULL, responded timestamptz, resolved timestamptz,
    response_due timestamptz, response_status text, resolution_due timestamptz);
CREATE TRIGGER response BEFORE INSERT OR UPDATE ON ticket FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=responded',
        'agreement=mail SLA', 'metric=response', 'due=response_due', 'status=response_status');
CREATE TRIGGER resolution BEFORE INSERT OR UPDATE ON ticket FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=resolved',
        'agreement=mail SLA', 'metric=resolution', 'due=resolution_due');
-- Monday 23 November 10:00, business hours 09-17:
--   1: P1, response 1h -> 11:00 (met at 10:30), resolution 8h -> Tue 10:00
--   2: P2 before the renegotiation, response 4h -> 14:00 (breached at 15:00),
--      resolution 24h -> Thu 10:00
--   3: P2 on Wednesday, after it: response 2h -> 12:00 (met at 11:00),
--      resolution 24h -> Mon 30 10:00
--   4: P3, response from the scope {} 8h -> Tue 10:00; no resolution
--      commitment: no clock
--   5: P1 VIP, the more specific resolution scope: 4h -> 14:00
--   6: P1 opened before the agreement's period: no clock at all
INSERT INTO ticket (id, priority, vip, opened, responded) VALUES
    (1, 1, false, '2026-11-23 10:00', '2026-11-23 10:30'),
    (2, 2, false, '2026-11-23 10:00', '2026-11-23 15:00'),
    (3, 2, false, '2026-11-25 10:00', '2026-11-25 11:00'),
    (4, 3, false, '2026-11-23 10:00', '2026-11-24 09:00'),
    (5, 1, true,  '2026-11-23 10:00', '2026-11-23 10:45'),
    (6, 1, false, '2025-12-31 10:00', '2025-12-31 10:30');
SELECT id, priority, vip, response_due, response_status, resolution_due FROM ticket ORDER BY id;

-- Scope values compare as text: a text column matches a JSON string, and
-- two scopes that match with as many keys are an error naming both (21000)
INSERT INTO slm.commitments (agreement, kind, metric, scope, target) VALUES
    ('mail SLA', 'SLA', 'response', '{"category": "network"}', '2h on (mon-fri 09:00-17:00)');
INSERT INTO ticket (id, priority, category, opened) VALUES (7, 1, 'network', '2026-11-23 10:00');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO ticket (id, priority, category, opened) VALUES (7, 3, 'network', '2026-11-23 10:00');
-- the most specific scope wins; a changed catalogue applies from the next
-- statement on
INSERT INTO slm.commitments (agreement, kind, metric, scope, target) VALUES
    ('mail SLA', 'SLA', 'response', '{"priority": 1, "category": "network"}', '30min on (mon-fri 09:00-17:00)');
INSERT INTO ticket (id, priority, category, opened) VALUES (8, 1, 'network', '2026-11-23 10:00');
SELECT id, priority, category, response_due FROM ticket WHERE id IN (7, 8) ORDER BY id;

-- A change of priority applies the new target from the original start
-- (on_change=retroactive, the default): P3 to P1 makes the response due 11:00
UPDATE ticket SET priority = 1 WHERE id = 4;
SELECT id, response_due, response_status, resolution_due FROM ticket WHERE id = 4;

-- A changed catalogue reaches the open rows through sweep: priority 2
-- resolution down to 16h makes ticket 2 due Wed 10:00, ticket 3 Fri 10:00
UPDATE slm.commitments SET target = '16h on (mon-fri 09:00-17:00)'
WHERE agreement = 'mail SLA' AND metric = 'resolution' AND scope = '{"priority": 2}';
SELECT slm.sweep('ticket') AS swept;
SELECT id, resolution_due FROM ticket WHERE priority = 2 ORDER BY id;

-- missing=error refuses a row no commitment matches (23503). This table
-- has no column vip: the VIP commitment does not cover its rows.
CREATE TABLE strict_ticket (id int PRIMARY KEY, priority int, opened timestamptz, due timestamptz);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON strict_ticket FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'agreement=mail SLA', 'metric=resolution',
        'missing=error', 'due=due');
INSERT INTO strict_ticket VALUES (1, 1, '2026-11-23 10:00');
INSERT INTO strict_ticket VALUES (2, 3, '2026-11-23 10:00');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO strict_ticket VALUES (3, 1, '2025-11-23 10:00');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM strict_ticket;

-- on_change=restart: a change of a scope column restarts an open clock
CREATE TABLE restart_ticket (id int PRIMARY KEY, priority int, opened timestamptz,
                             clock_start timestamptz, due timestamptz);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON restart_ticket FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'agreement=mail SLA', 'metric=resolution',
        'on_change=restart', 'clock_start=clock_start', 'due=due');
INSERT INTO restart_ticket VALUES (1, 2, '2026-11-23 10:00');
BEGIN;
UPDATE restart_ticket SET opened = opened WHERE id = 1;
SELECT clock_start = opened AS kept FROM restart_ticket;
UPDATE restart_ticket SET priority = 1 WHERE id = 1;
SELECT clock_start = now() AS restarted, due = slm.deadline('8h on (mon-fri 09:00-17:00)', now()) AS p1_target
FROM restart_ticket;
COMMIT;

-- Configuration errors name the trigger and the argument
CREATE TABLE bad (id int, priority int, opened timestamptz, due timestamptz);
CREATE TRIGGER t1 BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'agreement=mail SLA', 'due=due');
INSERT INTO bad VALUES (1, 1, '2026-11-23 10:00');
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER t1 ON bad;
CREATE TRIGGER t1 BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'metric=response', 'target=due', 'due=due');
INSERT INTO bad VALUES (1, 1, '2026-11-23 10:00');
DROP TRIGGER t1 ON bad;
CREATE TRIGGER t1 BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'agreement=mail SLA', 'metric=response',
        'policy=x', 'match=priority', 'due=due');
INSERT INTO bad VALUES (1, 1, '2026-11-23 10:00');
DROP TRIGGER t1 ON bad;
CREATE TRIGGER t1 BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'agreement=mail SLA', 'metric=response',
        'match=priority', 'due=due');
INSERT INTO bad VALUES (1, 1, '2026-11-23 10:00');
DROP TRIGGER t1 ON bad;
CREATE TRIGGER t1 BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'agreement=mail SLA', 'metric=availability',
        'due=due');
INSERT INTO bad VALUES (1, 1, '2026-11-23 10:00');
DROP TRIGGER t1 ON bad;
-- an agreement that does not exist, a metric it has no commitment for (42704)
CREATE TRIGGER t1 BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'agreement=mail sla', 'metric=response',
        'due=due');
INSERT INTO bad VALUES (1, 1, '2026-11-23 10:00');
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER t1 ON bad;
CREATE TRIGGER t1 BEFORE INSERT ON bad FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'agreement=mail SLA', 'metric=restore',
        'due=due');
INSERT INTO bad VALUES (1, 1, '2026-11-23 10:00');
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER t1 ON bad;

-- The catalogue is read as the tracked table's owner, in a
-- security-restricted operation: the owner needs SELECT on it, a role that
-- only inserts does not
CREATE ROLE regress_catalogue_owner;
CREATE ROLE regress_catalogue_writer;
CREATE TABLE owned_ticket (id int PRIMARY KEY, priority int, opened timestamptz, due timestamptz);
ALTER TABLE owned_ticket OWNER TO regress_catalogue_owner;
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON owned_ticket FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'agreement=mail SLA', 'metric=resolution',
        'due=due');
GRANT INSERT, SELECT ON owned_ticket TO regress_catalogue_writer;
SET ROLE regress_catalogue_writer;
INSERT INTO owned_ticket VALUES (1, 1, '2026-11-23 10:00');
\echo :LAST_ERROR_SQLSTATE
RESET ROLE;
GRANT SELECT ON slm.agreements, slm.commitments TO regress_catalogue_owner;
SET ROLE regress_catalogue_writer;
INSERT INTO owned_ticket VALUES (1, 1, '2026-11-23 10:00');
SELECT count(*) FROM slm.commitments;
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM owned_ticket;
RESET ROLE;
DROP TABLE owned_ticket;
REVOKE SELECT ON slm.agreements, slm.commitments FROM regress_catalogue_owner;
DROP ROLE regress_catalogue_owner;
DROP ROLE regress_catalogue_writer;

-- ---------------------------------------------------------------------
-- slm.underpinning_report
-- ---------------------------------------------------------------------

-- Over the week of 23 November, with calendars of the same hours:
--   response P1 (1h): chain 1, 30min + 20min, always 10 minutes to spare;
--     chain 2, acme's 1h alone, ends exactly at the SLA's deadline: holds
--     with no slack;
--   resolution P1 (8h): 4h + 8h is 4 hours late for every ticket;
--   the other SLA commitments have no chain: NULL figures; P2 response
--     for the part of the week each version is valid for;
--   availability is not a clock, and the old SLA is out of the range.
SELECT agreement, service, commitment, metric, scope, chain, period, sla, chain_targets,
       holds, worst_slack, worst_start, fit
FROM slm.underpinning_report('[2026-11-23, 2026-11-30)');
-- the figures are slm.underpinning's
SELECT * FROM slm.underpinning('8h on (mon-fri 09:00-17:00)',
    ARRAY['4h on (mon-fri 09:00-17:00)', '8h on (mon-fri 09:00-17:00)']::slm.target[],
    '[2026-11-23, 2026-11-30)');
-- a range the catalogue does not cover gives no rows; an infinite range
-- is an error of slm.underpinning's (22023)
SELECT count(*) FROM slm.underpinning_report('[2020-01-01, 2020-02-01)');
SELECT count(*) FROM slm.underpinning_report('[2026-11-23,)');
\echo :LAST_ERROR_SQLSTATE

DROP TABLE ticket, strict_ticket, restart_ticket, bad;

-- A commitment's kind, left out, is its agreement's
INSERT INTO slm.commitments (agreement, metric, scope, target)
VALUES ('network OLA', 'restore', '{"priority": 1}', '1h on (mon-fri 09:00-17:00)')
RETURNING agreement, kind, metric;
DELETE FROM slm.commitments WHERE metric = 'restore';
