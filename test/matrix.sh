#!/usr/bin/env bash
# The version matrix: slm built with -Werror and tested on each supported
# PostgreSQL major version besides Debian's 15 (which test/all.sh covers).
#
# For each version, PostgreSQL is built once from the release tarball in
# ../shared/postgres (checksum checked against SHA256SUMS) into a cache
# outside the clone (test/pgbuild.sh, flavour "release"); slm is built
# against it in a copy of the tree, installed, and a throwaway server runs
# the whole pg_regress suite. On 16 and later, the soft-error input path is
# checked too: pg_input_is_valid() on good and bad literals of every slm
# type, and on the parser mutation corpus, must agree with a plain cast and
# never raise.
#
# Prints one verdict per version and exits non-zero if any version failed.
# Without ../shared/postgres (a plain clone) it says so and exits 0.
#
#   bash test/matrix.sh [version ...]        (default: 14.17 16.9 17.7)
#   SLM_PG_CACHE=dir   where the builds are kept (default /var/cache/slm-pg)
set -uo pipefail
cd "$(dirname "$0")/.."
source test/pgbuild.sh

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(14.17 16.9 17.7)

if ! slm_pg_sources_present; then
    echo "matrix: no PostgreSQL sources in $SLM_PG_SRC; skipped"
    exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "matrix: must run as root (builds, and servers as user postgres)"; exit 1; }
slm_pg_build_deps || exit 1
source test/lib.sh

work=$(mktemp -d /tmp/slm-matrix.XXXXXX)
chmod 755 "$work"
trap 'slm_stop_servers; rm -rf "$work"' EXIT

# Soft input errors (16+): every base type of the extension has a good and
# a bad literal here; each must be judged by pg_input_is_valid() as by a
# cast, and a bad one must report one of the documented SQLSTATEs (or
# 22007, a timestamp's own).
soft_errors() {
    psql -X -qAt -v ON_ERROR_STOP=1 -d postgres <<'SQL'
CREATE EXTENSION slm;
CREATE TEMP TABLE lit (typ text, lit text, valid boolean);
INSERT INTO lit VALUES
    ('slm.calendar', 'mon-fri 09:00-12:00, 13:00-17:00; 2026-12-25..2026-12-26 closed; tz Europe/Berlin', true),
    ('slm.calendar', '24x7', true),
    ('slm.calendar', 'mon-fri 25:00-26:00', false),
    ('slm.calendar', 'someday 09:00-17:00', false),
    ('slm.calendar', 'mon-fri 09:00-17:00; tz Nowhere/Atlantis', false),
    ('slm.target', '4h on (mon-fri 09:00-17:00; tz Europe/Berlin) goal 95% warn 75%', true),
    ('slm.target', '30 minutes', true),
    ('slm.target', '4 lightyears', false),
    ('slm.target', '4h on (mon-fri 09:00-17:00', false),
    ('slm.compliance', 'met=7 breached=2 open=1 goal=99.95% timed=9 elapsed_sum=45000.5s elapsed_max=14400s', true),
    ('slm.compliance', 'met=3 breached=1', false),
    ('slm.compliance', 'met=x breached=1 open=0', false),
    ('slm.outages', '{[2026-11-30 10:00+00, 2026-11-30 11:00+00), [2026-11-30 12:00+00, 2026-11-30 13:00+00)}', true),
    ('slm.outages', '{[2026-11-30 11:00, 2026-11-30 10:00)}', false),
    ('slm.outages', '{[yesterday-ish, 2026-11-30 11:00)}', false),
    ('slm.availability_state', 'period [2026-11-30, 2026-12-07) calendar "mon-fri 09:00-17:00; tz UTC" outages {[2026-12-01 10:00+00, 2026-12-01 11:00+00)}', true),
    ('slm.availability_state', 'outages {}', false),
    ('slm.availability_state', 'period [2026-11-30, 2026-12-07) calendar "mon-fri 09:00-17:00" outages {[2026-12-06, 2026-12-08)}', false),
    ('slm.availability_state', 'period [2026-11-30, 2026-12-07) calendar "mon-fri 25:00-26:00" outages {}', false),
    ('slm.csat', '(scale=5,responses=2,satisfied=1,sum=7)', true),
    ('slm.csat', '(scale=5,responses=2)', false),
    ('slm.csat', '(scale=99999999999,responses=2,satisfied=1,sum=7)', false),
    ('slm.nps', '(promoters=0,passives=0,detractors=0)', true),
    ('slm.nps', '(promoters=1,passives=2,detractors=-3)', false),
    ('slm.kano', '(A=1,O=0,M=0,I=0,R=0,Q=0,skipped=2,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=1,importance=2.5,functional_importance=2.5/0/0/0/0,dysfunctional_importance=0/0/2.5/0/0)', true),
    ('slm.kano', '(A=1,B=2)', false),
    ('slm.durations', 'running=1 invalid=2 zero=3 min=0s max=90s alpha=0.005 buckets=1791:1,1832:4', true),
    ('slm.durations', 'running=1 invalid=0 zero=0 alpha=0.005 buckets=1832:1,1791:1', false),
    ('slm.durations', 'running=x', false),
    ('slm.credit_tiers', '< 99.9% 10%, < 99% 25%, < 95% 100%', true),
    ('slm.credit_tiers', '< 99.9% 25%, < 99% 10%', false),
    ('slm.credit_tiers', '< 101% 10%', false),
    ('slm.kano', '(A=99999999999999999999,O=0,M=0,I=0,R=0,Q=0,skipped=0,functional=1/0/0/0/0,dysfunctional=0/0/1/0/0,rated=0,importance=0,functional_importance=0/0/0/0/0,dysfunctional_importance=0/0/0/0/0)', false);

-- pg_input_is_valid against a cast; a raised error is a failure
CREATE FUNCTION pg_temp.judge(typ text, lit text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    cast_ok boolean;
    soft_ok boolean;
    code text;
BEGIN
    BEGIN
        EXECUTE format('SELECT %L::%s', lit, typ);
        cast_ok := true;
    EXCEPTION WHEN OTHERS THEN
        cast_ok := false;
    END;
    -- dynamic SQL: pg_input_is_valid keeps the type of its first call
    -- when the type name is a PL/pgSQL variable
    BEGIN
        EXECUTE format('SELECT pg_input_is_valid(%L, %L)', lit, typ) INTO soft_ok;
        EXECUTE format('SELECT sql_error_code FROM pg_input_error_info(%L, %L)', lit, typ) INTO code;
    EXCEPTION WHEN OTHERS THEN
        RETURN 'raised ' || SQLSTATE || ': ' || SQLERRM;
    END;
    IF soft_ok IS DISTINCT FROM cast_ok THEN
        RETURN format('pg_input_is_valid %s, cast %s', soft_ok, cast_ok);
    END IF;
    IF NOT soft_ok AND code NOT IN ('22P02', '22023', '22007', '22008', '22003', '54000') THEN
        RETURN 'unexpected SQLSTATE ' || code;
    END IF;
    RETURN CASE WHEN soft_ok THEN 'valid' ELSE 'invalid' END;
END $$;

SELECT 'untested type ' || t.oid::regtype
FROM pg_type t JOIN pg_depend d ON d.objid = t.oid AND d.classid = 'pg_type'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'slm'
WHERE d.deptype = 'e' AND t.typtype = 'b' AND t.typcategory <> 'A'
  AND t.oid::regtype::text NOT IN (SELECT typ FROM lit);
SELECT format('%s %L: %s (want %s)', typ, lit, j, CASE WHEN valid THEN 'valid' ELSE 'invalid' END)
FROM (SELECT *, pg_temp.judge(typ, lit) AS j FROM lit) s
WHERE j IS DISTINCT FROM CASE WHEN valid THEN 'valid' ELSE 'invalid' END;
SELECT 'checked ' || count(*) || ' literals of ' || count(DISTINCT typ) || ' types' FROM lit;
SQL
}

# The parser mutation corpus through pg_input_is_valid (16+).
soft_errors_fuzz() {
    local n=${SLM_MATRIX_FUZZ_COUNT:-2000}
    {
        python3 test/fuzz_input.py calendar "$n" 21 | sed 's/^/slm.calendar\t/'
        python3 test/fuzz_input.py target "$n" 22 | sed 's/^/slm.target\t/'
    } | sed 's/\\/\\\\/g' >"$work/fuzz.tsv"
    psql -X -qAt -v ON_ERROR_STOP=1 -d postgres <<SQL
CREATE TEMP TABLE corpus (typ text, lit text);
\\copy corpus FROM '$work/fuzz.tsv'
CREATE FUNCTION pg_temp.judge(typ text, lit text) RETURNS text LANGUAGE plpgsql AS \$\$
DECLARE
    cast_ok boolean;
    soft_ok boolean;
BEGIN
    BEGIN
        EXECUTE format('SELECT %L::%s', lit, typ);
        cast_ok := true;
    EXCEPTION WHEN OTHERS THEN
        cast_ok := false;
    END;
    BEGIN
        EXECUTE format('SELECT pg_input_is_valid(%L, %L)', lit, typ) INTO soft_ok;
    EXCEPTION WHEN OTHERS THEN
        RETURN 'raised ' || SQLSTATE;
    END;
    RETURN CASE WHEN soft_ok IS DISTINCT FROM cast_ok THEN 'disagrees with the cast' ELSE 'ok' END;
END \$\$;
SELECT format('%s: %s literals, e.g. %L', typ || ' ' || j, count(*), min(lit))
FROM (SELECT typ, lit, pg_temp.judge(typ, lit) AS j FROM corpus) s
WHERE j <> 'ok' GROUP BY typ, j;
SELECT 'fuzzed ' || count(*) || ' literals' FROM corpus;
SQL
}

# Build, install and test one version; prints its verdict last.
check_version() {
    local rc
    check_version_steps "$1"
    rc=$?
    slm_stop_servers
    return $rc
}

check_version_steps() {
    local ver=$1 t0 t1 tree major out problems=()
    t0=$SECONDS
    if ! slm_pg_build "$ver" release; then
        echo "matrix: $ver FAILED (PostgreSQL build)"
        return 1
    fi
    t1=$SECONDS
    slm_pg_use "$SLM_PG_PREFIX"
    major=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
    tree=$work/$ver
    slm_copy_tree "$tree"
    if ! (cd "$tree" && make -s PG_CONFIG="$PG_CONFIG" >build.log 2>&1 &&
        make -s PG_CONFIG="$PG_CONFIG" install >>build.log 2>&1); then
        cat "$tree/build.log"
        echo "matrix: $ver FAILED (slm build with -Werror)"
        return 1
    fi
    slm_start_server || { echo "matrix: $ver FAILED (server start)"; return 1; }
    if ! (cd "$tree" && make -s PG_CONFIG="$PG_CONFIG" installcheck); then
        [ -f "$tree/regression.diffs" ] && cat "$tree/regression.diffs"
        problems+=("pg_regress")
    fi
    if [ "$major" -ge 16 ]; then
        out=$(soft_errors 2>&1)
        printf '%s\n' "$out"
        [ "$(printf '%s\n' "$out" | grep -vc '^checked ')" -eq 0 ] || problems+=("soft errors")
        out=$(soft_errors_fuzz 2>&1)
        printf '%s\n' "$out"
        [ "$(printf '%s\n' "$out" | grep -vc '^fuzzed ')" -eq 0 ] || problems+=("soft errors (fuzz)")
    fi
    if grep -E "TRAP:|terminated by signal|server process .* was terminated" "$SLM_LAST_DIR/server.log"; then
        problems+=("server crash")
    fi
    if [ ${#problems[@]} -gt 0 ]; then
        echo "matrix: $ver FAILED (${problems[*]}); PostgreSQL build $((t1 - t0)) s, slm build and tests $((SECONDS - t1)) s"
        return 1
    fi
    echo "matrix: $ver ok; PostgreSQL build $((t1 - t0)) s, slm build and tests $((SECONDS - t1)) s"
}

verdicts=()
failed=0
for ver in "${versions[@]}"; do
    echo "=== PostgreSQL $ver"
    check_version "$ver" 2>&1 | tee "$work/$ver.log"
    verdict=$(tail -n 1 "$work/$ver.log")
    verdicts+=("$verdict")
    case $verdict in
        "matrix: $ver ok"*) ;;
        *) failed=1 ;;
    esac
done
echo
printf '%s\n' "${verdicts[@]}"
exit "$failed"
