--
-- Kano questionnaire analysis: kano_category, the slm.kano summary,
-- kano_agg, rollup, the accessors and kano_report
--
\pset null '(null)'

--
-- The evaluation tables, cell by cell: rows are the functional answer,
-- columns the dysfunctional answer, both in the order like, must-be,
-- neutral, live-with, dislike.
--
SELECT f, string_agg(slm.kano_category(f, d), ' ' ORDER BY d) AS standard,
       string_agg(slm.kano_category(f, d, 'pouliot'), ' ' ORDER BY d) AS pouliot
FROM generate_series(1, 5) f, generate_series(1, 5) d
GROUP BY f ORDER BY f;

-- The same 25 cells of both tables through the labels.
CREATE TEMP TABLE label(code integer, word text);
INSERT INTO label VALUES
    (1, 'like'), (2, 'must-be'), (3, 'neutral'), (4, 'live-with'), (5, 'dislike');
SELECT f.word AS functional,
       string_agg(slm.kano_category(f.word, d.word), ' ' ORDER BY d.code) AS standard,
       string_agg(slm.kano_category(f.word, d.word, scheme => 'pouliot'), ' ' ORDER BY d.code) AS pouliot
FROM label f, label d
GROUP BY f.code, f.word ORDER BY f.code;

-- Labels and codes agree everywhere, and the table name is forgiving.
SELECT count(*) AS cells,
       count(*) FILTER (WHERE slm.kano_category(f.word, d.word) = slm.kano_category(f.code, d.code)) AS standard_agree,
       count(*) FILTER (WHERE slm.kano_category(f.word, d.word, ' Pouliot ') = slm.kano_category(f.code, d.code, 'POULIOT')) AS pouliot_agree
FROM label f, label d;
SELECT slm.kano_category(2, 2, 'Standard'), slm.kano_category(2, 2, 'pouliot');

--
-- Every label and synonym, and the forms the comparison forgives. The
-- functional score identifies the answer: like 4, must-be 2, neutral 0,
-- live-with -1, dislike -2; the dysfunctional score mirrors it.
--
SELECT w AS answer,
       slm.functional_mean(slm.kano_agg(w, w)) AS functional_score,
       slm.dysfunctional_mean(slm.kano_agg(w, w)) AS dysfunctional_score
FROM unnest(ARRAY[
    'like', 'I like it that way', 'enjoy', 'delighted', '1',
    'must-be', 'expect', 'it must be that way', 'basic', '2',
    'neutral', 'indifferent', 'doesn''t matter', '3',
    'live-with', 'tolerate', 'accept', 'can live with it', '4',
    'dislike', 'I dislike it that way', 'can''t accept', '5',
    '  LIKE  ', 'Must Be', 'must_be', 'Live With', 'LIVE_WITH',
    E'I  like\tit that way', 'doesnt matter', 'Can’t accept', 'cant accept'
]) WITH ORDINALITY AS t(w, n)
GROUP BY w, n ORDER BY n;

--
-- Every wording of the specification's answer table (Berger et al.'s
-- questionnaire first, then the shortened survey forms and synonyms), on
-- both questions: each must classify like its code, against every answer
-- to the other question.
--
CREATE TEMP TABLE wording(code integer, word text);
INSERT INTO wording VALUES
    (1, 'like'), (1, 'I like it that way'), (1, 'I like it'), (1, 'I would like it'),
    (1, 'enjoy'), (1, 'delighted'),
    (2, 'must-be'), (2, 'It must be that way'), (2, 'I expect it to be that way'),
    (2, 'I expect it'), (2, 'expect'), (2, 'basic'),
    (3, 'neutral'), (3, 'I am neutral'), (3, 'I''m neutral'), (3, 'I don''t care'),
    (3, 'indifferent'), (3, 'doesn''t matter'),
    (4, 'live-with'), (4, 'I can live with it that way'), (4, 'I can live with it'),
    (4, 'I can tolerate it'), (4, 'tolerate'), (4, 'accept'),
    (5, 'dislike'), (5, 'I dislike it that way'), (5, 'I dislike it'),
    (5, 'I would dislike it'), (5, 'can''t accept');
SELECT w.code, w.word,
       bool_and(slm.kano_category(w.word, o.word) = slm.kano_category(w.code, o.code)) AS functional,
       bool_and(slm.kano_category(o.word, w.word) = slm.kano_category(o.code, w.code)) AS dysfunctional,
       slm.functional_mean(slm.kano_agg(w.word, w.word)) AS functional_score
FROM wording w, label o
GROUP BY w.code, w.word ORDER BY w.code, w.word;
-- Case, apostrophes (' and ’), full stops, commas, hyphens, underscores
-- and white space do not matter.
SELECT w AS answer, slm.kano_category(w, 'like') AS functional,
       slm.kano_category('like', w) AS dysfunctional
FROM unnest(ARRAY[
    'I AM NEUTRAL.', 'I’m neutral.', 'i''m   neutral', 'I don’t care.', 'I-am-neutral',
    'I can live with it, that way.', 'I_can_live_with_it', ' I can tolerate it. ',
    'It must be that way.', 'I expect it, to be that way', 'I would like it.'
]) WITH ORDINALITY AS t(w, n) ORDER BY n;

--
-- Bad answers: integer and text, functional and dysfunctional.
--
SELECT slm.kano_category(0, 1);
SELECT slm.kano_category(1, 6);
SELECT slm.kano_category(-1, 1);
SELECT slm.kano_category('likes', 'dislike');
SELECT slm.kano_category('like', '');
SELECT slm.kano_category('like', 'must be that way');
SELECT slm.kano_category('like', '6');
SELECT slm.kano_category('like', 'I am neutral!');
SELECT slm.kano_category(1, 1, 'kano');

-- The errors above are invalid_parameter_value (22023); malformed text
-- (below) is invalid_text_representation (22P02).
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
SELECT q AS statement, pg_temp.sqlstate(q)
FROM unnest(ARRAY[
    'SELECT slm.kano_category(0, 1)',
    'SELECT slm.kano_category(''like'', ''likes'')',
    'SELECT slm.kano_category(1, 1, ''kano'')',
    'SELECT slm.count(slm.kano_agg(1, 5), ''X'')',
    'SELECT slm.category(slm.kano_agg(1, 5), ''median'')',
    'SELECT ''(A=1''::slm.kano'
]) WITH ORDINALITY AS t(q, n) ORDER BY n;

-- NULL answers: kano_category is strict.
SELECT slm.kano_category(NULL::integer, 1), slm.kano_category('like', NULL),
       slm.kano_category(1, 1, NULL);

--
-- A row kano_agg cannot judge is counted as invalid and left out, and the
-- aggregate goes on: an answer that is not one (either question, even when
-- the other answer is NULL), or an importance that is negative, NaN,
-- infinite or above 10^12. A NULL importance is not given, not invalid.
--
CREATE TEMP TABLE messy(n integer, f text, d text, w float8);
INSERT INTO messy VALUES
    (1, 'like', 'dislike', 5),
    (2, 'likes', 'dislike', 5),
    (3, 'like', '', 5),
    (4, NULL, '6', 5),
    (5, NULL, 'like', 5),
    (6, 'must-be', 'dislike', -1),
    (7, 'must-be', 'dislike', 'NaN'),
    (8, 'must-be', 'dislike', 'Infinity'),
    (9, 'must-be', 'dislike', '-Infinity'),
    (10, 'must-be', 'dislike', 1e12 + 1),
    (11, NULL, NULL, 'NaN'),
    (12, 'must-be', 'dislike', 1e12),
    (13, 'I am neutral', 'I can live with it that way', NULL);
-- respondents 1 (O), 12 (M) and 13 (I); row 5 skipped; the other nine invalid
SELECT k, slm.respondents(k), slm.skipped(k), slm.invalid(k), slm.importance(k)
FROM (SELECT slm.kano_agg(f, d, w) AS k FROM messy) s;
-- the same with codes: 0, 6, 7 and the extremes are not answers
SELECT slm.respondents(k), slm.skipped(k), slm.invalid(k), slm.category(k)
FROM (SELECT slm.kano_agg(f, d) AS k
      FROM (VALUES (1, 5), (0, 5), (1, 6), (NULL, 7), (NULL, 1),
                   (-2147483648, 2147483647), (2, 5)) v(f, d)) s;
-- merged summaries add their invalid counts, whatever the split
SELECT (SELECT slm.rollup(k) FROM (SELECT n % 3, slm.kano_agg(f, d, w) AS k
                                   FROM messy GROUP BY 1) s)::text
       = (SELECT slm.kano_agg(f, d, w) FROM messy)::text AS rollup_equals_one_pass;
SELECT slm.invalid(slm.kano_agg_trans(NULL, 'yes', 'like')) AS invalid_answer,
       slm.invalid(slm.kano_agg_trans(NULL, 1, 1, -0.5)) AS invalid_importance;

--
-- Summaries: NULLs, empty groups, one respondent
--
CREATE TEMP TABLE one(f integer, d integer, w float8);

-- No rows at all: NULL.
SELECT slm.kano_agg(f, d) IS NULL AS no_rows FROM one;
SELECT f, slm.kano_agg(f, d) FROM one GROUP BY f;

-- Only rows with a NULL answer: a summary with no respondents, every
-- figure NULL, and the rows counted as skipped.
INSERT INTO one VALUES (NULL, 1, 5), (2, NULL, NULL), (NULL, NULL, 3);
SELECT slm.kano_agg(f, d, w) FROM one;
SELECT slm.respondents(k), slm.skipped(k), slm.count(k, 'A'), slm.category(k),
       slm.category(k, 'moai') AS moai, slm.category(k, 'oam') AS oam,
       slm.better(k), slm.worse(k), slm.category_strength(k),
       slm.total_strength(k), slm.fong_significant(k)
FROM (SELECT slm.kano_agg(f, d, w) AS k FROM one) s;
SELECT slm.functional_mean(k), slm.dysfunctional_mean(k),
       slm.functional_stddev(k), slm.dysfunctional_stddev(k), slm.importance(k),
       slm.weighted_functional_mean(k), slm.weighted_dysfunctional_mean(k)
FROM (SELECT slm.kano_agg(f, d, w) AS k FROM one) s;

-- One respondent: means but no standard deviations.
INSERT INTO one VALUES (1, 5, NULL);
SELECT slm.kano_agg(f, d, w) FROM one;
SELECT slm.respondents(k), slm.skipped(k), slm.category(k), slm.better(k),
       slm.worse(k), slm.functional_mean(k), slm.dysfunctional_mean(k),
       slm.functional_stddev(k), slm.dysfunctional_stddev(k), slm.importance(k)
FROM (SELECT slm.kano_agg(f, d, w) AS k FROM one) s;

--
-- Known answers of the specification
--
CREATE TEMP TABLE pair(cat text, f integer, d integer);
INSERT INTO pair VALUES
    ('A', 1, 3), ('O', 1, 5), ('M', 3, 5), ('I', 3, 3), ('R', 5, 1), ('Q', 1, 1);
CREATE TEMP TABLE known(example integer, cat text, n integer);
INSERT INTO known VALUES
    (1, 'A', 216), (1, 'O', 56), (1, 'M', 13), (1, 'I', 275), (1, 'R', 23), (1, 'Q', 24),
    (2, 'A', 187), (2, 'O', 71), (2, 'M', 46), (2, 'I', 258), (2, 'R', 19), (2, 'Q', 26),
    (3, 'A', 7), (3, 'O', 33), (3, 'M', 50), (3, 'I', 10);
CREATE TEMP VIEW known_summary AS
SELECT k.example, slm.kano_agg(p.f, p.d) AS k
FROM known k JOIN pair p USING (cat), generate_series(1, k.n)
GROUP BY k.example;

-- 1: Better 0.486, Worse -0.123, mode I; 285 < 322 so oam I.
-- 2: Better 0.459, Worse -0.208, mode I; 304 > 303 so oam A.
-- 3: Better 0.40, Worse -0.83.
SELECT example, slm.count(k, 'A') AS a, slm.count(k, 'O') AS o,
       slm.count(k, 'M') AS m, slm.count(k, 'I') AS i, slm.count(k, 'R') AS r,
       slm.count(k, 'Q') AS q, slm.respondents(k) AS n,
       round(slm.better(k)::numeric, 3) AS better,
       round(slm.worse(k)::numeric, 3) AS worse,
       slm.category(k) AS mode, slm.category(k, 'oam') AS oam,
       slm.category(k, 'moai') AS moai
FROM known_summary ORDER BY example;
SELECT example, round(slm.category_strength(k)::numeric, 4) AS category_strength,
       round(slm.total_strength(k)::numeric, 4) AS total_strength,
       slm.fong_significant(k) AS fong
FROM known_summary ORDER BY example;

-- 4: M=1, O=2, A=1, I=1, R=1, Q=1; mode O; Better 0.6; Worse -0.6.
SELECT k, slm.category(k), slm.better(k), slm.worse(k)
FROM (SELECT slm.kano_agg(f, d) AS k
      FROM (VALUES ('like', 'dislike'), ('like', 'dislike'), ('must-be', 'dislike'),
                   ('like', 'neutral'), ('neutral', 'neutral'), ('dislike', 'like'),
                   ('like', 'like')) v(f, d)) s;

-- 6: one each of O, M, A, I; mode M; Better 0.5; Worse -0.5; functional
-- mean 2.5, sd 1.9149; dysfunctional mean 2.0, sd 2.3094.
SELECT slm.count(k, 'O') AS o, slm.count(k, 'M') AS m, slm.count(k, 'A') AS a,
       slm.count(k, 'I') AS i, slm.category(k), slm.better(k), slm.worse(k),
       slm.functional_mean(k), round(slm.functional_stddev(k)::numeric, 4) AS functional_sd,
       slm.dysfunctional_mean(k), round(slm.dysfunctional_stddev(k)::numeric, 4) AS dysfunctional_sd
FROM (SELECT slm.kano_agg(f, d) AS k
      FROM (VALUES ('like', 'dislike'), ('must-be', 'dislike'),
                   ('like', 'neutral'), ('neutral', 'neutral')) v(f, d)) s;

--
-- Category rules and their ties
--
CREATE TEMP TABLE tie(name text, cat text, n integer);
INSERT INTO tie VALUES
    -- 5: ties under mode
    ('5a M=O', 'M', 3), ('5a M=O', 'O', 3),
    ('5b O=A', 'O', 3), ('5b O=A', 'A', 3),
    ('5c A=I', 'A', 3), ('5c A=I', 'I', 3),
    ('5d R=Q', 'R', 4), ('5d R=Q', 'Q', 4),
    -- ties within the oam halves
    ('oam I=R=Q', 'I', 2), ('oam I=R=Q', 'R', 2), ('oam I=R=Q', 'Q', 2),
    ('oam R=Q', 'R', 2), ('oam R=Q', 'Q', 2),
    ('oam O=A', 'O', 2), ('oam O=A', 'A', 2), ('oam O=A', 'I', 1),
    -- moai: a weak lead goes to the first of M, O, A, I among the top two,
    -- ties for second place are broken M > O > A > I > R
    ('moai A>O=I', 'A', 10), ('moai A>O=I', 'O', 9), ('moai A>O=I', 'I', 9),
    ('moai A>I=R', 'A', 10), ('moai A>I=R', 'I', 9), ('moai A>I=R', 'R', 9),
    -- moai: strength exactly 0.06 does not exceed it, 0.07 does
    ('moai 0.06', 'I', 50), ('moai 0.06', 'A', 44), ('moai 0.06', 'Q', 6),
    ('moai 0.07', 'I', 51), ('moai 0.07', 'A', 44), ('moai 0.07', 'Q', 5),
    -- moai: a strong lead gives the mode, here Q
    ('moai Q mode', 'Q', 60), ('moai Q mode', 'A', 30), ('moai Q mode', 'O', 10),
    -- only R or Q: Better and Worse NULL, category R or Q by every rule
    ('only Q', 'Q', 5),
    ('only R', 'R', 5),
    ('R<<Q', 'R', 1), ('R<<Q', 'Q', 99);
SELECT t.name,
       string_agg(DISTINCT t.cat || '=' || t.n, ' ') AS counts,
       slm.category(slm.kano_agg(p.f, p.d)) AS mode,
       slm.category(slm.kano_agg(p.f, p.d), 'moai') AS moai,
       slm.category(slm.kano_agg(p.f, p.d), 'oam') AS oam,
       round(slm.category_strength(slm.kano_agg(p.f, p.d))::numeric, 4) AS strength,
       round(slm.better(slm.kano_agg(p.f, p.d))::numeric, 4) AS better,
       round(slm.worse(slm.kano_agg(p.f, p.d))::numeric, 4) AS worse
FROM tie t JOIN pair p USING (cat), generate_series(1, t.n)
GROUP BY t.name ORDER BY t.name;

SELECT slm.category(k, ' MOAI '), slm.category(k, 'Oam') FROM known_summary WHERE example = 1;
SELECT slm.category(k, 'median') FROM known_summary WHERE example = 1;

--
-- Fong's test on its boundary: with n = 363 and the top two at 84 and 66,
-- 1.65 * sqrt(150 * 576 / 726) is exactly 18, which counts; 17 does not.
--
SELECT name, slm.fong_significant(slm.kano_agg(p.f, p.d))
FROM (VALUES ('18 of 363', 'A', 84), ('18 of 363', 'O', 66), ('18 of 363', 'Q', 213),
             ('17 of 363', 'A', 83), ('17 of 363', 'O', 66), ('17 of 363', 'Q', 214),
             ('tie', 'A', 5), ('tie', 'O', 5),
             ('only Q', 'Q', 3)) t(name, cat, n)
JOIN pair p USING (cat), generate_series(1, t.n)
GROUP BY name ORDER BY name;

--
-- count() by letter or name, and bad categories
--
SELECT slm.count(k, 'a') AS a, slm.count(k, 'Attractive') AS attractive,
       slm.count(k, 'one-dimensional') AS o, slm.count(k, 'Must Be') AS m,
       slm.count(k, 'indifferent') AS i, slm.count(k, 'reverse') AS r,
       slm.count(k, ' q ') AS q, slm.count(k, 'questionable') AS questionable
FROM known_summary WHERE example = 1;
SELECT slm.count(k, 'X') FROM known_summary WHERE example = 1;
SELECT slm.count(k, '') FROM known_summary WHERE example = 1;

--
-- Importance: mean over the respondents that gave one, weighted means
-- sum(w * score) / sum(w). Example 6 with weights 1, 2, 3 and none; the
-- row with a NULL answer is skipped, its importance with it.
--
CREATE TEMP TABLE rated(f text, d text, w float8);
INSERT INTO rated VALUES
    ('like', 'dislike', 1), ('must-be', 'dislike', 2), ('like', 'neutral', 3),
    ('neutral', 'neutral', NULL), (NULL, 'like', 9);
-- importance 6 / 3 = 2; functional (1*4 + 2*2 + 3*4) / 6 = 3.3333;
-- dysfunctional (1*4 + 2*4 + 3*0) / 6 = 2
SELECT k, slm.respondents(k), slm.skipped(k), slm.importance(k),
       round(slm.weighted_functional_mean(k)::numeric, 4) AS weighted_functional,
       slm.weighted_dysfunctional_mean(k) AS weighted_dysfunctional
FROM (SELECT slm.kano_agg(f, d, w) AS k FROM rated) s;

-- All weights zero: mean importance 0, weighted means NULL.
SELECT slm.importance(k), slm.weighted_functional_mean(k),
       slm.weighted_dysfunctional_mean(k)
FROM (SELECT slm.kano_agg(f, d, 0.0) AS k FROM rated) s;
-- No weights given: all NULL.
SELECT slm.importance(k), slm.weighted_functional_mean(k),
       slm.weighted_dysfunctional_mean(k)
FROM (SELECT slm.kano_agg(f, d, NULL) AS k FROM rated) s;
-- An importance of -0 is zero.
SELECT slm.kano_agg(1, 5, '-0'::float8);


-- Importance is rounded to the nearest millionth and summed exactly, so
-- three weights of 0.1 give 0.3, and the mean is 0.1 exactly.
SELECT k, slm.importance(k) = 0.1 AS exact
FROM (SELECT slm.kano_agg(1, 5, w) AS k FROM (VALUES (0.1::float8), (0.1), (0.1)) v(w)) s;
-- a weight below half a millionth counts as 0; 2.0000006 as 2.000001
SELECT slm.kano_agg(f, 5, w)
FROM (VALUES (1, 0.0000001::float8), (1, 2.0000006), (2, 2.0000004)) v(f, w);
-- the largest weight, 10^12, many times over
SELECT k, slm.importance(k), slm.weighted_functional_mean(k)
FROM (SELECT slm.kano_agg(1 + i % 2, 5, 1e12) AS k FROM generate_series(1, 1000) i) s;
