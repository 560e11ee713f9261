#!/usr/bin/env bash
# Mutation test of the binary input functions (recv): valid values of every
# slm type are written with COPY (FORMAT binary), their bytes mutated
# (test/fuzz_recv.py) and each mutated value read back with COPY FROM. Each
# must be either refused with one of the SQLSTATEs of bad binary input
# (22P03; 08P01 for a value cut short; 22021 for text not in the encoding;
# those of the text input), or accepted as a value that survives a round
# trip through its text form; the server must not crash. Needs a running
# server (PGHOST/PGPORT/PGUSER).
#
#   SLM_RECV_FUZZ_COUNT=N   mutations per type (default 250)
set -euo pipefail
cd "$(dirname "$0")/.."
db=slm_recv_fuzz_test
n=${SLM_RECV_FUZZ_COUNT:-250}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
CREATE EXTENSION slm;
CREATE TABLE seed (typ text, lit text);
INSERT INTO seed VALUES
    ('calendar', 'mon-fri 09:00-12:00, 13:00-17:00; sat 10:00-14:00; 2026-12-24 09:00-12:00; 2026-12-25..2026-12-26 closed; tz Europe/Berlin'),
    ('calendar', '24x7; tz Pacific/Chatham'),
    ('calendar', 'mon-fri 22:00-06:00; 2027-01-01 closed'),
    ('calendar', ''),
    ('target', '4h on (mon-fri 09:00-17:00; 2026-12-25 closed; tz Europe/Berlin) goal 95% warn 75%'),
    ('target', '30 minutes'),
    ('target', '2 days goal 99.5%'),
    ('compliance', 'met=7 breached=2 open=1 goal=99.95% timed=9 elapsed_sum=45000.5s elapsed_max=14400s'),
    ('compliance', 'met=3 breached=1 open=0'),
    ('outages', '{[2026-11-30 10:00+00, 2026-11-30 11:00+00), [2026-11-30 12:00+00, 2026-11-30 13:00+00)}'),
    ('outages', '{}'),
    ('availability_state', 'period [2026-11-30, 2026-12-07) calendar "mon-fri 09:00-17:00; tz UTC" outages {[2026-12-01 10:00+00, 2026-12-01 11:00+00)}'),
    ('csat', '(scale=5,responses=2,satisfied=1,sum=7)'),
    ('nps', '(promoters=3,passives=2,detractors=1)'),
    ('kano', '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=2,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=2.5,functional_importance=2.5/0/0/0/0,dysfunctional_importance=0/0/2.5/0/0)');
-- one table of values and one of what was read back, per type
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT DISTINCT typ FROM seed LOOP
        EXECUTE format('CREATE TABLE %I (v slm.%I)', 'src_' || t, t);
        EXECUTE format('INSERT INTO %I SELECT lit::slm.%I FROM seed WHERE typ = %L', 'src_' || t, t, t);
        EXECUTE format('CREATE TABLE %I (v slm.%I)', 'got_' || t, t);
    END LOOP;
END $$;
SQL
types=$(psql -X -qAt -d "$db" -c "SELECT DISTINCT typ FROM seed ORDER BY 1")
script=$tmp/copy.sql
echo '\set VERBOSITY sqlstate' >"$script"
for t in $types; do
    mkdir "$tmp/$t"
    psql -X -q -d "$db" -c "\\copy src_$t TO '$tmp/$t.bin' WITH (FORMAT binary)"
    python3 test/fuzz_recv.py "$tmp/$t.bin" "$tmp/$t" "$n" 31
    for f in "$tmp/$t"/*.bin; do
        echo "\\copy got_$t FROM '$f' WITH (FORMAT binary)" >>"$script"
    done
done
out=$(psql -X -q -d "$db" -f "$script" 2>&1 || true)
bad=0
codes=$(printf '%s\n' "$out" | grep -oE 'ERROR: +[0-9A-Z]{5}' | awk '{print $2}' | sort | uniq -c || true)
echo "refused, by SQLSTATE:"
printf '%s\n' "$codes"
while read -r count code; do
    [ -n "${code:-}" ] || continue
    case $code in
        22P03|08P01|22021|22P02|22023|22008|22007|22003|54000) ;;
        *) echo "unexpected SQLSTATE $code ($count values)"; bad=1 ;;
    esac
done <<<"$codes"
if printf '%s\n' "$out" | grep -qiE 'server closed the connection|connection to server was lost|terminated abnormally'; then
    printf '%s\n' "$out" | grep -iE -m 5 'server closed|connection|terminated'
    echo "the server crashed"
    bad=1
fi
# accepted values: their text form must read back to the same text
result=$(psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
CREATE FUNCTION pg_temp.round_trip(t text) RETURNS TABLE (accepted bigint, broken bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v text;
    again text;
BEGIN
    accepted := 0;
    broken := 0;
    FOR v IN EXECUTE format('SELECT v::text FROM %I', 'got_' || t) LOOP
        accepted := accepted + 1;
        BEGIN
            EXECUTE format('SELECT %L::slm.%I::text', v, t) INTO again;
            IF again IS DISTINCT FROM v THEN
                broken := broken + 1;
                RAISE WARNING 'slm.%: % reads back as %', t, v, again;
            END IF;
        EXCEPTION WHEN OTHERS THEN
            broken := broken + 1;
            RAISE WARNING 'slm.%: % does not read back: %', t, v, SQLERRM;
        END;
    END LOOP;
    RETURN NEXT;
END $$;
SELECT typ || ' ' || r.accepted || ' ' || r.broken
FROM (SELECT DISTINCT typ FROM seed) s, LATERAL pg_temp.round_trip(typ) r ORDER BY 1;
SQL
) || { echo "round-trip check failed"; bad=1; }
psql -X -q -d postgres -c "DROP DATABASE $db"
while read -r t accepted broken; do
    [ -n "${t:-}" ] || continue
    echo "slm.$t: $n mutations, $accepted accepted, $broken of them without a round trip"
    [ "$broken" -eq 0 ] || bad=1
done <<<"$result"
[ "$bad" -eq 0 ] && echo "recv fuzz: every mutated value refused with a documented SQLSTATE or accepted with a round trip"
exit "$bad"
