# slm test library: dependency installation, build, and throwaway servers.
# Sourced by test/all.sh, test/demo.sh and the scripts under test/.

PGVER=${PGVER:-15}

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
    export PATH="/usr/lib/postgresql/$PGVER/bin:$PATH"
}

# Build and install the extension into the server's tree.
slm_build_install() {
    make -s PG_CONFIG="/usr/lib/postgresql/$PGVER/bin/pg_config" >/dev/null
    make -s PG_CONFIG="/usr/lib/postgresql/$PGVER/bin/pg_config" install >/dev/null
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
    runuser -u postgres -- initdb -D "$dir/data" -U postgres -A trust \
        --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; return 1; }
    runuser -u postgres -- pg_ctl -D "$dir/data" -l "$dir/server.log" -w \
        -o "-k $dir -p $port -c listen_addresses='' -c fsync=off $*" start >/dev/null \
        || { cat "$dir/server.log"; return 1; }
    SLM_SERVERS+=("$dir")
    export PGHOST="$dir" PGPORT="$port" PGUSER=postgres
    SLM_LAST_DIR="$dir"
}

slm_stop_servers() {
    for dir in "${SLM_SERVERS[@]}"; do
        runuser -u postgres -- pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1
        rm -rf "$dir"
    done
    SLM_SERVERS=()
}
