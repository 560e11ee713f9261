#!/usr/bin/env bash
# Writes docs/reference.md from the catalog: installs slm (and, to learn
# which version added each object, every released install script) into a
# throwaway server and runs docs/reference.sql. Needs what test/lib.sh
# installs; runs as root like the other scripts.
#
#   bash docs/reference.sh [output]      (default docs/reference.md)
set -euo pipefail
cd "$(dirname "$0")/.."
source test/lib.sh
output=${1:-docs/reference.md}
if [ -z "${PGHOST:-}" ]; then
    slm_install_deps
    slm_build_install
    trap slm_stop_servers EXIT
    slm_start_server >/dev/null
fi
export PGOPTIONS="-c client_min_messages=warning"
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
db=slm_reference
q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
# every object of each released version, oldest first
q -d $db -c "CREATE TABLE slm_reference_added (identity text PRIMARY KEY, version text)"
for script in $(ls slm--[0-9]*.sql | grep -v -- '--.*--' | sort -V); do
    v=${script#slm--}; v=${v%.sql}
    q -d $db -c "CREATE EXTENSION slm VERSION '$v'" -c "
        INSERT INTO slm_reference_added
        SELECT i.type || ' ' || i.identity, '$v'
        FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'slm'
        CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, 0) i
        WHERE d.deptype = 'e'
        ON CONFLICT DO NOTHING" -c "DROP EXTENSION slm"
done
q -d $db -c "CREATE EXTENSION slm"
q -d $db -f docs/reference.sql >"$output.tmp"
mv "$output.tmp" "$output"
q -d postgres -c "DROP DATABASE $db"
echo "wrote $output"
