-- Check the reference's local -> instant conversion against PostgreSQL.
-- Run by run.sh from the directory holding tzcheck.csv; needs no extension.
-- Prints the first mismatches and a line 'tzcheck: N passed, M failed'.
\set ON_ERROR_STOP 1
\pset pager off
SET client_min_messages = warning;

CREATE TEMP TABLE tzcheck (zone text, local text, expected text);
\copy tzcheck from 'tzcheck.csv' with (format csv, header true)

CREATE TEMP TABLE tzresult AS
SELECT zone, local, expected,
       to_char((local::timestamp AT TIME ZONE zone) AT TIME ZONE 'UTC',
               'YYYY-MM-DD HH24:MI:SS.US') AS got
FROM tzcheck;

SELECT zone, local, expected, got
FROM tzresult WHERE got IS DISTINCT FROM expected
ORDER BY zone, local LIMIT 20;

SELECT zone, count(*) AS samples,
       count(*) FILTER (WHERE got IS DISTINCT FROM expected) AS mismatches
FROM tzresult GROUP BY zone ORDER BY zone;

SELECT count(*) FILTER (WHERE got = expected) AS tz_passed,
       count(*) FILTER (WHERE got IS DISTINCT FROM expected) AS tz_failed
FROM tzresult \gset
\echo tzcheck: :tz_passed passed, :tz_failed failed
