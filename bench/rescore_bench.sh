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
echo "archive: $n documents, $(du -m "$work/archive.jsonl" | cut -f1) MB of .jsonl; $(nproc) cores; $(date -I)"

now() { date +%s.%N; }
rate() { python3 -c "import sys; n,t=float(sys.argv[1]),float(sys.argv[2]); print('%.2f s, %.0f documents/s' % (t, n/t))" "$@"; }

t0=$(now)
"$pingcha" score --store "sqlite:$work/archive.db" --campaign intake --jobs 2 --format jsonl --quiet "$work/archive.jsonl" >/dev/null
t1=$(now); build_s=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1")
echo "score --store (builds the archive, judgment-review pipeline): $(rate "$n" "$build_s"); store $(du -m "$work/archive.db" | cut -f1) MB"

t0=$(now)
"$pingcha" score --jobs 2 --format jsonl --quiet "$work/archive.jsonl" >/dev/null
t1=$(now); score_s=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1")
echo "score from .jsonl, no store (baseline, judgment-review pipeline): $(rate "$n" "$score_s")"

t0=$(now)
"$pingcha" rescore --store "sqlite:$work/archive.db" --campaign bench --jobs 2 --quiet
t1=$(now); rescore_s=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1")
echo "rescore --jobs 2 from the store (rescore pipeline): $(rate "$n" "$rescore_s")"
python3 -c "import sys; s,r=float(sys.argv[1]),float(sys.argv[2]); print('rescore / score throughput: %.2fx; rescore of %d documents %s 2 minutes' % (s/r, int(sys.argv[3]), 'under' if r < 120 else 'OVER'))" "$score_s" "$rescore_s" "$n"
echo "pipelines: judgment-review = $(grep -v '^#' "$here/pipelines/judgment-review.pipeline" | tr -s '\n' ' '); rescore = $(grep -v '^#' "$here/pipelines/rescore.pipeline" | tr -s '\n' ' ')"
