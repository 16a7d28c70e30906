#!/usr/bin/env bash
# Issue 3, one command: a generated 1,000,000-entry lexicon vs the default lexicons
# (Lexicons/*.tsv), side by side: compile time, load time of the compiled form, peak RSS
# and annotation throughput (--jobs 1) on the same ~20 MB of German text.
# Builds eigenname (release, .build-bench). Needs python3 only (no venv).
# Usage: Benchmarks/lexicon_scale.sh [--rows 1000000] [--runs 3] [--load-runs 5] [--size-mb 20]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
if [ ! -d "$REPO/../shared/data" ]; then
    echo "lexicon_scale: ../shared/data not found: the text will be generated German-like text (make_corpus.py)" >&2
fi
. "$HERE/common.sh"
build_eigenname
exec python3 "$HERE/lexicon_scale.py" "$@"
