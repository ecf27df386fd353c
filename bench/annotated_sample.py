#!/usr/bin/env python3
"""Draws the annotated accuracy set (testdata/annotated/documents.jsonl) from the real judgments in
../shared/data/judgments/: complete national judgments and rulings (stratified by kind, procedure and
province) and complete criminal first-instance judgments (paragraphs split on spaces). Each document
gets a split from a hash of its id, fixed forever: `held` documents (about a third) are never looked
at while tuning structure or criteria; `tune` documents are. Run once; the output is committed."""
import hashlib
import json
import random
import sys

N_NATIONAL, N_CRIMINAL = 190, 110


def split_of(doc_id):
    return "held" if int(hashlib.sha256(doc_id.encode()).hexdigest()[:2], 16) < 86 else "tune"


def main(data_dir, out_path):
    rng = random.Random(20261202)
    national = [json.loads(l) for l in open(f"{data_dir}/national-complete.jsonl", encoding="utf-8")]
    # Stratify: every (kind, procedure, doc_type) group gets a share; rare groups are taken whole.
    groups = {}
    for r in national:
        groups.setdefault((r.get("case_kind"), r.get("procedure"), r.get("doc_type")), []).append(r)
    picked = []
    for key in sorted(groups, key=str):
        g = sorted(groups[key], key=lambda r: r["id"])
        share = max(len(g) * N_NATIONAL // len(national), min(len(g), 4))
        picked += rng.sample(g, min(share, len(g)))
    rng.shuffle(picked)
    picked = picked[:N_NATIONAL]
    docs = [{"id": r["id"], "text": r["text"], "set": "national", "source": r["source"]} for r in picked]
    criminal = [json.loads(l) for l in open(f"{data_dir}/criminal-full-judge-test.jsonl", encoding="utf-8")]
    for r in rng.sample(sorted(criminal, key=lambda r: r["text_id"]), N_CRIMINAL):
        text = "\n".join(p for p in r["fd"].split(" ") if p)
        docs.append({"id": "cr_" + r["text_id"][:18], "text": text, "set": "criminal",
                     "source": "JuDGE data/test.json text_id=" + r["text_id"]})
    with open(out_path, "w", encoding="utf-8") as out:
        for d in sorted(docs, key=lambda d: d["id"]):
            d["split"] = split_of(d["id"])
            out.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/judgments",
         sys.argv[2] if len(sys.argv) > 2 else "testdata/annotated/documents.jsonl")
