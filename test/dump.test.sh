#!/usr/bin/env bash
# Dump and restore: a database using every slm type, the trigger, views,
# indexes and stored summaries (test/upgrade/populate.sql) round-trips
# exactly through
#   - pg_dump -Fc and pg_restore,
#   - a plain pg_dump replayed with psql,
#   - pg_restore --data-only into a database that has the schema already
#     (its session has an empty search_path, and the trigger fires on every
#     restored row),
#   - COPY ... (FORMAT binary) out and back in, table by table, which
#     exercises every type's send and receive functions.
# Needs a running server (PGHOST/PGPORT/PGUSER).
set -euo pipefail
cd "$(dirname "$0")/.."
here=test/upgrade
out=$(mktemp -d /tmp/slm-dump.XXXXXX)
chmod 777 "$out"
trap 'rm -rf "$out"' EXIT
export PGOPTIONS="-c client_min_messages=warning"
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
dbs="slm_dump_src slm_dump_custom slm_dump_plain slm_dump_data slm_dump_binary"
for db in $dbs; do
    q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done

q -d slm_dump_src -c "CREATE EXTENSION slm" -f $here/populate.sql >/dev/null
q -d slm_dump_src -f $here/snapshot.sql >"$out/src"

rc=0
check() {
    local what=$1 a=$2 b=$3
    if diff -u "$a" "$b" >"$out/diff"; then
        echo "ok: $what"
    else
        echo "FAILED: $what"
        head -40 "$out/diff"
        rc=1
    fi
}
grep -q '^ticket|' "$out/src" || { echo "FAILED: the snapshot has no ticket rows"; rc=1; }

# custom format
pg_dump -Fc -f "$out/src.dump" slm_dump_src
pg_restore --exit-on-error -d slm_dump_custom "$out/src.dump"
q -d slm_dump_custom -f $here/snapshot.sql >"$out/custom"
check "pg_dump -Fc | pg_restore ($(wc -l <"$out/src") lines)" "$out/src" "$out/custom"

# plain format
pg_dump -f "$out/src.sql" slm_dump_src
q -d slm_dump_plain -f "$out/src.sql" >/dev/null
q -d slm_dump_plain -f $here/snapshot.sql >"$out/plain"
check "plain pg_dump | psql" "$out/src" "$out/plain"

# data only, into an existing schema: the trigger stamps every row again,
# from a session whose search_path is empty. Open tickets are judged at the
# time of the restore, so only their due times are compared.
pg_restore --exit-on-error --schema-only -d slm_dump_data "$out/src.dump"
pg_restore --exit-on-error --data-only -d slm_dump_data "$out/src.dump"
stable="SET search_path = desk; SELECT id, priority, opened, closed, waiting, due,
        CASE WHEN closed IS NULL THEN NULL ELSE breached END,
        CASE WHEN closed IS NULL THEN NULL ELSE status END
        FROM ticket ORDER BY id"
q -d slm_dump_src -c "$stable" >"$out/src.tickets"
q -d slm_dump_data -c "$stable" >"$out/data.tickets"
check "pg_restore --data-only: tickets stamped again by the trigger" "$out/src.tickets" "$out/data.tickets"
grep -v '^ticket|' "$out/src" >"$out/src.rest"
q -d slm_dump_data -f $here/snapshot.sql | grep -v '^ticket|' >"$out/data.rest"
check "pg_restore --data-only: other tables" "$out/src.rest" "$out/data.rest"

# binary COPY of every table, into the schema without triggers firing
pg_restore --exit-on-error --schema-only -d slm_dump_binary "$out/src.dump"
tables=$(q -d slm_dump_src -c "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
                               WHERE schemaname = 'desk' ORDER BY 1")
for t in $tables; do
    q -d slm_dump_src -c "COPY $t TO STDOUT (FORMAT binary)" >"$out/$t.bin"
    q -d slm_dump_binary -c "ALTER TABLE $t DISABLE TRIGGER USER" \
        -c "COPY $t FROM STDIN (FORMAT binary)" <"$out/$t.bin"
done
q -d slm_dump_binary -f $here/snapshot.sql >"$out/binary"
check "COPY (FORMAT binary) out and in, $(echo $tables | wc -w) tables" "$out/src" "$out/binary"

for db in $dbs; do
    q -d postgres -c "DROP DATABASE $db"
done
exit $rc
