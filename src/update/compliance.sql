
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
