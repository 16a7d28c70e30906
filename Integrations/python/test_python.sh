#!/usr/bin/env bash
# The Python package's tests (`make python-test`): builds the wheel, installs it into
# .venv (made from PyPI with spaCy and pytest, reused when present), and runs pytest on
# tests/ against the installed wheel, with `eigenname annotate` from this repository as
# the reference ($EIGENNAME_CLI: the very binary that went into the wheel, unstripped).
#
# Exit 0: all passed, or skipped (no python3 venv/pip, or PyPI unreachable: a "skipped: …"
# line); 1: a failure.
# Environment: EIGENNAME_BIN=path   put this binary in the wheel instead of building one;
#              WHEEL_SCRATCH=dir    the swift build's scratch path (default .build-wheel);
#              PYTEST_ARGS="…"      extra pytest arguments (e.g. -k spacy).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="$HERE/.venv"
SCRATCH="${WHEEL_SCRATCH:-.build-wheel}"
skip() { echo "skipped: $*"; exit 0; }
fail() { echo "FAILED: $*"; exit 1; }
T0=$(date +%s)

# --- venv with spaCy, pytest and the wheel's build tools ------------------------------------
command -v python3 >/dev/null 2>&1 || skip "no python3"
mkdir -p "$HERE/build"
if ! "$VENV/bin/python" -c 'import spacy, pytest, setuptools, wheel' >/dev/null 2>&1; then
    python3 -m venv "$VENV" >/dev/null 2>&1 || skip "python3 -m venv does not work (no venv/pip)"
    echo "installing spaCy, pytest, setuptools and wheel from PyPI into $VENV"
    if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check "spacy>=3.7,<4" pytest \
            "setuptools>=68" wheel >"$HERE/build/pip.log" 2>&1; then
        tail -3 "$HERE/build/pip.log"
        skip "could not install spaCy and pytest from PyPI (see $HERE/build/pip.log)"
    fi
fi
echo "venv: $("$VENV/bin/python" -c 'import sys, spacy; print(f"python {sys.version.split()[0]}, spacy {spacy.__version__}")')"

# --- the wheel, installed -------------------------------------------------------------------
BIN="${EIGENNAME_BIN:-$ROOT/$SCRATCH/release/eigenname}"
EIGENNAME_BIN="${EIGENNAME_BIN:-}" WHEEL_SCRATCH="$SCRATCH" "$HERE/build_wheel.sh" || fail "build_wheel.sh"
WHEEL=$(ls "$HERE"/dist/eigenname-*.whl)
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-index --no-deps --force-reinstall "$WHEEL" \
    || fail "pip install $WHEEL"

# --- the tests ------------------------------------------------------------------------------
cd "$HERE"
EIGENNAME_CLI="$BIN" EIGENNAME_WHEEL="$WHEEL" "$VENV/bin/python" -m pytest -q -p no:cacheprovider \
    ${PYTEST_ARGS:-} tests
status=$?
echo "python-test: $(( $(date +%s) - T0 )) s"
exit $status
