#!/bin/bash
# Rescoring at archive scale: builds a 100,000-document SQLite store from the shared real judgments
# (repeated with distinct ids), then times `pingcha rescore --jobs 2` from the store against
# `pingcha score --jobs 2` over the same texts from .jsonl (no store), in the same run.
#   bench/rescore_bench.sh [BUILD_DIR] [DOCUMENTS]      (default build, 100000)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
n=${2:-100000}
pingcha=$build/bin/pingcha
src=${PINGCHA_SHARED_DATA:-$here/../shared/data}/judgments/criminal-full-judge-test.jsonl
[ -x "$pingcha" ] || { echo "no $pingcha: build first" >&2; exit 2; }
[ -r "$src" ] || { echo "no $src: the shared judgments are needed" >&2; exit 2; }
work=$(mktemp -d /tmp/pingcha-rescore-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The real criminal judgments (fd: full documents, paragraphs joined by spaces), repeated with
# distinct ids so that every line is a distinct document (its own SHA-256).
python3 - "$src" "$n" "$work/archive.jsonl" <<'PY'
import json, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = [json.loads(l) for l in open(src, encoding="utf-8")]
with open(out, "w", encoding="utf-8") as o:
    for i in range(n):
        d = docs[i % len(docs)]
        o.write(json.dumps({"id": "%s-%d" % (d["text_id"], i), "text": d["fd"].replace(" ", "\n")}, ensure_ascii=False) + "\n")
PY
echo "pipelines: judgment-review = $(grep -v '^#' "$here/pipelines/judgment-review.pipeline" | tr -s '\n' ' '); rescore = $(grep -v '^#' "$here/pipelines/rescore.pipeline" | tr -s '\n' ' ')"
echo "archive: $n documents, $(du -m "$work/archive.jsonl" | cut -f1) MB of .jsonl; $(nproc) cores; $(date -I)"

# Wall time and CPU time (user+sys, all threads) of one command: the machine is shared, so CPU
# seconds say more about the cost than wall seconds when others are compiling.
measure() {  # LABEL COMMAND...
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null
  read -r wall user sys <"$work/time"
  python3 -c "import sys; n,w,c=float(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3])+float(sys.argv[4]); print('%-58s %7.1f s wall %6.0f documents/s | %6.1f CPU-s %6.0f documents/CPU-s' % (sys.argv[5], w, n/w, c, n/c))" "$n" "$wall" "$user" "$sys" "$label"
  echo "$wall $user $sys" >"$work/$label.t"
}
# The archive is built with decoding alone (what matters is the stored text; rescore recomputes
# everything else), so that building it does not dominate the run.
echo "decode" >"$work/store-only.pipeline"
measure build "$pingcha" score --store "sqlite:$work/archive.db" --pipeline "$work/store-only.pipeline" --jobs 2 --format jsonl --quiet "$work/archive.jsonl"
echo "  (score --store --pipeline decode: builds the archive; store $(du -m "$work/archive.db" | cut -f1) MB)"
measure score "$pingcha" score --jobs 2 --format jsonl --quiet "$work/archive.jsonl"
echo "  (score from .jsonl, no store: the baseline, judgment-review pipeline)"
measure rescore "$pingcha" rescore --store "sqlite:$work/archive.db" --campaign bench --jobs 2 --quiet
echo "  (rescore --jobs 2 from the store, rescore pipeline)"
python3 - "$work" "$n" <<'PY'
import sys
w, n = sys.argv[1], int(sys.argv[2])
t = {k: [float(x) for x in open("%s/%s.t" % (w, k)).read().split()] for k in ("score", "rescore")}
s, r = t["score"], t["rescore"]
print("rescore/score throughput: %.2fx wall, %.2fx per CPU-second; rescore of %d documents took %.0f s wall (%s 2 minutes), %.0f CPU-s"
      % (s[0] / r[0], (s[1] + s[2]) / (r[1] + r[2]), n, r[0], "under" if r[0] < 120 else "OVER", r[1] + r[2]))
PY
