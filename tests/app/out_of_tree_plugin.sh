#!/usr/bin/env bash
# Builds plugins/template out of tree against the build tree's CMake package, then runs its stage
# and criterion through `pingcha score`: the way a court adds its own rules.
set -euo pipefail
# grep -q reads from here-strings, not pipes: with pipefail, a writer killed by SIGPIPE when grep
# stops early fails the pipeline even though grep matched.
build=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/plugins/template" "$work/plugin"
cmake -S "$work/plugin" -B "$work/build" -Dpingcha_DIR="$build" -DCMAKE_BUILD_TYPE=Release >"$work/cfg.log" 2>&1 \
  || { cat "$work/cfg.log"; exit 1; }
cmake --build "$work/build" -j2 >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
so=$(find "$work/build" -name 'court-template.so' | head -1)
[ -n "$so" ] || { echo "no court-template.so built"; exit 1; }
mkdir -p "$work/plugins" && cp "$so" "$work/plugins/"
chmod 755 "$work/plugins"
printf '辽宁省本溪市中级人民法院\n民事判决书\n我院认为，本案事实清楚。\n审判员　张某\n二〇二二年九月五日\n' > "$work/a.txt"
printf 'decode ! criteria ! template-stamp note=oot ! score sheet=spc-2016\n' > "$work/p.pipeline"
out=$("$build/bin/pingcha" score --plugin-path "$work/plugins" --pipeline "$work/p.pipeline" --format json "$work/a.txt")
grep -q '"court-template": "0.1.0"' <<<"$out" || { echo "plugin version missing from result"; echo "$out"; exit 1; }
grep -q '"criterion": "court.template.stamp"' <<<"$out" || { echo "stage finding missing"; echo "$out"; exit 1; }
grep -q '"criterion": "court.template.wo-yuan"' <<<"$out" || { echo "criterion finding missing"; echo "$out"; exit 1; }
listing=$("$build/bin/pingcha" criteria --plugin-path "$work/plugins")
grep -q 'court.template.wo-yuan' <<<"$listing" \
  || { echo "criterion not listed"; exit 1; }
echo "out-of-tree plugin built and run: ok"
