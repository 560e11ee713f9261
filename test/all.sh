#!/usr/bin/env bash
# Runs every test of slm: builds and installs the extension, starts a
# throwaway PostgreSQL server, and runs the pg_regress suite, the
# differential test against an independent reference, and the scripted
# tests under test/. Installs what is missing (Debian, as root).
#
#   bash test/all.sh
set -uo pipefail
cd "$(dirname "$0")/.."
source test/lib.sh

slm_install_deps || exit 1
slm_build_install || { echo "build failed"; exit 1; }
trap slm_stop_servers EXIT
slm_start_server || exit 1

passed=0
failed=0
failures=()

# Run one named suite; count it.
suite() {
    local name=$1
    shift
    echo "=== $name"
    if "$@"; then
        passed=$((passed + 1))
        echo "--- $name: ok"
    else
        failed=$((failed + 1))
        failures+=("$name")
        echo "--- $name: FAILED"
    fi
}

regress() {
    rm -rf results regression.diffs regression.out
    mkdir -p results
    if ! make -s PG_CONFIG="/usr/lib/postgresql/$PGVER/bin/pg_config" installcheck; then
        [ -f regression.diffs ] && cat regression.diffs
        return 1
    fi
}

suite "pg_regress" regress
for t in test/*.test.sh; do
    [ -e "$t" ] || continue
    suite "$(basename "$t" .test.sh)" bash "$t"
done
[ -f test/diff/run.sh ] && suite "differential" bash test/diff/run.sh postgres

echo
[ ${#failures[@]} -gt 0 ] && echo "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
