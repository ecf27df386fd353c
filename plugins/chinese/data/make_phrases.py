#!/usr/bin/env python3
# Builds judgment_phrases.txt: the formulaic 5- and 6-character Han sequences of real judgments
# (shared data: criminal documents 0-399 and all civil ones; 400+ are kept apart because the OCR
# test pages are made from them). The correct stage fixes one misread character inside them.
# Sequences with 某 or numerals are left out: names and numbers are not formulas.
import collections, json, re, sys

data = sys.argv[1] if len(sys.argv) > 1 else '../../../../shared/data/judgments'
texts = []
for i, l in enumerate(open(data + '/criminal-full-judge-test.jsonl')):
    if i < 400:
        texts.append(json.loads(l)['fd'])
for l in open(data + '/civil-first-instance-sections.jsonl'):
    d = json.loads(l)
    texts.append('\n'.join(d.get(k) or '' for k in ('CaseRecord', 'JudgeAccusation', 'JudgeReason', 'JudgeResult')))
NUMERALS = set('某〇零一二三四五六七八九十百千万亿两')
counts = collections.Counter()
for t in texts:
    seen = set()
    for run in re.findall(r'[\u4e00-\u9fff]+', t):
        for n in (5, 6):
            for i in range(len(run) - n + 1):
                g = run[i:i + n]
                if not NUMERALS.intersection(g) and g not in seen:
                    seen.add(g)
                    counts[g] += 1  # documents containing it, not occurrences
keep = sorted(g for g, c in counts.items() if c >= 10)
print('# Formulaic phrases of judgments (documents containing them >= 10), made by make_phrases.py.')
print('\n'.join(keep))
