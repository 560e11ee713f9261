-- ---------------------------------------------------------------------
-- slm.durations: the distribution of the business time stopped clocks
-- took, built by slm.durations_agg, read by accessors, merged by
-- slm.rollup
-- ---------------------------------------------------------------------

CREATE TYPE slm.durations;

CREATE FUNCTION slm.durations_in(literal cstring) RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.durations_out(summary slm.durations) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_durations_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.durations_recv(buffer internal) RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.durations_send(summary slm.durations) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_durations_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.durations_in(cstring) IS 'Text input of slm.durations (checked: sorted buckets, counts, min and max)';
COMMENT ON FUNCTION slm.durations_out(slm.durations) IS 'Canonical text output of slm.durations';
COMMENT ON FUNCTION slm.durations_recv(internal) IS 'Binary input of slm.durations (checked like text input)';
COMMENT ON FUNCTION slm.durations_send(slm.durations) IS 'Binary output of slm.durations (a version byte first)';

CREATE TYPE slm.durations (
    INPUT = slm.durations_in,
    OUTPUT = slm.durations_out,
    RECEIVE = slm.durations_recv,
    SEND = slm.durations_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE slm.durations IS
    'A durations summary: the distribution of the business time stopped clocks took (within 1%), and counts of running clocks and invalid rows';

-- transition, combine and final functions of the aggregates
CREATE FUNCTION slm.durations_agg_trans(state slm.durations, target slm.target, start timestamptz, stop timestamptz)
    RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.durations_agg_trans(state slm.durations, target slm.target, start timestamptz, stop timestamptz,
                                        paused tstzmultirange)
    RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.durations_agg_combine(a slm.durations, b slm.durations) RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.durations_agg_final(state slm.durations) RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.durations_agg_trans(slm.durations, slm.target, timestamptz, timestamptz) IS
    'Transition function of slm.durations_agg(target, start, stop)';
COMMENT ON FUNCTION slm.durations_agg_trans(slm.durations, slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Transition function of slm.durations_agg(target, start, stop, paused)';
COMMENT ON FUNCTION slm.durations_agg_combine(slm.durations, slm.durations) IS
    'Merges two summaries (NULL is the summary of no rows); combine function of the durations aggregates';
COMMENT ON FUNCTION slm.durations_agg_final(slm.durations) IS
    'Final function of the durations aggregates: the summary in its compact stored form';

-- the aggregates
CREATE AGGREGATE slm.durations_agg(target slm.target, start timestamptz, stop timestamptz) (
    SFUNC = slm.durations_agg_trans,
    STYPE = slm.durations,
    FINALFUNC = slm.durations_agg_final,
    COMBINEFUNC = slm.durations_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.durations_agg(slm.target, timestamptz, timestamptz) IS
    'Distribution of the business time stopped clocks took; running (stop NULL) and invalid (stop before start) rows counted apart; rows with a NULL target or start skipped';
CREATE AGGREGATE slm.durations_agg(target slm.target, start timestamptz, stop timestamptz,
                                   paused tstzmultirange) (
    SFUNC = slm.durations_agg_trans,
    STYPE = slm.durations,
    FINALFUNC = slm.durations_agg_final,
    COMBINEFUNC = slm.durations_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.durations_agg(slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Distribution of the business time stopped clocks took, paused time not counting (NULL paused: no pause)';
CREATE AGGREGATE slm.rollup(slm.durations) (
    SFUNC = slm.durations_agg_combine,
    STYPE = slm.durations,
    FINALFUNC = slm.durations_agg_final,
    COMBINEFUNC = slm.durations_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.rollup(slm.durations) IS
    'Merges durations summaries into one, exactly as one pass over all their rows';

-- accessors
CREATE FUNCTION slm.quantile(summary slm.durations, p float8) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_durations_quantile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.quantile(slm.durations, float8) IS
    'Business time of the stopped clock at rank max(1, ceil(p * n)), as percentile_disc(p), within 1%; NULL without stopped clocks';
CREATE FUNCTION slm.share_within(summary slm.durations, duration interval) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_durations_share_within' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.share_within(slm.durations, interval) IS
    'Share of the stopped clocks that took at most duration (the compliance a target of that duration would have had); NULL without stopped clocks';
CREATE FUNCTION slm.achievable(summary slm.durations, goal float8) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_durations_achievable' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.achievable(slm.durations, float8) IS
    'Shortest duration that at least the goal share of the stopped clocks met, within 1%; NULL without stopped clocks';
CREATE FUNCTION slm.total(summary slm.durations) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_durations_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.total(slm.durations) IS 'Clocks summarized: stopped + running (invalid rows not included)';
CREATE FUNCTION slm.running(summary slm.durations) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_durations_running' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.running(slm.durations) IS 'Clocks still running (no stop), not in the distribution';
CREATE FUNCTION slm.invalid(summary slm.durations) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_durations_invalid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.invalid(slm.durations) IS
    'Rows skipped as impossible clocks: a stop before the start, or an infinite start or stop';
