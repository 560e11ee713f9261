-- ---------------------------------------------------------------------
-- Underpinning: does a chain of OLAs and contracts support an SLA?
-- ---------------------------------------------------------------------

CREATE FUNCTION slm.underpinning(sla slm.target, chain slm.target[], starts tstzrange,
                                 OUT holds boolean, OUT worst_slack interval,
                                 OUT worst_start timestamptz, OUT fit float8)
    RETURNS record
    AS 'MODULE_PATHNAME', 'slm_underpinning' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.underpinning(slm.target, slm.target[], tstzrange) IS
    'Whether the chain of targets, each stage starting at the previous stage''s deadline, ends by the SLA''s deadline for every start in the range; the least slack (business time on the SLA''s calendar, negative when overrun, NULL when a stage never ends), the earliest start with it, and the share of the SLA''s business time in the range whose starts are supported';

CREATE FUNCTION slm.underpinning_gaps(sla slm.target, chain slm.target[], starts tstzrange)
    RETURNS TABLE (gap tstzrange, worst_slack interval, worst_start timestamptz)
    AS 'MODULE_PATHNAME', 'slm_underpinning_gaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    ROWS 10;
COMMENT ON FUNCTION slm.underpinning_gaps(slm.target, slm.target[], tstzrange) IS
    'The maximal ranges of starts for which the chain of targets does not end by the SLA''s deadline, with the least slack in each and the earliest start with it';
