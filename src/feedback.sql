
-- ----------------------------------------------------------------------
-- Customer feedback: CSAT and NPS (src/feedback.c)
-- ----------------------------------------------------------------------

-- CSAT summary type.

CREATE TYPE slm.csat;

CREATE FUNCTION slm.csat_in(cstring) RETURNS slm.csat
    AS 'MODULE_PATHNAME', 'slm_csat_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.csat_in(cstring) IS
    'Text input of slm.csat';

CREATE FUNCTION slm.csat_out(slm.csat) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_csat_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.csat_out(slm.csat) IS
    'Text output of slm.csat';

CREATE FUNCTION slm.csat_recv(internal) RETURNS slm.csat
    AS 'MODULE_PATHNAME', 'slm_csat_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.csat_recv(internal) IS
    'Binary input of slm.csat';

CREATE FUNCTION slm.csat_send(slm.csat) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_csat_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.csat_send(slm.csat) IS
    'Binary output of slm.csat';

CREATE TYPE slm.csat (
    INPUT = slm.csat_in,
    OUTPUT = slm.csat_out,
    RECEIVE = slm.csat_recv,
    SEND = slm.csat_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE slm.csat IS
    'Summary of customer satisfaction scores on one 1..scale rating: answers, satisfied answers (top two boxes), the sum of the scores and invalid rows';

-- CSAT aggregate and support functions.

CREATE FUNCTION slm.csat_agg_trans(slm.csat, integer) RETURNS slm.csat
    AS 'MODULE_PATHNAME', 'slm_csat_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.csat_agg_trans(slm.csat, integer) IS
    'Transition function of slm.csat_agg(integer)';

CREATE FUNCTION slm.csat_agg_trans(slm.csat, integer, integer) RETURNS slm.csat
    AS 'MODULE_PATHNAME', 'slm_csat_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.csat_agg_trans(slm.csat, integer, integer) IS
    'Transition function of slm.csat_agg(integer, integer)';

CREATE FUNCTION slm.csat_agg_combine(slm.csat, slm.csat) RETURNS slm.csat
    AS 'MODULE_PATHNAME', 'slm_csat_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.csat_agg_combine(slm.csat, slm.csat) IS
    'Merges two CSAT summaries on the same scale (NULL is ignored, and a summary whose rows all had a scale below 3 merges with any); combine function of slm.csat_agg and transition of slm.rollup';

CREATE AGGREGATE slm.csat_agg(score integer) (
    SFUNC = slm.csat_agg_trans,
    STYPE = slm.csat,
    COMBINEFUNC = slm.csat_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.csat_agg(integer) IS
    'Summarises customer satisfaction scores on a 1..5 scale (NULL scores are ignored, scores outside 1..5 counted as invalid)';

CREATE AGGREGATE slm.csat_agg(score integer, scale integer) (
    SFUNC = slm.csat_agg_trans,
    STYPE = slm.csat,
    COMBINEFUNC = slm.csat_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.csat_agg(integer, integer) IS
    'Summarises customer satisfaction scores on a 1..scale scale, the same for every row (NULL scores are ignored; a score outside 1..scale or a scale below 3 is counted as invalid)';

CREATE AGGREGATE slm.rollup(slm.csat) (
    SFUNC = slm.csat_agg_combine,
    STYPE = slm.csat,
    COMBINEFUNC = slm.csat_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.rollup(slm.csat) IS
    'Merges CSAT summaries on one scale into one, as if their rows had been summarised together';

-- CSAT accessors.

CREATE FUNCTION slm.csat(c slm.csat) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_csat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.csat(slm.csat) IS
    'CSAT: share of satisfied answers (score >= scale - 1), 0 to 1';

CREATE FUNCTION slm.mean(c slm.csat) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.mean(slm.csat) IS
    'Mean satisfaction score';

CREATE FUNCTION slm.responses(c slm.csat) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_csat_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.responses(slm.csat) IS
    'Number of satisfaction scores';

CREATE FUNCTION slm.satisfied(c slm.csat) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_satisfied' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.satisfied(slm.csat) IS
    'Number of satisfied answers (score >= scale - 1)';

CREATE FUNCTION slm.invalid(c slm.csat) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_csat_invalid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.invalid(slm.csat) IS
    'Rows left out because the score was outside 1..scale or the scale below 3';

-- NPS summary type.

CREATE TYPE slm.nps;

CREATE FUNCTION slm.nps_in(cstring) RETURNS slm.nps
    AS 'MODULE_PATHNAME', 'slm_nps_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.nps_in(cstring) IS
    'Text input of slm.nps';

CREATE FUNCTION slm.nps_out(slm.nps) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_nps_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.nps_out(slm.nps) IS
    'Text output of slm.nps';

CREATE FUNCTION slm.nps_recv(internal) RETURNS slm.nps
    AS 'MODULE_PATHNAME', 'slm_nps_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.nps_recv(internal) IS
    'Binary input of slm.nps';

CREATE FUNCTION slm.nps_send(slm.nps) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_nps_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.nps_send(slm.nps) IS
    'Binary output of slm.nps';

CREATE TYPE slm.nps (
    INPUT = slm.nps_in,
    OUTPUT = slm.nps_out,
    RECEIVE = slm.nps_recv,
    SEND = slm.nps_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE slm.nps IS
    'Summary of Net Promoter Score answers (0..10): promoters, passives, detractors and invalid rows';

-- NPS aggregate and support functions.

CREATE FUNCTION slm.nps_agg_trans(slm.nps, integer) RETURNS slm.nps
    AS 'MODULE_PATHNAME', 'slm_nps_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.nps_agg_trans(slm.nps, integer) IS
    'Transition function of slm.nps_agg(integer)';

CREATE FUNCTION slm.nps_agg_combine(slm.nps, slm.nps) RETURNS slm.nps
    AS 'MODULE_PATHNAME', 'slm_nps_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.nps_agg_combine(slm.nps, slm.nps) IS
    'Merges two NPS summaries (NULL is ignored); combine function of slm.nps_agg and transition of slm.rollup';

CREATE AGGREGATE slm.nps_agg(score integer) (
    SFUNC = slm.nps_agg_trans,
    STYPE = slm.nps,
    COMBINEFUNC = slm.nps_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.nps_agg(integer) IS
    'Summarises Net Promoter Score answers 0 to 10 (NULL scores are ignored, scores outside 0..10 counted as invalid)';

CREATE AGGREGATE slm.rollup(slm.nps) (
    SFUNC = slm.nps_agg_combine,
    STYPE = slm.nps,
    COMBINEFUNC = slm.nps_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.rollup(slm.nps) IS
    'Merges NPS summaries into one, as if their rows had been summarised together';

-- NPS accessors.

CREATE FUNCTION slm.nps(n slm.nps) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_nps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.nps(slm.nps) IS
    'Net Promoter Score: percentage of promoters minus percentage of detractors, -100 to 100';

CREATE FUNCTION slm.promoters(n slm.nps) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.promoters(slm.nps) IS
    'Number of promoters (answers 9 and 10)';

CREATE FUNCTION slm.passives(n slm.nps) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.passives(slm.nps) IS
    'Number of passives (answers 7 and 8)';

CREATE FUNCTION slm.detractors(n slm.nps) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.detractors(slm.nps) IS
    'Number of detractors (answers 0 to 6)';

CREATE FUNCTION slm.responses(n slm.nps) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_nps_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.responses(slm.nps) IS
    'Number of NPS answers';

CREATE FUNCTION slm.invalid(n slm.nps) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_nps_invalid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.invalid(slm.nps) IS
    'Rows left out because the score was outside 0..10';
