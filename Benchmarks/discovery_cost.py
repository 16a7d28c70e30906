#!/usr/bin/env python3
"""Issue 16: what discovery's time is made of, and the best ratio a faster scan could give.

Three modes of `eigenname annotate --jobs 1` → a file, on throughput.sh's corpus, with its
benchmark lexicon and with the default lexicons, in interleaved rounds (a noisy minute hits all):
- off: `--no-discovery`;
- scan only: `--rules -discovery,+discover-company-mention`: every pass of discovery runs
  (shapes, capital codes, the loop over capitals, the first tests of the rules), but the one rule
  left can find nothing (a company's later mention needs a discovered company): the script checks
  that its output is byte-identical to off;
- on: the default, every rule.
scan = scan only − off; rules = on − scan only (the rules' own tests where the scan lets them run,
what they find, its merging and output, and what their tables push out of the caches). Because the
scan-only mode still runs the rules' first tests, `scan` is an upper bound of the scan's cost and
`rules` a lower bound of theirs, so `off / (off + rules)` is an upper bound of the on/off ratio that
any scan, however fast, could reach with these rules.

usage: discovery_cost.py [--rounds 9]   (Benchmarks/discovery_cost.sh builds first)
"""
import argparse
import filecmp
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import EIGENNAME, WORK, eigenname_env, log, machine, run  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--rounds", type=int, default=9)
args = ap.parse_args()

CORPUS = os.path.join(WORK, "corpus-20mb.jsonl")
LEXICON = os.path.join(WORK, "throughput", "lexicon-2500.tsv")
for path in (CORPUS, LEXICON):
    if not os.path.exists(path):
        sys.exit(f"discovery_cost: {path} missing: run Benchmarks/throughput.sh once first")
ENV = eigenname_env(os.path.join(WORK, "cache-discovery-cost"))
MODES = {"off": ["--no-discovery"], "scan only": ["--rules", "-discovery,+discover-company-mention"], "on": []}
LEXICONS = {"benchmark lexicon (2,500 rows)": ["--no-default-lexicons", "--lexicon", LEXICON],
            "default lexicons": []}


def annotate(lexicon_args, mode_args, out):
    """The whole process's wall seconds (start-up included), its JSONL written to `out`."""
    wall, _, _ = run([EIGENNAME, "annotate", CORPUS, "--jobs", "1", "--quiet"] + lexicon_args + mode_args, stdout=out, env=ENV)
    return wall


print(f"## {machine()}: `Benchmarks/discovery_cost.sh` (issue 16), {args.rounds} rounds\n")
print("| lexicons | off s | scan only s | on s | scan ms | rules ms | on / off | best on / off with a free scan |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
rounds_text = []
for label, lexicon_args in LEXICONS.items():
    outs = {m: os.path.join(WORK, f"discovery-cost-{k}.jsonl") for k, m in enumerate(MODES)}
    for m, mode_args in MODES.items():  # warm-up: compiles the lexicon into the cache
        annotate(lexicon_args, mode_args, outs[m])
    if not filecmp.cmp(outs["off"], outs["scan only"], shallow=False):
        sys.exit("discovery_cost: the scan-only output differs from off: a rule found something; the split is void")
    walls = {m: [] for m in MODES}
    for r in range(args.rounds):
        log(f"{label}: round {r + 1}/{args.rounds}")
        for m, mode_args in MODES.items():
            walls[m].append(annotate(lexicon_args, mode_args, outs[m]))
    off, scan, on = (statistics.median(walls[m]) for m in MODES)
    print(f"| {label} | {off:.3f} | {scan:.3f} | {on:.3f} | {(scan - off) * 1000:.0f} | {(on - scan) * 1000:.0f} "
          f"| {off / on:.3f} | {off / (off + on - scan):.3f} |")
    rounds_text.append(f"- {label}: " + "; ".join(f"{m} " + ", ".join(f"{w:.3f}" for w in walls[m]) for m in MODES))
    for path in outs.values():
        os.remove(path)
print("\nMedians of the rounds. Every round, wall s:")
print("\n".join(rounds_text))
print("\nscan = scan only − off (an upper bound of the scan's cost: the rules' first tests run in it);"
      " rules = on − scan only. The last column, off / (off + rules), bounds what any faster scan could reach"
      " with these rules; issue 16's target is on / off ≥ 0.85.")
