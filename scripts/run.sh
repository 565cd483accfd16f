#!/usr/bin/env bash
# Set everything up and run zairyu's main job: the web application with the demo office and its logins.
# The demo lives in a database of its own (var/demo/zairyu.db, with its own keys and uploads; ZAIRYU_DEMO_DIR
# moves it): never the database set in ZAIRYU_DATABASE_URL, so demo accounts with the published password never
# reach a real office's database. `zairyu demo` marks the database it makes as a demo database; only there does
# `zairyu users demo-logins` set the published password.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
Z=.venv/bin/zairyu
export ZAIRYU_DATA_DIR="${ZAIRYU_DEMO_DIR:-$PWD/var/demo}"
unset ZAIRYU_DATABASE_URL ZAIRYU_UPLOAD_DIR ZAIRYU_SECRET_KEY_FILE ZAIRYU_FIELD_KEYS ZAIRYU_FIELD_KEY_FILE
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
