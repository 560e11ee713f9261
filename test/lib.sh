# slm test library: dependency installation, build, and throwaway servers.
# Sourced by test/all.sh, test/demo.sh and the scripts under test/.
#
# The server build is chosen by PG_CONFIG (default: Debian's PostgreSQL
# $PGVER, 15). Its bin directory goes first on PATH, so initdb, pg_ctl,
# psql and pgbench are always those of the build under test; the version
# matrix (test/matrix.sh) points PG_CONFIG at builds from source.

PGVER=${PGVER:-15}
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$PGVER/bin/pg_config}
export PG_CONFIG
PGBIN=$("$PG_CONFIG" --bindir 2>/dev/null || echo "/usr/lib/postgresql/$PGVER/bin")
export PGBIN PATH="$PGBIN:$PATH"

# Install what is missing (Debian, as root); does nothing when all is there.
slm_install_deps() {
    # On Debian 12 the server package postgresql-15 carries contrib
    # (postgres_fdw) and pgbench as well.
    local need=()
    for pkg in make gcc "postgresql-$PGVER" "postgresql-server-dev-$PGVER" python3 tzdata; do
        dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
    done
    if [ ${#need[@]} -gt 0 ]; then
        echo "installing: ${need[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${need[@]}" >/dev/null
    fi
    PGBIN=$("$PG_CONFIG" --bindir)
    export PGBIN PATH="$PGBIN:$PATH"
}

# Build and install the extension into the server's tree.
slm_build_install() {
    make -s PG_CONFIG="$PG_CONFIG" >/dev/null
    make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
}

# Start a throwaway server as user postgres on a Unix socket in a fresh
# temporary directory; exports PGHOST, PGPORT, PGUSER. Extra postgres options
# may be passed as arguments. The server is stopped by slm_stop_servers.
SLM_SERVERS=()
slm_start_server() {
    local dir port
    dir=$(mktemp -d /tmp/slm-pg.XXXXXX)
    chown postgres: "$dir"
    port=${SLM_PORT:-$((20000 + RANDOM % 20000))}
    runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust \
        --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; return 1; }
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-k $dir -p $port -c listen_addresses='' -c fsync=off $*" start >/dev/null \
        || { cat "$dir/server.log"; return 1; }
    SLM_SERVERS+=("$dir")
    export PGHOST="$dir" PGPORT="$port" PGUSER=postgres
    SLM_LAST_DIR="$dir"
}

slm_stop_servers() {
    for dir in "${SLM_SERVERS[@]}"; do
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
        rm -rf "$dir"
    done
    SLM_SERVERS=()
}
