#!/usr/bin/env python3
"""Issue 18: throughput of the Python API beside the CLI and spaCy's EntityRuler, on the
~20 MB benchmark corpus; run through python_throughput.sh (which builds and installs the
wheel into Integrations/python/.venv and runs this with that venv's Python).

Three systems, the same binary and the same lexicons:
  cli           `eigenname annotate CORPUS --format jsonl --quiet > out.jsonl`, the binary the
                wheel carries with the wheel's lexicons (default lexicons, discovery on), as a
                whole process: start-up, reading and parsing JSONL, writing JSONL.
  annotate_many `Annotator()` + `for doc in ann.annotate_many(texts)` in a fresh Python process:
                timed from before Annotator() (process start-up, lexicon load, probe) to the last
                Document; the texts are in memory before (a user has them; reading the JSONL
                file into Python is not counted). Every entity becomes a dataclass.
  spacy-ruler   spacy_ruler_run.py (spaCy blank German + EntityRuler, case-sensitive phrase
                patterns) with the wheel's default lexicons merged into one TSV: its nlp.pipe loop.
MB/s = UTF-8 bytes of the corpus file / seconds, for all three. cli and annotate_many run
in turn, RUNS pairs; the ratio is the median of the pair-by-pair ratios (the machine drifts).

usage: python_throughput.py [--runs 5] [--size-mb 20] [--spacy-runs 1] [--batch-size 256] [--append]
       python_throughput.py --child CORPUS BATCH_SIZE   (one annotate_many run; prints JSON)
"""
import argparse
import json
import os
import subprocess
import sys
import time
from statistics import median

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def child(corpus: str, batch_size: int) -> None:
    """One annotate_many run in this process (a fresh interpreter per run)."""
    texts = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                texts.append({"id": d["id"], "text": d["text"]})
    t0 = time.perf_counter()
    import eigenname
    docs = entities = 0
    with eigenname.Annotator() as ann:
        for doc in ann.annotate_many(texts, batch_size=batch_size):
            docs += 1
            entities += len(doc.entities)
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "docs": docs, "entities": entities}))


def main() -> None:
    from benchlib import WORK, machine  # noqa: E402

    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5, help="pairs of cli / annotate_many runs")
    ap.add_argument("--size-mb", type=float, default=20)
    ap.add_argument("--spacy-runs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--append", action="store_true", help="append the report to Benchmarks/RESULTS.md")
    args = ap.parse_args()

    import eigenname
    work = os.path.join(WORK, "python")
    os.makedirs(work, exist_ok=True)
    header = machine()
    corpus = os.path.join(WORK, f"corpus-{args.size_mb:g}mb.jsonl")
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), str(args.size_mb), corpus], check=True)
    size = os.path.getsize(corpus)
    binary, lexicons = eigenname.find_binary(), eigenname.packaged_lexicons()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EIGENNAME_")}
    env.update(EIGENNAME_LEXICONS=lexicons, EIGENNAME_CACHE=os.path.join(work, "cache"))
    # One untimed run of each fills the compile cache and checks both give the same entities.
    out = os.path.join(work, "cli-out.jsonl")
    with open(out, "wb") as f:
        subprocess.run([binary, "annotate", corpus, "--format", "jsonl", "--quiet"], stdout=f, env=env, check=True)
    cli_entities = sum(len(json.loads(line)["entities"]) for line in open(out, encoding="utf-8") if line.strip())
    warm = json.loads(subprocess.run([sys.executable, __file__, "--child", corpus, str(args.batch_size)], env=env,
                                     check=True, capture_output=True, text=True).stdout)
    if warm["entities"] != cli_entities:
        raise SystemExit(f"entity counts differ: cli {cli_entities}, annotate_many {warm['entities']}")

    cli_s, many_s, ratios = [], [], []
    for run in range(args.runs):
        t0 = time.perf_counter()
        with open(out, "wb") as f:
            subprocess.run([binary, "annotate", corpus, "--format", "jsonl", "--quiet"], stdout=f, env=env, check=True)
        c = time.perf_counter() - t0
        m = json.loads(subprocess.run([sys.executable, __file__, "--child", corpus, str(args.batch_size)], env=env,
                                      check=True, capture_output=True, text=True).stdout)["seconds"]
        cli_s.append(c)
        many_s.append(m)
        ratios.append(c / m)  # annotate_many MB/s ÷ cli MB/s
        print(f"run {run + 1}: cli {size / c / 1e6:.1f} MB/s, annotate_many {size / m / 1e6:.1f} MB/s, "
              f"ratio {c / m:.2f}", file=sys.stderr, flush=True)

    # spaCy EntityRuler with the same (default) lexicons, merged into one TSV.
    merged = os.path.join(work, "default-lexicons.tsv")
    with open(merged, "w", encoding="utf-8") as f:
        f.write("surface\ttype\n")
        for name in sorted(os.listdir(lexicons)):
            if name.endswith(".tsv"):
                for i, line in enumerate(open(os.path.join(lexicons, name), encoding="utf-8")):
                    if line.strip() and not line.startswith("#") and not line.startswith("surface\t"):
                        f.write("\t".join(line.rstrip("\n").split("\t")[:2]) + "\n")
    spacy_runs = []
    for _ in range(args.spacy_runs):
        t0 = time.perf_counter()
        r = json.loads(subprocess.run([sys.executable, os.path.join(HERE, "spacy_ruler_run.py"), corpus, merged],
                                      check=True, capture_output=True, text=True).stdout)
        r["wall"] = time.perf_counter() - t0
        spacy_runs.append(r)

    mbps = lambda s: size / s / 1e6  # noqa: E731
    lines = [
        f"## {header.split(';')[0]}, `python_throughput.sh` (issue 18, the Python API)",
        "",
        f"Code: {_commit()}. Machine: {header}.",
        "",
        f"Corpus {corpus} ({size:,} bytes, {warm['docs']:,} documents), default lexicons of the wheel, discovery on, "
        f"`--jobs` default; binary {binary}; annotate_many batch_size {args.batch_size}; {args.runs} pairs in turn; "
        f"both found {cli_entities:,} entities.",
        "",
        "| run | cli s | cli MB/s | annotate_many s | annotate_many MB/s | ratio |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for i, (c, m, r) in enumerate(zip(cli_s, many_s, ratios), 1):
        lines.append(f"| {i} | {c:.2f} | {mbps(c):.1f} | {m:.2f} | {mbps(m):.1f} | {r:.2f} |")
    ratio = median(ratios)
    lines += [
        f"| median | {median(cli_s):.2f} | {mbps(median(cli_s)):.1f} | {median(many_s):.2f} | "
        f"{mbps(median(many_s)):.1f} | **{ratio:.3f}** (target ≥ 0.70: {'met' if ratio >= 0.7 else 'MISSED'}) |",
        "",
    ]
    for r in spacy_runs:
        lines.append(f"spaCy {_spacy_version()} blank German + EntityRuler ({r['patterns']:,} patterns of the same "
                     f"lexicons): nlp.pipe loop {r['pipe_seconds']:.1f} s = {mbps(r['pipe_seconds']):.2f} MB/s "
                     f"(whole process {r['wall']:.1f} s = {mbps(r['wall']):.2f} MB/s), {r['entities']:,} entities; "
                     f"annotate_many is {r['pipe_seconds'] / median(many_s):.0f}× its loop.")
    report = "\n".join(lines) + "\n"
    print(report)
    if args.append:  # newest first: before the first section
        path = os.path.join(HERE, "RESULTS.md")
        text = open(path, encoding="utf-8").read()
        at = text.find("\n## ") + 1 or len(text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text[:at] + report + "\n" + text[at:])


def _commit() -> str:
    """The commit measured (with "+ changes" when the work tree differs from it)."""
    try:
        head = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", HERE, "status", "--porcelain", "--", "../Integrations/python", ".",
                                ":(exclude)RESULTS.md"],
                               capture_output=True, text=True).stdout.strip()
        return head + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _spacy_version() -> str:
    try:
        import spacy
        return spacy.__version__
    except ImportError:
        return "?"


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
