#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests and print its URL.
# PostgreSQL refuses to run as root, so as root it runs as the 'postgres' OS user.
set -euo pipefail
PGPORT=${PGPORT:-54329}
PGBASE=${PGBASE:-/tmp/zairyu-pg-$PGPORT}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ -f "$PGBASE/data/postmaster.pid" ]; then
  as_pg "$PGBIN/pg_ctl" -D "$PGBASE/data" -m fast stop >/dev/null 2>&1 || true
fi
rm -rf "$PGBASE"
if [ "$(id -u)" = 0 ]; then install -d -o postgres -g postgres "$PGBASE"; else mkdir -p "$PGBASE"; fi
as_pg "$PGBIN/initdb" -D "$PGBASE/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync -N >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGBASE/data" -l "$PGBASE/log" -w -t 30 \
  -o "-p $PGPORT -k $PGBASE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
echo "postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
