
-- ----------------------------------------------------------------------
-- Kano questionnaire analysis (src/kano.c)
-- ----------------------------------------------------------------------

-- Rows that cannot be judged are counted as invalid instead of stopping the
-- aggregate; importance sums are exact. The stored form changed (version 2);
-- values of version 1 are converted when read.

CREATE FUNCTION slm.invalid(k slm.kano)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_kano_invalid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.invalid(slm.kano) IS
'Rows left out because a value could not be judged: an answer that is not one, or an importance that is negative, NaN or above 10^12';

COMMENT ON FUNCTION slm.kano_category(text, text, text) IS
'Kano category (A, O, M, I, R or Q) of a functional and a dysfunctional answer given as labels (like, must-be, neutral, live-with, dislike, the wordings of Berger et al. such as I like it that way, or a synonym); table standard or pouliot';

COMMENT ON TYPE slm.kano IS
'Summary of Kano questionnaire answers for one feature: category counts, answer distributions, skipped and invalid rows and exact importance sums';

COMMENT ON AGGREGATE slm.kano_agg(integer, integer) IS
'Summarises Kano answers coded 1 to 5 (rows with a NULL answer are counted as skipped, rows with another code as invalid)';

COMMENT ON AGGREGATE slm.kano_agg(integer, integer, float8) IS
'Summarises Kano answers coded 1 to 5 with each respondent''s self-stated importance (NULL if not given; rounded to the millionth; rows with another code, or an importance that is negative, NaN or above 10^12, are counted as invalid)';

COMMENT ON AGGREGATE slm.kano_agg(text, text) IS
'Summarises Kano answers given as labels (rows with a NULL answer are counted as skipped, rows with an unrecognised answer as invalid)';

COMMENT ON AGGREGATE slm.kano_agg(text, text, float8) IS
'Summarises Kano answers given as labels with each respondent''s self-stated importance (NULL if not given; rounded to the millionth; rows with an unrecognised answer, or an importance that is negative, NaN or above 10^12, are counted as invalid)';

COMMENT ON FUNCTION slm.importance(slm.kano) IS
'Mean self-stated importance over the respondents that gave one (each weight rounded to the millionth)';

-- kano_category's third argument is named scheme (TABLE is a reserved
-- word, so the old name had to be double-quoted in named notation).
-- CREATE OR REPLACE cannot rename an argument, and dropping the function
-- would break views that call it; views store calls by position, so
-- renaming the argument in place leaves them intact.
UPDATE pg_catalog.pg_proc
SET proargnames = ARRAY['functional', 'dysfunctional', 'scheme']::pg_catalog.text[]
WHERE oid OPERATOR(pg_catalog.=) ANY (ARRAY[
    'slm.kano_category(integer, integer, text)'::pg_catalog.regprocedure,
    'slm.kano_category(text, text, text)'::pg_catalog.regprocedure]::pg_catalog.oid[]);
COMMENT ON FUNCTION slm.kano_category(integer, integer, text) IS
    'Kano category (A, O, M, I, R or Q) of a functional and a dysfunctional answer coded 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike; scheme standard or pouliot';
COMMENT ON FUNCTION slm.kano_category(text, text, text) IS
    'Kano category (A, O, M, I, R or Q) of a functional and a dysfunctional answer given as labels (like, must-be, neutral, live-with, dislike, the wordings of Berger et al. such as I like it that way, or a synonym); scheme standard or pouliot';

-- Support functions of the aggregates follow one naming scheme,
-- <aggregate>_trans, <aggregate>_combine and <aggregate>_final, and so do
-- their C functions (prefixed slm_). The aggregates refer to their support
-- functions by OID and keep working when these are renamed; CREATE OR
-- REPLACE then points each at its new C name. The old C names stay in the
-- library for installations not yet upgraded.
ALTER FUNCTION slm.kano_combine(slm.kano, slm.kano) RENAME TO kano_agg_combine;
CREATE OR REPLACE FUNCTION slm.kano_agg_combine(slm.kano, slm.kano) RETURNS slm.kano
    AS 'MODULE_PATHNAME', 'slm_kano_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_agg_combine(slm.kano, slm.kano) IS
    'Merges two Kano summaries (NULL is ignored); combine function of slm.kano_agg and transition of slm.rollup';
