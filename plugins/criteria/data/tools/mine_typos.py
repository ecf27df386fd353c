#!/usr/bin/env python3
"""Mines typo pairs for typo.lexicon from the ECSpell legal test set (wrong/right sentence pairs).

For each differing character, keeps the shortest window (bigram, else trigram) around it whose
correct form is a known word and whose wrong form is not, and which never occurs in the real
judgments (so a legitimate word is never flagged). The word lists (SIGHAN 2005 training words) are
read in place as a filter only; nothing from them is written. Prints TSV rows: wrong, right, source.
Usage: mine_typos.py SHARED_DATA_DIR > mined rows
"""
import json
import sys

data = sys.argv[1]
words = set()
for name in ("pku_training_words.utf8", "msr_training_words.utf8"):
    with open(f"{data}/sighan2005/{name}", encoding="utf-8") as f:
        words.update(w.strip() for w in f if w.strip())

corpus = []
with open(f"{data}/judgments/criminal-full-judge-test.jsonl", encoding="utf-8") as f:
    corpus += [json.loads(l)["fd"] for l in f]
with open(f"{data}/judgments/civil-first-instance-sections.jsonl", encoding="utf-8") as f:
    for l in f:
        d = json.loads(l)
        corpus.append("".join(str(d.get(k, "")) for k in ("CaseRecord", "JudgeAccusation", "JudgeReason", "JudgeResult")))
corpus = "\n".join(corpus)

def han(s):
    return all("\u4e00" <= c <= "\u9fff" for c in s)

seen = {}
with open(f"{data}/ecspell-law/law.test", encoding="utf-8") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3 or len(parts[1]) != len(parts[2]):
            continue
        wrong, right = parts[1], parts[2]
        for i, (a, b) in enumerate(zip(wrong, right)):
            if a == b:
                continue
            for lo, hi in ((i - 1, i + 1), (i, i + 2), (i - 1, i + 2)):
                if lo < 0 or hi > len(wrong):
                    continue
                w, r = wrong[lo:hi], right[lo:hi]
                if w == r or not han(w) or not han(r) or sum(x != y for x, y in zip(w, r)) != 1:
                    continue
                if r not in words or w in words or w in corpus:
                    continue
                seen.setdefault(w, r)
                break

# Reviewed by hand (2026-11-26): the candidates that are never a legitimate word or a fragment of
# one in a judgment. The others (e.g. 取笑, 二婶, 按件, 但任, 若实, 征明, 法援, 身请) are real words or
# occur across word boundaries, and are dropped.
KEEP = set("""下咧 付带 伟造 充许 判绝 原侧 坑诉 审请 底押 异仪 彩纳 懈释 执征 批淮 技视 抵呷 拆讼 挫误 教锁
晴节 未陈年 柜绝 根锯 正档 正雀 死形 毕然 污柒 法冶 法津 派迁 淮备 淮护 溶资 澈销 灌例 玩善 瓣认 砰撞
硕法 禁正 租聘 笔路 统冶 网丧 聿务 自制区 蜜切 规苊 证锯 贸曷 赔尝 跟据 辨论 通铡 醋进 陪偶 颔土 固家""".split())

for w, r in sorted(seen.items()):
    if w in KEEP:
        print(f"{w}\t{r}\t-\tECSpell law.test (mined, reviewed)")
    else:
        print(f"dropped {w}\t{r}", file=sys.stderr)
