#!/usr/bin/env python3
# CER on the OCR scans of testdata/scans before and after `correct`, per variant, from the
# results of `pingcha score --pipeline ocr --format jsonl` (stdin): before = result text,
# after = the text with its corrections applied. Whitespace is ignored.
import json, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ocr_cer import levenshtein  # noqa: E402

scans = sys.argv[1]
rows = {}
for line in sys.stdin:
    r = json.loads(line)
    if r['status'] != 'ok':
        print(f"{r['id']}: failed: {r['error']}", file=sys.stderr)
        continue
    stem = os.path.splitext(os.path.basename(r['source']['path']))[0]
    truth_path = os.path.join(scans, stem + '.txt')
    if not os.path.exists(truth_path):
        continue
    text = r['text']
    fixed = list(text)
    for c in sorted(r['corrections'], key=lambda c: -c['start']):
        fixed[c['start']:c['end']] = list(c['to'])
    truth = re.sub(r'\s+', '', open(truth_path, encoding='utf-8').read())
    before = re.sub(r'\s+', '', text)
    after = re.sub(r'\s+', '', ''.join(fixed))
    variant = stem.split('-', 1)[1] if '-' in stem else stem
    row = rows.setdefault(variant, [0, 0, 0, 0, 0])
    row[0] += 1
    row[1] += len(truth)
    row[2] += levenshtein(truth, before)
    row[3] += levenshtein(truth, after)
    row[4] += len(r['corrections'])
print('| variant | pages | chars | CER before | CER after | errors before | errors after | change | corrections |')
print('|---|---|---|---|---|---|---|---|---|')
for v, (n, chars, eb, ea, nc) in sorted(rows.items()):
    change = (ea - eb) / eb * 100 if eb else 0.0
    print(f'| {v} | {n} | {chars} | {eb / chars:.4f} | {ea / chars:.4f} | {eb} | {ea} | {change:+.1f}% | {nc} |')
