
-- ----------------------------------------------------------------------
-- Customer feedback: CSAT and NPS (src/feedback.c)
-- ----------------------------------------------------------------------

-- Scores out of range are counted as invalid instead of stopping the
-- aggregate. The stored forms changed (version 2); values of version 1 are
-- converted when read.

CREATE FUNCTION slm.invalid(c slm.csat)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_csat_invalid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.invalid(slm.csat) IS
'Rows left out because the score was outside 1..scale or the scale below 3';

CREATE FUNCTION slm.invalid(n slm.nps)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_nps_invalid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.invalid(slm.nps) IS
'Rows left out because the score was outside 0..10';

COMMENT ON TYPE slm.csat IS
'Summary of customer satisfaction scores on one 1..scale rating: answers, satisfied answers (top two boxes), the sum of the scores and invalid rows';

COMMENT ON AGGREGATE slm.csat_agg(integer) IS
'Summarises customer satisfaction scores on a 1..5 scale (NULL scores are ignored, scores outside 1..5 counted as invalid)';

COMMENT ON AGGREGATE slm.csat_agg(integer, integer) IS
'Summarises customer satisfaction scores on a 1..scale scale, the same for every row (NULL scores are ignored; a score outside 1..scale or a scale below 3 is counted as invalid)';

COMMENT ON FUNCTION slm.csat_combine(slm.csat, slm.csat) IS
'Merges two CSAT summaries on the same scale (NULL is ignored, and a summary whose rows all had a scale below 3 merges with any); combine function of slm.csat_agg and transition of slm.rollup';

COMMENT ON TYPE slm.nps IS
'Summary of Net Promoter Score answers (0..10): promoters, passives, detractors and invalid rows';

COMMENT ON AGGREGATE slm.nps_agg(integer) IS
'Summarises Net Promoter Score answers 0 to 10 (NULL scores are ignored, scores outside 0..10 counted as invalid)';

-- Support functions of the aggregates follow one naming scheme,
-- <aggregate>_trans, <aggregate>_combine and <aggregate>_final, and so do
-- their C functions (prefixed slm_). The aggregates refer to their support
-- functions by OID and keep working when these are renamed; CREATE OR
-- REPLACE then points each at its new C name. The old C names stay in the
-- library for installations not yet upgraded.
ALTER FUNCTION slm.csat_combine(slm.csat, slm.csat) RENAME TO csat_agg_combine;
CREATE OR REPLACE FUNCTION slm.csat_agg_combine(slm.csat, slm.csat) RETURNS slm.csat
    AS 'MODULE_PATHNAME', 'slm_csat_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.csat_agg_combine(slm.csat, slm.csat) IS
    'Merges two CSAT summaries on the same scale (NULL is ignored, and a summary whose rows all had a scale below 3 merges with any); combine function of slm.csat_agg and transition of slm.rollup';

ALTER FUNCTION slm.nps_combine(slm.nps, slm.nps) RENAME TO nps_agg_combine;
CREATE OR REPLACE FUNCTION slm.nps_agg_combine(slm.nps, slm.nps) RETURNS slm.nps
    AS 'MODULE_PATHNAME', 'slm_nps_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.nps_agg_combine(slm.nps, slm.nps) IS
    'Merges two NPS summaries (NULL is ignored); combine function of slm.nps_agg and transition of slm.rollup';
