#!/usr/bin/env bash
# Set everything up and run the whole test suite: lint (ruff), types (mypy), then pytest against
# SQLite and a real PostgreSQL server started here, with UI tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export ZAIRYU_TEST_PG_URL=${ZAIRYU_TEST_PG_URL:-$(scripts/start_pg.sh)}
trap 'scripts/stop_pg.sh' EXIT
echo "test: ruff"; .venv/bin/ruff check src tests $(ls -d bench 2>/dev/null)
echo "test: mypy"; .venv/bin/mypy
echo "test: pytest (PostgreSQL at $ZAIRYU_TEST_PG_URL)"
.venv/bin/python -m pytest -n 2 "$@"
