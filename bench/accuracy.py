#!/usr/bin/env python3
"""Accuracy of pingcha's findings on the annotated set (testdata/annotated/).

Reads the results of `pingcha score --format jsonl` over documents.jsonl and the hand verdicts:
  verdicts.tsv  doc_id, criterion, start, end, verdict (true|false|debatable), reason
                one line per finding judged by a reader; a finding matches a verdict of the same
                document and criterion whose span overlaps it (or touches it, for empty spans)
  defects.tsv   doc_id, start, end, criterion (or "none"), description
                every real defect of the documents read in full (fully-read.txt lists them)
Prints, separately for the `tune` and `held` splits (held documents are never looked at while
tuning): precision per criterion and overall (error severity and all severities; debatable counts
as neither), findings not yet judged, recall on the fully read documents, findings per document,
the score distribution, and the documents rejected. With --floor-error P and --floor-all Q it exits
1 when precision on either split falls below them (the CI test)."""
import argparse
import collections
import csv
import json
import os
import sys


def load_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]


def overlaps(a0, a1, b0, b1):
    if a0 == a1 or b0 == b1:
        return a0 <= b1 and b0 <= a1
    return a0 < b1 and b0 < a1


class Verdicts:
    def __init__(self, rows):
        self.by = collections.defaultdict(list)
        for r in rows:
            doc, crit, s, e, verdict = r[0], r[1], int(r[2]), int(r[3]), r[4]
            self.by[(doc, crit)].append((s, e, verdict))

    def find(self, doc, crit, s, e):
        best = None
        for vs, ve, v in self.by.get((doc, crit), []):
            if (vs, ve) == (s, e):
                return v
            if best is None and overlaps(s, e, vs, ve):
                best = v
        return best


def pct(n, d):
    return f"{100.0 * n / d:5.1f}%" if d else "   n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results")
    ap.add_argument("--annotated", default="testdata/annotated")
    ap.add_argument("--floor-error", type=float)
    ap.add_argument("--floor-all", type=float)
    ap.add_argument("--unjudged", help="write findings without a verdict here (TSV) for the readers")
    ap.add_argument("--misses", help="write the real defects of fully read *tune* documents that no finding"
                    " caught here (TSV; held documents' misses are never written)")
    ap.add_argument("--max-unjudged", type=float,
                    help="with the floors: fail when more than this percentage of findings has no verdict")
    args = ap.parse_args()

    docs = {}
    with open(os.path.join(args.annotated, "documents.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = d
    results = {}
    with open(args.results, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                results[r["id"]] = r
    verdicts = Verdicts(load_tsv(os.path.join(args.annotated, "verdicts.tsv")))
    defects = load_tsv(os.path.join(args.annotated, "defects.tsv"))
    fully_read = set()
    fr_path = os.path.join(args.annotated, "fully-read.txt")
    if os.path.exists(fr_path):
        fully_read = {l.split()[0] for l in open(fr_path, encoding="utf-8") if l.strip() and not l.startswith("#")}

    unjudged_rows = []
    miss_rows = []
    failed_floor = False
    for split in ("tune", "held"):
        ids = [i for i, d in docs.items() if d["split"] == split]
        per = collections.defaultdict(lambda: collections.Counter())
        tot = {"error": collections.Counter(), "all": collections.Counter()}
        n_findings, scores, rejected, missing = 0, [], [], 0
        deducted = collections.Counter()
        for i in ids:
            r = results.get(i)
            if r is None:
                missing += 1
                continue
            if r.get("status") != "ok":
                rejected.append((i, (r.get("error") or {}).get("class"), (r.get("error") or {}).get("message", "")[:60]))
                continue
            scores.append(r["score"]["value"])
            for fd in r.get("findings", []):
                n_findings += 1
                v = verdicts.find(i, fd["criterion"], fd["start"], fd["end"]) or "unjudged"
                per[fd["criterion"]][v] += 1
                tot["all"][v] += 1
                if fd["severity"] == "error":
                    tot["error"][v] += 1
                    deducted[v] += fd.get("deduction", 0)
                if v == "unjudged":
                    unjudged_rows.append([i, fd["criterion"], str(fd["start"]), str(fd["end"]), fd["severity"],
                                          fd["message"].replace("\t", " ").replace("\n", "⏎"),
                                          fd.get("excerpt", "").replace("\t", " ").replace("\n", "⏎")])
        print(f"== split {split}: {len(ids)} documents, {len(scores)} scored, {len(rejected)} rejected or failed,"
              f" {missing} without a result")
        print(f"{'criterion':28} {'findings':>8} {'true':>5} {'false':>5} {'debat':>5} {'unjdg':>5} {'precision':>9}")
        for c in sorted(per):
            k = per[c]
            print(f"{c:28} {sum(k.values()):8} {k['true']:5} {k['false']:5} {k['debatable']:5} {k['unjudged']:5}"
                  f" {pct(k['true'], k['true'] + k['false']):>9}")
        for sev in ("error", "all"):
            k = tot[sev]
            p = 100.0 * k["true"] / (k["true"] + k["false"]) if k["true"] + k["false"] else 100.0
            print(f"precision ({sev} severity): {pct(k['true'], k['true'] + k['false'])}"
                  f"  ({k['true']} true, {k['false']} false, {k['debatable']} debatable, {k['unjudged']} unjudged)")
            floor = args.floor_error if sev == "error" else args.floor_all
            if floor is not None and p < floor:
                print(f"  BELOW FLOOR {floor}% on split {split}")
                failed_floor = True
        n_all = sum(tot["all"].values())
        if args.max_unjudged is not None and n_all and 100.0 * tot["all"]["unjudged"] / n_all > args.max_unjudged:
            print(f"  TOO MANY UNJUDGED on split {split}: {tot['all']['unjudged']} of {n_all}"
                  f" (over {args.max_unjudged}%): judge them (bench/annotate_worklist.py) before trusting the figures")
            failed_floor = True
        d_all = sum(deducted.values())
        print(f"points deducted: {d_all:.1f}, of which on false alarms {deducted['false']:.1f} ({pct(deducted['false'], d_all)})")
        print(f"findings per scored document: {n_findings / len(scores):.2f}" if scores else "no scored document")
        if scores:
            bands = collections.Counter()
            for s in scores:
                bands["100" if s >= 100 else "95-99.9" if s >= 95 else "90-94.9" if s >= 90 else
                      "80-89.9" if s >= 80 else "<80"] += 1
            print("score distribution: " + ", ".join(f"{b}: {bands[b]}" for b in ("100", "95-99.9", "90-94.9", "80-89.9", "<80")))
        for i, cls, msg in rejected:
            print(f"  not scored: {i} {cls} {msg}")
        # Recall on fully read documents of this split.
        fr = [i for i in ids if i in fully_read]
        if fr:
            caught = with_crit = n_def = 0
            for row in defects:
                i, s, e, crit = row[0], int(row[1]), int(row[2]), row[3]
                if i not in fr:
                    continue
                n_def += 1
                r = results.get(i) or {}
                hit = any(overlaps(s, e, fd["start"], fd["end"]) and (crit == "none" or fd["criterion"] == crit)
                          for fd in r.get("findings", []))
                if crit != "none":
                    with_crit += 1
                caught += hit
                if not hit and split == "tune":
                    miss_rows.append(row)
            print(f"recall on {len(fr)} fully read documents: {pct(caught, n_def)} of {n_def} real defects caught"
                  f" ({with_crit} of them have a criterion that should catch them)")
        print()
    if args.unjudged:
        with open(args.unjudged, "w", encoding="utf-8") as f:
            for row in unjudged_rows:
                f.write("\t".join(row) + "\n")
        print(f"{len(unjudged_rows)} unjudged findings written to {args.unjudged}")
    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as f:
            for row in miss_rows:
                f.write("\t".join(row) + "\n")
        print(f"{len(miss_rows)} missed defects of tune documents written to {args.misses}")
    return 1 if failed_floor else 0


if __name__ == "__main__":
    sys.exit(main())
