
-- ---------------------------------------------------------------------
-- slm.compliance
-- ---------------------------------------------------------------------

-- Rows that cannot be judged are counted as invalid instead of raising an
-- error. Summaries stored by 0.1.0 (format version 1) are read as having
-- no invalid rows.
COMMENT ON TYPE slm.compliance IS
    'A compliance summary: met, breached, open and invalid counts, the targets'' goal, and the business time the stopped clocks took';
COMMENT ON AGGREGATE slm.compliance_agg(slm.target, timestamptz, timestamptz) IS
    'Summary of clocks: met or breached when stopped, open when stop is NULL, invalid when stop is before start; rows with a NULL target or start are skipped';
COMMENT ON FUNCTION slm.total(slm.compliance) IS 'Rows judged: met + breached + open (invalid rows are not counted)';
CREATE FUNCTION slm.invalid(slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_invalid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.invalid(slm.compliance) IS
    'Rows that could not be judged (a stop before the start, an infinite instant), outside met, breached and open';

-- Arguments named as the documentation names them (adding names to
-- unnamed arguments keeps every existing call valid).
CREATE OR REPLACE FUNCTION slm.total(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.met(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_met' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.breached(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_breached' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.open(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.invalid(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_invalid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.goal(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_goal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.goal_met(c slm.compliance) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_compliance_goal_met' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.error_budget(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_error_budget' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.error_budget(c slm.compliance, goal float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_error_budget' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.burn_rate(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_burn_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.burn_rate(c slm.compliance, goal float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_burn_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.mean_elapsed(c slm.compliance) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_compliance_mean_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.max_elapsed(c slm.compliance) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_compliance_max_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Support functions of the aggregates follow one naming scheme,
-- <aggregate>_trans, <aggregate>_combine and <aggregate>_final, and so do
-- their C functions (prefixed slm_). The aggregates refer to their support
-- functions by OID and keep working when these are renamed; CREATE OR
-- REPLACE then points each at its new C name. The old C names stay in the
-- library for installations not yet upgraded.
ALTER FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz)
    RENAME TO compliance_agg_trans;
ALTER FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, tstzmultirange)
    RENAME TO compliance_agg_trans;
ALTER FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz)
    RENAME TO compliance_agg_trans;
ALTER FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz,
                                    tstzmultirange)
    RENAME TO compliance_agg_trans;
ALTER FUNCTION slm.compliance_trans(slm.compliance, boolean) RENAME TO compliance_agg_trans;
ALTER FUNCTION slm.compliance_combine(slm.compliance, slm.compliance) RENAME TO compliance_agg_combine;
CREATE OR REPLACE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz,
                                                    tstzmultirange)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz,
                                                    timestamptz)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans_at' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz,
                                                    timestamptz, tstzmultirange)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans_at' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance_agg_trans(slm.compliance, boolean) RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans_met' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance_agg_combine(slm.compliance, slm.compliance) RETURNS slm.compliance
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
