-- ---------------------------------------------------------------------
-- slm.compliance: a summary of met, breached and open clocks, built by
-- slm.compliance_agg, read by accessors, merged by slm.rollup
-- ---------------------------------------------------------------------

CREATE TYPE slm.compliance;

CREATE FUNCTION slm.compliance_in(cstring) RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.compliance_out(slm.compliance) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_compliance_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.compliance_recv(internal) RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.compliance_send(slm.compliance) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_compliance_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.compliance_in(cstring) IS 'Text input of slm.compliance';
COMMENT ON FUNCTION slm.compliance_out(slm.compliance) IS 'Canonical text output of slm.compliance';
COMMENT ON FUNCTION slm.compliance_recv(internal) IS 'Binary input of slm.compliance (checked like text input)';
COMMENT ON FUNCTION slm.compliance_send(slm.compliance) IS 'Binary output of slm.compliance (a version byte first)';

CREATE TYPE slm.compliance (
    INPUT = slm.compliance_in,
    OUTPUT = slm.compliance_out,
    RECEIVE = slm.compliance_recv,
    SEND = slm.compliance_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE slm.compliance IS
    'A compliance summary: met, breached, open and invalid counts, the targets'' goal, and the business time the stopped clocks took';

-- transition and combine functions of the aggregates
CREATE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz, tstzmultirange)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans_at' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz,
                                         tstzmultirange)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans_at' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.compliance_agg_trans(slm.compliance, boolean) RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans_met' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.compliance_agg_combine(slm.compliance, slm.compliance) RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz) IS
    'Transition function of slm.compliance_agg(target, start, stop)';
COMMENT ON FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Transition function of slm.compliance_agg(target, start, stop, paused)';
COMMENT ON FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz) IS
    'Transition function of slm.compliance_agg(target, start, stop, at)';
COMMENT ON FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz,
                                             tstzmultirange) IS
    'Transition function of slm.compliance_agg(target, start, stop, at, paused)';
COMMENT ON FUNCTION slm.compliance_agg_trans(slm.compliance, boolean) IS
    'Transition function of slm.compliance_agg(met)';
COMMENT ON FUNCTION slm.compliance_agg_combine(slm.compliance, slm.compliance) IS
    'Merges two summaries (NULL is the summary of no rows); combine function of the summary aggregates';

-- the aggregates
CREATE AGGREGATE slm.compliance_agg(target slm.target, start timestamptz, stop timestamptz) (
    SFUNC = slm.compliance_agg_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.compliance_agg(slm.target, timestamptz, timestamptz) IS
    'Summary of clocks: met or breached when stopped, open when stop is NULL, invalid when stop is before start; rows with a NULL target or start are skipped';
CREATE AGGREGATE slm.compliance_agg(target slm.target, start timestamptz, stop timestamptz,
                                    paused tstzmultirange) (
    SFUNC = slm.compliance_agg_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.compliance_agg(slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Summary of clocks with paused time not counting (NULL paused: no pause)';
CREATE AGGREGATE slm.compliance_agg(target slm.target, start timestamptz, stop timestamptz,
                                    at timestamptz) (
    SFUNC = slm.compliance_agg_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.compliance_agg(slm.target, timestamptz, timestamptz, timestamptz) IS
    'Summary of clocks judged at instant at: an open clock past its deadline counts as breached (NULL at: open)';
CREATE AGGREGATE slm.compliance_agg(target slm.target, start timestamptz, stop timestamptz,
                                    at timestamptz, paused tstzmultirange) (
    SFUNC = slm.compliance_agg_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.compliance_agg(slm.target, timestamptz, timestamptz, timestamptz, tstzmultirange) IS
    'Summary of clocks judged at instant at, paused time not counting';
CREATE AGGREGATE slm.compliance_agg(met boolean) (
    SFUNC = slm.compliance_agg_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.compliance_agg(boolean) IS
    'Summary of met flags: true is met, false breached, NULL open';
CREATE AGGREGATE slm.rollup(slm.compliance) (
    SFUNC = slm.compliance_agg_combine,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.rollup(slm.compliance) IS
    'Merges compliance summaries into one, exactly as one pass over all their rows';

-- accessors
CREATE FUNCTION slm.total(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.total(slm.compliance) IS 'Rows judged: met + breached + open (invalid rows are not counted)';
CREATE FUNCTION slm.met(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_met' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.met(slm.compliance) IS 'Rows that met their target';
CREATE FUNCTION slm.breached(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_breached' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.breached(slm.compliance) IS 'Rows that breached their target';
CREATE FUNCTION slm.open(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.open(slm.compliance) IS 'Rows still running and not (yet) breached';
CREATE FUNCTION slm.invalid(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_invalid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.invalid(slm.compliance) IS
    'Rows that could not be judged (a stop before the start, an infinite instant), outside met, breached and open';
CREATE FUNCTION slm.compliance(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.compliance(slm.compliance) IS
    'Compliance: met / (met + breached); NULL when no row is closed';
CREATE FUNCTION slm.goal(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_goal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.goal(slm.compliance) IS
    'The goal of the rows'' targets as a fraction; NULL when they have none or different ones';
CREATE FUNCTION slm.goal_met(c slm.compliance) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_compliance_goal_met' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.goal_met(slm.compliance) IS
    'Compliance is at or above the goal (exact); NULL without a goal or a closed row';
CREATE FUNCTION slm.error_budget(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_error_budget' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.error_budget(slm.compliance) IS
    'Share of the allowed breaches still unused: 1 - breach rate / (1 - goal); negative when overspent';
CREATE FUNCTION slm.error_budget(c slm.compliance, goal float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_error_budget' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.error_budget(slm.compliance, float8) IS
    'Error budget left against the given goal (a fraction, kept to six decimals)';
CREATE FUNCTION slm.burn_rate(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_burn_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.burn_rate(slm.compliance) IS
    'Burn rate: breach rate / (1 - goal); 1 spends the budget exactly over the window';
CREATE FUNCTION slm.burn_rate(c slm.compliance, goal float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_burn_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.burn_rate(slm.compliance, float8) IS
    'Burn rate against the given goal (a fraction, kept to six decimals)';
CREATE FUNCTION slm.mean_elapsed(c slm.compliance) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_compliance_mean_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.mean_elapsed(slm.compliance) IS
    'Mean business time of the stopped clocks (paused time excluded), to the microsecond';
CREATE FUNCTION slm.max_elapsed(c slm.compliance) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_compliance_max_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.max_elapsed(slm.compliance) IS
    'Longest business time of the stopped clocks (paused time excluded)';
