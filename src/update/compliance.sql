
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
