#!/usr/bin/env bash
# Issue 4, one command: tokens & sentences (UD German GSD test) and lexicon NER
# (GermEval 2014 test) for Eigenname, spaCy, SoMaJo and FlashText, in one run, one table.
# Builds eigenname (release, .build-bench), makes Benchmarks/.venv with spacy, somajo,
# flashtext from PyPI. Usage: Benchmarks/compare_accuracy.sh [RUNS]  (timing: min of RUNS, default 3)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
DATA="$REPO/../shared/data"
if [ ! -f "$DATA/ud-german-gsd/de_gsd-ud-test.conllu" ] || [ ! -f "$DATA/germeval2014/NER-de-test.tsv" ] || [ ! -f "$DATA/germeval2014/NER-de-dev.tsv" ]; then
    echo "compare_accuracy: SKIPPED: ../shared/data (UD German GSD test, GermEval 2014 dev/test) not found at $DATA" >&2
    exit 0
fi
. "$HERE/common.sh"
build_eigenname
make_venv
exec "$HERE/.venv/bin/python" "$HERE/compare_accuracy.py" "$@"
