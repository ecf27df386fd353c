#!/usr/bin/env python3
"""Joins the sectioned civil judgments (civil-first-instance-sections.jsonl) into one text per
judgment, one paragraph per line, as pingcha reads them: Case (title), Parties, CaseRecord,
JudgeAccusation, JudgeReason, JudgeResult. The set has no header court line, case number or
signature block; the fields lost their final punctuation, which is put back (。 or ： after 如下)."""
import json
import sys


def close(p):
    p = p.rstrip()
    if not p:
        return p
    if p.endswith("如下"):
        return p + "："
    if p[-1] in "。：；！？”）)":
        return p
    return p + "。"


ROLES = ("原告", "被告", "第三人", "上诉人", "被上诉人", "申请人", "被申请人", "起诉人")


def parties(items, record):
    names = [i["Name"] for i in items if "Name" in i]
    roles = [i["Prop"] for i in items if "Prop" in i]
    out = []
    for r, n in zip(roles, names):
        if r not in ROLES:  # "Missing": take the role the procedure paragraph gives the name
            r = next((x for x in ROLES if x + n in record), "当事人")
        out.append(f"{r}{n}。")
    return out


def main(src, dst):
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for n, line in enumerate(f):
            d = json.loads(line)
            paras = [d.get("Case", "").strip()]
            paras += parties(d.get("Parties", []), str(d.get("CaseRecord", "")))
            for key in ("CaseRecord", "JudgeAccusation", "JudgeReason", "JudgeResult"):
                # some fields carry a literal backslash-n between paragraphs
                for p in str(d.get(key, "")).replace("\\n", "\n").split("\n"):
                    if p.strip():
                        paras.append(close(p.strip()))
            out.write(json.dumps({"id": f"civil-{n:04d}", "text": "\n".join(paras)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
