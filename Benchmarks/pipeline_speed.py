#!/usr/bin/env python3
"""Issue 17's speed targets, measured as whole processes in interleaved rounds.

One core: `eigenname annotate --jobs 1` → JSONL (default lexicons; discovery on, and off) against
the bare ICU word-break loop (Benchmarks/icu_wordbreak_loop.c) on two corpora: the 20 MB
benchmark corpus (make_corpus.py: mostly plain Latin) and the 20 MB mixed corpus
(make_mixed_corpus.py: names, quotes, dashes, units, non-Latin scripts). Each round runs the
three commands one after the other, so a noisy minute hits all; the figure is the ratio of the
minimum walls over the rounds (throughput of Eigenname / throughput of the loop).
Two cores (the benchmark corpus): per round `--jobs 1`, `--jobs 2`, and two independent
`--jobs 1` processes started together (the two-process ceiling); the ratios per round.

Targets: ≥ 0.9× the ICU loop (plain), ≥ 0.75× (mixed), discovery on; `--jobs 2` ≥ 1.8×
`--jobs 1` in every round and ≥ 0.97× the ceiling.

usage: pipeline_speed.py [--rounds 9] [--size-mb 20]   (Benchmarks/pipeline_speed.sh builds first)
"""
import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import EIGENNAME, HERE, ICU_LOOP, WORK, eigenname_env, log, machine, run  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--rounds", type=int, default=9)
ap.add_argument("--size-mb", type=float, default=20)
args = ap.parse_args()

ENV = eigenname_env(os.path.join(WORK, "cache-pipeline-speed"))


def corpus(script, name):
    path = os.path.join(WORK, f"{name}-{args.size_mb:g}mb.jsonl")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(HERE, script), str(args.size_mb), path], check=True)
    return path


def together(cmd, n):
    """Wall time of n copies of cmd started at once, each writing its own file."""
    outs = [open(os.path.join(WORK, f"together-{k}.tmp"), "wb") for k in range(n)]
    t0 = time.perf_counter()
    procs = [subprocess.Popen(cmd, stdout=o, stderr=subprocess.DEVNULL, env=ENV) for o in outs]
    codes = [p.wait() for p in procs]
    wall = time.perf_counter() - t0
    for o in outs:
        o.close()
        os.unlink(o.name)
    if any(codes):
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    return wall


def main():
    os.makedirs(WORK, exist_ok=True)
    lines = [f"## {machine()}: `Benchmarks/pipeline_speed.sh` (issue 17), {args.rounds} rounds", ""]
    out = os.path.join(WORK, "pipeline-speed-out.tmp")
    corpora = [("benchmark corpus (make_corpus.py)", corpus("make_corpus.py", "corpus"), 0.9),
               ("mixed corpus (make_mixed_corpus.py)", corpus("make_mixed_corpus.py", "corpus-mixed"), 0.75)]
    lines += ["| corpus | ICU loop s (min) | annotate, discovery on s (min) | ratio | discovery off s (min) | ratio | target (on) |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    every = []
    for label, path, target in corpora:
        run([EIGENNAME, "annotate", "--jobs", "1", path], stdout=out, env=ENV)  # warms the compile cache
        walls = {"icu": [], "on": [], "off": []}
        for r in range(args.rounds):
            log(f"{label}: round {r + 1}/{args.rounds}")
            walls["icu"].append(run([ICU_LOOP, path])[0])
            walls["on"].append(run([EIGENNAME, "annotate", "--jobs", "1", path], stdout=out, env=ENV)[0])
            walls["off"].append(run([EIGENNAME, "annotate", "--jobs", "1", "--no-discovery", path], stdout=out, env=ENV)[0])
        icu, on, off = min(walls["icu"]), min(walls["on"]), min(walls["off"])
        verdict = "met" if icu / on >= target else "**not met**"
        lines.append(f"| {label}, {os.path.getsize(path) / 1e6:.1f} MB | {icu:.3f} | {on:.3f} | **{icu / on:.2f}×** | "
                     f"{off:.3f} | {icu / off:.2f}× | ≥ {target}×: {verdict} |")
        every.append(f"- {label}: " + "; ".join(f"{k} {', '.join(f'{w:.3f}' for w in v)}" for k, v in walls.items()))
    lines += ["", "Every round, wall s (ICU loop; annotate with discovery; without):"] + every + [""]

    # Two cores, on the benchmark corpus.
    path = corpora[0][1]
    one = [EIGENNAME, "annotate", "--jobs", "1", path]
    rows = []
    for r in range(args.rounds):
        log(f"jobs: round {r + 1}/{args.rounds}")
        w1 = run(one, stdout=out, env=ENV)[0]
        w2 = run([EIGENNAME, "annotate", "--jobs", "2", path], stdout=out, env=ENV)[0]
        pair = together(one, 2)
        rows.append((w1, w2, pair))
    speedups = [w1 / w2 for w1, w2, _ in rows]
    ceilings = [2 * w1 / pair for w1, _, pair in rows]  # what two independent processes gave in that round
    of_ceiling = [(w1 / w2) / (2 * w1 / pair) for w1, w2, pair in rows]
    lines += ["| round | --jobs 1 s | --jobs 2 s | jobs 2 / jobs 1 | two --jobs 1 processes s | ceiling | jobs 2 / ceiling |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for k, ((w1, w2, pair), s, c, f) in enumerate(zip(rows, speedups, ceilings, of_ceiling), 1):
        lines.append(f"| {k} | {w1:.3f} | {w2:.3f} | {s:.2f}× | {pair:.3f} | {c:.2f}× | {f:.3f} |")
    lines += ["", f"--jobs 2 / --jobs 1: min {min(speedups):.2f}×, every round ≥ 1.8×: "
                  f"{'met' if min(speedups) >= 1.8 else '**not met**'}; of the two-process ceiling: min {min(of_ceiling):.3f}, "
                  f"every round ≥ 0.97: {'met' if min(of_ceiling) >= 0.97 else '**not met**'}.", ""]
    os.unlink(out)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
