#!/usr/bin/env python3
"""Writes data/national-law-titles.tsv: the titles of national normative documents (laws, judicial
interpretations, administrative regulations, departmental rules; no local regulations) from the
shared table ../shared/data/laws/laws.jsonl (LawRefBook/Laws 2f4c5c23 and others, see its README),
one title a line with its kind, inner 《》 written 〈〉 as judgments quote them. citation.title uses
it to tell a misspelt title (《中国人民共和国民事诉讼法》) from a real one. Run from the repository top:
  python3 plugins/criteria/tools/national_law_titles.py ../shared/data/laws/laws.jsonl"""
import json
import sys

LOCAL = ("地方性法规",)


def main(src):
    titles = {}
    for line in open(src, encoding="utf-8"):
        r = json.loads(line)
        kind = r.get("kind") or ""
        title = r.get("title") or ""
        if not title or kind.startswith(LOCAL) or kind in ("", "其他"):
            continue
        title = title.replace("《", "〈").replace("》", "〉").strip()
        # slips in the source's own titles (the interpretation is 最高人民法院关于适用财产刑若干问题的规定)
        if title.startswith("最高人民法院于") or title.startswith("最高人民法院人民法院"):
            continue
        title = title.replace("最高人民法院 最高人民检察院", "最高人民法院、最高人民检察院")
        if len(title) < 4 or title.startswith("〈"):
            continue
        titles.setdefault(title, kind.replace("(推断)", ""))
    out = open("plugins/criteria/data/national-law-titles.tsv", "w", encoding="utf-8")
    out.write("# version: 1\n")
    out.write("# Titles of national normative documents (no local regulations), for telling a misspelt title\n")
    out.write("# from a real one. Source: ../shared/data/laws/laws.jsonl (LawRefBook/Laws 2f4c5c23 and others),\n")
    out.write("# written by plugins/criteria/tools/national_law_titles.py.\n")
    out.write("# title\tkind\n")
    for t in sorted(titles):
        out.write(f"{t}\t{titles[t]}\n")
    print(len(titles), "titles")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/laws/laws.jsonl")
