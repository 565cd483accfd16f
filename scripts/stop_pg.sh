#!/usr/bin/env bash
set -euo pipefail
PGPORT=${PGPORT:-54329}
PGBASE=${PGBASE:-/tmp/zairyu-pg-$PGPORT}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGBASE/data" -m fast stop >/dev/null || true
else "$PGBIN/pg_ctl" -D "$PGBASE/data" -m fast stop >/dev/null || true; fi
