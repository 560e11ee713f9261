
-- ----------------------------------------------------------------------
-- Kano questionnaire analysis (src/kano.c)
-- ----------------------------------------------------------------------

-- Classifying one answer pair.

CREATE FUNCTION slm.kano_category(functional integer, dysfunctional integer,
                                  scheme text DEFAULT 'standard') RETURNS text
    AS 'MODULE_PATHNAME', 'slm_kano_category_int' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_category(integer, integer, text) IS
    'Kano category (A, O, M, I, R or Q) of a functional and a dysfunctional answer coded 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike; scheme standard or pouliot';

CREATE FUNCTION slm.kano_category(functional text, dysfunctional text,
                                  scheme text DEFAULT 'standard') RETURNS text
    AS 'MODULE_PATHNAME', 'slm_kano_category_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_category(text, text, text) IS
    'Kano category (A, O, M, I, R or Q) of a functional and a dysfunctional answer given as labels (like, must-be, neutral, live-with, dislike, the wordings of Berger et al. such as I like it that way, or a synonym); scheme standard or pouliot';

-- The summary type.

CREATE TYPE slm.kano;

CREATE FUNCTION slm.kano_in(cstring) RETURNS slm.kano
    AS 'MODULE_PATHNAME', 'slm_kano_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_in(cstring) IS
    'Text input of slm.kano';

CREATE FUNCTION slm.kano_out(slm.kano) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_kano_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_out(slm.kano) IS
    'Text output of slm.kano';

CREATE FUNCTION slm.kano_recv(internal) RETURNS slm.kano
    AS 'MODULE_PATHNAME', 'slm_kano_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_recv(internal) IS
    'Binary input of slm.kano';

CREATE FUNCTION slm.kano_send(slm.kano) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_kano_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_send(slm.kano) IS
    'Binary output of slm.kano';

CREATE TYPE slm.kano (
    INPUT = slm.kano_in,
    OUTPUT = slm.kano_out,
    RECEIVE = slm.kano_recv,
    SEND = slm.kano_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE slm.kano IS
    'Summary of Kano questionnaire answers for one feature: category counts, answer distributions, skipped and invalid rows and exact importance sums';

-- The aggregate and its support functions.

CREATE FUNCTION slm.kano_agg_trans(slm.kano, integer, integer) RETURNS slm.kano
    AS 'MODULE_PATHNAME', 'slm_kano_agg_trans_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_agg_trans(slm.kano, integer, integer) IS
    'Transition function of slm.kano_agg(integer, integer)';

CREATE FUNCTION slm.kano_agg_trans(slm.kano, integer, integer, float8) RETURNS slm.kano
    AS 'MODULE_PATHNAME', 'slm_kano_agg_trans_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_agg_trans(slm.kano, integer, integer, float8) IS
    'Transition function of slm.kano_agg(integer, integer, float8)';

CREATE FUNCTION slm.kano_agg_trans(slm.kano, text, text) RETURNS slm.kano
    AS 'MODULE_PATHNAME', 'slm_kano_agg_trans_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_agg_trans(slm.kano, text, text) IS
    'Transition function of slm.kano_agg(text, text)';

CREATE FUNCTION slm.kano_agg_trans(slm.kano, text, text, float8) RETURNS slm.kano
    AS 'MODULE_PATHNAME', 'slm_kano_agg_trans_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_agg_trans(slm.kano, text, text, float8) IS
    'Transition function of slm.kano_agg(text, text, float8)';

CREATE FUNCTION slm.kano_agg_combine(slm.kano, slm.kano) RETURNS slm.kano
    AS 'MODULE_PATHNAME', 'slm_kano_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_agg_combine(slm.kano, slm.kano) IS
    'Merges two Kano summaries (NULL is ignored); combine function of slm.kano_agg and transition of slm.rollup';

CREATE AGGREGATE slm.kano_agg(functional integer, dysfunctional integer) (
    SFUNC = slm.kano_agg_trans,
    STYPE = slm.kano,
    COMBINEFUNC = slm.kano_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.kano_agg(integer, integer) IS
    'Summarises Kano answers coded 1 to 5 (rows with a NULL answer are counted as skipped, rows with another code as invalid)';

CREATE AGGREGATE slm.kano_agg(functional integer, dysfunctional integer,
                              importance float8) (
    SFUNC = slm.kano_agg_trans,
    STYPE = slm.kano,
    COMBINEFUNC = slm.kano_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.kano_agg(integer, integer, float8) IS
    'Summarises Kano answers coded 1 to 5 with each respondent''s self-stated importance (NULL if not given; rounded to the millionth; rows with another code, or an importance that is negative, NaN or above 10^12, are counted as invalid)';

CREATE AGGREGATE slm.kano_agg(functional text, dysfunctional text) (
    SFUNC = slm.kano_agg_trans,
    STYPE = slm.kano,
    COMBINEFUNC = slm.kano_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.kano_agg(text, text) IS
    'Summarises Kano answers given as labels (rows with a NULL answer are counted as skipped, rows with an unrecognised answer as invalid)';

CREATE AGGREGATE slm.kano_agg(functional text, dysfunctional text,
                              importance float8) (
    SFUNC = slm.kano_agg_trans,
    STYPE = slm.kano,
    COMBINEFUNC = slm.kano_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.kano_agg(text, text, float8) IS
    'Summarises Kano answers given as labels with each respondent''s self-stated importance (NULL if not given; rounded to the millionth; rows with an unrecognised answer, or an importance that is negative, NaN or above 10^12, are counted as invalid)';

CREATE AGGREGATE slm.rollup(slm.kano) (
    SFUNC = slm.kano_agg_combine,
    STYPE = slm.kano,
    COMBINEFUNC = slm.kano_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.rollup(slm.kano) IS
    'Merges Kano summaries into one, as if their rows had been summarised together';

-- Accessors.

CREATE FUNCTION slm.count(k slm.kano, category text) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.count(slm.kano, text) IS
    'Respondents in one category, named by letter (A, O, M, I, R, Q) or name (attractive, one-dimensional, must-be, indifferent, reverse, questionable)';

CREATE FUNCTION slm.respondents(k slm.kano) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_respondents' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.respondents(slm.kano) IS
    'Rows with both answers (the sum of the six category counts)';

CREATE FUNCTION slm.skipped(k slm.kano) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_skipped' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.skipped(slm.kano) IS
    'Rows left out because an answer was NULL';

CREATE FUNCTION slm.invalid(k slm.kano) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_kano_invalid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.invalid(slm.kano) IS
    'Rows left out because a value could not be judged: an answer that is not one, or an importance that is negative, NaN or above 10^12';

CREATE FUNCTION slm.category(k slm.kano, rule text DEFAULT 'mode') RETURNS text
    AS 'MODULE_PATHNAME', 'slm_category' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.category(slm.kano, text) IS
    'The feature''s category by rule mode (ties M > O > A > I > R > Q), moai or oam; NULL without respondents';

CREATE FUNCTION slm.better(k slm.kano) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_better' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.better(slm.kano) IS
    'Satisfaction coefficient (A + O) / (A + O + M + I), 0 to 1; NULL when A + O + M + I = 0';

CREATE FUNCTION slm.worse(k slm.kano) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_worse' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.worse(slm.kano) IS
    'Dissatisfaction coefficient -(O + M) / (A + O + M + I), 0 to -1; NULL when A + O + M + I = 0';

CREATE FUNCTION slm.category_strength(k slm.kano) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_category_strength' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.category_strength(slm.kano) IS
    'Share of the most frequent of M, O, A, I, R minus the share of the second, shares of all respondents';

CREATE FUNCTION slm.total_strength(k slm.kano) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_total_strength' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.total_strength(slm.kano) IS
    '(A + O + M) / all respondents';

CREATE FUNCTION slm.fong_significant(k slm.kano) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_fong_significant' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.fong_significant(slm.kano) IS
    'Fong''s test: is the most frequent of M, O, A, I, R significantly ahead of the second; NULL when none of them was answered';

CREATE FUNCTION slm.functional_mean(k slm.kano) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_functional_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.functional_mean(slm.kano) IS
    'Mean DuMouchel functional score (like 4, must-be 2, neutral 0, live-with -1, dislike -2)';

CREATE FUNCTION slm.dysfunctional_mean(k slm.kano) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_dysfunctional_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.dysfunctional_mean(slm.kano) IS
    'Mean DuMouchel dysfunctional score (like -2, must-be -1, neutral 0, live-with 2, dislike 4)';

CREATE FUNCTION slm.functional_stddev(k slm.kano) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_functional_stddev' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.functional_stddev(slm.kano) IS
    'Sample standard deviation of the DuMouchel functional score; NULL with fewer than two respondents';

CREATE FUNCTION slm.dysfunctional_stddev(k slm.kano) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_dysfunctional_stddev' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.dysfunctional_stddev(slm.kano) IS
    'Sample standard deviation of the DuMouchel dysfunctional score; NULL with fewer than two respondents';

CREATE FUNCTION slm.importance(k slm.kano) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_importance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.importance(slm.kano) IS
    'Mean self-stated importance over the respondents that gave one (each weight rounded to the millionth)';

CREATE FUNCTION slm.weighted_functional_mean(k slm.kano) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_weighted_functional_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.weighted_functional_mean(slm.kano) IS
    'Importance-weighted mean DuMouchel functional score, sum(w * score) / sum(w); NULL when no weight is above zero';

CREATE FUNCTION slm.weighted_dysfunctional_mean(k slm.kano) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_weighted_dysfunctional_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.weighted_dysfunctional_mean(slm.kano) IS
    'Importance-weighted mean DuMouchel dysfunctional score, sum(w * score) / sum(w); NULL when no weight is above zero';

-- A report over a long-format table. STABLE because it reads the table;
-- PARALLEL RESTRICTED because the table may be temporary.

CREATE FUNCTION slm.kano_report(tbl regclass, feature text, functional text,
                                dysfunctional text, importance text DEFAULT NULL)
    RETURNS TABLE(feature text, respondents bigint, a bigint, o bigint, m bigint,
                  i bigint, r bigint, q bigint, category text, better float8,
                  worse float8, category_strength float8, total_strength float8,
                  fong_significant boolean, functional_mean float8,
                  dysfunctional_mean float8, importance float8)
    AS 'MODULE_PATHNAME', 'slm_kano_report' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION slm.kano_report(regclass, text, text, text, text) IS
    'One row of Kano figures per feature of a table with one row per respondent and feature; the text arguments name its columns';
