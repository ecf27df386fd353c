#!/usr/bin/env python3
# CER of OCR text before and after the `correct` stage, per variant: ocr_cer.py OCR_CORRECT PLUGIN DIR [DOCS]
# DIR holds NAME.truth.txt and NAME.VARIANT.ocr.txt; all three texts go through `normalize`
# first, and whitespace is ignored (line breaks of a page differ from the truth's paragraphs).
import re, subprocess, sys
from collections import defaultdict


def levenshtein(a, b):
    # Myers/Hyyrö bit-parallel edit distance over Python integers.
    if not a:
        return len(b)
    peq = defaultdict(int)
    for i, c in enumerate(a):
        peq[c] |= 1 << i
    m = len(a)
    mask = (1 << m) - 1
    pv, mv, score = mask, 0, m
    high = 1 << (m - 1)
    for c in b:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv) & mask
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | ~(xv | ph) & mask
        mv = ph & xv
    return score


def views(tool, plugin, files, *flags):
    out = subprocess.run([tool, plugin, *flags, *files], capture_output=True, check=True)
    parts = out.stdout.decode('utf-8').split('\0')[:-1]
    n = re.search(r'corrections: (\d+)', out.stderr.decode('utf-8'))
    return [re.sub(r'\s+', '', p) for p in parts], int(n.group(1)) if n else 0


def main():
    tool, plugin, d = sys.argv[1:4]
    docs = sys.argv[4].split(',') if len(sys.argv) > 4 else None
    import os
    names = sorted(f[:-len('.truth.txt')] for f in os.listdir(d) if f.endswith('.truth.txt'))
    if docs:
        names = [n for n in names if n in docs]
    variants = sorted({f.split('.')[1] for f in os.listdir(d) if f.endswith('.ocr.txt')})
    truth, _ = views(tool, plugin, [f'{d}/{n}.truth.txt' for n in names], '--not-ocr')
    chars = sum(len(t) for t in truth)
    print(f'| variant | pages | chars | CER before | CER after | errors before | errors after | change | corrections |')
    print(f'|---|---|---|---|---|---|---|---|---|')
    for v in variants:
        files = [f'{d}/{n}.{v}.ocr.txt' for n in names]
        before, _ = views(tool, plugin, files)
        after, ncorr = views(tool, plugin, files, '--correct')
        eb = sum(levenshtein(t, o) for t, o in zip(truth, before))
        ea = sum(levenshtein(t, o) for t, o in zip(truth, after))
        change = (ea - eb) / eb * 100 if eb else 0
        print(f'| {v} | {len(names)} | {chars} | {eb / chars:.4f} | {ea / chars:.4f} | {eb} | {ea} | {change:+.1f}% | {ncorr} |')


if __name__ == '__main__':
    main()
