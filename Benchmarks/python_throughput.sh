#!/usr/bin/env bash
# Issue 18, one command: MB/s of the Python API (`annotate_many`) beside the CLI (the same binary
# and lexicons, the ones the wheel carries) and spaCy's EntityRuler with the same lexicons, on the
# ~20 MB benchmark corpus (make_corpus.py). Builds the wheel (Integrations/python/build_wheel.sh:
# EIGENNAME_BIN=path to use a built binary, WHEEL_SCRATCH=dir for the swift build's scratch path)
# and installs it into Integrations/python/.venv (made from PyPI with spaCy when missing).
# Usage: Benchmarks/python_throughput.sh [--runs 5] [--size-mb 20] [--spacy-runs 1] [--batch-size 256] [--append]
#        (--append adds the report to Benchmarks/RESULTS.md)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
PY="$REPO/Integrations/python"
if [ ! -d "$REPO/../shared/data" ]; then
    echo "python_throughput: ../shared/data not found: the corpus will be generated German-like text" >&2
fi
if ! "$PY/.venv/bin/python" -c 'import spacy, setuptools, wheel' 2>/dev/null; then
    python3 -m venv "$PY/.venv"
    "$PY/.venv/bin/python" -m pip install -q --disable-pip-version-check "spacy>=3.7,<4" "setuptools>=68" wheel >&2
fi
"$PY/build_wheel.sh" >&2
"$PY/.venv/bin/python" -m pip install -q --disable-pip-version-check --no-index --no-deps --force-reinstall \
    "$PY"/dist/eigenname-*.whl >&2
mkdir -p "$HERE/work"
unset EIGENNAME_BIN  # measure the binary the wheel installed
exec "$PY/.venv/bin/python" "$HERE/python_throughput.py" "$@"
