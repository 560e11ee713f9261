#!/usr/bin/env bash
# Runs the pg_regress suite against a throwaway server running under
# valgrind memcheck, then reports every error whose stack passes through
# slm's own code (errors inside PostgreSQL and the dynamic loader are the
# known noise of an uninstrumented server build). Slow: minutes, not part
# of test/all.sh.
#
#   bash test/valgrind.sh [test ...]
set -uo pipefail
cd "$(dirname "$0")/.."
source test/lib.sh
slm_install_deps
command -v valgrind >/dev/null || apt-get install -y -qq valgrind >/dev/null
slm_build_install
dir=$(mktemp -d /tmp/slm-vg.XXXXXX)
chown postgres: "$dir"
port=$((20000 + RANDOM % 20000))
runuser -u postgres -- initdb -D "$dir/data" -U postgres -A trust --no-sync >/dev/null
runuser -u postgres -- valgrind --quiet --trace-children=yes --error-limit=no \
    --log-file="$dir/vg.%p.log" postgres -D "$dir/data" -k "$dir" -p "$port" \
    -c listen_addresses='' -c fsync=off >"$dir/server.log" 2>&1 &
for _ in $(seq 1 120); do
    pg_isready -q -h "$dir" -p "$port" && break
    sleep 1
done
export PGHOST=$dir PGPORT=$port PGUSER=postgres
rm -rf results && mkdir -p results
tests=${*:-}
make -s installcheck ${tests:+REGRESS="$tests"}
rc=$?
runuser -u postgres -- pg_ctl -D "$dir/data" -m fast stop >/dev/null
ours=$(grep -l -E "slm\.so|slm_" "$dir"/vg.*.log 2>/dev/null)
if [ -n "$ours" ]; then
    echo "valgrind found errors in slm code:"
    cat $ours
    rc=1
else
    echo "valgrind: no errors in slm code"
fi
rm -rf "$dir"
exit $rc
