#!/usr/bin/env bash
# Update zairyu's web translations (Babel) after changing a template or a page's text: extract the messages into
# locale/messages.pot, merge into the ja/en/ru/uk catalogues (the interview's questions and every text of the rules
# are messages of zairyu/messages/<lang>.yaml, not of Babel), then (after translating the new entries) compile. Usage:
#   scripts/update_catalogues.sh          # extract + merge; prints what still lacks a translation
#   scripts/update_catalogues.sh compile  # compile the .po files into the .mo files the app reads
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
BABEL=.venv/bin/pybabel
cd src/zairyu/web
if [ "${1:-}" = "compile" ]; then
  exec ../../../$BABEL compile -d locale --statistics
fi
../../../$BABEL extract -F babel.cfg -k _ -k gettext -k ngettext:1,2 -k N_ --no-location --sort-output \
  --project zairyu --version 0.1.0 -o locale/messages.pot . >/dev/null
../../../$BABEL update -i locale/messages.pot -d locale -N --ignore-obsolete >/dev/null
../../../$PY - <<'PYEOF'
from pathlib import Path
from babel.messages.pofile import read_po
for po in sorted(Path("locale").glob("*/LC_MESSAGES/messages.po")):
    if po.parts[1] == "en":
        continue  # English is the source language: an empty entry shows the message itself
    with po.open("rb") as f:
        cat = read_po(f)
    todo = [m.id for m in cat if m.id and (not m.string or m.fuzzy)]
    print(f"{po}: {len(todo)} entries to translate or check")
PYEOF
echo "translate them, then: scripts/update_catalogues.sh compile"
