#!/bin/sh
# Segmentation and OCR-correction benchmark of the chinese plugin, every figure next to its
# baseline measured in the same run:
#   1. F1 (official SIGHAN 2005 `score` script) on PKU, MSR and the judgment gold set, for
#      `pingcha segment --plain-icu` (ICU word break alone) and `pingcha segment`;
#   2. MB/s of both on real judgment text, and documents/s of the text stages through
#      `pingcha score` (one job), with segment's iterator path (mode=icu-lexicon) as the baseline;
#   3. CER before/after `correct` on the Tesseract output in testdata/ocr-correction, and on the
#      scans of testdata/scans through the `ocr` pipeline when the ocr-tesseract plugin is built.
# Usage: bench/segment_bench.sh [BUILD_DIR] [SHARED_DATA_DIR]
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/build}
SHARED=${2:-$SRC/../shared/data}
SIGHAN=$SHARED/sighan2005
P=$BUILD/bin/pingcha
export PINGCHA_PLUGIN_PATH=$BUILD/plugins
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

[ -x "$P" ] || { echo "no $P: build pingcha and the chinese plugin first" >&2; exit 2; }
[ -f "$SIGHAN/score" ] || { echo "no SIGHAN data under $SIGHAN" >&2; exit 2; }

f1() {  # dict gold test -> F1
    perl "$SIGHAN/score" "$1" "$2" "$3" | awk -F'\t' '/=== F MEASURE/ {f=$2} END {print f}'
}

echo "## Segmentation F1 (SIGHAN score script)"
echo "| test set | sentences | plain ICU | pingcha segment | gain |"
echo "|---|---|---|---|---|"
for set in pku msr judgments; do
    if [ $set = judgments ]; then
        in=$SRC/testdata/segmentation/judgments_test.utf8
        gold=$SRC/testdata/segmentation/judgments_gold.utf8
        dict=$SIGHAN/pku_training_words.utf8
    else
        in=$SIGHAN/${set}_test.utf8
        gold=$SIGHAN/${set}_test_gold.utf8
        dict=$SIGHAN/${set}_training_words.utf8
    fi
    "$P" segment --plain-icu "$in" > "$TMP/$set.icu"
    "$P" segment "$in" > "$TMP/$set.lex"
    a=$(f1 "$dict" "$gold" "$TMP/$set.icu")
    b=$(f1 "$dict" "$gold" "$TMP/$set.lex")
    echo "| $set | $(wc -l < "$in") | $a | $b | $(echo "$b - $a" | bc -l | sed 's/^\./0./;s/^-\./-0./') |"
done

echo
echo "## Speed on real judgments (one line per paragraph; best of 3)"
python3 - "$SHARED/judgments" "$TMP/judgments.txt" <<'PY'
import json, sys
src, out = sys.argv[1], open(sys.argv[2], 'w', encoding='utf-8')
for l in open(src + '/criminal-full-judge-test.jsonl', encoding='utf-8'):
    for p in json.loads(l)['fd'].split(' '):
        if p: out.write(p + '\n')
for l in open(src + '/civil-first-instance-sections.jsonl', encoding='utf-8'):
    d = json.loads(l)
    for k in ('CaseRecord', 'JudgeAccusation', 'JudgeReason', 'JudgeResult'):
        for p in (d.get(k) or '').split('\n'):
            if p.strip(): out.write(p.strip() + '\n')
PY
bytes=$(wc -c < "$TMP/judgments.txt")
best() {  # command... -> best wall seconds of 3
    b=""
    for i in 1 2 3; do
        s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc -l)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
    done
    echo "$b"
}
ti=$(best "$P" segment --plain-icu "$TMP/judgments.txt")
tl=$(best "$P" segment "$TMP/judgments.txt")
mbi=$(echo "$bytes / 1048576 / $ti" | bc -l)
mbl=$(echo "$bytes / 1048576 / $tl" | bc -l)
echo "| mode | MB | seconds | MB/s |"
echo "|---|---|---|---|"
printf "| plain ICU word break | %.2f | %.2f | %.2f |\n" "$(echo "$bytes / 1048576" | bc -l)" "$ti" "$mbi"
printf "| pingcha normalize + segment (lexicon, typed tokens, sentences) | %.2f | %.2f | %.2f |\n" "$(echo "$bytes / 1048576" | bc -l)" "$tl" "$mbl"
printf "\npingcha / plain ICU speed: %.2f\n" "$(echo "$mbl / $mbi" | bc -l)"

echo
echo "## Documents/s through pingcha score --jobs 1 (501 criminal judgments, jsonl)"
mkdir -p "$TMP/pl"
echo "decode" > "$TMP/pl/zh-decode.pipeline"
echo "decode ! segment mode=icu sentences=false" > "$TMP/pl/zh-icu.pipeline"
echo "decode ! normalize ! correct ! segment" > "$TMP/pl/zh-text.pipeline"
echo "decode ! normalize ! correct ! segment mode=icu-lexicon" > "$TMP/pl/zh-text-icu.pipeline"
echo "| pipeline | documents/s |"
echo "|---|---|"
for pl in zh-decode zh-icu zh-text-icu zh-text; do
    r=$("$P" score --pipelines-dir "$TMP/pl" --pipeline $pl --format jsonl --jobs 1 --id-field text_id --text-field fd \
        "$SHARED/judgments/criminal-full-judge-test.jsonl" 2>&1 >/dev/null | grep -o '([0-9.]* documents/s)' | tr -d '()')
    echo "| $(cat "$TMP/pl/$pl.pipeline") | $r |"
done

echo
echo "## OCR correction: Tesseract chi_sim output of rendered real judgments (testdata/ocr-correction)"
if [ -x "$BUILD/bin/ocr_correct" ]; then
    echo "docs 00-11 (rules tuned on these):"
    python3 "$SRC/bench/ocr_cer.py" "$BUILD/bin/ocr_correct" "$BUILD/plugins/chinese.so" "$SRC/testdata/ocr-correction" \
        doc00,doc01,doc02,doc03,doc04,doc05,doc06,doc07,doc08,doc09,doc10,doc11
    echo
    echo "docs 12-23 (held out):"
    python3 "$SRC/bench/ocr_cer.py" "$BUILD/bin/ocr_correct" "$BUILD/plugins/chinese.so" "$SRC/testdata/ocr-correction" \
        doc12,doc13,doc14,doc15,doc16,doc17,doc18,doc19,doc20,doc21,doc22,doc23
else
    echo "(bench helper ocr_correct not built)"
fi

echo
echo "## OCR correction on testdata/scans through the ocr pipeline"
if [ -f "$BUILD/plugins/ocr-tesseract.so" ] && [ -d "$SRC/testdata/scans" ]; then
    set --
    for f in "$SRC"/testdata/scans/civil-* "$SRC"/testdata/scans/criminal-*; do
        case $f in *.txt) ;; *) set -- "$@" "$f" ;; esac
    done
    "$P" score --pipeline ocr --format jsonl --jobs 1 "$@" 2>/dev/null | python3 "$SRC/bench/scan_cer.py" "$SRC/testdata/scans"
else
    echo "(ocr-tesseract plugin or testdata/scans absent)"
fi
