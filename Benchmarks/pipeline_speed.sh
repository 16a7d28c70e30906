#!/usr/bin/env bash
# Issue 17, one command: the whole pipeline (annotate --jobs 1, discovery on and off) against the
# bare ICU word-break loop on the benchmark corpus and on the mixed corpus (names, quotes, dashes,
# units, non-Latin scripts: make_mixed_corpus.py), interleaved rounds, min walls; and --jobs 2
# against --jobs 1 and against two independent --jobs 1 processes, every round.
# Builds eigenname (release, .build-bench) and the ICU loop (cc). Needs python3 only.
# Usage: Benchmarks/pipeline_speed.sh [--rounds 9] [--size-mb 20]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
if [ ! -d "$REPO/../shared/data" ]; then
    echo "pipeline_speed: ../shared/data not found: the corpora are generated German-like text and the gold corpus" >&2
fi
. "$HERE/common.sh"
build_eigenname
build_icu_loop
exec python3 "$HERE/pipeline_speed.py" "$@"
