#!/usr/bin/env bash
# Precision and recall of pingcha's findings on the annotated real judgments (testdata/annotated/),
# split into the tuning part and the held-out part. Usage: bench/accuracy.sh [BUILD_DIR] [--unjudged FILE]
# Prints the figures of bench/accuracy.py; also rejected documents, findings per document and scores.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}; shift || true
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s%N)
"$build/bin/pingcha" score --format jsonl testdata/annotated/documents.jsonl > "$out/results.jsonl" || true
end=$(date +%s%N)
echo "scored $(wc -l < "$out/results.jsonl") documents in $(( (end - start) / 1000000 )) ms, $(date -u +%F), nproc $(nproc)"
python3 bench/accuracy.py "$out/results.jsonl" "$@"
