# PostgreSQL servers built from the release sources in ../shared/postgres,
# kept in a cache outside the clone and reused. Sourced by test/matrix.sh,
# test/assert.sh, test/valgrind.sh and test/planted.sh.
#
# A build lives in $SLM_PG_CACHE/<version>-<flavour> (default cache
# /var/cache/slm-pg). A file "stamp" there holds the tarball's SHA-256 and
# the configure flags; the build is reused while both match, and redone
# otherwise. One build runs at a time on a machine (flock on the cache).
#
# Flavours:
#   release  ./configure --prefix=... --without-icu --with-system-tzdata=/usr/share/zoneinfo
#            (CFLAGS as configure picks them: -O2)
#   assert   ./configure --prefix=... --without-icu --with-system-tzdata=/usr/share/zoneinfo
#            --enable-cassert --enable-debug
#            CFLAGS="-Og -g -DUSE_VALGRIND -DRANDOMIZE_ALLOCATED_MEMORY"
#            (--enable-cassert brings Assert(), MEMORY_CONTEXT_CHECKING and
#            CLOBBER_FREED_MEMORY; USE_VALGRIND tells memcheck where palloc
#            chunks end and when they are freed)
# The zone rules are the system's (Debian's package tzdata), as in Debian's
# own PostgreSQL packages and in the Python reference of the differential
# test, not the copy bundled with each release.
# Besides the server, client programs and headers, contrib/postgres_fdw is
# built (the shard test needs it). Every build also keeps
# src/tools/valgrind.supp of its sources as <prefix>/valgrind.supp
# (PostgreSQL's own suppressions for memcheck).

SLM_PG_SRC=${SLM_PG_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared/postgres}
SLM_PG_CACHE=${SLM_PG_CACHE:-/var/cache/slm-pg}

# True when the PostgreSQL sources are present (a developer's machine or
# CI); false in a plain clone of slm.
slm_pg_sources_present() {
    [ -f "$SLM_PG_SRC/SHA256SUMS" ]
}

# Install the packages needed to build PostgreSQL and slm (Debian, as root).
slm_pg_build_deps() {
    local need=()
    for pkg in make gcc bison flex libreadline-dev zlib1g-dev pkg-config xz-utils \
        python3 tzdata valgrind util-linux; do
        dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
    done
    if [ ${#need[@]} -gt 0 ]; then
        echo "installing: ${need[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
    fi
}

# The configure arguments and CFLAGS of a flavour, one per line (the
# stamp records them, so changing them here rebuilds).
slm_pg_flavour_flags() {
    case $1 in
        release) printf '%s\n' --without-icu --with-system-tzdata=/usr/share/zoneinfo ;;
        assert) printf '%s\n' --without-icu --with-system-tzdata=/usr/share/zoneinfo \
            --enable-cassert --enable-debug \
            "CFLAGS=-Og -g -DUSE_VALGRIND -DRANDOMIZE_ALLOCATED_MEMORY" ;;
        *) return 1 ;;
    esac
}

# slm_pg_build VERSION FLAVOUR: make sure the build exists; sets
# SLM_PG_PREFIX to its prefix. Prints progress and the build time.
slm_pg_build() {
    local ver=$1 flavour=$2 tarball sum flags prefix stamp want work start rc
    local -a args
    tarball=$SLM_PG_SRC/postgresql-$ver.tar.xz
    [ -f "$tarball" ] || { echo "no $tarball"; return 1; }
    sum=$(awk -v f="postgresql-$ver.tar.xz" '$2 == f { print $1 }' "$SLM_PG_SRC/SHA256SUMS")
    [ -n "$sum" ] || { echo "postgresql-$ver.tar.xz is not in SHA256SUMS"; return 1; }
    mapfile -t args < <(slm_pg_flavour_flags "$flavour") || { echo "unknown flavour $flavour"; return 1; }
    flags=$(printf '%s\n' "${args[@]}")
    prefix=$SLM_PG_CACHE/$ver-$flavour
    stamp=$prefix/stamp
    want=$(printf 'sha256 %s\nconfigure %s\n' "$sum" "$flags")
    SLM_PG_PREFIX=$prefix
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$prefix/bin/pg_config" ]; then
        echo "postgresql $ver ($flavour): cached in $prefix"
        return 0
    fi
    mkdir -p "$SLM_PG_CACHE" && chmod 755 "$SLM_PG_CACHE"
    (
        flock 9
        # another run may have built it meanwhile
        if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$prefix/bin/pg_config" ]; then
            echo "postgresql $ver ($flavour): cached in $prefix"
            exit 0
        fi
        echo "postgresql $ver ($flavour): building into $prefix"
        start=$SECONDS
        # The checksum is checked on every build, against the list shipped
        # beside the tarballs.
        if [ "$(sha256sum "$tarball" | awk '{print $1}')" != "$sum" ]; then
            echo "checksum mismatch: $tarball"
            exit 1
        fi
        work=$(mktemp -d /tmp/slm-pgbuild.XXXXXX)
        rm -rf "$prefix"
        tar -xJf "$tarball" -C "$work" || exit 1
        src=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)
        (
            cd "$src" &&
                ./configure --prefix="$prefix" "${args[@]}" >"$work/configure.log" 2>&1 &&
                make -j2 >"$work/make.log" 2>&1 &&
                make -j2 -C contrib/postgres_fdw >>"$work/make.log" 2>&1 &&
                make install >"$work/install.log" 2>&1 &&
                make -C contrib/postgres_fdw install >>"$work/install.log" 2>&1
        )
        rc=$?
        if [ $rc -ne 0 ]; then
            echo "postgresql $ver ($flavour): build failed; last lines of the logs:"
            tail -n 30 "$work"/*.log
            rm -rf "$work" "$prefix"
            exit 1
        fi
        cp "$src/src/tools/valgrind.supp" "$prefix/valgrind.supp"
        chmod -R a+rX "$prefix"
        rm -rf "$work"
        printf '%s\n' "$want" >"$stamp"
        echo "postgresql $ver ($flavour): built in $((SECONDS - start)) s"
    ) 9>"$SLM_PG_CACHE/.lock"
}

# slm_pg_use PREFIX: make the tests use that build (PG_CONFIG, PGBIN, PATH).
slm_pg_use() {
    PG_CONFIG=$1/bin/pg_config
    PGBIN=$1/bin
    export PG_CONFIG PGBIN PATH="$PGBIN:$PATH"
}

# slm_copy_tree DIR: copy slm's sources into DIR (in a git checkout, the
# files git knows or would add: no objects, built scripts or test output),
# so builds against several servers do not mix object files and the
# working tree stays untouched.
slm_copy_tree() {
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    mkdir -p "$1"
    if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
        (cd "$root" && git ls-files -co --exclude-standard |
            while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done |
            tar -cf - -T -) | tar -xf - -C "$1"
    else
        (cd "$root" && tar -cf - --exclude=.git --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
            --exclude=results --exclude=regression.diffs --exclude=regression.out \
            --exclude=log --exclude='test/diff/out' --exclude='test/bench/out' .) |
            tar -xf - -C "$1"
    fi
    chmod -R a+rX "$1"
}
