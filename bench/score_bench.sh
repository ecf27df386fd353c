#!/bin/sh
# score_bench.sh [BUILD_DIR] [REPEATS] — documents/second of `pingcha score --jobs 1` on the 501 real
# criminal judgments (field fd, paragraphs joined by spaces as they come) with the full text pipeline
# (every text stage that is built: normalize, segment, structure; all criteria; score), next to a bare
# loop that only reads and decodes them, measured alternately in the same run (best of REPEATS).
# Target: >= 1,000 judgments/s on one core for the full pipeline. Needs ../shared/data/judgments.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root/build}
repeats=${2:-3}
data=${PINGCHA_SHARED_DATA:-$root/../shared/data}/judgments/criminal-full-judge-test.jsonl
bin=$build/bin/pingcha
[ -x "$bin" ] || { echo "no $bin: build the project first" >&2; exit 2; }
[ -f "$data" ] || { echo "shared data absent: $data" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PINGCHA_PLUGIN_PATH="$build/plugins"

# The full text pipeline from the stages this build has.
stages=$("$bin" plugins 2>/dev/null | sed -n 's/^  stage \([a-z-]*\):.*/\1/p')
full="decode"
for s in normalize segment structure; do
  if echo "$stages" | grep -qx "$s"; then full="$full ! $s"; fi
done
full="$full ! criteria ! score sheet=spc-2016"
echo "$full" > "$tmp/full.pipeline"
echo "decode" > "$tmp/bare.pipeline"
# the same without the segment stage: what structure + criteria + score cost on their own
echo "$full" | sed 's/ ! segment//' > "$tmp/noseg.pipeline"

rate() {
  "$bin" score --jobs 1 --pipeline "$tmp/$1.pipeline" --format jsonl --id-field text_id --text-field fd \
    "$data" 2>&1 >/dev/null | sed -n 's/.*(\([0-9.]*\) documents\/s).*/\1/p'
}
best() { tr ' ' '\n' | sort -g | tail -1; }

"$bin" score --jobs 1 --quiet --pipeline "$tmp/full.pipeline" --format jsonl --id-field text_id --text-field fd \
  "$data" > "$tmp/full.out"
failed=$(grep -c '"status":"failed"' "$tmp/full.out" || true)
bare_all=""; full_all=""; noseg_all=""
i=0
while [ "$i" -lt "$repeats" ]; do
  bare_all="$bare_all $(rate bare)"
  full_all="$full_all $(rate full)"
  noseg_all="$noseg_all $(rate noseg)"
  i=$((i + 1))
done
bare=$(echo $bare_all | best)
fullr=$(echo $full_all | best)
noseg=$(echo $noseg_all | best)
echo "date: $(date -I)  nproc: $(nproc)  build: $build"
echo "full pipeline: $full"
echo "documents: 501 criminal judgments; failed in the full pipeline: $failed"
echo "bare decode loop (--jobs 1):  $bare documents/s   (runs:$bare_all)"
echo "full text pipeline (--jobs 1): $fullr documents/s   (runs:$full_all)"
echo "without segment (--jobs 1): $noseg documents/s   (runs:$noseg_all; $(cat "$tmp/noseg.pipeline"))"
python3 - "$tmp/full.out" <<'PY'
import collections, json, sys
t, n = collections.Counter(), 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    n += 1
    for k, v in r.get("timings_ms", {}).items():
        t[k] += v
print("mean stage time per document (ms, full pipeline): " + ", ".join(f"{k} {v / max(n, 1):.3f}" for k, v in t.items()))
PY
python3 -c "import sys; b,f=float(sys.argv[1]),float(sys.argv[2]); print(f'full / bare: {f/b:.2f}; per document: full {1000/f:.3f} ms, bare {1000/b:.3f} ms; target 1000/s: ' + ('met' if f >= 1000 else 'NOT met'))" "$bare" "$fullr"
