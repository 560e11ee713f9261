#!/usr/bin/env bash
# The service review page in a real browser. Loads the demo (test/demo.sql,
# which generates the service desk of test/review/desk.sql) into a fresh
# database, writes the page with test/review/render.py and opens it in
# headless Chromium, with every host name resolving to nothing and a net log:
#   - the page's text loads nothing from elsewhere (no script, link, image,
#     @import, url(), http:// or https://);
#   - in the DOM Chromium built, each of the five charts has its title, axis
#     labels, ticks, legend (where it has series) and one mark per row of
#     its SQL file, at the query's values; the Kano points carry their
#     labels; the tables show every service, the watermelon flags and the
#     failing chains;
#   - the net logs show no request of the page other than file:// (and a
#     probe page with a remote image shows that the check would see one);
#   - the screenshot (1280x4000) is not blank: many colours, the services'
#     colours and the red of a missed goal are drawn.
# Keeps the page and the screenshot in test/review/out/. Installs Debian's
# chromium when missing. Needs a running server (PGHOST/PGPORT/PGUSER).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
    echo "installing: chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi
if ! fc-list 2>/dev/null | grep -q .; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
fi

db=slm_review_test
out=$PWD/test/review/out
tmp=$(mktemp -d /tmp/slm-review.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f test/demo.sql >"$tmp/demo.out" 2>&1 ||
    { cat "$tmp/demo.out"; echo "demo.sql failed"; exit 1; }
python3 test/review/render.py -d "$db" -o "$out/review.html" >/dev/null

browse() {
    local log=$1
    shift
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-default-apps --user-data-dir="$tmp/profile-$log" \
        --host-resolver-rules="MAP * ~NOTFOUND" --log-net-log="$tmp/$log.json" "$@" \
        2>>"$tmp/chromium.log"
}
browse dom --dump-dom "file://$out/review.html" >"$tmp/dom.html"
browse shot --window-size=1280,4000 --screenshot="$out/review.png" "file://$out/review.html" >/dev/null
printf '<!DOCTYPE html><html><body><img src="http://example.invalid/x.png"></body></html>\n' >"$tmp/probe.html"
browse probe --dump-dom "file://$tmp/probe.html" >/dev/null
[ -s "$tmp/dom.html" ] && [ -s "$out/review.png" ] ||
    { cat "$tmp/chromium.log"; echo "chromium rendered nothing"; exit 1; }

python3 test/review/check_page.py -d "$db" "$out/review.html" "$tmp/dom.html" \
    "$tmp/dom.json" "$tmp/shot.json" "$tmp/probe.json" "$out/review.png"
echo "page: $out/review.html ($(wc -c <"$out/review.html") bytes), screenshot: $out/review.png"
psql -X -q -d postgres -c "DROP DATABASE $db"
