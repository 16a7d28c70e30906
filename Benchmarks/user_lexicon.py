#!/usr/bin/env python3
"""Issue 14: the shipped lexicons as a user's three-column lexicon, scored on Corpora/gold.

Run through user_lexicon.sh (which builds eigenname first). Writes to Benchmarks/work/:
  user-lexicon/<name>.tsv   every row of Lexicons/<name>.tsv, only surface, type, canonical
  user-lexicon-pred.jsonl   annotate --no-default-lexicons --lexicon user-lexicon/*.tsv
  shipped-pred.jsonl        annotate with the default lexicons (Lexicons/)
and prints one Markdown table: exact-match micro P/R/F1 and per type for both runs."""
import argparse
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import EIGENNAME, REPO, WORK, f3, log, machine, table  # noqa: E402

GOLD = os.path.join(REPO, "Corpora", "gold", "gold.jsonl")
LEXICONS = os.path.join(REPO, "Lexicons")
REDUCED = os.path.join(WORK, "user-lexicon")
CACHE = os.path.join(WORK, "cache-user-lexicon")


def reduce_lexicon(src, dst):
    """Keeps the columns surface, type, canonical (by header name) of every row; drops comments."""
    rows, header = 0, None
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        out.write("surface\ttype\tcanonical\n")
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = {name: i for i, name in reversed(list(enumerate(fields)))}
                continue
            get = lambda name: fields[header[name]] if header.get(name, len(fields)) < len(fields) else ""
            out.write(f"{get('surface')}\t{get('type')}\t{get('canonical')}\n")
            rows += 1
    return rows


def annotate(args, pred):
    env = dict(os.environ, EIGENNAME_CACHE=CACHE, EIGENNAME_LEXICONS=LEXICONS)
    with open(pred, "wb") as out:
        subprocess.run([EIGENNAME, "annotate", "--quiet", "--jobs", "1"] + args + [GOLD],
                       stdout=out, env=env, check=True)


def evaluate(pred, errors):
    proc = subprocess.run([EIGENNAME, "evaluate", "--gold", GOLD, "--pred", pred, "--json"],
                          capture_output=True, check=True, text=True)
    if errors:
        listing = subprocess.run([EIGENNAME, "evaluate", "--gold", GOLD, "--pred", pred, "--errors", str(errors)],
                                 capture_output=True, check=True, text=True).stdout
        log(f"--- errors of {os.path.basename(pred)} ---\n{listing}")
    return json.loads(proc.stdout)


def rows_of(name, report):
    exact = report["exact"]
    out = []
    for label, s in [("micro", exact["micro"])] + sorted(exact.get("perType", exact.get("per_type", {})).items()):
        out.append([name, label, f3(s.get("precision")), f3(s.get("recall")), f3(s.get("f1")),
                    s.get("tp", s.get("truePositives", "")), s.get("fp", s.get("falsePositives", "")),
                    s.get("fn", s.get("falseNegatives", ""))])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="also list N false negatives and N false positives per run")
    a = ap.parse_args()
    os.makedirs(REDUCED, exist_ok=True)
    for old in glob.glob(os.path.join(REDUCED, "*.tsv")):
        os.unlink(old)
    reduced, total = [], 0
    for src in sorted(glob.glob(os.path.join(LEXICONS, "*.tsv"))):
        dst = os.path.join(REDUCED, os.path.basename(src))
        total += reduce_lexicon(src, dst)
        reduced.append(dst)
    log(f"reduced {len(reduced)} lexicons ({total} rows) to three columns in {REDUCED}")
    runs = [("three-column reduction", sum((["--lexicon", p] for p in reduced), ["--no-default-lexicons"]),
             os.path.join(WORK, "user-lexicon-pred.jsonl")),
            ("shipped lexicons", [], os.path.join(WORK, "shipped-pred.jsonl"))]
    body = []
    micro = {}
    for name, args, pred in runs:
        log(f"annotating {GOLD} with the {name}…")
        annotate(args, pred)
        report = evaluate(pred, a.errors)
        micro[name] = report["exact"]["micro"]["f1"]
        body += rows_of(name, report)
    print(f"## User lexicon (issue 14): Corpora/gold, exact span and type\n\n{machine()}\n")
    print(table(["lexicons", "type", "P", "R", "F1", "TP", "FP", "FN"], body))
    print()
    for name, f1 in micro.items():
        print(f"- {name}: micro F1 {f3(f1)}")
    print(f"\nTargets (issue 14): reduction ≥ 0.970, shipped ≥ 0.985.")


if __name__ == "__main__":
    main()
