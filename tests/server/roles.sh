#!/usr/bin/env bash
# Blindness enforced by the server, tested from outside Concord (issue #18 "Security"): a team
# project made by a lead who is NOT a superuser (so FORCE ROW LEVEL SECURITY applies to the
# tables' owner too), two labelers with logins of their own, and psql sessions as each of them.
# Usage (CTest, concord_server_test sets PGHOST/PGPORT/PGUSER): roles.sh CONCORD_CLI IMAGE_DIR
set -euo pipefail

cli=$1
images=$2
tag="r$$_$RANDOM"
db="roles_$tag"
lead="boss_$tag"
ana="ana_$tag"
bob="bob_$tag"
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  dropdb --if-exists "$db" >/dev/null 2>&1 || true
  for r in "$ana" "$bob" "$lead" "concord_${db}_lead" "concord_${db}_labeler"; do
    psql -X -q -c "DROP ROLE IF EXISTS \"$r\"" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
server="host=$PGHOST port=$PGPORT dbname=$db"

# As the superuser: a lead who may create roles and owns the database, nothing more.
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE ROLE \"$lead\" LOGIN CREATEROLE PASSWORD 'lead-pw'"
createdb -O "$lead" "$db"

as_lead() { PGPASSWORD=lead-pw "$@"; }
as_ana() { PGPASSWORD=ana-pw "$@"; }
as_bob() { PGPASSWORD=bob-pw "$@"; }
# psql as a person: prints the single value of a query, or fails.
sql() {
  local who=$1 pass=$2 query=$3
  PGPASSWORD=$pass psql -X -q -At -v ON_ERROR_STOP=1 "$server user=$who" -c "$query"
}
# The statement must be refused by the server.
refused() {
  local who=$1 pass=$2 query=$3 what=$4
  if PGPASSWORD=$pass psql -X -q -At -v ON_ERROR_STOP=1 "$server user=$who" -c "$query" >"$work/out" 2>&1; then
    fail "$what: the server accepted it as $who ($(cat "$work/out"))"
  fi
  grep -qiE "permission denied|row-level security|append-only" "$work/out" ||
    fail "$what: refused for another reason: $(cat "$work/out")"
}

# The lead sets the project up with concord-cli (no password on the command line).
as_lead "$cli" server init "$server user=$lead" --classes ok,scratch,dent >/dev/null
mkdir -p "$work/shots"
cp "$images"/*.jpg "$work/shots/"
as_lead "$cli" import-images "$server user=$lead" "$work/shots" >/dev/null
echo ana-pw | as_lead "$cli" server add-labeler "$server user=$lead" "$ana" --password-stdin >/dev/null
echo bob-pw | as_lead "$cli" server add-labeler "$server user=$lead" "$bob" --password-stdin >/dev/null
[ "$(as_lead "$cli" server users "$server user=$lead" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 2 ] ||
  fail "server users does not list the two labelers"

# A wrong password is refused; a password in the connection string is refused by concord-cli.
if PGPASSWORD=wrong "$cli" info "$server user=$ana" >/dev/null 2>&1; then fail "a wrong password was accepted"; fi
if "$cli" info "postgresql://$ana:ana-pw@localhost/$db" >/dev/null 2>"$work/err"; then
  fail "a password on the command line was accepted"
fi
grep -q "PGPASSWORD" "$work/err" || fail "the refusal of a command-line password does not say where to put it"

# Each labels the same image through their own login; labeling as someone else is refused.
as_ana "$cli" label "$server user=$ana" --labeler "$ana" crazing_10.jpg scratch >/dev/null
as_bob "$cli" label "$server user=$bob" --labeler "$bob" crazing_10.jpg ok >/dev/null
if as_ana "$cli" label "$server user=$ana" --labeler "$bob" crazing_10.jpg dent >/dev/null 2>"$work/err"; then
  fail "ana labeled as bob"
fi
grep -q "labels as '$ana'" "$work/err" || fail "signing in under another name is not explained: $(cat "$work/err")"
[ "$(sql "$lead" lead-pw "SELECT count(*) FROM label")" = 2 ] || fail "the lead does not see both labels"

ana_id=$(sql "$ana" ana-pw "SELECT id FROM labeler WHERE name = '$ana'")
bob_id=$(sql "$ana" ana-pw "SELECT id FROM labeler WHERE name = '$bob'")
img=$(sql "$ana" ana-pw "SELECT id FROM image WHERE file_name = 'crazing_10.jpg'")
other=$(sql "$ana" ana-pw "SELECT id FROM image WHERE file_name <> 'crazing_10.jpg' ORDER BY id LIMIT 1")
scratch=$(sql "$ana" ana-pw "SELECT id FROM label_class WHERE name = 'scratch'")

# SELECT on the labels table as ana returns only ana's rows.
[ "$(sql "$ana" ana-pw "SELECT count(*) FROM label")" = 1 ] || fail "ana sees someone else's label"
[ "$(sql "$ana" ana-pw "SELECT labeler FROM label")" = "$ana_id" ] || fail "ana's one label is not hers"
[ "$(sql "$bob" bob-pw "SELECT count(*) FROM label WHERE labeler = $ana_id")" = 0 ] || fail "bob sees ana's label"
# Her queue and audit entries are hers alone; decisions and gold are the lead's.
[ "$(sql "$ana" ana-pw "SELECT count(DISTINCT labeler) FROM assignment")" = 1 ] || fail "ana sees bob's queue"
[ "$(sql "$ana" ana-pw "SELECT count(*) FROM audit WHERE actor <> '$ana'")" = 0 ] || fail "ana reads others' audit"
sql "$lead" lead-pw "INSERT INTO decision(image, class, method, created_at) VALUES ($img, $scratch, 'adjudicated', 'now')" >/dev/null
[ "$(sql "$ana" ana-pw "SELECT count(*) FROM decision")" = 0 ] || fail "ana sees the lead's decision"

# Bob's shapes are invisible to ana: a box drawn by bob, read by ana.
bob_label=$(sql "$lead" lead-pw "SELECT id FROM label WHERE labeler = $bob_id")
sql "$bob" bob-pw "INSERT INTO annotation(label, kind, geometry) VALUES ($bob_label, 'box', '{}')" >/dev/null
[ "$(sql "$ana" ana-pw "SELECT count(*) FROM annotation")" = 0 ] || fail "ana reads bob's annotation"
[ "$(sql "$lead" lead-pw "SELECT count(*) FROM annotation")" = 1 ] || fail "the lead does not see bob's annotation"

# Writing as someone else, or outside one's queue, or the lead's tables, is refused.
refused "$ana" ana-pw "INSERT INTO label(image, labeler, class, source, created_at, updated_at) VALUES ($other, $bob_id, $scratch, 'manual', 'x', 'x')" \
  "a label inserted as bob"
refused "$ana" ana-pw "INSERT INTO annotation(label, kind, geometry) VALUES ($bob_label, 'box', '{}')" \
  "a shape added to bob's label"
refused "$ana" ana-pw "UPDATE label SET labeler = $bob_id" "a label handed to bob"
refused "$ana" ana-pw "UPDATE assignment SET labeler = $bob_id" "an assignment moved"
refused "$ana" ana-pw "INSERT INTO standard(family, version, title, status, created_at) VALUES (1, 1, 't', 'active', 'x')" \
  "a standard written by a labeler"
refused "$ana" ana-pw "INSERT INTO decision(image, class, method, created_at) VALUES ($other, $scratch, 'adjudicated', 'x')" \
  "a decision written by a labeler"
# Rows a policy hides are not there for UPDATE: nothing changes, and the server says 0 rows.
[ "$(sql "$ana" ana-pw "UPDATE project_meta SET value = '9' WHERE key = 'overlap' RETURNING 1" | wc -l)" = 0 ] ||
  fail "a project setting changed by a labeler"
refused "$ana" ana-pw "INSERT INTO project_meta(key, value) VALUES ('overlap2', '9')" "a project setting added by a labeler"
[ "$(sql "$lead" lead-pw "SELECT value FROM project_meta WHERE key = 'overlap'")" = 3 ] || fail "the setting changed"
[ "$(sql "$ana" ana-pw "UPDATE label SET class = class WHERE labeler = $bob_id RETURNING 1" | wc -l)" = 0 ] ||
  fail "ana updated bob's label"

# The audit log is append-only for everyone, the lead (the tables' owner) included, except the
# undo marker the lead sets.
first_audit=$(sql "$lead" lead-pw "SELECT min(id) FROM audit")
refused "$ana" ana-pw "DELETE FROM audit" "the audit log emptied by a labeler"
refused "$ana" ana-pw "UPDATE audit SET undone = 1" "an undo marker set by a labeler"
entries=$(sql "$lead" lead-pw "SELECT count(*) FROM audit")
[ "$(sql "$lead" lead-pw "DELETE FROM audit WHERE id = $first_audit RETURNING 1" 2>/dev/null | wc -l)" = 0 ] ||
  fail "an audit entry deleted by the lead"
[ "$(sql "$lead" lead-pw "SELECT count(*) FROM audit")" = "$entries" ] || fail "the audit log lost an entry"
refused "$lead" lead-pw "UPDATE audit SET payload = '{}' WHERE id = $first_audit" "an audit entry rewritten by the lead"
refused "$lead" lead-pw "TRUNCATE audit" "the audit log truncated by the lead"
sql "$lead" lead-pw "UPDATE audit SET undone = 1 WHERE id = $first_audit" >/dev/null

# A login taken away can no longer read the project's labels.
as_lead "$cli" server remove-user "$server user=$lead" "$bob" >/dev/null
refused "$bob" bob-pw "SELECT count(*) FROM label" "labels read by a removed login"

echo "roles: all checks passed"
