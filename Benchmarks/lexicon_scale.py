#!/usr/bin/env python3
"""Issue 3 scale benchmark; run through lexicon_scale.sh (which builds eigenname).

Side by side in one run: the default lexicons (Lexicons/*.tsv) and a generated
1,000,000-entry lexicon (generate_lexicon.py): compile time, the first annotate
with the lexicon not yet in the compile cache (issue 17), load time of the
compiled form, peak RSS of an annotate run, annotation throughput (--jobs 1, the
same ~20 MB text).

usage: lexicon_scale.py [--rows 1000000] [--runs 3] [--load-runs 5] [--size-mb 20]
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import *  # noqa: E402,F401,F403

ap = argparse.ArgumentParser()
ap.add_argument("--rows", type=int, default=1000000)
ap.add_argument("--runs", type=int, default=3, help="compile and annotate runs (min wall)")
ap.add_argument("--load-runs", type=int, default=5, help="lexicon info runs (min load time)")
ap.add_argument("--size-mb", type=float, default=20)
args = ap.parse_args()

W = os.path.join(WORK, "lexicon-scale")
os.makedirs(W, exist_ok=True)
CACHE = os.path.join(WORK, "cache-lexicon-scale")
ENV = eigenname_env(CACHE)


def main():
    global MACHINE
    MACHINE = machine()  # date, machine and load average at the start of the run
    notes = []
    corpus = os.path.join(WORK, f"corpus-{args.size_mb:g}mb.jsonl")
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), str(args.size_mb), corpus], check=True)
    size = os.path.getsize(corpus)
    tiny = os.path.join(W, "one-sentence.jsonl")
    with open(tiny, "w", encoding="utf-8") as f:
        f.write('{"id":"t","text":"Der Vorstand von Ford um Jim Farley traf sich am Montag in Köln."}\n')
    big = os.path.join(W, f"generated-{args.rows}.tsv")
    if not os.path.exists(big):
        log(f"generating {args.rows:,} rows")
        subprocess.run([sys.executable, os.path.join(HERE, "generate_lexicon.py"), str(args.rows), big], check=True)
    defaults = sorted(glob.glob(os.path.join(REPO, "Lexicons", "*.tsv")))
    lexicons = [("default (Lexicons/*.tsv)", defaults), (f"generated {args.rows:,} rows", [big])]

    rows, res = [], {}
    for name, files in lexicons:
        enlx = os.path.join(W, ("default" if files is defaults else "generated") + ".enlx")
        src_mb = sum(os.path.getsize(f) for f in files) / 1e6
        log(f"{name}: compile")
        best, self_reported, info_line = None, None, ""
        for _ in range(args.runs):
            wall, crss, proc = run([EIGENNAME, "lexicon", "compile"] + files + ["--output", enlx],
                                   stdout=subprocess.PIPE, env=ENV)
            out = proc.stdout.decode() + proc.stderr.decode()
            m = re.search(r"compiled in ([0-9.]+) s", out)
            if best is None or wall < best:
                best, self_reported, compile_rss = wall, (float(m.group(1)) if m else None), crss
                info_line = out.strip().splitlines()[-1] if out.strip() else ""
        compile_wall = best
        # The first annotate of a lexicon not yet compiled: a new empty cache directory per run, so
        # each run reads the TSV, compiles it, writes the cache file and annotates one sentence.
        log(f"{name}: first annotate, uncached")
        uncached = []
        fresh = os.path.join(W, "cache-uncached")
        for _ in range(args.runs):
            shutil.rmtree(fresh, ignore_errors=True)
            os.makedirs(fresh)
            sources = [a for f in files for a in ("--lexicon", f)]
            uncached.append(run([EIGENNAME, "annotate", "--jobs", "1", "--no-default-lexicons"] + sources + [tiny],
                                env=eigenname_env(fresh))[0])
        shutil.rmtree(fresh, ignore_errors=True)
        log(f"{name}: load")
        loads, info_walls = [], []
        for _ in range(args.load_runs):
            wall, _, proc = run([EIGENNAME, "lexicon", "info", enlx], stdout=subprocess.PIPE, env=ENV)
            text = proc.stdout.decode() if proc.stdout else ""
            text += proc.stderr.decode()
            m = re.search(r"loaded in ([0-9.]+) (ms|s)", text)
            if not m:
                raise SystemExit(f"no load time in `lexicon info` output:\n{text}")
            loads.append(float(m.group(1)) * (1000 if m.group(2) == "s" else 1))
            info_walls.append(wall)
        load_ms = min(loads)
        # load as annotate pays it: a whole annotate process over one short document
        first = min(run([EIGENNAME, "annotate", "--jobs", "1", "--no-default-lexicons", "--lexicon", enlx, tiny],
                        env=ENV)[0] for _ in range(args.load_runs)) * 1000
        log(f"{name}: annotate")
        out = os.path.join(W, "annotate.out")
        wall, rss, proc = best_of(args.runs, [EIGENNAME, "annotate", "--jobs", "1", "--no-default-lexicons",
                                              "--lexicon", enlx, corpus], stdout=out, env=ENV)
        summary = proc.stderr.decode().strip().splitlines()
        m = re.search(r"([0-9]+) entities", summary[-1] if summary else "")
        ents = int(m.group(1)) if m else None
        os.unlink(out)
        mbps = size / wall / 1e6
        res[name] = dict(compile=compile_wall, uncached=min(uncached), load=load_ms, first=first, rss=rss, mbps=mbps)
        rows.append([name, f"{src_mb:.1f}", f"{os.path.getsize(enlx) / 1e6:.1f}",
                     f"{compile_wall:.2f}" + (f" ({self_reported:.2f})" if self_reported is not None else ""),
                     f"{min(uncached):.2f}",
                     f"{load_ms:.2f}", f"{min(info_walls) * 1000:.0f}", f"{first:.0f}", f1d(rss), f1d(mbps),
                     f"{ents:,}" if ents is not None else "?"])
        notes.append(f"{name}: `lexicon compile` said: {info_line}; compile peak RSS {compile_rss:.0f} MB.")

    d, g = res[lexicons[0][0]], res[lexicons[1][0]]
    ratio = g["mbps"] / d["mbps"]
    targets = [
        f"- throughput(1M) / throughput(default) = **{ratio:.2f}** (target ≥ 0.8): {met(ratio >= 0.8)}",
        f"- compile of the 1M lexicon {g['compile']:.2f} s (issue 3: < 10 s: {met(g['compile'] < 10)}; "
        f"issue 17: < 5 s: {met(g['compile'] < 5)})",
        f"- first annotate with the uncached 1M lexicon {g['uncached']:.2f} s (issue 17: < 6 s): {met(g['uncached'] < 6)}",
        f"- load of the compiled 1M lexicon {g['load']:.2f} ms as `lexicon info` reports it (target < 100 ms): "
        f"{met(g['load'] < 100)}; a whole annotate process over one sentence takes {g['first']:.0f} ms with it "
        f"({d['first']:.0f} ms with the default lexicons)",
        f"- peak RSS of annotate with the 1M lexicon {g['rss']:.0f} MB (issue 3: < 400 MB; issue 17: < 300 MB): "
        f"{met(g['rss'] < 300)}",
    ]
    print("### Lexicon scale (issue 3)\n")
    print(f"Run: {MACHINE}.\n")
    print(table(["lexicon", "TSV MB", ".enlx MB", "compile s (self-reported)", "first annotate, uncached, s",
                 "load ms (`lexicon info`, min of "
                 f"{args.load_runs})", "`lexicon info` process ms", "annotate 1 sentence, process ms", "annotate peak RSS MB", "annotate MB/s (--jobs 1)",
                 "entities found"], rows))
    print()
    print("\n".join(targets))
    print()
    print("Notes:")
    notes.insert(0, f"Text: {corpus} ({size:,} bytes, make_corpus.py"
                 + ("" if os.path.exists(GE_TEST) else ", GENERATED text: ../shared/data absent") + "). "
                 f"Annotate: `annotate --jobs 1 --no-default-lexicons --lexicon X.enlx` as a whole process, output to "
                 f"a file, min wall of {args.runs} (MB/s = JSONL bytes / wall); peak RSS = max over the runs "
                 f"(/usr/bin/time). Compile: whole `lexicon compile … --output` process, min of {args.runs}; in "
                 f"parentheses the time the command reports itself. First annotate, uncached: `annotate --jobs 1 "
                 f"--no-default-lexicons --lexicon X.tsv` over one sentence with a new empty cache directory, "
                 f"so that it compiles, writes the cache file and annotates; min of {args.runs}.")
    notes.append("Load: `lexicon info` reports the time to map the compiled file (pages are read lazily, so this "
                 "excludes page faults later); the `lexicon info` process itself also walks the whole lexicon for its "
                 "statistics, hence its larger wall time. The 'annotate 1 sentence' column is the whole-process cost "
                 f"of start-up + load + one short document, min of {args.load_runs}. Annotate peak RSS includes the "
                 "pages of the memory-mapped .enlx that the run touched (file-backed, reclaimable).")
    notes.append(f"Generated lexicon: generate_lexicon.py {args.rows} (fixed seed); its generation time is not measured.")
    print("\n".join("- " + n for n in notes))


if __name__ == "__main__":
    main()
