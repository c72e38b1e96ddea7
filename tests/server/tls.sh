#!/usr/bin/env bash
# TLS for team projects (issue #18 "Security", docs/TEAM.md "TLS"): a server of this test's own
# that accepts TCP connections only over TLS (hostssl, scram-sha-256), with a certificate made
# here. concord-cli connects with sslmode=require and with sslmode=verify-full against the
# certificate; a connection without TLS is refused, so no password ever travels in clear text.
# Usage: tls.sh CONCORD_CLI   (as CTest runs it: root or not, PostgreSQL and openssl installed)
set -euo pipefail

cli=$1
here=$(cd "$(dirname "$0")" && pwd)
dir=/tmp/concord-tls-$$
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fail() { echo "FAIL: $*" >&2; exit 1; }
cleanup() { bash "$here/pg_server.sh" stop "$dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

bash "$here/pg_server.sh" start "$dir" "$port" >/dev/null
set -a
# shellcheck disable=SC1091
source "$dir/env"
set +a
owner=$(stat -c %U "$dir/data")

# A certificate for "localhost", the server's key readable by the server only.
openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=localhost" -days 2 \
  -keyout "$dir/data/server.key" -out "$dir/data/server.crt" >/dev/null 2>&1
cp "$dir/data/server.crt" "$dir/root.crt"
chmod 600 "$dir/data/server.key"
chown "$owner" "$dir/data/server.key" "$dir/data/server.crt"
cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
EOF
# The superuser keeps its socket; over TCP only TLS with a password, anything else refused.
cat >>"$dir/data/pg_hba.conf" <<EOF
hostssl all all 127.0.0.1/32 scram-sha-256
hostnossl all all 127.0.0.1/32 reject
EOF
bash "$here/pg_server.sh" halt "$dir" >/dev/null
bash "$here/pg_server.sh" resume "$dir"

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE ROLE lead LOGIN CREATEROLE PASSWORD 'lead-pw'"
createdb -O lead team
export PGPASSWORD=lead-pw
tcp="host=localhost hostaddr=127.0.0.1 port=$port dbname=team user=lead"

"$cli" server init "$tcp sslmode=require" --classes ok,scratch >/dev/null ||
  fail "server init over TLS (sslmode=require) failed"
"$cli" info "$tcp sslmode=verify-full sslrootcert=$dir/root.crt" >/dev/null ||
  fail "a connection checking the server's certificate (verify-full) failed"
[ "$(psql -X -At "$tcp sslmode=require" -c 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')" = t ] ||
  fail "the connection is not encrypted"

# Without TLS the server refuses before any password is asked for.
if "$cli" info "$tcp sslmode=disable" >/dev/null 2>"$dir/err"; then fail "a connection without TLS was accepted"; fi
grep -qi "no encryption\|rejects connection" "$dir/err" || fail "unexpected refusal: $(cat "$dir/err")"
# A certificate that does not match is refused by the client with verify-full.
openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=someone-else" -days 2 \
  -keyout "$dir/other.key" -out "$dir/other.crt" >/dev/null 2>&1
if "$cli" info "$tcp sslmode=verify-full sslrootcert=$dir/other.crt" >/dev/null 2>&1; then
  fail "verify-full accepted a server certificate the root does not sign"
fi
echo "tls: all checks passed"
