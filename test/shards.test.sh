#!/usr/bin/env bash
# Compliance summaries computed on shards and rolled up on a coordinator
# equal the summary of all rows on one server.
#
# The caller's server (PGHOST/PGPORT/PGUSER) is the coordinator; two more
# throwaway servers are the shards. Each shard holds a disjoint slice of
# the same generated tickets, and the policy table (targets) whole. The
# coordinator reaches the shards with postgres_fdw in three ways:
#   1. a view on each shard that computes the summary per team and
#      priority, imported as a foreign table: slm.compliance crosses the
#      wire as text;
#   2. the ticket and policy tables imported as foreign tables, the
#      aggregate pushed down to the shard (the extension is shippable);
#   3. the view's rows copied in binary (COPY ... WITH (FORMAT binary))
#      from each shard into the coordinator: send and recv.
# Each set of partial summaries is rolled up with slm.rollup and compared,
# accessor by accessor, with one pass over all rows on the coordinator.
#
#   bash test/shards.test.sh          (SLM_EXTENSION=name to test another build)
set -euo pipefail
cd "$(dirname "$0")/.."
source test/lib.sh

EXT=${SLM_EXTENSION:-slm}
DB=slm_shards_test
ROWS=${SLM_SHARD_ROWS:-40000}

coord_host=$PGHOST
coord_port=$PGPORT
# slm_stop_servers stops only the servers this script started.
trap slm_stop_servers EXIT
slm_start_server
s1_host=$PGHOST s1_port=$PGPORT
slm_start_server
s2_host=$PGHOST s2_port=$PGPORT
export PGHOST=$coord_host PGPORT=$coord_port

# Run SQL from stdin on a server: sql HOST PORT DB [psql options].
sql() {
    local host=$1 port=$2 db=$3
    shift 3
    psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -d "$db" "$@"
}

# The generated tickets whose number g satisfies a condition: seven teams, four
# targets on three calendars, pauses (some without end), a tenth open.
tickets() {
    cat <<SQL
CREATE TABLE policy (priority int PRIMARY KEY, target slm.target);
INSERT INTO policy VALUES
    (1, '4h on (mon-fri 09:00-17:00; tz Europe/Berlin) goal 95% warn 75%'),
    (2, '8h on (mon-fri 09:00-17:00; 2026-12-24..2026-12-26 closed; tz Europe/Berlin) goal 95%'),
    (3, '3 days on (mon-sat 08:00-20:00; tz America/New_York) goal 90%'),
    (4, '30 minutes goal 99.5%');
CREATE TABLE ticket AS
SELECT g AS id, 'team' || g % 7 AS team, 1 + g * 31 % 4 AS priority, o AS opened,
       CASE WHEN g % 10 = 0 THEN NULL ELSE o + (g * 7907 % 6000) * interval '1 minute' END AS closed,
       CASE WHEN g % 97 = 0 THEN tstzmultirange(tstzrange(o + interval '1 hour', NULL))
            WHEN g % 5 = 0 THEN tstzmultirange(tstzrange(o + interval '30 minutes',
                                                         o + interval '30 minutes' + g % 13 * interval '1 hour'))
       END AS waiting
FROM generate_series(1, $ROWS) g,
     LATERAL (SELECT timestamptz '2026-01-05 00:00+00' + (g * 7919 % 100000) * interval '5 minutes' AS o) t
WHERE $1;
SQL
}

# The per-team, per-priority summaries, as a query over ticket and policy.
summaries() {
    cat <<'SQL'
SELECT t.team, t.priority,
       slm.compliance_agg(p.target, t.opened, t.closed, t.waiting) AS summary,
       slm.compliance_agg(p.target, t.opened, t.closed, timestamptz '2026-06-01 00:00+00', t.waiting) AS summary_at,
       slm.compliance_agg(t.closed <= t.opened + interval '2 days') AS summary_flag
FROM ticket t JOIN policy p USING (priority)
GROUP BY t.team, t.priority
SQL
}

# A third of the rows on shard 1, the rest on shard 2; every team and
# priority has rows on both.
slice=("g % 3 = 0" "g % 3 <> 0")
for n in 1 2; do
    host_var=s${n}_host port_var=s${n}_port
    sql "${!host_var}" "${!port_var}" postgres <<SQL
CREATE EXTENSION $EXT;
$(tickets "${slice[$((n - 1))]}")
CREATE VIEW team_summary AS $(summaries);
SQL
done

psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
sql "$coord_host" "$coord_port" "$DB" <<SQL
CREATE EXTENSION $EXT;
CREATE EXTENSION postgres_fdw;
CREATE SCHEMA local;
SET search_path = local;
$(tickets true)
CREATE TABLE local.one_pass AS $(summaries);
RESET search_path;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '$s1_host', port '$s1_port', dbname 'postgres', extensions '$EXT', use_remote_estimate 'true');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '$s2_host', port '$s2_port', dbname 'postgres', extensions '$EXT', use_remote_estimate 'true');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user '$PGUSER');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user '$PGUSER');
CREATE SCHEMA shard1;
CREATE SCHEMA shard2;
IMPORT FOREIGN SCHEMA public LIMIT TO (team_summary, ticket, policy) FROM SERVER shard1 INTO shard1;
IMPORT FOREIGN SCHEMA public LIMIT TO (team_summary, ticket, policy) FROM SERVER shard2 INTO shard2;
CREATE TABLE binary_part (team text, priority int, summary slm.compliance,
                          summary_at slm.compliance, summary_flag slm.compliance);
SQL

# 3. binary COPY from each shard into the coordinator
for n in 1 2; do
    host_var=s${n}_host port_var=s${n}_port
    psql -X -q -v ON_ERROR_STOP=1 -h "${!host_var}" -p "${!port_var}" -d postgres \
        -c "\\copy (SELECT * FROM team_summary) TO STDOUT WITH (FORMAT binary)" |
        psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c "\\copy binary_part FROM STDIN WITH (FORMAT binary)"
done

# 2. the aggregate must run on the shards, not on the coordinator
plan=$(sql "$coord_host" "$coord_port" "$DB" -At <<'SQL'
SET search_path = shard1;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t.team, t.priority, slm.compliance_agg(p.target, t.opened, t.closed, t.waiting)
FROM ticket t JOIN policy p USING (priority) GROUP BY t.team, t.priority;
SQL
)
if ! grep -q "Remote SQL: SELECT .*compliance_agg" <<<"$plan"; then
    echo "the aggregate was not pushed down to the shard:"
    echo "$plan"
    exit 1
fi

# Every accessor of the rolled-up summaries, against one pass; the rows
# that differ are printed.
result=$(sql "$coord_host" "$coord_port" "$DB" -At <<SQL
CREATE TEMP TABLE via_view AS
SELECT team, priority, slm.rollup(summary) AS summary, slm.rollup(summary_at) AS summary_at,
       slm.rollup(summary_flag) AS summary_flag
FROM (SELECT * FROM shard1.team_summary UNION ALL SELECT * FROM shard2.team_summary) s
GROUP BY team, priority;
SET search_path = shard1;
CREATE TEMP TABLE pushed1 AS $(summaries);
SET search_path = shard2;
CREATE TEMP TABLE pushed2 AS $(summaries);
RESET search_path;
CREATE TEMP TABLE via_pushdown AS
SELECT team, priority, slm.rollup(summary) AS summary, slm.rollup(summary_at) AS summary_at,
       slm.rollup(summary_flag) AS summary_flag
FROM (SELECT * FROM pushed1 UNION ALL SELECT * FROM pushed2) s GROUP BY team, priority;
CREATE TEMP TABLE via_binary AS
SELECT team, priority, slm.rollup(summary) AS summary, slm.rollup(summary_at) AS summary_at,
       slm.rollup(summary_flag) AS summary_flag
FROM binary_part GROUP BY team, priority;

CREATE FUNCTION pg_temp.accessors(c slm.compliance) RETURNS text LANGUAGE sql IMMUTABLE AS \$\$
    SELECT ROW(slm.total(c), slm.met(c), slm.breached(c), slm.open(c), slm.compliance(c),
               slm.goal(c), slm.goal_met(c), slm.error_budget(c), slm.burn_rate(c),
               slm.burn_rate(c, 0.9), slm.error_budget(c, 0.9),
               slm.mean_elapsed(c), slm.max_elapsed(c), c::text)::text
\$\$;
CREATE TEMP VIEW compared AS
SELECT way, team, priority, o.summary AS expected, r.summary AS got
FROM local.one_pass o
FULL JOIN (SELECT 'view' AS way, * FROM via_view UNION ALL SELECT 'pushdown', * FROM via_pushdown
           UNION ALL SELECT 'binary', * FROM via_binary) r USING (team, priority)
WHERE pg_temp.accessors(o.summary) IS DISTINCT FROM pg_temp.accessors(r.summary)
   OR pg_temp.accessors(o.summary_at) IS DISTINCT FROM pg_temp.accessors(r.summary_at)
   OR pg_temp.accessors(o.summary_flag) IS DISTINCT FROM pg_temp.accessors(r.summary_flag);
-- also per team (mixed goals) and over everything
CREATE TEMP VIEW compared_rollup AS
SELECT way, team, o.s AS expected, r.s AS got
FROM (SELECT coalesce(team, 'all') AS team, slm.rollup(summary) AS s
      FROM local.one_pass GROUP BY ROLLUP (team)) o
FULL JOIN (SELECT way, coalesce(team, 'all') AS team, slm.rollup(summary) AS s
           FROM (SELECT 'view' AS way, * FROM via_view UNION ALL SELECT 'pushdown', * FROM via_pushdown
                 UNION ALL SELECT 'binary', * FROM via_binary) x
           GROUP BY way, ROLLUP (team)) r USING (team)
WHERE pg_temp.accessors(o.s) IS DISTINCT FROM pg_temp.accessors(r.s);

SELECT 'groups ' || (SELECT count(*) FROM local.one_pass) || ', rows ' ||
       (SELECT sum(slm.total(summary)) FROM local.one_pass) || ', per shard ' ||
       (SELECT sum(slm.total(summary)) || ' in ' || count(*) || ' groups' FROM shard1.team_summary) || ' + ' ||
       (SELECT sum(slm.total(summary)) || ' in ' || count(*) || ' groups' FROM shard2.team_summary) ||
       ', rolled up by view/pushdown/binary: ' ||
       (SELECT count(*) FROM via_view) || '/' || (SELECT count(*) FROM via_pushdown) || '/' ||
       (SELECT count(*) FROM via_binary) || ' groups';
SELECT 'mismatch ' || way || ' ' || coalesce(team, '-') || ' ' || coalesce(priority::text, '-') ||
       ': expected ' || coalesce(expected::text, 'NULL') || ', got ' || coalesce(got::text, 'NULL')
FROM compared;
SELECT 'mismatch ' || coalesce(way, '-') || ' team ' || team ||
       ': expected ' || coalesce(expected::text, 'NULL') || ', got ' || coalesce(got::text, 'NULL')
FROM compared_rollup;
SELECT 'total ' || (SELECT slm.rollup(summary) FROM local.one_pass);
SQL
)
psql -X -q -d postgres -c "DROP DATABASE $DB"
echo "$result"
if grep -q '^mismatch' <<<"$result"; then
    echo "shards: MISMATCH"
    exit 1
fi
echo "shards: ok"
