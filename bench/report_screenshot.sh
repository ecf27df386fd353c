#!/bin/bash
# A PNG screenshot of a campaign report over the shared real criminal judgments (501 documents):
# score --store, rescore with structure when the plugin is built, report, headless Chromium.
#   bench/report_screenshot.sh [BUILD_DIR] [OUT_DIR]    (default build, /tmp/pingcha-report-shot)
# Writes OUT_DIR/report/index.html (and CSVs), OUT_DIR/report.png and OUT_DIR/document.png.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
out=${2:-/tmp/pingcha-report-shot}
pingcha=$build/bin/pingcha
src=${PINGCHA_SHARED_DATA:-$here/../shared/data}/judgments/criminal-full-judge-test.jsonl
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$pingcha" ] || { echo "no $pingcha: build first" >&2; exit 2; }
[ -r "$src" ] || { echo "no $src: the shared judgments are needed" >&2; exit 2; }
[ -x "$chromium" ] || { echo "no $chromium (Debian chromium)" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"
python3 - "$src" "$out/judgments.jsonl" <<'PY'
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as o:
    for line in open(sys.argv[1], encoding="utf-8"):
        d = json.loads(line)
        o.write(json.dumps({"id": d["text_id"], "text": d["fd"].replace(" ", "\n")}, ensure_ascii=False) + "\n")
PY
store="sqlite:$out/store.db"
"$pingcha" score --store "$store" --jobs 2 --format jsonl --quiet "$out/judgments.jsonl" >/dev/null || true
pipeline=rescore
if [ -f "$build/plugins/structure.so" ] && ! grep -v '^#' "$here/pipelines/rescore.pipeline" | grep -q structure; then
  echo "structure ! criteria ! score sheet=spc-2016" >"$out/with-structure.pipeline"
  pipeline=$out/with-structure.pipeline
fi
"$pingcha" rescore --store "$store" --campaign demo --pipeline "$pipeline" --jobs 2 --quiet || true
"$pingcha" report --store "$store" --campaign demo --out "$out/report"
shot() {
  "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$out/profile" --window-size=1200,"$3" \
    --screenshot="$2" "file://$1" 2>/dev/null
}
shot "$out/report/index.html" "$out/report.png" 4200
# The document page with the most marked defects.
worst=$(grep -c '<mark' "$out"/report/documents/*.html | sort -t: -k2 -n -r | head -1 | cut -d: -f1)
shot "$worst" "$out/document.png" 1600
ls -la "$out/report.png" "$out/document.png"
