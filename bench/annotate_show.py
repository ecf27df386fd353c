#!/usr/bin/env python3
"""For readers of the annotated set. `annotate_show.py ID` prints a document's text, each line
prefixed with the code-point offset where it starts; `annotate_show.py ID SNIPPET [N]` prints the
start and end code points of the Nth (default first) occurrence of SNIPPET in it."""
import json
import sys

docs = {json.loads(l)["id"]: json.loads(l) for l in open("testdata/annotated/documents.jsonl", encoding="utf-8")}
text = docs[sys.argv[1]]["text"]
if len(sys.argv) == 2:
    pos = 0
    for line in text.split("\n"):
        print(f"{pos:6d} {line}")
        pos += len(line) + 1
else:
    snippet, nth, start = sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1, -1
    for _ in range(nth):
        start = text.find(snippet, start + 1)
        if start < 0:
            sys.exit(f"'{snippet}' not found {nth} times")
    print(start, start + len(snippet))
