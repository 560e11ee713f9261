#!/usr/bin/env bash
# The catalogue survives dump and restore: its tables are registered with
# pg_extension_config_dump, so a database with services, parties,
# agreements, commitments, links and a ticket table whose trigger reads
# them round-trips through
#   - pg_dump -Fc and pg_restore,
#   - a plain pg_dump replayed with psql,
#   - pg_restore --schema-only then --data-only, slm's tables first: the
#     trigger fires on every restored ticket, from a session with an empty
#     search_path, and reads the catalogue restored before them (restored
#     in pg_restore's own order, tickets in a schema that sorts before slm
#     would come first and find no agreement);
# and in each, the identity of slm.commitments goes on after the restored
# rows, and slm.underpinning_report reads the same.
# Needs a running server (PGHOST/PGPORT/PGUSER).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/slm-catalogue.XXXXXX)
chmod 777 "$out"
trap 'rm -rf "$out"' EXIT
export PGOPTIONS="-c client_min_messages=warning"
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
dbs="slm_cat_src slm_cat_custom slm_cat_plain slm_cat_data"
for db in $dbs; do
    q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done

q -d slm_cat_src >/dev/null <<'EOF'
CREATE EXTENSION slm;
SET timezone = 'UTC';
INSERT INTO slm.parties VALUES
    ('service desk', true, NULL), ('network team', true, NULL), ('acme', false, 'supplier'),
    ('sales', false, NULL);
INSERT INTO slm.services VALUES ('email', 'mail', 'mon-fri 09:00-17:00; tz Europe/Berlin', 4.5, 'user and month');
INSERT INTO slm.agreements (name, kind, service, provider, customer, valid, review_interval) VALUES
    ('mail SLA', 'SLA', 'email', 'service desk', 'sales', '[2026-01-01,)', '1 year'),
    ('network OLA', 'OLA', 'email', 'network team', 'service desk', '[2026-01-01,)', NULL),
    ('acme UC', 'UC', 'email', 'acme', 'service desk', '[2026-01-01,)', NULL);
INSERT INTO slm.commitments (agreement, kind, metric, scope, target, availability_goal) VALUES
    ('mail SLA', 'SLA', 'response', '{"priority": 1}', '1h on (mon-fri 09:00-17:00; tz Europe/Berlin)', NULL),
    ('mail SLA', 'SLA', 'response', '{}', '8h on (mon-fri 09:00-17:00; tz Europe/Berlin)', NULL),
    ('mail SLA', 'SLA', 'availability', '{}', NULL, 0.995),
    ('network OLA', 'OLA', 'response', '{"priority": 1}', '30min on (mon-fri 09:00-17:00; tz Europe/Berlin)', NULL),
    ('acme UC', 'UC', 'response', '{"priority": 1}', '20min on (mon-fri 09:00-17:00; tz America/New_York)', NULL);
INSERT INTO slm.underpinning_links (sla_commitment, chain, step, commitment, metric, kind) VALUES
    (1, 1, 1, 4, 'response', 'OLA'), (1, 1, 2, 5, 'response', 'UC');
CREATE SCHEMA desk;
CREATE TABLE desk.ticket (id int PRIMARY KEY, priority int, opened timestamptz, responded timestamptz,
                          due timestamptz, status text);
CREATE TRIGGER response BEFORE INSERT OR UPDATE ON desk.ticket FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'stop=responded', 'agreement=mail SLA',
        'metric=response', 'due=due', 'status=status');
INSERT INTO desk.ticket (id, priority, opened, responded) VALUES
    (1, 1, '2026-11-23 10:00', '2026-11-23 10:30'),
    (2, 2, '2026-11-23 10:00', '2026-11-24 10:00'),
    (3, 1, '2025-11-23 10:00', '2025-11-23 10:30');
EOF

# Everything the catalogue holds, the tickets, and the report
snapshot() {
    q -d "$1" <<'EOF'
SET timezone = 'UTC';
SELECT 'party', p.* FROM slm.parties p ORDER BY name;
SELECT 'service', s.* FROM slm.services s ORDER BY name;
SELECT 'agreement', a.* FROM slm.agreements a ORDER BY name;
SELECT 'commitment', c.* FROM slm.commitments c ORDER BY id;
SELECT 'link', l.* FROM slm.underpinning_links l ORDER BY 2, 3, 4;
SELECT 'ticket', t.* FROM desk.ticket t ORDER BY id;
SELECT 'report', r.* FROM slm.underpinning_report('[2026-11-02, 2026-11-30)') r;
EOF
}
snapshot slm_cat_src >"$out/src"

rc=0
check() {
    local what=$1 a=$2 b=$3
    if diff -u "$a" "$b" >"$out/diff"; then
        echo "ok: $what"
    else
        echo "FAILED: $what"
        head -40 "$out/diff"
        rc=1
    fi
}
for what in party service agreement commitment link ticket report; do
    grep -q "^$what|" "$out/src" || { echo "FAILED: the snapshot has no $what rows"; rc=1; }
done
# a ticket stamped from the catalogue, one outside the agreement's period
grep -q '^ticket|1|1|.*|met$' "$out/src" || { echo "FAILED: ticket 1 is not stamped"; rc=1; }
grep -q '^ticket|3|1|.*||$' "$out/src" || { echo "FAILED: ticket 3 has a clock"; rc=1; }

# After a restore, a new commitment gets the next id: the identity's
# sequence is dumped with the rows.
next_id() {
    q -d "$1" -c "INSERT INTO slm.commitments (agreement, kind, metric, scope, target)
                  VALUES ('acme UC', 'UC', 'response', '{}', '1h') RETURNING id"
}

pg_dump -Fc -f "$out/src.dump" slm_cat_src
pg_restore --exit-on-error -d slm_cat_custom "$out/src.dump"
snapshot slm_cat_custom >"$out/custom"
check "pg_dump -Fc | pg_restore ($(wc -l <"$out/src") lines)" "$out/src" "$out/custom"

pg_dump -f "$out/src.sql" slm_cat_src
q -d slm_cat_plain -f "$out/src.sql" >/dev/null
snapshot slm_cat_plain >"$out/plain"
check "plain pg_dump | psql" "$out/src" "$out/plain"

pg_restore --exit-on-error --schema-only -d slm_cat_data "$out/src.dump"
pg_restore --exit-on-error --data-only -n slm -d slm_cat_data "$out/src.dump"
pg_restore --exit-on-error --data-only -N slm -d slm_cat_data "$out/src.dump"
snapshot slm_cat_data >"$out/data"
check "pg_restore --data-only: tickets stamped again from the restored catalogue" "$out/src" "$out/data"

for db in slm_cat_custom slm_cat_plain slm_cat_data; do
    id=$(next_id $db)
    if [ "$id" = 6 ]; then
        echo "ok: $db: the next commitment is number 6"
    else
        echo "FAILED: $db: the next commitment is number $id, not 6"
        rc=1
    fi
done

for db in $dbs; do
    q -d postgres -c "DROP DATABASE $db"
done
exit $rc
