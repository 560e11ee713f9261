#!/usr/bin/env bash
# Upgrades: a database populated with every slm type, the trigger, views,
# indexes and stored summaries under 0.1.0 (installed from its frozen
# script) is moved to the current version with ALTER EXTENSION slm UPDATE.
# Then
#   - its stored data reads the same as before the upgrade;
#   - its extension objects are exactly those of a fresh install of the
#     current version (test/upgrade/describe.sql: signatures, volatility,
#     strictness, search_path settings, comments, grants, operator classes,
#     aggregates, casts);
#   - it behaves as a fresh install does on the same data.
# Needs a running server (PGHOST/PGPORT/PGUSER).
set -euo pipefail
cd "$(dirname "$0")/.."
here=test/upgrade
out=$(mktemp -d /tmp/slm-upgrade.XXXXXX)
trap 'rm -rf "$out"' EXIT
current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" slm.control)

q() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
for db in slm_upgrade_old slm_upgrade_new; do
    q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done

q -d slm_upgrade_old -c "CREATE EXTENSION slm VERSION '0.1.0'"
q -d slm_upgrade_old -f $here/populate.sql >/dev/null
q -d slm_upgrade_old -f $here/snapshot.sql >"$out/before"
q -d slm_upgrade_old -c "ALTER EXTENSION slm UPDATE"
version=$(q -d slm_upgrade_old -c "SELECT extversion FROM pg_extension WHERE extname = 'slm'")
q -d slm_upgrade_old -f $here/snapshot.sql >"$out/after"
q -d slm_upgrade_old -f $here/describe.sql >"$out/upgraded.objects"
q -d slm_upgrade_old -f $here/behaviour.sql >"$out/upgraded.behaviour"

q -d slm_upgrade_new -c "CREATE EXTENSION slm"
q -d slm_upgrade_new -f $here/populate.sql >/dev/null
q -d slm_upgrade_new -f $here/describe.sql >"$out/fresh.objects"
q -d slm_upgrade_new -f $here/behaviour.sql >"$out/fresh.behaviour"

rc=0
# the committed upgrade script is the one its parts make
if make -s upgrade-script-check; then
    echo "ok: slm--0.1.0--$current.sql is assembled from its parts"
else
    rc=1
fi
check() {
    local what=$1 a=$2 b=$3
    if diff -u "$a" "$b" >"$out/diff"; then
        echo "ok: $what"
    else
        echo "FAILED: $what"
        head -60 "$out/diff"
        rc=1
    fi
}
if [ "$version" = "$current" ]; then
    echo "ok: ALTER EXTENSION slm UPDATE reaches $current"
else
    echo "FAILED: ALTER EXTENSION slm UPDATE reached $version, not $current"
    rc=1
fi
# the snapshots must say something: every table contributes rows
for what in service policy ticket change daily month outages survey ticket_sla rollup kano_rollup outage_rollup survey_rollup index; do
    grep -q "^$what|" "$out/before" || { echo "FAILED: snapshot has no $what rows"; rc=1; }
done
grep -q '^function slm.track_sla()' "$out/fresh.objects" \
    || { echo "FAILED: the object description lists no functions"; rc=1; }
check "stored data reads the same after the upgrade ($(wc -l <"$out/before") lines)" "$out/before" "$out/after"
check "upgraded objects equal a fresh install's ($(wc -l <"$out/fresh.objects") objects)" \
    "$out/fresh.objects" "$out/upgraded.objects"
check "upgraded database behaves as a fresh one ($(wc -l <"$out/fresh.behaviour") lines)" \
    "$out/fresh.behaviour" "$out/upgraded.behaviour"

for db in slm_upgrade_old slm_upgrade_new; do
    q -d postgres -c "DROP DATABASE $db"
done
exit $rc
