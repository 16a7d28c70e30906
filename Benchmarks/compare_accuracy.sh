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
mkdir -p "$HERE/work"
echo "building eigenname (release, --scratch-path .build-bench)…" >&2
(cd "$REPO" && swift build -c release --static-swift-stdlib --scratch-path .build-bench >&2)
if [ ! -x "$HERE/.venv/bin/python" ]; then
    echo "making $HERE/.venv…" >&2
    python3 -m venv "$HERE/.venv"
fi
if ! "$HERE/.venv/bin/python" -c "import spacy, somajo, flashtext" 2>/dev/null; then
    "$HERE/.venv/bin/pip" install --quiet --upgrade pip >&2
    "$HERE/.venv/bin/pip" install --quiet spacy somajo flashtext >&2
fi
exec "$HERE/.venv/bin/python" "$HERE/compare_accuracy.py" "$@"
