#!/usr/bin/env bash
# Throwaway local PostgreSQL cluster for the store tests.
#   eval "$(bash .ci/postgres.sh start)"   # prints: export CLAIMGRAPH_TEST_PG_URL=postgresql://...
#   bash .ci/postgres.sh stop              # stops it and removes its directory
# initdb runs in a fresh temp dir as the `postgres` user (when run as root), the server listens on a free
# port on 127.0.0.1 and a unix socket in that dir, with trust auth; nothing outside the temp dir is touched.
# Installs PostgreSQL with apt-get when no server binaries are found.
set -euo pipefail
STATE="${CLAIMGRAPH_PG_STATE:-${TMPDIR:-/tmp}/claimgraph-pg.state}"
DB="${CLAIMGRAPH_PG_DB:-claimgraph_test}"

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$d" ] && command -v initdb >/dev/null 2>&1; then d=$(dirname "$(command -v initdb)"); fi
  echo "$d"
}

as_owner() {  # run a command as the cluster owner
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bin dir port
  bin=$(pg_bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "installing postgresql with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    bin=$(pg_bin)
  fi
  [ -x "$bin/initdb" ] || { echo "no PostgreSQL server binaries found" >&2; exit 1; }
  if [ -f "$STATE" ]; then stop >&2 || true; fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/claimgraph-pg.XXXXXX")
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  port=$(free_port)
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h "$dir" -p "$port" -U postgres "$DB" >&2
  printf 'dir=%q\nport=%q\nbin=%q\n' "$dir" "$port" "$bin" >"$STATE"
  echo "export CLAIMGRAPH_TEST_PG_URL=postgresql://postgres@127.0.0.1:$port/$DB"
}

stop() {
  [ -f "$STATE" ] || { echo "no cluster to stop ($STATE not found)" >&2; return 0; }
  local dir port bin
  # shellcheck disable=SC1090
  . "$STATE"
  if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true; fi
  case "$dir" in *claimgraph-pg.*) rm -rf "$dir" ;; esac
  rm -f "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
