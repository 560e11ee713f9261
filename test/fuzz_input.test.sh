#!/usr/bin/env bash
# Mutation test of the calendar and target parsers: thousands of malformed
# literals must each be either accepted (and then re-read to an equal value)
# or refused with one of the documented SQLSTATEs; the server must not crash.
# Needs a running server (PGHOST/PGPORT/PGUSER).
set -euo pipefail
cd "$(dirname "$0")/.."
db=slm_fuzz_test
n=${SLM_FUZZ_COUNT:-6000}
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
tmp=$(mktemp -d)
python3 test/fuzz_input.py calendar "$n" 11 > "$tmp/cal.txt"
python3 test/fuzz_input.py target "$n" 12 > "$tmp/tgt.txt"
result=$(psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" <<SQL
CREATE EXTENSION slm;
CREATE TABLE inputs (kind text, lit text);
\copy inputs (lit) FROM '$tmp/cal.txt'
UPDATE inputs SET kind = 'calendar' WHERE kind IS NULL;
\copy inputs (lit) FROM '$tmp/tgt.txt'
UPDATE inputs SET kind = 'target' WHERE kind IS NULL;
CREATE FUNCTION try_input(kind text, lit text, OUT state text, OUT round_trip boolean)
LANGUAGE plpgsql AS \$\$
BEGIN
    IF kind = 'calendar' THEN
        round_trip := lit::slm.calendar::text::slm.calendar OPERATOR(slm.=) lit::slm.calendar;
    ELSE
        round_trip := lit::slm.target::text::slm.target OPERATOR(slm.=) lit::slm.target;
    END IF;
    state := 'ok';
EXCEPTION WHEN OTHERS THEN
    state := SQLSTATE;
END \$\$;
SELECT kind || ' ' || state || ' ' || count(*) || ' ' || count(*) FILTER (WHERE round_trip IS NOT TRUE AND state = 'ok')
FROM inputs, LATERAL try_input(kind, lit)
GROUP BY kind, state ORDER BY 1;
SQL
)
psql -X -q -d postgres -c "DROP DATABASE $db"
rm -rf "$tmp"
echo "$result"
bad=0
while read -r kind state count norround; do
    case "$state" in
        ok) [ "$norround" -eq 0 ] || { echo "$kind: $norround accepted values did not round-trip"; bad=1; } ;;
        22P02|22023|54000|22008) ;;
        *) echo "$kind: unexpected SQLSTATE $state ($count inputs)"; bad=1 ;;
    esac
done <<<"$result"
[ "$bad" -eq 0 ] && echo "fuzz: every input accepted with a round trip or refused with a documented SQLSTATE"
exit "$bad"
