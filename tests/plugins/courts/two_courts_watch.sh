#!/usr/bin/env bash
# Two courts side by side in one daemon: `pingcha watch` with one inbox per court, each naming its
# court's pipeline; each result must carry its court's sheet and the court plugin's name and version.
set -euo pipefail
pingcha=$1
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$work/daemon.log" ] && tail -30 "$work/daemon.log"; exit 1; }
mkdir -p "$work/benxi" "$work/fuxin" "$work/staging"
export PINGCHA_PLUGIN_PATH= PINGCHA_PIPELINES_PATH=

# Under the sanitizers the workers' memory cap would stop their shadow memory: PINGCHA_E2E_NO_MEMCAP lifts it.
memcap=()
[ -n "${PINGCHA_E2E_NO_MEMCAP:-}" ] && memcap=(--memory-mb 0)
"$pingcha" watch --inbox "$work/benxi=benxi-review" --inbox "$work/fuxin=fuxin-review" --out "$work/out" \
  --http off --settle-ms 200 --rescan-s 1 "${memcap[@]}" >"$work/daemon.log" 2>&1 &
pid=$!

printf '本溪市平山区人民法院\n民事判决书\n（2023）辽0502民初123号\n原告王某某。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于本溪市中级人民法院。\n审判长　姚某刚\n审判员　潘某样\n人民陪审员　郝某英\n二〇二三年五月十日\n书记员　孔某平\n' >"$work/staging/b1.txt"
printf '阜新市海州区人民法院\n民事判决书\n（2023）辽0902民初45号\n原告王某某。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于辽宁省阜新市中级人民法院。\n审判员　许某永\n二〇二三年六月一日\n书记员　郝某磊\n' >"$work/staging/f1.txt"
# whole files only: written elsewhere, then renamed into the inboxes
mv "$work/staging/b1.txt" "$work/benxi/b1.txt"
mv "$work/staging/f1.txt" "$work/fuxin/f1.txt"

b="$work/out/results/benxi/b1.json" f="$work/out/results/fuxin/f1.json"
for _ in $(seq 1 600); do
  [ -s "$b" ] && [ -s "$f" ] && break
  kill -0 "$pid" 2>/dev/null || fail "the daemon exited"
  sleep 0.1
done
[ -s "$b" ] || fail "no result for the Benxi inbox ($(find "$work/out" -type f | head))"
[ -s "$f" ] || fail "no result for the Fuxin inbox ($(find "$work/out" -type f | head))"
# results are written to a temporary name and renamed: a visible file is complete

grep -q '"name": "benxi-review"' "$b" || fail "Benxi result not from benxi-review"
grep -q '"sheet": "liaoning-benxi-2023"' "$b" || fail "Benxi result not scored on the Benxi sheet"
grep -q '"liaoning-benxi": "1.0.0"' "$b" || fail "Benxi result lacks liaoning-benxi 1.0.0"
grep -q '"criterion": "court.liaoning-benxi.roster"' "$b" || fail "Benxi result lacks the roster finding"
grep -q '"criterion": "court.liaoning-fuxin' "$b" && fail "a Fuxin rule fired on a Benxi judgment"

grep -q '"name": "fuxin-review"' "$f" || fail "Fuxin result not from fuxin-review"
grep -q '"sheet": "liaoning-fuxin-2023"' "$f" || fail "Fuxin result not scored on the Fuxin sheet"
grep -q '"liaoning-fuxin": "1.0.0"' "$f" || fail "Fuxin result lacks liaoning-fuxin 1.0.0"
grep -q '"criterion": "court.liaoning-fuxin.appeal-fee"' "$f" || fail "Fuxin result lacks the appeal-fee finding"
grep -q '"criterion": "court.liaoning-benxi' "$f" && fail "a Benxi rule fired on a Fuxin judgment"

# draining on SIGTERM is the daemon's own test (e2e_watch_reload_drain); here it only has to stop
kill -TERM "$pid"
wait "$pid" || echo "note: pingcha watch exited with status $? after SIGTERM"
pid=
echo "two courts in one daemon: ok"
