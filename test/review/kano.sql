-- The Kano questionnaire: one row per feature with its category (the most
-- frequent), Timko's Better and Worse coefficients for the scatter plot
-- (Worse as a positive number: how much its absence dissatisfies), the
-- respondents and the mean self-stated importance.
\ir params.sql
SELECT feature, slm.category(k) AS category,
       round(slm.better(k)::numeric, 4)          AS better,
       round(-slm.worse(k)::numeric, 4)          AS worse,
       slm.respondents(k)                        AS respondents,
       round(slm.importance(k)::numeric, 2)      AS importance,
       slm.fong_significant(k)                   AS significant
FROM (SELECT feature, slm.kano_agg(functional, dysfunctional, importance::float8) AS k
      FROM kano_answer GROUP BY feature) s
ORDER BY feature;
