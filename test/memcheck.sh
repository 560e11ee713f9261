# Memory checks shared by test/assert.sh, test/valgrind.sh and
# test/planted.sh: a server under valgrind memcheck, and the reading of a
# server log for what the assert build reports. Sourced after test/lib.sh
# and slm_pg_use (test/pgbuild.sh).

# What in a server log is a failure on the assert build: a failed
# assertion (TRAP:), a crashed backend, and the warnings PostgreSQL gives
# when memory or a resource was misused (MEMORY_CONTEXT_CHECKING, resource
# owners at the end of a transaction).
SLM_LOG_PROBLEMS='TRAP:|terminated by signal|server process \(PID [0-9]+\) (was terminated|exited with exit code)|problem in (alloc set|slab|generation|bump)|detected write past chunk end|leaked|leak:|reference leak|refcount leak|resource was not closed|still active at|invalid memory alloc request size'

# slm_log_problems FILE...: print the lines of the logs that are failures;
# true when there are none.
slm_log_problems() {
    ! grep -iE "$SLM_LOG_PROBLEMS" "$@"
}

# The memcheck options: PostgreSQL's own suppressions (src/tools/valgrind.supp
# of the build's sources, kept beside its bin/ by test/pgbuild.sh), children traced, a log per process, whole stacks
# with full source paths, origins of undefined values. No leak check: the
# server frees by memory context, not by pointer, and exits without freeing.
# No --error-exitcode: a backend exiting with it would be taken for a crash
# by the postmaster; the logs are read afterwards instead (test/vg_report.py).
slm_vg_options() {
    printf '%s\n' --quiet --tool=memcheck --trace-children=yes --track-origins=yes \
        --num-callers=40 --error-limit=no --leak-check=no --fullpath-after= \
        --read-inline-info=yes --suppressions="$(dirname "$PGBIN")/valgrind.supp" \
        --error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END \
        --log-file="$1/vg.%p.log"
}

# slm_vg_start DIR [postgres options]: a fresh cluster in DIR, its server
# running under memcheck with the logs in DIR/vg; exports PGHOST, PGPORT,
# PGUSER. Waits for the server as long as it takes, while it is alive.
slm_vg_start() {
    local dir=$1 port
    shift
    mkdir -p "$dir/vg"
    chown -R postgres: "$dir"
    port=$((20000 + RANDOM % 20000))
    runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust --no-sync \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; return 1; }
    mapfile -t vgopts < <(slm_vg_options "$dir/vg")
    runuser -u postgres -- valgrind "${vgopts[@]}" "$PGBIN/postgres" -D "$dir/data" -k "$dir" \
        -p "$port" -c listen_addresses='' -c fsync=off "$@" >"$dir/server.log" 2>&1 &
    SLM_VG_PID=$!
    SLM_VG_DIR=$dir
    until "$PGBIN/pg_isready" -q -h "$dir" -p "$port"; do
        kill -0 "$SLM_VG_PID" 2>/dev/null || { echo "the server under valgrind died:"; cat "$dir/server.log" "$dir"/vg/*.log; return 1; }
        sleep 1
    done
    export PGHOST="$dir" PGPORT="$port" PGUSER=postgres
}

# Stop the server under memcheck (fast shutdown) and wait until every
# process, and so every log, has finished.
slm_vg_stop() {
    [ -n "${SLM_VG_PID:-}" ] || return 0
    local pm
    pm=$(head -n 1 "$SLM_VG_DIR/data/postmaster.pid" 2>/dev/null)
    [ -n "$pm" ] && kill -INT "$pm" 2>/dev/null
    wait "$SLM_VG_PID" 2>/dev/null
    SLM_VG_PID=
}

# The server's own binary and libraries other than the one under test:
# names they define are not evidence of the code under test.
slm_vg_server_objects() {
    local lib=$1 f
    echo "--server=$PGBIN/postgres"
    for f in "$("$PG_CONFIG" --pkglibdir)"/*.so; do
        [ "$f" = "$lib" ] || echo "--server=$f"
    done
}
