#!/usr/bin/env bash
# Runs every test of slm: builds and installs the extension, starts a
# throwaway PostgreSQL server, and runs the pg_regress suite, the
# differential test against an independent reference, and the scripted
# tests under test/; then the version matrix (PostgreSQL 14, 16, 17), the
# suite on an assert-enabled build and the planted-bug check of the memory
# harness, where ../shared/postgres has the sources. memcheck over the
# whole suite (test/valgrind.sh) takes longer and runs on its own.
# Installs what is missing (Debian, as root).
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

# pg_regress: each of its tests counts as one.
regress() {
    local out rc ok bad
    rm -rf results regression.diffs regression.out
    mkdir -p results
    out=$(make -s PG_CONFIG="$PG_CONFIG" installcheck 2>&1)
    rc=$?
    printf '%s\n' "$out"
    ok=$(printf '%s\n' "$out" | grep -cE '^(not )?ok |^test .* \.\.\. ok' || true)
    bad=$(printf '%s\n' "$out" | grep -cE '^test .* \.\.\. FAILED|^not ok ' || true)
    passed=$((passed + ok))
    failed=$((failed + bad))
    for t in $(printf '%s\n' "$out" | grep -E ' \.\.\. FAILED' | awk '{print $2}'); do
        failures+=("$t")
    done
    if [ "$rc" -ne 0 ]; then
        [ -f regression.diffs ] && cat regression.diffs
        [ "$bad" -eq 0 ] && { failed=$((failed + 1)); failures+=("pg_regress"); }
        return 1
    fi
}

echo "=== pg_regress"
regress
for t in test/*.test.sh; do
    [ -e "$t" ] || continue
    suite "$(basename "$t" .test.sh)" bash "$t"
done
suite "reference model" python3 test/diff/test_reference.py
suite "differential" bash test/diff/run.sh postgres

# Other PostgreSQL versions and the instrumented build: built from the
# release sources in ../shared/postgres, cached between runs; each says so
# and passes when the sources are absent (a user's clone).
slm_stop_servers
suite "version matrix (14, 16, 17)" bash test/matrix.sh
suite "assert-enabled build" bash test/assert.sh
suite "planted memory errors are caught" bash test/planted.sh

echo
[ ${#failures[@]} -gt 0 ] && echo "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
