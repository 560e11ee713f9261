#!/usr/bin/env bash
# Proof that the memory checks can fail. test/planted/ is a tiny extension,
# slm_planted, with two deliberate errors: planted_overrun() writes one byte
# past a palloc chunk, planted_use_after_free() reads a chunk after pfree.
# It is installed only into the instrumented PostgreSQL 17.7 build (never
# with slm) and both functions are run
#
#   1. under memcheck, with the harness of test/valgrind.sh
#      (test/memcheck.sh, test/vg_report.py) told that slm_planted is the
#      code under test: it must report an invalid write and an invalid read,
#      each with a frame in the planted function;
#   2. on the assert build without valgrind: the overrun must draw the
#      "detected write past chunk end" warning that test/assert.sh treats as
#      a failure, and the freed chunk must read back as CLOBBER_FREED_MEMORY's
#      0x7F.
#
# Fails when either check misses an error: the harness has gone blind.
# Without ../shared/postgres (a plain clone) it says so and exits 0.
#
#   bash test/planted.sh
set -uo pipefail
cd "$(dirname "$0")/.."
source test/pgbuild.sh

if ! slm_pg_sources_present; then
    echo "planted: no PostgreSQL sources in $SLM_PG_SRC; skipped"
    exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "planted: must run as root (builds, and servers as user postgres)"; exit 1; }
slm_pg_build_deps || exit 1
source test/lib.sh
slm_pg_build 17.7 assert || exit 1
slm_pg_use "$SLM_PG_PREFIX"
source test/memcheck.sh

start=$SECONDS
work=$(mktemp -d /tmp/slm-planted.XXXXXX)
chmod 755 "$work"
trap 'slm_vg_stop; slm_stop_servers; rm -rf "$work"' EXIT
cp -r test/planted "$work/planted"
chmod -R a+rX "$work/planted"
(cd "$work/planted" && make -s PG_CONFIG="$PG_CONFIG" >build.log 2>&1 &&
    make -s PG_CONFIG="$PG_CONFIG" install >>build.log 2>&1) || { cat "$work/planted/build.log"; echo "planted: build failed"; exit 1; }
lib=$("$PG_CONFIG" --pkglibdir)/slm_planted.so
rc=0

# 1. memcheck: each function in a session of its own
slm_vg_start "$work/server" || exit 1
psql -X -q -d postgres -c "CREATE EXTENSION slm_planted"
psql -X -qAt -d postgres -c "SELECT planted_overrun()" >/dev/null
psql -X -qAt -d postgres -c "SELECT planted_use_after_free()" >/dev/null
slm_vg_stop
mapfile -t server_objects < <(slm_vg_server_objects "$lib")
python3 test/vg_report.py --logs "$work/server/vg" --so "$lib" --src "$work/planted" "${server_objects[@]}" \
    --expect "slm_planted_overrun=Invalid write" --expect "slm_planted_use_after_free=Invalid read" || {
    echo "planted: memcheck did not report both planted errors; its report:"
    python3 test/vg_report.py --logs "$work/server/vg" --so "$lib" --src "$work/planted" "${server_objects[@]}"
    rc=1
}
# ... and the same logs read for slm (when slm is installed in this build)
# must not count the planted errors as slm's
slmlib=$("$PG_CONFIG" --pkglibdir)/slm.so
if [ -f "$slmlib" ]; then
    mapfile -t other_objects < <(slm_vg_server_objects "$slmlib")
    if python3 test/vg_report.py --logs "$work/server/vg" --so "$slmlib" --src src "${other_objects[@]}" >/dev/null; then
        echo "planted: none of them is counted as slm's"
    else
        echo "planted: the planted errors were counted as slm's"
        rc=1
    fi
fi

# 2. the assert build alone
slm_start_server || exit 1
psql -X -q -d postgres -c "CREATE EXTENSION slm_planted"
psql -X -qAt -d postgres -c "SELECT planted_overrun()" >/dev/null
got=$(psql -X -qAt -d postgres -c "SELECT planted_use_after_free()")
if slm_log_problems "$SLM_LAST_DIR/server.log" >/dev/null; then
    echo "planted: the assert build did not warn about the overrun"
    rc=1
elif grep -q "detected write past chunk end" "$SLM_LAST_DIR/server.log"; then
    echo "planted: assert build: $(grep -m 1 -o 'WARNING: .*detected write past chunk end.*' "$SLM_LAST_DIR/server.log")"
else
    echo "planted: the assert build's log shows a failure, but not the overrun:"
    slm_log_problems "$SLM_LAST_DIR/server.log"
    rc=1
fi
if [ "$got" = 127 ]; then
    echo "planted: assert build: the freed chunk reads back as 0x7F (CLOBBER_FREED_MEMORY)"
else
    echo "planted: the freed chunk read back as $got, not 0x7F"
    rc=1
fi
slm_stop_servers

echo "planted: $((SECONDS - start)) s"
[ $rc -eq 0 ] && echo "planted: the memory checks report both planted errors"
exit $rc
