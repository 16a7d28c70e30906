"""Shared helpers for the benchmark scripts in this folder (not a benchmark itself).

Used by compare_accuracy.py, throughput.py and lexicon_scale.py: paths, the
machine line, timed subprocess runs with peak resident memory (through
/usr/bin/time, the same getrusage figure `time -v` prints as "Maximum resident
set size"), the GermEval lexicon harvest, and Markdown tables.
"""
import collections
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
DATA = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
EIGENNAME = os.path.join(REPO, ".build-bench", "release", "eigenname")
ICU_LOOP = os.path.join(WORK, "icu_wordbreak_loop")
GSD_TEST = os.path.join(DATA, "ud-german-gsd", "de_gsd-ud-test.conllu")
GE_DEV = os.path.join(DATA, "germeval2014", "NER-de-dev.tsv")
GE_TEST = os.path.join(DATA, "germeval2014", "NER-de-test.tsv")
GE_TYPES = {"ORG": "COMPANY", "PER": "PERSON"}


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    date = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    load = os.getloadavg()[0]
    warn = (f" — WARNING: load average {load:.2f} at start, other processes were running; timings are noisy"
            if load > 0.7 else "")
    return f"{date}; {platform.machine()}; {cpu}; {os.cpu_count()} cores; load average {load:.2f}{warn}"


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def run(cmd, stdin=None, stdout=None, env=None, check=True):
    """Runs cmd once; returns (wall seconds, peak RSS in MB, completed process).

    stdin/stdout: file paths or None (stdout None = /dev/null, subprocess.PIPE = captured). Wall time is
    measured around the whole process (start-up included)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", dir=WORK, delete=False) as tf:
        timefile = tf.name
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    capture = stdout is subprocess.PIPE
    if capture:
        stdout, fout = None, subprocess.PIPE
    else:
        fout = open(stdout, "wb") if stdout else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timefile] + list(cmd),
                              stdin=fin, stdout=fout, stderr=subprocess.PIPE, env=env)
        wall = time.perf_counter() - t0
    finally:
        if stdin:
            fin.close()
        if stdout:
            fout.close()
    lines = [l for l in open(timefile).read().split("\n") if l.strip()]
    os.unlink(timefile)
    rss_mb = int(lines[-1]) / 1024.0 if lines and lines[-1].strip().isdigit() else float("nan")
    if check and proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode(errors='replace')[-2000:]}")
    return wall, rss_mb, proc


def best_of(n, cmd, **kw):
    """min wall of n runs, max peak RSS over them, the last process."""
    walls, rsss, proc = [], [], None
    for _ in range(n):
        w, r, proc = run(cmd, **kw)
        walls.append(w)
        rsss.append(r)
    return min(walls), max(rsss), proc


def eigenname_env(cache):
    env = dict(os.environ)
    env["EIGENNAME_CACHE"] = cache
    return env


def read_conll(path):
    """GermEval 2014 TSV -> list of sentences, each a list of (token, outer tag)."""
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        cols = line.split("\t")
        cur.append((cols[1], cols[2]))
    if cur:
        sents.append(cur)
    return sents


def harvest(paths):
    """Every outer-tag ORG and PER span (B- plus its I- tokens, exactly those labels,
    not the part/deriv variants), its tokens joined by single spaces as in the
    rebuilt text. Returns (ordered dict surface -> type, number of surfaces seen
    with both types). A surface seen with both types gets the type it has most
    often; on a tie the type seen first."""
    counts = collections.OrderedDict()
    for path in paths:
        for sent in read_conll(path):
            span, label = [], None
            for tok, tag in sent + [("", "O")]:
                if span and not (tag.startswith("I-") and tag[2:] == label):
                    if label in GE_TYPES:
                        surface = " ".join(span)
                        counts.setdefault(surface, collections.Counter())[GE_TYPES[label]] += 1
                    span, label = [], None
                if tag.startswith("B-"):
                    span, label = [tok], tag[2:]
                elif span:
                    span.append(tok)
    out, conflicts = collections.OrderedDict(), 0
    for surface, c in counts.items():
        if len(c) > 1:
            conflicts += 1
        best = max(c.values())
        out[surface] = next(t for t in c if c[t] == best)  # Counter keeps first-seen order
    return out, conflicts


def write_lexicon_tsv(lexicon, path):
    """surface, type, canonical = surface. A surface beginning with '#' would read as a
    comment line; such surfaces are left out (and counted)."""
    skipped = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write("surface\ttype\tcanonical\n")
        for surface, typ in lexicon.items():
            if surface.startswith("#") or "\t" in surface:
                skipped += 1
                continue
            f.write(f"{surface}\t{typ}\t{surface}\n")
    return skipped


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    for r in rows:
        out.append("| " + " | ".join(str(x) for x in r) + " |")
    return "\n".join(out)


def f3(x):
    return "–" if x is None else f"{x:.3f}"


def f1d(x):
    return "–" if x is None else f"{x:.1f}"


def met(ok):
    return "MET" if ok else "**MISSED**"
