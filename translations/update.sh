#!/usr/bin/env bash
# Brings translations/kokoa_ja.ts (or the .ts file given) up to date with the
# strings the window can show: its own and the messages of the layers below
# it. kokoactl and kokoa-watchdog speak English and are left out. Existing
# translations are kept; new strings arrive unfinished, strings no longer in
# the sources are dropped. Then translate with Qt Linguist or an editor.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ts=${1:-$root/translations/kokoa_ja.ts}
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
translated=(core validate crypto ssh store render deploy dns acme cloud health app gui)
cd "$root"
"$lupdate" -silent -no-obsolete -locations none \
  -disable-heuristic sametext -disable-heuristic similartext -disable-heuristic number -source-language en -target-language ja -I src \
  "${translated[@]/#/src/}" ui -ts "$ts"
