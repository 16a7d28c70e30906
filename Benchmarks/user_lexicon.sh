#!/usr/bin/env bash
# Issue 14, one command: accuracy on Corpora/gold with a user's lexicon. Users bring
# three columns (surface, type, canonical) and no flags; this reduces the shipped
# lexicons (Lexicons/*.tsv) to exactly that in Benchmarks/work/user-lexicon/, annotates
# Corpora/gold/gold.jsonl with `--no-default-lexicons --lexicon` those files, and prints
# `eigenname evaluate` (exact micro P/R/F1 and per type) beside the same for the shipped
# lexicons. Builds eigenname (release, .build-bench) first; needs only Python 3 (no venv).
# Usage: Benchmarks/user_lexicon.sh [--errors N]   (N: also list N misses and N false hits)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
. "$HERE/common.sh"
build_eigenname
exec python3 "$HERE/user_lexicon.py" "$@"
