#!/bin/bash
# Starts or stops a throw-away PostgreSQL server on loopback for tests and benchmarks.
#   pg_server.sh start DIR [PASSWORD]  -> prints the URI (postgresql://postgres@127.0.0.1:PORT/postgres);
#                                        with a PASSWORD, TCP logins must give it (scram-sha-256)
#   pg_server.sh stop DIR
# Exit 77 when the PostgreSQL binaries are missing (callers skip, saying so).
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?DIR}
password=${3:-}
bin=${PINGCHA_PG_BIN:-}
if [ -z "$bin" ]; then
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bin=$d; done
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "pg_server.sh: PostgreSQL binaries (initdb, pg_ctl) not found; install Debian postgresql" >&2
  exit 77
fi
# PostgreSQL refuses to run as root: CI runs as root, so run the server as the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    chmod 700 "$dir"
    auth=(--auth=trust)
    if [ -n "$password" ]; then
      printf '%s\n' "$password" >"$dir/pwfile"
      [ "$(id -u)" = 0 ] && chown postgres "$dir/pwfile"
      auth=(--auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir/pwfile")
    fi
    as_pg "$bin/initdb" -D "$dir/data" -U postgres "${auth[@]}" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off -c max_connections=50" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres" | tee "$dir/uri"
    ;;
  stop)
    [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: pg_server.sh start DIR [PASSWORD] | stop DIR" >&2; exit 2 ;;
esac
