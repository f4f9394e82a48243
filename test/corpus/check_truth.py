#!/usr/bin/env python3
"""Check test/corpus/truth.json against test/corpus/docs/: the logic of ../shared/corpus/check_truth.py
(which has no option for another corpus), pointed at this folder. Every file exists, every doc is described,
every quoted string occurs in its file (raw, or for .html in the visible text: <script>/<style> removed,
tags deleted, no entity decoding), and measure/owner ranges are consistent."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
GENRES = {"plan", "tasklist", "fyp", "report", "news", "regulation", "speech"}
SCRIPTS = {"simplified", "traditional"}


def visible(html):
    t = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", html)
    return re.sub(r"<[^>]+>", "", t)


def quotes(entry):
    for p in entry.get("plans", []):
        for t in p.get("targets", []):
            yield "target", t["quote"]
        for q in p.get("not_targets", []):
            yield "not_target", q
        for q in p.get("deadline_commitments", []):
            yield "deadline", q
    for o in entry.get("outcomes", []):
        yield "outcome", o["quote"]
    for q in entry.get("not_targets", []):
        yield "not_target", q


def rng(x):
    return (x["min"], x["max"]) if isinstance(x, dict) else (x, x)


def main():
    truth = json.load(open(os.path.join(HERE, "truth.json"), encoding="utf-8"))
    errors = 0
    listed = set()
    n_raw = n_vis = 0
    for e in truth:
        fn = e["file"]
        listed.add(fn)
        path = os.path.join(DOCS, fn)
        if not os.path.isfile(path):
            print(f"MISSING FILE  {fn}")
            errors += 1
            continue
        if e.get("genre") not in GENRES or e.get("script") not in SCRIPTS:
            print(f"BAD genre/script  {fn}")
            errors += 1
        for p in e.get("plans", []):
            lo, hi = rng(p["measures"])
            wlo, whi = rng(p["with_owners"])
            if lo > hi or wlo > whi or whi > hi:
                print(f"BAD counts  {fn}  {p['title'][:30]}")
                errors += 1
        raw = open(path, encoding="utf-8").read()
        vis = visible(raw) if fn.endswith(".html") else None
        for kind, q in quotes(e):
            if q in raw:
                n_raw += 1
            elif vis is not None and q in vis:
                n_vis += 1
                print(f"visible-text  {fn}  [{kind}] {q}")
            else:
                print(f"NOT FOUND     {fn}  [{kind}] {q}")
                errors += 1
    on_disk = set(os.listdir(DOCS))
    for extra in sorted(on_disk - listed):
        print(f"UNDESCRIBED FILE  {extra}")
        errors += 1
    print(f"{len(truth)} entries, {len(on_disk)} files, quotes: {n_raw} raw + {n_vis} visible-text, errors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
