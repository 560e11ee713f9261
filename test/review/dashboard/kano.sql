-- title: Kano: Better and Worse per feature
-- panel: table
-- columns: feature text, category text, better double precision, worse double precision, respondents bigint, importance double precision
-- One row per feature of the Kano questionnaire: its category, Timko's
-- Better and Worse coefficients (plot Worse, as a positive number, on x and
-- Better on y) and the mean self-stated importance.
SELECT feature, slm.category(k) AS category, slm.better(k) AS better, -slm.worse(k) AS worse,
       slm.respondents(k) AS respondents, slm.importance(k) AS importance
FROM (SELECT feature, slm.kano_agg(functional, dysfunctional, importance::float8) AS k
      FROM kano_answer GROUP BY feature) s
ORDER BY feature
