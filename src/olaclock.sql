-- ---------------------------------------------------------------------
-- Clocks over held time: the time one support group held a ticket, over
-- any number of stints, as a tstzmultirange. Each is the start/stop/paused
-- form with start = lower(held), stop = upper(held) when stopped, and the
-- gaps between the ranges paused.
-- ---------------------------------------------------------------------

CREATE FUNCTION slm.held_deadline(target slm.target, held tstzmultirange) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_held_deadline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.held_deadline(slm.target, tstzmultirange) IS
    'Deadline of a clock that runs only inside held: slm.deadline(target, lower(held), gaps between its ranges); NULL for an empty held';
CREATE FUNCTION slm.held_elapsed(target slm.target, held tstzmultirange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_held_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.held_elapsed(slm.target, tstzmultirange) IS
    'Business time inside held on the target''s calendar: slm.elapsed(target, lower(held), upper(held), gaps between its ranges); NULL for an empty held';
CREATE FUNCTION slm.held_status(target slm.target, held tstzmultirange, stopped boolean, at timestamptz)
    RETURNS text
    AS 'MODULE_PATHNAME', 'slm_held_status' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.held_status(slm.target, tstzmultirange, boolean, timestamptz) IS
    'Status of a clock that runs only inside held: slm.status(target, lower(held), upper(held) when stopped else NULL, at, gaps between its ranges)';

CREATE FUNCTION slm.held_compliance_agg_trans(slm.compliance, slm.target, tstzmultirange, boolean)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_held_compliance_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.held_compliance_agg_trans(slm.compliance, slm.target, tstzmultirange, boolean,
                                              timestamptz)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_held_compliance_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.held_compliance_agg_trans(slm.compliance, slm.target, tstzmultirange, boolean) IS
    'Transition function of slm.held_compliance_agg(target, held, stopped)';
COMMENT ON FUNCTION slm.held_compliance_agg_trans(slm.compliance, slm.target, tstzmultirange, boolean,
                                                  timestamptz) IS
    'Transition function of slm.held_compliance_agg(target, held, stopped, at)';

CREATE AGGREGATE slm.held_compliance_agg(target slm.target, held tstzmultirange, stopped boolean) (
    SFUNC = slm.held_compliance_agg_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.held_compliance_agg(slm.target, tstzmultirange, boolean) IS
    'Summary of clocks that run only inside held, as slm.compliance_agg(target, lower(held), upper(held) when stopped else NULL, gaps); NULL or empty held skipped; no lower bound, or no upper bound when stopped, invalid';
CREATE AGGREGATE slm.held_compliance_agg(target slm.target, held tstzmultirange, stopped boolean,
                                         at timestamptz) (
    SFUNC = slm.held_compliance_agg_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.held_compliance_agg(slm.target, tstzmultirange, boolean, timestamptz) IS
    'Summary of clocks over held time judged at instant at: an open clock past its deadline counts as breached';
