#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throwaway PostgreSQL server for the CTest suite (issue #18; tests/server/README.md).
#   pg_server.sh start DIR PORT   a new cluster in DIR/data that listens only on a Unix socket in
#                                 DIR; any older DIR is stopped and removed first
#   pg_server.sh stop DIR         stops the server and removes DIR; fine when DIR is already gone
#   pg_server.sh halt DIR         stops the server and keeps its data (a server that went away)
#   pg_server.sh resume DIR       starts a halted server again
# As root the server runs as the `postgres` system user (initdb refuses root) and its superuser
# role is `postgres`; otherwise it runs as the caller and the superuser role is the login name.
# That superuser connects over the socket without a password; every other role must give its
# password (scram-sha-256). DIR/env has PGHOST, PGPORT and PGUSER for running tests by hand.
set -euo pipefail

me=pg_server.sh
die() {
  echo "$me: $*" >&2
  exit 1
}
usage() {
  echo "usage: $me start DIR PORT | $me stop DIR | $me halt DIR | $me resume DIR" >&2
  exit 2
}

if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
else
  owner=$(id -un)
fi
superuser=$owner

# run_as USER COMMAND...: as root through runuser, otherwise as the caller.
run_as() {
  local user=$1
  shift
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

# The bin folder of the newest PostgreSQL installed.
newest_bin() {
  local dirs=(/usr/lib/postgresql/*/bin)
  local bin
  bin=$(printf '%s\n' "${dirs[@]}" | sort -V | tail -n 1)
  if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
    die "no PostgreSQL server in /usr/lib/postgresql/*/bin: install the Debian packages postgresql and libpq-dev (scripts/install-deps)"
  fi
  echo "$bin"
}

# The pg_ctl of the version that made the cluster in DATA, else the newest.
pg_ctl_for() {
  local data=$1 version=""
  [ -r "$data/PG_VERSION" ] && version=$(cat "$data/PG_VERSION")
  if [ -n "$version" ] && [ -x "/usr/lib/postgresql/$version/bin/pg_ctl" ]; then
    echo "/usr/lib/postgresql/$version/bin/pg_ctl"
  else
    echo "$(newest_bin)/pg_ctl"
  fi
}

# Stops a server still running in DIR, as the user who owns its data; true when none is left.
stop_server() {
  local data=$1/data pg_ctl user=$owner
  [ -f "$data/postmaster.pid" ] || return 0
  pg_ctl=$(pg_ctl_for "$data")
  if [ "$(id -u)" -eq 0 ]; then
    user=$(stat -c %U "$data")
  fi
  run_as "$user" "$pg_ctl" status -D "$data" >/dev/null 2>&1 || return 0
  run_as "$user" "$pg_ctl" stop -D "$data" -m fast -w -t 60 && return 0
  echo "$me: a fast stop of the server in $1 failed; stopping it immediately" >&2
  run_as "$user" "$pg_ctl" stop -D "$data" -m immediate -w -t 30
}

# Removes DIR, stopping its server first. Refuses a folder this script did not make, so that a
# mistyped DIR is never emptied.
remove_dir() {
  local dir=$1 ok=0
  if [ ! -e "$dir" ] && [ ! -L "$dir" ]; then
    return 0
  fi
  if [ -d "$dir" ] && [ ! -L "$dir" ] && [ ! -e "$dir/.pg_server" ] && [ -n "$(ls -A "$dir")" ]; then
    die "$dir was not made by $me (no $dir/.pg_server); remove it yourself if it is not needed"
  fi
  stop_server "$dir" || {
    echo "$me: could not stop the server in $dir" >&2
    ok=1
  }
  rm -rf "$dir" || true
  if [ -e "$dir" ] || [ -L "$dir" ]; then
    die "could not remove $dir"
  fi
  return "$ok"
}

check_dir() {
  [[ $1 =~ ^/[A-Za-z0-9._/-]*[A-Za-z0-9._-]$ ]] ||
    die "DIR must be an absolute path of letters, digits, '.', '_', '-' and '/', not '$1'"
}

start() {
  local dir=$1 port=$2 bin locale_option
  check_dir "$dir"
  [[ $port =~ ^[0-9]+$ ]] || die "PORT must be a number, not '$port'"
  # The socket's path must fit in sockaddr_un.sun_path (108 bytes with the final NUL).
  local socket="$dir/.s.PGSQL.$port"
  [ "${#socket}" -le 107 ] ||
    die "the socket path $socket is ${#socket} bytes; Unix sockets allow 107: choose a shorter DIR"
  if [ "$owner" = postgres ] && ! getent passwd postgres >/dev/null; then
    die "as root the server runs as the 'postgres' system user, which does not exist: install the Debian package postgresql (scripts/install-deps)"
  fi
  bin=$(newest_bin)

  remove_dir "$dir" || die "could not clear the stale $dir"
  mkdir -m 700 "$dir"
  : >"$dir/.pg_server"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
  fi

  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
    locale_option=--locale=C.UTF-8
  else
    locale_option=--no-locale
  fi
  if ! run_as "$owner" "$bin/initdb" -D "$dir/data" -U "$superuser" -E UTF8 "$locale_option" \
    --auth-local=trust --auth-host=reject --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed in $dir/data (its output is above)"
  fi

  cat >>"$dir/data/postgresql.conf" <<EOF

# Added by tests/server/pg_server.sh: a throwaway server reached only through the socket in DIR.
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
fsync = off
max_connections = 100
password_encryption = 'scram-sha-256'
EOF
  printf 'local all %s trust\nlocal all all scram-sha-256\n' "$superuser" >"$dir/data/pg_hba.conf"

  if ! run_as "$owner" "$bin/pg_ctl" start -D "$dir/data" -l "$dir/log" -w -t 60; then
    echo "---- $dir/log ----" >&2
    cat "$dir/log" >&2 || true
    echo "----" >&2
    die "the PostgreSQL server in $dir did not start on port $port (its log is above)"
  fi
  printf 'PGHOST=%s\nPGPORT=%s\nPGUSER=%s\n' "$dir" "$port" "$superuser" >"$dir/env"
  echo "$me: PostgreSQL $(cat "$dir/data/PG_VERSION") listens on $socket; superuser $superuser; settings in $dir/env"
}

stop() {
  local dir=$1
  check_dir "$dir"
  remove_dir "$dir"
}

halt() {
  local dir=$1
  check_dir "$dir"
  [ -e "$dir/.pg_server" ] || die "no server made by $me in $dir"
  stop_server "$dir"
}

resume() {
  local dir=$1 user=$owner
  check_dir "$dir"
  [ -e "$dir/.pg_server" ] || die "no server made by $me in $dir"
  if [ "$(id -u)" -eq 0 ]; then
    user=$(stat -c %U "$dir/data")
  fi
  run_as "$user" "$(pg_ctl_for "$dir/data")" start -D "$dir/data" -l "$dir/log" -w -t 60 >/dev/null ||
    die "the PostgreSQL server in $dir did not start again (see $dir/log)"
}

# Commands run as the postgres user need a working directory it may enter.
cd /

case "${1:-}" in
  start)
    [ $# -eq 3 ] || usage
    start "$2" "$3"
    ;;
  stop)
    [ $# -eq 2 ] || usage
    stop "$2"
    ;;
  halt)
    [ $# -eq 2 ] || usage
    halt "$2"
    ;;
  resume)
    [ $# -eq 2 ] || usage
    resume "$2"
    ;;
  *) usage ;;
esac
