
-- ---------------------------------------------------------------------
-- Service review figures: breaches allowed by a goal, service credits
-- (slm.credit_tiers), the watermelon check, and the instant a clock's
-- outcome belongs to for period reports
-- ---------------------------------------------------------------------

-- Breaches the goal allows among the closed clocks of a summary, exact:
-- floor((met + breached) * (1 - goal)), with the goal in millionths.
CREATE FUNCTION slm.allowed_breaches(c slm.compliance) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT div((slm.met(c) + slm.breached(c))::numeric
           * (1000000 - round(slm.goal(c) * 1000000)::bigint), 1000000)::bigint
$$;
COMMENT ON FUNCTION slm.allowed_breaches(slm.compliance) IS
    'Breaches the goal allows among the closed clocks: floor((met + breached) * (1 - goal)), exact; NULL without a single goal';

CREATE FUNCTION slm.allowed_breaches(c slm.compliance, goal float8) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT (goal > 0 AND goal <= 1) THEN
        RAISE EXCEPTION 'goal must be a fraction in (0, 1], not %', goal
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Write 99.5% as 0.995.';
    END IF;
    RETURN div((slm.met(c) + slm.breached(c))::numeric
               * (1000000 - round(goal * 1000000)::bigint), 1000000)::bigint;
END
$$;
COMMENT ON FUNCTION slm.allowed_breaches(slm.compliance, float8) IS
    'Breaches the given goal (a fraction, kept to six decimals) allows among the closed clocks';

CREATE FUNCTION slm.breaches_left(c slm.compliance) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT slm.allowed_breaches(c) - slm.breached(c)
$$;
COMMENT ON FUNCTION slm.breaches_left(slm.compliance) IS
    'Allowed breaches minus breaches: how many more the goal tolerates; negative when overspent';

CREATE FUNCTION slm.breaches_left(c slm.compliance, goal float8) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT slm.allowed_breaches(c, goal) - slm.breached(c)
$$;
COMMENT ON FUNCTION slm.breaches_left(slm.compliance, float8) IS
    'Breaches left against the given goal; negative when overspent';

-- slm.credit_tiers: a schedule of service credits

CREATE TYPE slm.credit_tiers;

CREATE FUNCTION slm.credit_tiers_in(cstring) RETURNS slm.credit_tiers
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.credit_tiers_out(slm.credit_tiers) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.credit_tiers_recv(internal) RETURNS slm.credit_tiers
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.credit_tiers_send(slm.credit_tiers) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.credit_tiers_in(cstring) IS 'Text input of slm.credit_tiers';
COMMENT ON FUNCTION slm.credit_tiers_out(slm.credit_tiers) IS 'Canonical text output of slm.credit_tiers';
COMMENT ON FUNCTION slm.credit_tiers_recv(internal) IS 'Binary input of slm.credit_tiers (checked like text input)';
COMMENT ON FUNCTION slm.credit_tiers_send(slm.credit_tiers) IS 'Binary output of slm.credit_tiers (a version byte first)';

CREATE TYPE slm.credit_tiers (
    INPUT = slm.credit_tiers_in,
    OUTPUT = slm.credit_tiers_out,
    RECEIVE = slm.credit_tiers_recv,
    SEND = slm.credit_tiers_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = plain
);
COMMENT ON TYPE slm.credit_tiers IS
    'A service credit schedule: tiers of a threshold and the credit owed below it, as in ''< 99.9% 10%, < 99% 25%''';

CREATE FUNCTION slm.credit_tiers_eq(a slm.credit_tiers, b slm.credit_tiers) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.credit_tiers_ne(a slm.credit_tiers, b slm.credit_tiers) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.credit_tiers_hash(tiers slm.credit_tiers) RETURNS integer
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.credit_tiers_eq(slm.credit_tiers, slm.credit_tiers) IS
    'Schedules are equal (the same tiers)';
COMMENT ON FUNCTION slm.credit_tiers_ne(slm.credit_tiers, slm.credit_tiers) IS 'Schedules differ';
COMMENT ON FUNCTION slm.credit_tiers_hash(slm.credit_tiers) IS 'hash support: hash of the tiers';

CREATE OPERATOR slm.= (
    LEFTARG = slm.credit_tiers, RIGHTARG = slm.credit_tiers, PROCEDURE = slm.credit_tiers_eq,
    COMMUTATOR = OPERATOR(slm.=), NEGATOR = OPERATOR(slm.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
CREATE OPERATOR slm.<> (
    LEFTARG = slm.credit_tiers, RIGHTARG = slm.credit_tiers, PROCEDURE = slm.credit_tiers_ne,
    COMMUTATOR = OPERATOR(slm.<>), NEGATOR = OPERATOR(slm.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR slm.= (slm.credit_tiers, slm.credit_tiers) IS 'Schedules are equal (the same tiers)';
COMMENT ON OPERATOR slm.<> (slm.credit_tiers, slm.credit_tiers) IS 'Schedules differ';
CREATE OPERATOR CLASS slm.credit_tiers_hash_ops DEFAULT FOR TYPE slm.credit_tiers USING hash AS
    OPERATOR 1 slm.=, FUNCTION 1 slm.credit_tiers_hash(slm.credit_tiers);
COMMENT ON OPERATOR CLASS slm.credit_tiers_hash_ops USING hash IS
    'Grouping, hash joins and hash indexes on credit schedules';

CREATE FUNCTION slm.credit(tiers slm.credit_tiers, achieved float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_credit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.credit(slm.credit_tiers, float8) IS
    'Credit owed as a fraction of the price: that of the lowest tier whose threshold is above achieved (0 to 1); 0 when none is';
CREATE FUNCTION slm.credit(tiers slm.credit_tiers, achieved float8, price numeric) RETURNS numeric
    AS 'MODULE_PATHNAME', 'slm_credit_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.credit(slm.credit_tiers, float8, numeric) IS
    'Amount owed: price times the credit, exact, with at least the decimals of the price';
CREATE FUNCTION slm.credit(tiers slm.credit_tiers, c slm.compliance) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT slm.credit(tiers, slm.compliance(c))
$$;
COMMENT ON FUNCTION slm.credit(slm.credit_tiers, slm.compliance) IS
    'Credit owed for the compliance of a summary; NULL when no clock is closed';
CREATE FUNCTION slm.credit(tiers slm.credit_tiers, c slm.compliance, price numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT slm.credit(tiers, slm.compliance(c), price)
$$;
COMMENT ON FUNCTION slm.credit(slm.credit_tiers, slm.compliance, numeric) IS
    'Amount owed for the compliance of a summary; NULL when no clock is closed';

-- The watermelon check: green on the SLA report, red for the customers.
CREATE FUNCTION slm.watermelon(c slm.compliance, csat slm.csat, nps slm.nps DEFAULT NULL,
                               min_csat float8 DEFAULT 0.8, min_nps float8 DEFAULT 0,
                               min_responses bigint DEFAULT 10)
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    judged boolean := false;
BEGIN
    IF NOT (min_csat >= 0 AND min_csat <= 1) THEN
        RAISE EXCEPTION 'min_csat must be a fraction between 0 and 1, not %', min_csat
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Write 80% as 0.8.';
    END IF;
    IF NOT (min_nps >= -100 AND min_nps <= 100) THEN
        RAISE EXCEPTION 'min_nps must be between -100 and 100, not %', min_nps
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'An NPS is the percentage of promoters minus that of detractors.';
    END IF;
    IF min_responses < 1 THEN
        RAISE EXCEPTION 'min_responses must be at least 1, not %', min_responses
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF c IS NULL OR min_csat IS NULL OR min_nps IS NULL OR min_responses IS NULL
       OR slm.goal_met(c) IS NULL THEN
        RETURN NULL;
    END IF;
    IF NOT slm.goal_met(c) THEN
        RETURN false;
    END IF;
    IF csat IS NOT NULL AND slm.responses(csat) >= min_responses THEN
        IF slm.satisfied(csat) < min_csat::numeric * slm.responses(csat) THEN
            RETURN true;
        END IF;
        judged := true;
    END IF;
    IF nps IS NOT NULL AND slm.responses(nps) >= min_responses THEN
        IF 100 * (slm.promoters(nps) - slm.detractors(nps))::numeric
           < min_nps::numeric * slm.responses(nps) THEN
            RETURN true;
        END IF;
        judged := true;
    END IF;
    IF judged THEN
        RETURN false;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION slm.watermelon(slm.compliance, slm.csat, slm.nps, float8, float8, bigint) IS
    'Goal met but customers dissatisfied: true when slm.goal_met and CSAT < min_csat or NPS < min_nps (surveys of at least min_responses answers); false when satisfied or the goal is missed; NULL when it cannot be judged';

-- The instant a clock's outcome belongs to, for reports by period: the
-- stop of a met clock, the deadline of a breached one (stopped or running
-- at at), NULL while undecided or when stop is before start.
CREATE FUNCTION slm.attribution_instant(target slm.target, start timestamptz, stop timestamptz,
                                        at timestamptz)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN stop < start THEN NULL
            ELSE CASE slm.status(target, start, stop, at)
                 WHEN 'met' THEN stop
                 WHEN 'breached' THEN slm.deadline(target, start)
                 END
       END
$$;
COMMENT ON FUNCTION slm.attribution_instant(slm.target, timestamptz, timestamptz, timestamptz) IS
    'The instant a clock''s outcome belongs to: the stop when met, the deadline when breached (judged at at while running); NULL while undecided';
CREATE FUNCTION slm.attribution_instant(target slm.target, start timestamptz, stop timestamptz,
                                        at timestamptz, paused tstzmultirange)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN stop < start THEN NULL
            ELSE CASE slm.status(target, start, stop, at, paused)
                 WHEN 'met' THEN stop
                 WHEN 'breached' THEN slm.deadline(target, start, paused)
                 END
       END
$$;
COMMENT ON FUNCTION slm.attribution_instant(slm.target, timestamptz, timestamptz, timestamptz, tstzmultirange) IS
    'As attribution_instant, with paused time not counting (NULL paused: no pause)';
