#!/usr/bin/env python3
"""Draws the annotated accuracy set (testdata/annotated/documents.jsonl) from the real judgments in
../shared/data/judgments/: complete national judgments and rulings (stratified by kind, procedure and
province) and complete criminal first-instance judgments (paragraphs split on spaces). Each document
gets a split from a hash of its id, fixed forever: `held` documents (about a third) are never looked
at while tuning structure or criteria; `tune` documents are. Run once; the output is committed.
With --batch N (N > 1) it draws a further batch (120 national and 60 criminal for the second, 100 and
50 after it) from the documents earlier batches did not take, with its own seed, and writes it to the
output path (to be appended once judged)."""
import hashlib
import json
import random
import sys

N_NATIONAL, N_CRIMINAL = 190, 110


def split_of(doc_id):
    return "held" if int(hashlib.sha256(doc_id.encode()).hexdigest()[:2], 16) < 86 else "tune"


def main(data_dir, out_path, batch=1, taken=frozenset()):
    global N_NATIONAL, N_CRIMINAL
    rng = random.Random(20261202 if batch == 1 else 20261202 + batch)
    if batch > 1:
        N_NATIONAL, N_CRIMINAL = (120, 60) if batch == 2 else (100, 50)
    national = [json.loads(l) for l in open(f"{data_dir}/national-complete.jsonl", encoding="utf-8")]
    national = [r for r in national if r["id"] not in taken]
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
    criminal = [r for r in criminal if "cr_" + r["text_id"][:18] not in taken]
    for r in rng.sample(sorted(criminal, key=lambda r: r["text_id"]), N_CRIMINAL):
        text = "\n".join(p for p in r["fd"].split(" ") if p)
        docs.append({"id": "cr_" + r["text_id"][:18], "text": text, "set": "criminal",
                     "source": "JuDGE data/test.json text_id=" + r["text_id"]})
    with open(out_path, "w", encoding="utf-8") as out:
        for d in sorted(docs, key=lambda d: d["id"]):
            d["split"] = split_of(d["id"])
            if batch > 1:
                d["batch"] = batch
            out.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--batch")]
    batch = int(sys.argv[sys.argv.index("--batch") + 1]) if "--batch" in sys.argv else 1
    if batch > 1:
        args = [a for a in args if a != str(batch)]
    existing = "testdata/annotated/documents.jsonl"
    taken = frozenset(json.loads(l)["id"] for l in open(existing, encoding="utf-8")) if batch > 1 else frozenset()
    main(args[0] if len(args) > 0 else "../shared/data/judgments",
         args[1] if len(args) > 1 else existing, batch, taken)
