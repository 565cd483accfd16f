#!/usr/bin/env bash
# Set everything up and run zairyu's main job: a tour of the law catalogue on the command line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/zairyu statuses --on "${ZAIRYU_ON:-$(date +%F)}" --lang "${ZAIRYU_LANG:-ja}"
