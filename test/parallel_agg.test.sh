#!/usr/bin/env bash
# Every slm aggregate gives the same answer in a parallel plan (partial
# aggregates in workers, combined in the leader) as in a serial one: grouped
# and ungrouped, with NULLs in the inputs, and slm.rollup over summaries.
# The parallel run is forced with zero parallel costs; its plan must show a
# Partial Aggregate under a Gather. Needs a running server
# (PGHOST/PGPORT/PGUSER).
set -euo pipefail
db=slm_parallel_test
rows=${SLM_PARALLEL_ROWS:-60000}
aggs="\
       slm.compliance_agg(p.target, t.opened, t.closed)::text AS c3,
       slm.compliance_agg(p.target, t.opened, t.closed, t.waiting)::text AS c4,
       slm.compliance_agg(p.target, t.opened, t.closed, timestamptz '2026-06-01 00:00+00')::text AS c4at,
       slm.compliance_agg(p.target, t.opened, t.closed, timestamptz '2026-06-01 00:00+00', t.waiting)::text AS c5,
       slm.compliance_agg(t.closed <= t.opened + interval '2 days')::text AS cflag,
       slm.csat_agg(t.csat5)::text AS csat5,
       slm.csat_agg(t.csat7, 7)::text AS csat7,
       slm.nps_agg(t.nps)::text AS nps,
       slm.kano_agg(t.functional, t.dysfunctional)::text AS kano,
       slm.kano_agg(t.functional, t.dysfunctional, t.importance)::text AS kano_w,
       md5(slm.outage_agg(t.outage)::text) AS outages,
       slm.availability_agg(t.outage, 'mon-fri 08:00-18:00; tz Europe/Berlin',
                            tstzrange('2026-01-05 00:00+00', '2027-11-30 00:00+00'))::text AS availability"
rollups="slm.rollup(c)::text AS c, slm.rollup(csat)::text AS csat, slm.rollup(nps)::text AS nps,
       slm.rollup(kano)::text AS kano, md5(slm.rollup(outages)::text) AS outages"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
result=$(psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" <<SQL
CREATE EXTENSION slm;
CREATE TABLE policy (priority int PRIMARY KEY, target slm.target);
INSERT INTO policy VALUES
    (1, '4h on (mon-fri 09:00-17:00; tz Europe/Berlin) goal 95% warn 75%'),
    (2, '8h on (mon-fri 09:00-17:00; 2026-12-24..2026-12-26 closed; tz Europe/Berlin) goal 95%'),
    (3, '3 days on (mon-sat 08:00-20:00; tz America/New_York) goal 90%'),
    (4, '30 minutes goal 99.5%');
-- integer answers and weights only, so that sums do not depend on the
-- order rows are added in
CREATE TABLE ticket AS
SELECT g, 'team' || g % 7 AS team, 1 + g * 31 % 4 AS priority, o AS opened,
       CASE WHEN g % 10 = 0 THEN NULL ELSE o + (g * 7907 % 6000) * interval '1 minute' END AS closed,
       CASE WHEN g % 5 = 0 THEN tstzmultirange(tstzrange(o + interval '30 minutes',
                                                         o + interval '30 minutes' + g % 13 * interval '1 hour'))
       END AS waiting,
       CASE WHEN g % 17 <> 0 THEN 1 + g % 5 END AS csat5,
       CASE WHEN g % 19 <> 0 THEN 1 + g % 7 END AS csat7,
       CASE WHEN g % 23 <> 0 THEN g % 11 END AS nps,
       CASE WHEN g % 29 <> 0 THEN 1 + g * 3 % 5 END AS functional,
       CASE WHEN g % 31 <> 0 THEN 1 + g * 7 % 5 END AS dysfunctional,
       (g % 4)::float8 AS importance,
       CASE WHEN g % 37 = 0 THEN tstzrange(o, o + (g % 300) * interval '1 minute') END AS outage
FROM generate_series(1, $rows) g,
     LATERAL (SELECT timestamptz '2026-01-05 00:00+00' + (g * 7919 % 100000) * interval '5 minutes' AS o) t;
ANALYZE ticket;
ANALYZE policy;

-- grouped and over all rows (partial aggregation does not combine with
-- grouping sets, hence the union)
CREATE VIEW answers AS
SELECT t.team,
$aggs
FROM ticket t JOIN policy p USING (priority) GROUP BY t.team
UNION ALL
SELECT NULL,
$aggs
FROM ticket t JOIN policy p USING (priority);

-- summaries of small buckets, rolled up per team
CREATE TABLE bucket AS
SELECT t.team, t.g % 50 AS b,
       slm.compliance_agg(p.target, t.opened, t.closed, t.waiting) AS c,
       slm.csat_agg(t.csat5) AS csat, slm.nps_agg(t.nps) AS nps,
       slm.kano_agg(t.functional, t.dysfunctional, t.importance) AS kano,
       slm.outage_agg(t.outage) AS outages
FROM ticket t JOIN policy p USING (priority) GROUP BY 1, 2;
ANALYZE bucket;
CREATE VIEW rolled AS
SELECT team, $rollups FROM bucket GROUP BY team
UNION ALL
SELECT NULL, $rollups FROM bucket;

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_answers AS SELECT * FROM answers;
CREATE TEMP TABLE serial_rolled AS SELECT * FROM rolled;

SET max_parallel_workers_per_gather = 4;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
CREATE TEMP TABLE plans (q text, line text);
DO \$\$
DECLARE
    q text;
    l text;
BEGIN
    FOREACH q IN ARRAY ARRAY['answers', 'rolled'] LOOP
        FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) SELECT * FROM ' || q LOOP
            INSERT INTO plans VALUES (q, l);
        END LOOP;
    END LOOP;
END \$\$;
SELECT 'not parallel: ' || q FROM plans GROUP BY q
HAVING NOT bool_or(line ~ 'Partial (Hash|Group|Mixed)?Aggregate') OR NOT bool_or(line ~ 'Gather');
CREATE TEMP TABLE parallel_answers AS SELECT * FROM answers;
CREATE TEMP TABLE parallel_rolled AS SELECT * FROM rolled;

SELECT 'mismatch answers ' || coalesce(s.team, p.team, 'all') || ': ' || s::text || ' <> ' || p::text
FROM serial_answers s FULL JOIN parallel_answers p ON coalesce(s.team, '') = coalesce(p.team, '')
WHERE s::text IS DISTINCT FROM p::text;
SELECT 'mismatch rollup ' || coalesce(s.team, p.team, 'all') || ': ' || s::text || ' <> ' || p::text
FROM serial_rolled s FULL JOIN parallel_rolled p ON coalesce(s.team, '') = coalesce(p.team, '')
WHERE s::text IS DISTINCT FROM p::text;
SELECT 'groups ' || count(*) || ', rows ' || (SELECT count(*) FROM ticket) || ', all: ' ||
       (SELECT c3 FROM serial_answers WHERE team IS NULL)
FROM serial_answers;
SQL
)
psql -X -q -d postgres -c "DROP DATABASE $db"
echo "$result"
if grep -qE '^(mismatch|not parallel)' <<<"$result"; then
    echo "parallel aggregation: FAILED"
    exit 1
fi
echo "parallel aggregation: every aggregate and rollup equal in serial and parallel plans"
