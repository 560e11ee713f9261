#!/usr/bin/env bash
# slm's tests on a PostgreSQL 17.7 built for development (test/pgbuild.sh,
# flavour "assert": --enable-cassert --enable-debug --without-icu, CFLAGS
# "-Og -g -DUSE_VALGRIND -DRANDOMIZE_ALLOCATED_MEMORY"): Assert() is live,
# freed memory is clobbered, new memory is filled with garbage, palloc chunks
# carry a sentinel byte past their end, and resource owners complain about
# anything left open at the end of a transaction.
#
# slm is built against it with -Werror, then:
#   1. on a server with default settings: the pg_regress suite, the scripted
#      tests (test/*.test.sh: NOTIFY, concurrent writers, shards, parallel
#      aggregation, the parser mutation test with SLM_FUZZ_COUNT literals,
#      default 2000) and the differential test (DIFF_COUNT cases, default
#      2000);
#   2. on a server that forces parallel plans (debug_parallel_query=regress,
#      parallel_setup_cost=0, parallel_tuple_cost=0,
#      min_parallel_table_scan_size=0, min_parallel_index_scan_size=0,
#      max_parallel_workers_per_gather=2): the pg_regress suite again and the
#      parallel aggregation test.
# Failure: any test failing, or in a server log a failed assertion (TRAP:),
# a crashed backend, or a warning about memory or resources
# (test/memcheck.sh: "problem in alloc set", "detected write past chunk
# end", "... reference leak", "resource was not closed", ...).
# Without ../shared/postgres (a plain clone) it says so and exits 0.
#
#   bash test/assert.sh
set -uo pipefail
cd "$(dirname "$0")/.."
source test/pgbuild.sh

if ! slm_pg_sources_present; then
    echo "assert: no PostgreSQL sources in $SLM_PG_SRC; skipped"
    exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "assert: must run as root (builds, and servers as user postgres)"; exit 1; }
slm_pg_build_deps || exit 1
source test/lib.sh
slm_pg_build 17.7 assert || exit 1
slm_pg_use "$SLM_PG_PREFIX"
source test/memcheck.sh

start=$SECONDS
work=$(mktemp -d /tmp/slm-assert.XXXXXX)
chmod 755 "$work"
trap 'slm_stop_servers; rm -rf "$work"' EXIT
tree=$work/slm
slm_copy_tree "$tree"
(cd "$tree" && make -s PG_CONFIG="$PG_CONFIG" >build.log 2>&1 &&
    make -s PG_CONFIG="$PG_CONFIG" install >>build.log 2>&1) || { cat "$tree/build.log"; echo "assert: slm build with -Werror failed"; exit 1; }

failures=()
step() {
    local name=$1
    shift
    echo "=== $name"
    "$@" || failures+=("$name")
}
regress() {
    (cd "$tree" && make -s PG_CONFIG="$PG_CONFIG" installcheck) && return 0
    [ -f "$tree/regression.diffs" ] && cat "$tree/regression.diffs"
    return 1
}
server_log() {
    slm_log_problems "$SLM_LAST_DIR/server.log"
}

slm_start_server || exit 1
step "pg_regress" regress
for t in "$tree"/test/*.test.sh; do
    step "$(basename "$t" .test.sh)" env SLM_FUZZ_COUNT="${SLM_FUZZ_COUNT:-2000}" bash "$t"
done
step "differential" env DIFF_COUNT="${DIFF_COUNT:-2000}" DIFF_OUT="$work/diff" bash "$tree/test/diff/run.sh" postgres
step "server log" server_log

if [ "$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')" -ge 16 ]; then
    force=debug_parallel_query
else
    force=force_parallel_mode
fi
slm_start_server -c "$force=regress" -c parallel_setup_cost=0 -c parallel_tuple_cost=0 \
    -c min_parallel_table_scan_size=0 -c min_parallel_index_scan_size=0 \
    -c max_parallel_workers_per_gather=2 || exit 1
step "pg_regress (parallel plans)" regress
step "parallel aggregation (parallel plans)" bash "$tree/test/parallel_agg.test.sh"
step "server log (parallel plans)" server_log
slm_stop_servers

echo
echo "assert: $((SECONDS - start)) s (slm build and tests)"
if [ ${#failures[@]} -gt 0 ]; then
    echo "assert: FAILED: ${failures[*]}"
    exit 1
fi
echo "assert: every test passed and the server logs are clean"
