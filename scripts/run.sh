#!/usr/bin/env bash
# Set everything up and run zairyu's main job: the web application on the embedded SQLite
# database (or PostgreSQL when ZAIRYU_DATABASE_URL is set), with the demo office and its logins.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
Z=.venv/bin/zairyu
$Z db upgrade
if ! out=$($Z demo 2>&1); then
  case "$out" in
    *"already exists"*) echo "the demo office is already in this database: keeping it" ;;
    *) echo "$out" >&2; exit 1 ;;
  esac
else
  echo "$out"
fi
echo "Demo accounts (all with the same password):"
$Z users demo-logins
exec $Z serve --host "${ZAIRYU_HOST:-127.0.0.1}" --port "${ZAIRYU_PORT:-8000}"
