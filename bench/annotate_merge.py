#!/usr/bin/env python3
"""Merges the readers' files (testdata/annotated/readers/) into verdicts.tsv and defects.tsv, applying
the rules the readers disagreed on (README, "Rules settled after the first reading"): a natural
person whose identity details are missing in a published text is `debatable`; a natural person
missing only the address is `false`. The readers' own verdicts stay in readers/ unchanged."""
import glob
import re

PERSON = re.compile(r"natural person|name.only|stripped|publication|defendant|birth|ethnicity|民族|sex")
NOT_PERSON = re.compile(r"pars|company|organi|branch|bank|管理人|清算|公司|only (住所|address)|address only|住所 missing")
ADDRESS_ONLY = re.compile(r"only (住所|address)|address only|only 住所")


def settle(row):
    crit, verdict, reason = row[1], row[4], row[5].lower() if len(row) > 5 else ""
    if crit != "party.details":
        return row
    if ADDRESS_ONLY.search(reason) and "company" not in reason:
        return row[:4] + ["false", row[5] + " [rule: home address deleted for publication]"]
    if PERSON.search(reason) and not NOT_PERSON.search(reason) and verdict in ("true", "false"):
        return row[:4] + ["debatable", row[5] + " [rule: published text, details may be removed]"]
    return row


def main():
    with open("testdata/annotated/verdicts.tsv", "w", encoding="utf-8") as out:
        out.write("# doc_id\tcriterion\tstart\tend\tverdict\treason  (merged by bench/annotate_merge.py)\n")
        for path in sorted(glob.glob("testdata/annotated/readers/verdicts-*.tsv")):
            for line in open(path, encoding="utf-8"):
                row = line.rstrip("\n").split("\t")
                if len(row) >= 5 and not row[0].startswith("#"):
                    out.write("\t".join(settle(row)) + "\n")
    with open("testdata/annotated/defects.tsv", "w", encoding="utf-8") as out:
        out.write("# doc_id\tstart\tend\tcriterion\tdescription  (merged by bench/annotate_merge.py)\n")
        for path in sorted(glob.glob("testdata/annotated/readers/defects-*.tsv")):
            for line in open(path, encoding="utf-8"):
                row = line.rstrip("\n").split("\t")
                if len(row) >= 4 and not row[0].startswith("#") and row[3] != "none-found":
                    if row[3] == "party.details":
                        reason = row[4].lower() if len(row) > 4 else ""
                        if PERSON.search(reason) and not NOT_PERSON.search(reason):
                            continue  # debatable by the rule above: not counted as a missed defect
                    out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
