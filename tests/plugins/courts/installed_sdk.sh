#!/usr/bin/env bash
# The SDK as an outside court uses it: install pingcha into a temporary prefix, copy the plugin
# template and both court plugins out of the tree, build each with only the installed SDK, install
# them into a plugin folder, and run them through the INSTALLED `pingcha score`.
set -euo pipefail
build=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
fail() { echo "FAIL: $*"; exit 1; }
prefix="$work/prefix"

cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install"; }
for f in include/pingcha/plugin/abi.h include/pingcha/registry.h lib/cmake/pingcha/pingchaConfig.cmake \
         lib/cmake/pingcha/pingchaPlugin.cmake share/pingcha/plugin-abi.md share/pingcha/plugin-guide.md \
         share/pingcha/plugin-template/CMakeLists.txt share/pingcha/plugin-template/template.cpp \
         share/pingcha/pipelines/sheets/spc-2016.json \
         lib/pingcha/plugins/liaoning-benxi.so lib/pingcha/plugins/liaoning-benxi-data/roster.tsv \
         lib/pingcha/plugins/liaoning-fuxin-data/pipelines/sheets/liaoning-fuxin-2023.json; do
  [ -e "$prefix/$f" ] || fail "the install lacks $f"
done
if compgen -G "$prefix/lib/pingcha/plugins/fixture*" >/dev/null || compgen -G "$prefix/lib/pingcha/plugins/court-*" >/dev/null; then fail "test fixtures were installed"; fi
pingcha="$prefix/bin/pingcha"
export PINGCHA_PLUGIN_PATH= PINGCHA_PIPELINES_PATH=

printf '本溪市平山区人民法院\n民事判决书\n（2023）辽0502民初123号\n原告王某某。\n我院认为，原告的诉讼请求成立。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于本溪市中级人民法院。\n审判长　姚某刚\n审判员　潘某样\n人民陪审员　郝某英\n二〇二三年五月十日\n书记员　孔某平\n' >"$work/benxi.txt"
printf '阜新市海州区人民法院\n民事判决书\n（2023）辽0902民初45号\n原告王某某。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于辽宁省阜新市中级人民法院。\n审判员　许某永\n二〇二三年六月一日\n书记员　郝某磊\n' >"$work/fuxin.txt"

# the court plugins as pingcha's own install ships them
out=$("$pingcha" score --pipeline benxi-review --format json "$work/benxi.txt")
grep -q '"liaoning-benxi": "1.0.0"' <<<"$out" || { echo "$out"; fail "installed pingcha: no liaoning-benxi in the result"; }
grep -q '"sheet": "liaoning-benxi-2023"' <<<"$out" || fail "installed pingcha: benxi-review did not use its sheet"

# build with nothing but the prefix: no package registry, the source tree out of reach
build_out_of_tree() {  # folder-to-copy name
  cp -r "$1" "$work/$2"
  cmake -S "$work/$2" -B "$work/$2-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$work/$2-cfg.log" 2>&1 || { cat "$work/$2-cfg.log"; fail "configure $2"; }
  grep -q "^pingcha_DIR:PATH=$prefix/lib/cmake/pingcha\$" "$work/$2-build/CMakeCache.txt" \
    || fail "$2 found pingcha elsewhere than the install: $(grep pingcha_DIR "$work/$2-build/CMakeCache.txt")"
  cmake --build "$work/$2-build" -j2 >"$work/$2-build.log" 2>&1 || { cat "$work/$2-build.log"; fail "build $2"; }
  cmake --install "$work/$2-build" --prefix "$work/courts" >"$work/$2-inst.log" 2>&1 || { cat "$work/$2-inst.log"; fail "install $2"; }
}
build_out_of_tree "$prefix/share/pingcha/plugin-template" court-template
# the court plugins the way a court builds them: their folder, nothing else of the source tree
build_out_of_tree "$src/plugins/courts/liaoning-benxi" liaoning-benxi
build_out_of_tree "$src/plugins/courts/liaoning-fuxin" liaoning-fuxin
plugins="$work/courts/lib/pingcha/plugins"
for f in court-template.so liaoning-benxi.so liaoning-benxi-data/roster.tsv liaoning-fuxin.so \
         liaoning-fuxin-data/pipelines/fuxin-review.pipeline; do
  [ -e "$plugins/$f" ] || fail "the out-of-tree install lacks $f"
done
# from here on only the out-of-tree builds provide the court plugins
rm -rf "$prefix/lib/pingcha/plugins/liaoning-"*
chmod -R go-w "$work/courts"

printf 'decode ! criteria ! template-stamp note=oot ! score sheet=spc-2016\n' >"$work/t.pipeline"
out=$("$pingcha" score --plugin-path "$plugins" --pipeline "$work/t.pipeline" --format json "$work/benxi.txt")
grep -q '"court-template": "0.1.0"' <<<"$out" || { echo "$out"; fail "template: plugin version missing"; }
grep -q '"criterion": "court.template.stamp"' <<<"$out" || fail "template: stage finding missing"
grep -q '"criterion": "court.template.wo-yuan"' <<<"$out" || fail "template: criterion finding missing"

out=$("$pingcha" score --plugin-path "$plugins" --pipeline benxi-review --format json "$work/benxi.txt")
grep -q '"liaoning-benxi": "1.0.0"' <<<"$out" || { echo "$out"; fail "benxi: version missing"; }
grep -q '"sheet": "liaoning-benxi-2023"' <<<"$out" || fail "benxi: sheet not used"
grep -q '是否为“潘某洋”' <<<"$out" || { echo "$out"; fail "benxi: roster suggestion missing"; }
grep -q '"criterion": "court.liaoning-benxi.appeal-court"' <<<"$out" || fail "benxi: appeal-court finding missing"

out=$("$pingcha" score --plugin-path "$plugins" --pipeline fuxin-review --format json "$work/fuxin.txt")
grep -q '"liaoning-fuxin": "1.0.0"' <<<"$out" || { echo "$out"; fail "fuxin: version missing"; }
grep -q '"sheet": "liaoning-fuxin-2023"' <<<"$out" || fail "fuxin: sheet not used"
grep -q '是否为“许某勇”' <<<"$out" || { echo "$out"; fail "fuxin: roster suggestion missing"; }
grep -q '"criterion": "court.liaoning-fuxin.appeal-fee"' <<<"$out" || fail "fuxin: appeal-fee finding missing"

crit=$("$pingcha" criteria --plugin-path "$plugins")
for id in court.template.wo-yuan court.liaoning-benxi.roster court.liaoning-fuxin.appeal-fee; do
  grep -q "^$id " <<<"$crit" || fail "installed pingcha criteria does not list $id"
done
echo "installed SDK: template and both court plugins built out of tree and run: ok"
