#!/usr/bin/env python3
"""Writes data/court-names.tsv: the names of China's courts from the shared court table
../shared/data/tables/courts.tsv (court tree of China Judgments Online and names seen in judgment
headers; see that folder's README), one name a line with its province, plus the Supreme People's
Court. structure.title uses it to tell a misspelt court name (江苏省南京市中级人法院) from a real
one. Run from the repository top: python3 plugins/criteria/tools/court_names.py"""
import csv
import sys


def main(src):
    names = {}
    with open(src, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            name = (row.get("court_name") or "").strip().replace(" ", "")
            if not name.endswith(("法院", "法庭")) or len(name) < 5:
                continue
            names.setdefault(name, row.get("province") or "-")
    for n in ("最高人民法院", "中华人民共和国最高人民法院"):
        names.setdefault(n, "-")
    with open("plugins/criteria/data/court-names.tsv", "w", encoding="utf-8") as out:
        out.write("# version: 1\n")
        out.write("# Court names (with or without the province prefix, as the source has them) and province.\n")
        out.write("# Source: ../shared/data/tables/courts.tsv, written by plugins/criteria/tools/court_names.py.\n")
        out.write("# name\tprovince\n")
        for n in sorted(names):
            out.write(f"{n}\t{names[n]}\n")
    print(len(names), "court names")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/tables/courts.tsv")
