#!/usr/bin/env python3
# Samples the sentences of testdata/segmentation/judgments_test.utf8 from the shared judgments
# (fixed seed); the gold segmentation beside it was then written by hand.
import json, random, re, sys

data = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/judgments'
random.seed(4)
crim = [json.loads(l) for l in open(data + '/criminal-full-judge-test.jsonl')]
civ = [json.loads(l) for l in open(data + '/civil-first-instance-sections.jsonl')]


def sentences(t):
    for p in re.split(r'[ \n]+', t):
        for s in re.findall(r'[^。；！？]+[。；！？]?', p):
            s = s.strip()
            if 12 <= len(s) <= 70:
                yield s


pool = []
for d in random.sample(crim[:400], 90):  # 400+ are kept for the OCR test pages
    ss = list(sentences(d['fd']))
    pool += random.sample(ss, min(2, len(ss)))
    paras = [p for p in d['fd'].split(' ') if p]
    pool.append(paras[1] if len(paras) > 1 else paras[0])
for d in random.sample(civ, 110):
    t = '\n'.join((d.get(k) or '') for k in ('CaseRecord', 'JudgeAccusation', 'JudgeReason', 'JudgeResult'))
    ss = list(sentences(t))
    if ss:
        pool += random.sample(ss, 1)
seen, out = set(), []
for s in pool:
    s = s.replace(' ', '')
    if s not in seen:
        seen.add(s)
        out.append(s)
print('\n'.join(out[:330]))
