#!/usr/bin/env bash
# memcheck the way PostgreSQL's developers run it: the server of an
# instrumented PostgreSQL 17.7 build (test/pgbuild.sh, flavour "assert":
# --enable-cassert --enable-debug, CFLAGS "-Og -g -DUSE_VALGRIND
# -DRANDOMIZE_ALLOCATED_MEMORY", so memcheck knows where each palloc chunk
# ends and when it is freed) runs under valgrind with PostgreSQL's own
# suppressions, children traced and one log per process
# (test/memcheck.sh). slm is built with -g against it; then the pg_regress
# suite, bounded runs of the text and binary input mutation tests and a
# small parallel aggregation test run against that server.
#
# Fails when any memcheck error has a frame, at any depth, in slm: a source
# file of src/, slm.so, or a function slm.so defines (test/vg_report.py), or
# when the server log shows what test/assert.sh counts as a failure. Errors
# elsewhere are counted and shown as noise, without failing.
#
#   bash test/valgrind.sh [pg_regress test ...]
#   SLM_VG_FUZZ=N        literals per parser in the mutation run (default 300; 0: none)
#   SLM_VG_RECV_FUZZ=N   mutated binary values per type (default 60)
# Without ../shared/postgres (a plain clone) it says so and exits 0.
set -uo pipefail
cd "$(dirname "$0")/.."
source test/pgbuild.sh

if ! slm_pg_sources_present; then
    echo "valgrind: no PostgreSQL sources in $SLM_PG_SRC; skipped"
    exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "valgrind: must run as root (builds, and servers as user postgres)"; exit 1; }
slm_pg_build_deps || exit 1
source test/lib.sh
slm_pg_build 17.7 assert || exit 1
slm_pg_use "$SLM_PG_PREFIX"
source test/memcheck.sh

start=$SECONDS
work=$(mktemp -d /tmp/slm-vg.XXXXXX)
chmod 755 "$work"
trap 'slm_vg_stop; rm -rf "$work"' EXIT
tree=$work/slm
slm_copy_tree "$tree"
(cd "$tree" && make -s PG_CONFIG="$PG_CONFIG" >build.log 2>&1 &&
    make -s PG_CONFIG="$PG_CONFIG" install >>build.log 2>&1) || { cat "$tree/build.log"; echo "valgrind: slm build failed"; exit 1; }
lib=$("$PG_CONFIG" --pkglibdir)/slm.so

slm_vg_start "$work/server" || exit 1
rc=0
(cd "$tree" && make -s PG_CONFIG="$PG_CONFIG" installcheck ${*:+REGRESS="$*"}) || {
    [ -f "$tree/regression.diffs" ] && cat "$tree/regression.diffs"
    echo "valgrind: pg_regress failed"
    rc=1
}
if [ $# -eq 0 ]; then
    fuzz=${SLM_VG_FUZZ:-300}
    if [ "$fuzz" -gt 0 ]; then
        SLM_FUZZ_COUNT=$fuzz bash "$tree/test/fuzz_input.test.sh" || { echo "valgrind: fuzz test failed"; rc=1; }
    fi
    SLM_RECV_FUZZ_COUNT=${SLM_VG_RECV_FUZZ:-60} bash "$tree/test/fuzz_recv.test.sh" || { echo "valgrind: recv fuzz test failed"; rc=1; }
    SLM_PARALLEL_ROWS=3000 bash "$tree/test/parallel_agg.test.sh" || { echo "valgrind: parallel aggregation test failed"; rc=1; }
fi
slm_vg_stop

mapfile -t server_objects < <(slm_vg_server_objects "$lib")
python3 test/vg_report.py --logs "$work/server/vg" --so "$lib" --src "$tree/src" "${server_objects[@]}" || rc=1
slm_log_problems "$work/server/server.log" || { echo "valgrind: the server log shows failures (above)"; rc=1; }
echo "valgrind: $((SECONDS - start)) s (slm build, server under memcheck, tests)"
[ $rc -eq 0 ] && echo "valgrind: no memcheck errors in slm code"
exit $rc
