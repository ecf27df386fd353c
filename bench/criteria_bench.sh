#!/bin/sh
# criteria_bench.sh [BUILD_DIR] — scores all 501 real criminal judgments (field fd) and all 1,990
# real civil judgments (sections joined into one text by civil_join.py) with the structure stage and
# every criterion, then prints per-criterion finding counts, the score distribution and failures,
# and the throughput on one core next to the bare decode loop measured in the same run.
# Needs ../shared/data/judgments. PIPELINE overrides the pipeline text.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root/build}
data=${PINGCHA_SHARED_DATA:-$root/../shared/data}/judgments
bin=$build/bin/pingcha
[ -x "$bin" ] || { echo "no $bin: build the project first" >&2; exit 2; }
[ -f "$data/criminal-full-judge-test.jsonl" ] || { echo "shared data absent: $data" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PINGCHA_PLUGIN_PATH="$build/plugins"

echo "${PIPELINE:-decode ! structure ! criteria ! score sheet=spc-2016}" > "$tmp/full.pipeline"
echo "decode" > "$tmp/bare.pipeline"
python3 "$here/civil_join.py" "$data/civil-first-instance-sections.jsonl" "$tmp/civil.jsonl"

# Results of the full pipeline (all cores), kept for the counts.
"$bin" score --quiet --pipeline "$tmp/full.pipeline" --format jsonl --id-field text_id --text-field fd \
  "$data/criminal-full-judge-test.jsonl" > "$tmp/criminal.out" || true
"$bin" score --quiet --pipeline "$tmp/full.pipeline" --format jsonl "$tmp/civil.jsonl" > "$tmp/civil.out" || true

# Throughput on one core: bare decode loop and full pipeline on the criminal set, same run.
rate() {
  "$bin" score --jobs 1 --pipeline "$tmp/$1.pipeline" --format jsonl --id-field text_id --text-field fd \
    "$data/criminal-full-judge-test.jsonl" 2>&1 >/dev/null | sed -n 's/.*(\([0-9.]*\) documents\/s).*/\1/p'
}
bare=$(rate bare); full=$(rate full); bare2=$(rate bare); full2=$(rate full)

python3 - "$tmp/criminal.out" "$tmp/civil.out" "$bare" "$full" "$bare2" "$full2" <<'PY'
import collections, json, sys

def load(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]

sets = {"criminal (501, fd)": load(sys.argv[1]), "civil (1,990, joined sections)": load(sys.argv[2])}
ids = sorted({f["criterion"] for rows in sets.values() for r in rows for f in r.get("findings", [])})
print("per-criterion findings (documents hit):")
print(f"{'criterion':28s}" + "".join(f"{name[:26]:>30s}" for name in sets))
for i in ids:
    cells = []
    for rows in sets.values():
        n = sum(1 for r in rows for f in r.get("findings", []) if f["criterion"] == i)
        d = sum(1 for r in rows if any(f["criterion"] == i for f in r.get("findings", [])))
        cells.append(f"{n:>20d} ({d:>5d})")
    print(f"{i:28s}" + "".join(f"{c:>30s}" for c in cells))
for name, rows in sets.items():
    ok = [r for r in rows if r["status"] == "ok"]
    failed = len(rows) - len(ok)
    scores = [r["score"]["value"] for r in ok if r.get("score")]
    grades = collections.Counter(r["score"]["grade"] for r in ok if r.get("score"))
    print(f"\n{name}: {len(rows)} documents, {failed} failed")
    if scores:
        scores.sort()
        q = lambda p: scores[min(len(scores) - 1, int(p * len(scores)))]
        print(f"  score min {scores[0]:.1f}  p10 {q(0.1):.1f}  median {q(0.5):.1f}  p90 {q(0.9):.1f}  max {scores[-1]:.1f}")
        bands = collections.Counter(min(100, int(s // 10) * 10) for s in scores)
        print("  histogram: " + "  ".join(f"[{b},{b+10}): {bands[b]}" for b in sorted(bands)))
        print("  grades: " + ", ".join(f"{g} {n}" for g, n in grades.most_common()))
bare, full, bare2, full2 = (float(x or 0) for x in sys.argv[3:7])
print(f"\nthroughput, one core (--jobs 1), 501 criminal judgments, two rounds:")
print(f"  bare decode loop   {bare:8.1f} {bare2:8.1f} documents/s")
print(f"  full pipeline      {full:8.1f} {full2:8.1f} documents/s   (ratio to bare {full / bare if bare else 0:.2f}, {full2 / bare2 if bare2 else 0:.2f})")
PY
