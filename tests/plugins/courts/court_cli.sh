#!/usr/bin/env bash
# The court plugins through the CLI of the build tree: criteria listed, court sheets used by name,
# results carrying the court plugin's name and version, refusals printed with their reasons.
set -euo pipefail
build=$1 fixtures=$2
pingcha="$build/bin/pingcha"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

crit=$("$pingcha" criteria --plugin-path "$build/plugins")
for id in court.liaoning-benxi.roster court.liaoning-benxi.appeal-court court.liaoning-fuxin.roster court.liaoning-fuxin.appeal-fee; do
  grep -q "^$id " <<<"$crit" || fail "pingcha criteria does not list $id"
done
# the deduction column follows the sheet asked for: 2 per finding in Benxi's sheet, 3 in Fuxin's
grep -E '^court\.liaoning-benxi\.roster +error +2 \(cap 6\)' <<<"$("$pingcha" criteria --sheet liaoning-benxi-2023)" >/dev/null \
  || fail "criteria --sheet liaoning-benxi-2023 does not show the Benxi deduction"
grep -E '^court\.liaoning-fuxin\.roster +error +3 \(cap 6\)' <<<"$("$pingcha" criteria --sheet liaoning-fuxin-2023)" >/dev/null \
  || fail "criteria --sheet liaoning-fuxin-2023 does not show the Fuxin deduction"

# a Benxi judgment with a signer one character off the roster
printf '本溪市平山区人民法院\n民事判决书\n（2023）辽0502民初123号\n原告王某某。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于辽宁省本溪市中级人民法院。\n审判长　姚某刚\n审判员　潘某样\n人民陪审员　郝某英\n二〇二三年五月十日\n书记员　孔某平\n' >"$work/benxi.txt"
out=$("$pingcha" score --sheet liaoning-benxi-2023 --format json "$work/benxi.txt")
grep -q '"sheet": "liaoning-benxi-2023"' <<<"$out" || { echo "$out"; fail "--sheet liaoning-benxi-2023 not used"; }
grep -q '"liaoning-benxi": "1.0.0"' <<<"$out" || { echo "$out"; fail "result lacks the plugin's name and version"; }
grep -q '"criterion": "court.liaoning-benxi.roster"' <<<"$out" || { echo "$out"; fail "roster finding missing"; }
grep -q '是否为“潘某洋”' <<<"$out" || { echo "$out"; fail "no suggestion in the result"; }
# the court's own pipeline, found by name in the plugin's data folder
out=$("$pingcha" score --pipeline benxi-review --format json "$work/benxi.txt")
grep -q '"name": "benxi-review"' <<<"$out" || { echo "$out"; fail "benxi-review pipeline not found by name"; }
grep -q '"sheet": "liaoning-benxi-2023"' <<<"$out" || fail "benxi-review does not score with the Benxi sheet"

printf '阜新市海州区人民法院\n民事判决书\n（2023）辽0902民初45号\n原告王某某。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于辽宁省阜新市中级人民法院。\n审判员　许某勇\n二〇二三年六月一日\n书记员　郝某磊\n' >"$work/fuxin.txt"
out=$("$pingcha" score --pipeline fuxin-review --format json "$work/fuxin.txt")
grep -q '"sheet": "liaoning-fuxin-2023"' <<<"$out" || { echo "$out"; fail "fuxin-review does not score with the Fuxin sheet"; }
grep -q '"liaoning-fuxin": "1.0.0"' <<<"$out" || fail "result lacks liaoning-fuxin 1.0.0"
grep -q '"criterion": "court.liaoning-fuxin.appeal-fee"' <<<"$out" || { echo "$out"; fail "appeal-fee finding missing"; }
grep -q '"criterion": "court.liaoning-fuxin.roster"' <<<"$out" && fail "roster finding on a correct Fuxin roster"

# the archive: scored on the national sheet, then re-scored for Benxi's campaign on its sheet; the
# court's findings reach both reports, deducted as each sheet says (1 point nationally, 2 in Benxi)
"$pingcha" score --store "sqlite:$work/store.db" "$work/benxi.txt" >/dev/null 2>&1 || fail "score --store"
"$pingcha" rescore --store "sqlite:$work/store.db" --campaign benxi-2023 --sheet liaoning-benxi-2023 --quiet >/dev/null \
  || fail "rescore --sheet liaoning-benxi-2023"
for c in default benxi-2023; do
  "$pingcha" report --store "sqlite:$work/store.db" --campaign "$c" --out "$work/report-$c" >/dev/null \
    || fail "pingcha report --campaign $c"
  grep -q 'court.liaoning-benxi.roster' "$work/report-$c/index.html" || fail "report $c: index.html lacks the Benxi criterion"
done
grep -q '^court\.liaoning-benxi\.roster,1,1,1.0000,1.0' "$work/report-default/criteria.csv" \
  || { cat "$work/report-default/criteria.csv"; fail "national report: roster finding not deducted 1"; }
grep -q '^court\.liaoning-benxi\.roster,1,1,1.0000,2.0' "$work/report-benxi-2023/criteria.csv" \
  || { cat "$work/report-benxi-2023/criteria.csv"; fail "Benxi campaign report: roster finding not deducted 2"; }

# refusals, as `pingcha plugins` prints them (exit code 1 when any plugin was refused); the court
# plugins' folder comes first, so the fixture claiming Benxi's criterion id is the one refused
set +e
listing=$("$pingcha" plugins --plugin-path "$build/plugins" --plugin-path "$fixtures"); rc=$?
set -e
[ "$rc" = 1 ] || fail "pingcha plugins exit code $rc with refused plugins, expected 1"
grep -q "plugin 'court-wrong-abi.so' has ABI [0-9]*, pingcha expects [0-9]*" <<<"$listing" || { echo "$listing"; fail "wrong ABI not refused"; }
refused=$(grep -A1 "^REFUSED .*court-dup-roster.so" <<<"$listing" || true)
grep -q "criterion 'court.liaoning-benxi.roster' is already provided by plugin 'liaoning-benxi'" <<<"$refused" \
  || { echo "$listing"; fail "duplicate criterion id not refused"; }
mkdir -p "$work/broken" && chmod 755 "$work/broken"
cp "$build/plugins/liaoning-fuxin.so" "$work/broken/" && cp -r "$build/plugins/liaoning-fuxin-data" "$work/broken/"
printf '辽0902\t法官\n' >>"$work/broken/liaoning-fuxin-data/roster.tsv"
set +e
listing=$(PINGCHA_PLUGIN_PATH= "$pingcha" plugins --plugin-path "$work/broken"); rc=$?
set -e
[ "$rc" = 1 ] || fail "a broken roster did not make pingcha plugins exit 1"
grep -q "registration failed: liaoning-fuxin: roster .*roster.tsv line [0-9]*: expected 3 tab-separated columns, got 2" <<<"$listing" \
  || { echo "$listing"; fail "broken roster not refused with its line"; }
echo "court plugins through the CLI: ok"
