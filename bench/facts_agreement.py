#!/usr/bin/env python3
"""Agreement of pingcha's facts with the rule-derived metadata of the national set
(../shared/data/judgments/national-complete.jsonl: court, case_number, judgment_date, doc_type) on the
annotated documents that come from it, by split. The metadata can itself be wrong for unusual
headers: every disagreement is printed for a person to read. Usage: facts_agreement.py RESULTS.jsonl"""
import json
import sys

meta = {}
for line in open("../shared/data/judgments/national-complete.jsonl", encoding="utf-8"):
    r = json.loads(line)
    meta[r["id"]] = r
docs = {json.loads(l)["id"]: json.loads(l) for l in open("testdata/annotated/documents.jsonl", encoding="utf-8")}
fields = {"court": ("court", lambda d: d.get("court")),
          "case_number": ("case_number", lambda d: (d.get("case_number") or {}).get("text")),
          "decided_on": ("judgment_date", lambda d: d.get("decided_on")),
          "kind": ("doc_type", lambda d: (d.get("kind") or "")[-3:] or None)}
tally = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    m = meta.get(r["id"])
    if not m or r.get("status") != "ok":
        continue
    split = docs[r["id"]]["split"]
    for name, (key, get) in fields.items():
        want, got = m.get(key), get(r["document"])
        if want in (None, ""):
            continue
        ok = (got or "").replace(" ", "") == str(want).replace(" ", "")
        t = tally.setdefault((split, name), [0, 0])
        t[0] += ok
        t[1] += 1
        if not ok:
            print(f"  {split} {r['id']} {name}: pingcha {got!r}, metadata {want!r}")
for (split, name), (ok, n) in sorted(tally.items()):
    print(f"{split:5} {name:12} {ok}/{n} agree ({100.0 * ok / n:.1f}%)")
