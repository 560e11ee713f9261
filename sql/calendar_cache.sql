-- The session's cache of compiled calendars is bounded by memory
-- (slm.calendar_cache_size): the least recently used are freed, and answers
-- stay right however often a calendar has to be compiled again, including
-- when one call site's compile frees what another call site remembered.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- 24 different calendars with 3,000 dated days each (a few hundred kB each
-- once compiled). Calendar i closes the first i % 6 weekdays of the week of
-- Monday 2026-11-30, which leaves (5 - i % 6) * 8 hours of business time in
-- it; one business hour from Monday 09:00 ends at 10:00 on its first open
-- day (the next Monday when the whole week is closed).
CREATE TABLE cc_cals AS
SELECT id, ('mon-fri 09:00-17:00; ' ||
            (SELECT string_agg(to_char(date '2000-01-01' + d, 'YYYY-MM-DD') ||
                               ' 09:00-1' || id % 8 || ':' || lpad((id / 8)::text, 2, '0'), '; ')
             FROM generate_series(0, 2999) d) ||
            coalesce((SELECT '; ' || string_agg(to_char(date '2026-11-30' + d, 'YYYY-MM-DD') || ' closed', '; ')
                      FROM generate_series(0, id % 6 - 1) d), '') ||
            '; tz Europe/Berlin')::slm.calendar AS cal,
       (5 - id % 6) * interval '8 hours' AS week,
       (timestamp '2026-11-30 10:00' + CASE WHEN id % 6 = 5 THEN 7 ELSE id % 6 END * interval '1 day')
           AT TIME ZONE 'Europe/Berlin' AS one_hour_on
FROM generate_series(0, 23) id;
SELECT count(DISTINCT cal::text) AS different_calendars FROM cc_cals;

-- calendar, rep: each calendar three times, all the others in between
CREATE VIEW cc_visits AS
SELECT c.*, rep FROM generate_series(1, 3) rep CROSS JOIN cc_cals c ORDER BY rep, id;
-- the same, with a second calendar beside the first
CREATE VIEW cc_pairs AS
SELECT a.id, a.cal, a.week, b.id AS id2, b.cal AS cal2, b.week AS week2, b.one_hour_on AS one_hour_on2
FROM generate_series(1, 3) rep CROSS JOIN cc_cals a JOIN cc_cals b ON b.id = (a.id + 7) % 24
ORDER BY rep, a.id;

-- how many compiled calendars the session keeps, and whether their memory
-- is within the setting (plus the last two fetched, which are never freed
-- while they may still be in use)
CREATE FUNCTION pg_temp.kept(OUT clocks bigint, OUT within_bound boolean) LANGUAGE sql AS $$
    SELECT count(*),
           coalesce(sum(total_bytes), 0) <=
               pg_size_bytes(current_setting('slm.calendar_cache_size')) + 2 * coalesce(max(total_bytes), 0)
    FROM pg_backend_memory_contexts WHERE name = 'slm clock'
$$;

-- the setting exists once slm is loaded
SELECT slm.business_time('mon-fri 09:00-17:00', '2026-11-30', '2026-12-07');
SHOW slm.calendar_cache_size;

-- room for a few: every visit compiles again, answers stay right
SET slm.calendar_cache_size = '1MB';
SHOW slm.calendar_cache_size;
SELECT count(*) AS answers,
       count(*) FILTER (WHERE slm.business_time(cal, '2026-11-30', '2026-12-07') <> week) AS wrong
FROM cc_visits;
SELECT clocks < 24 AS some_freed, within_bound FROM pg_temp.kept();
-- two call sites in one query: each compile frees what the other remembered
SELECT count(*) AS answers,
       count(*) FILTER (WHERE slm.business_time(cal, '2026-11-30', '2026-12-07') <> week) AS wrong_time,
       count(*) FILTER (WHERE slm.business_add(cal2, '2026-11-30 09:00 Europe/Berlin', '1 hour') <> one_hour_on2)
           AS wrong_add
FROM cc_pairs;
SELECT clocks < 24 AS some_freed, within_bound FROM pg_temp.kept();
-- availability over them: agreed time is the week's business time
SELECT count(*) AS answers,
       count(*) FILTER (WHERE slm.agreed_time(cal, '[2026-11-30, 2026-12-07)') <> week) AS wrong
FROM cc_visits;

-- a smaller setting frees at once what no longer fits: only the last
-- calendar fetched is kept
SET slm.calendar_cache_size = 0;
SELECT * FROM pg_temp.kept();
-- and with no room at all, answers stay right; the last two are kept
SELECT count(*) AS answers,
       count(*) FILTER (WHERE slm.business_time(cal, '2026-11-30', '2026-12-07') <> week) AS wrong_time,
       count(*) FILTER (WHERE slm.business_time(cal2, '2026-11-30', '2026-12-07') <> week2) AS wrong_time2
FROM cc_pairs;
SELECT * FROM pg_temp.kept();

-- the default, 16MB, keeps them all
RESET slm.calendar_cache_size;
SHOW slm.calendar_cache_size;
SELECT count(*) AS answers,
       count(*) FILTER (WHERE slm.business_time(cal, '2026-11-30', '2026-12-07') <> week) AS wrong
FROM cc_visits;
SELECT * FROM pg_temp.kept();
-- in kB without a unit, like work_mem
SET slm.calendar_cache_size = 2048;
SHOW slm.calendar_cache_size;
SELECT clocks < 24 AS some_freed, within_bound FROM pg_temp.kept();
RESET slm.calendar_cache_size;

DROP VIEW cc_visits, cc_pairs;
DROP TABLE cc_cals;

-- a clock that reaches into the future a century at a time keeps only its
-- latest build: it takes no more memory than one that went there at once
-- (the calendars differ by a minute, so each has its own clock). No
-- parallel workers, so that the clocks are this backend's.
SET max_parallel_workers = 0;
SELECT count(b) AS stepwise FROM (
    SELECT slm.business_time('mon-fri 09:00-17:00; tz Europe/Paris', '2026-01-01',
                             make_timestamptz(y, 1, 1, 0, 0, 0, 'UTC')) AS b
    FROM generate_series(2100, 9900, 100) y) s;
SELECT count(b) AS at_once FROM (
    SELECT slm.business_time('mon-fri 09:00-17:01; tz Europe/Paris', '2026-01-01', '9900-01-01') AS b) s;
SELECT count(*) AS clocks, max(total_bytes) <= 1.25 * min(total_bytes) AS no_earlier_builds_kept
FROM pg_backend_memory_contexts WHERE name = 'slm clock' AND ident = 'Europe/Paris';
RESET max_parallel_workers;
