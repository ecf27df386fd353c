#!/usr/bin/env python3
"""Worklists for the readers of the annotated set: the findings that have no verdict yet, each with
its message, excerpt and the text around it, grouped by document. Usage:
  annotate_worklist.py RESULTS.jsonl UNJUDGED.tsv OUT_DIR N   (N worklists, documents dealt in turn)"""
import collections
import json
import os
import sys


def main(results_path, unjudged_path, out_dir, n):
    docs = {json.loads(l)["id"]: json.loads(l) for l in open("testdata/annotated/documents.jsonl", encoding="utf-8")}
    results = {json.loads(l)["id"]: json.loads(l) for l in open(results_path, encoding="utf-8") if l.strip()}
    by_doc = collections.defaultdict(list)
    for line in open(unjudged_path, encoding="utf-8"):
        r = line.rstrip("\n").split("\t")
        by_doc[r[0]].append(r)
    os.makedirs(out_dir, exist_ok=True)
    outs = [open(os.path.join(out_dir, f"worklist-{k + 1}.txt"), "w", encoding="utf-8") for k in range(n)]
    for k, doc_id in enumerate(sorted(by_doc)):
        out = outs[k % n]
        text = docs[doc_id]["text"]
        doc = results.get(doc_id, {}).get("document", {})
        out.write(f"######## document {doc_id}  ({len(text)} chars)  kind={doc.get('kind')} procedure={doc.get('procedure')}"
                  f" decided_on={doc.get('decided_on')} court={doc.get('court')}\n")
        out.write("HEAD: " + text[:200].replace("\n", "⏎") + "\n")
        for r in by_doc[doc_id]:
            s, e = int(r[2]), int(r[3])
            out.write(f"-- finding\t{doc_id}\t{r[1]}\t{s}\t{e}\t[{r[4]}] {r[5]}\n")
            out.write("   context: " + text[max(0, s - 120):s].replace("\n", "⏎") + "【" +
                      text[s:e].replace("\n", "⏎") + "】" + text[e:e + 120].replace("\n", "⏎") + "\n")
    for o in outs:
        o.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
