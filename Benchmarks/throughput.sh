#!/usr/bin/env bash
# Issue 5, one command: throughput of eigenname (tokenize, annotate → JSONL, annotate → XML,
# --jobs 1 and 2) side by side with spaCy blank German + EntityRuler and a bare ICU
# word-break loop, on the same ~20 MB of German text and the same 2,500-entry lexicon;
# discovery of unlisted names on and off (issue 16); then the scale checks (1 GB streamed, 100 MB single document vs 1 KB documents).
# Builds eigenname (release, .build-bench) and the ICU loop (cc); makes Benchmarks/.venv (spaCy).
# Usage: Benchmarks/throughput.sh [--runs 3] [--discovery-runs 9] [--size-mb 20] [--big-mb 1000] [--single-mb 100] [--scale-runs 1] [--skip-scale]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
DATA="$REPO/../shared/data"
if [ ! -d "$DATA" ]; then
    echo "throughput: ../shared/data not found: the corpus will be generated German-like text and the lexicon generated rows" >&2
fi
. "$HERE/common.sh"
build_eigenname
build_icu_loop
make_venv
exec python3 "$HERE/throughput.py" "$@"
