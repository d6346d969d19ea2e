#!/usr/bin/env bash
# Run a command against PostgreSQL. If DATABASE_URL is set, use it as it is; otherwise start a
# throwaway PostgreSQL 15 cluster (C.UTF-8, which Chinese search needs) on a private socket,
# run the command against it, and remove the cluster afterwards.
set -euo pipefail
if [ -n "${DATABASE_URL:-}" ]; then exec "$@"; fi

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL server binaries not found in $PGBIN (apt-get install postgresql-15)." >&2
  exit 1
fi
dir=$(mktemp -d /tmp/linli-pg.XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
as_pg=()
if [ "$(id -u)" = "0" ]; then as_pg=(runuser -u postgres --); chown postgres "$dir"; fi
chmod 700 "$dir"
cleanup() {
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as_pg[@]}" "$PGBIN/initdb" -D "$dir/data" -U linli --auth=trust --locale=C.UTF-8 -E UTF8 >/dev/null
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c max_connections=50 -c max_locks_per_transaction=256" start >/dev/null
"${as_pg[@]}" "$PGBIN/createdb" -h "$dir" -p "$port" -U linli linli
export DATABASE_URL="postgres://linli@/linli?host=$dir&port=$port"
echo "PostgreSQL 15 started for this run on socket $dir, port $port"
"$@"
