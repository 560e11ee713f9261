#!/usr/bin/env bash
# Differential test of slm's calendar functions against the brute-force
# reference in reference.py.
#
#   test/diff/run.sh [options] [dbname]     server running, slm installed;
#                                           PGHOST/PGPORT/PGUSER as usual;
#                                           dbname defaults to postgres
#   test/diff/run.sh --standalone [options] build and install slm, start a
#                                           throwaway server, run, stop it
# Options:
#   --seed N        random seed (default $DIFF_SEED or 1)
#   --count N       number of cases (default $DIFF_COUNT or 5000)
#   --tz-only       only check the reference's time-zone conversion against
#                   PostgreSQL (needs no slm)
#   --self-check    also verify the reference's internal properties
#   --tz-per-zone N local times per zone for the conversion check (300)
#   --standalone    see above; DIFF_NO_BUILD=1 skips building/installing
#
# Steps: generate cases (test/diff/out/, or $DIFF_OUT), check the reference's
# local->instant conversion against PostgreSQL's AT TIME ZONE, then compare
# every slm function with the reference.  Prints the first 20 mismatches with
# a statement reproducing each, and ends with 'diff: N passed, M failed'.
# Exits non-zero on any mismatch.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

seed=${DIFF_SEED:-1}
count=${DIFF_COUNT:-5000}
standalone=0
tz_only=0
self_check=0
tz_per_zone=${DIFF_TZ_PER_ZONE:-300}
db=postgres
pass=()
while [ $# -gt 0 ]; do
    case "$1" in
        --standalone) standalone=1 ;;
        --tz-only) tz_only=1; pass+=("$1") ;;
        --self-check) self_check=1; pass+=("$1") ;;
        --seed) seed=$2; pass+=("$1" "$2"); shift ;;
        --count) count=$2; pass+=("$1" "$2"); shift ;;
        --tz-per-zone) tz_per_zone=$2; pass+=("$1" "$2"); shift ;;
        -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) db=$1 ;;
    esac
    shift
done

if [ "$standalone" = 1 ]; then
    # shellcheck source=../lib.sh
    source "$root/test/lib.sh"
    slm_install_deps
    if [ -z "${DIFF_NO_BUILD:-}" ]; then
        (cd "$root" && slm_build_install)
    fi
    slm_start_server
    trap slm_stop_servers EXIT
    rc=0
    "$here/run.sh" "${pass[@]}" postgres || rc=$?
    exit "$rc"
fi

out=${DIFF_OUT:-$here/out}
mkdir -p "$out"
[ "$tz_only" = 1 ] && count=0
gen=(python3 "$here/generate.py" --seed "$seed" --count "$count" --out "$out"
     --tz-per-zone "$tz_per_zone")
[ "$self_check" = 1 ] && gen+=(--self-check)
"${gen[@]}"

psql_run() {
    # Runs an SQL file from the output directory (the scripts \copy from
    # relative paths); output goes to stdout and to $out/<name>.log.
    local sql=$1 log=$2
    (cd "$out" && psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$here/$sql") 2>&1 | tee "$out/$log"
    return "${PIPESTATUS[0]}"
}

echo "== time-zone conversion: reference vs PostgreSQL AT TIME ZONE"
psql_run tzcheck.sql tzcheck.log
tz_line=$(grep -E '^tzcheck: [0-9]+ passed, [0-9]+ failed$' "$out/tzcheck.log" | tail -n 1)
tz_failed=$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$tz_line")

if [ "$tz_only" = 1 ]; then
    [ "$tz_failed" = 0 ]
    exit $?
fi

echo "== slm vs reference ($count cases, seed $seed)"
rc=0
psql_run compare.sql compare.log || rc=$?
line=$(grep -E '^diff: [0-9]+ passed, [0-9]+ failed$' "$out/compare.log" | tail -n 1 || true)
if [ "$rc" != 0 ] || [ -z "$line" ]; then
    echo "run.sh: the comparison did not complete (psql exit $rc)" >&2
    echo "diff: 0 passed, 1 failed"
    exit 1
fi
failed=$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")
if [ "$tz_failed" != 0 ]; then
    echo "run.sh: the reference's time-zone conversion disagrees with PostgreSQL" >&2
    exit 1
fi
[ "$failed" = 0 ]
