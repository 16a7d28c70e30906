#!/usr/bin/env bash
# Issue 16, one command: discovery's wall time split into the scan (shapes, capital codes, the loop
# over capitals) and the rules (their tests, what they find, its output), and the best on/off ratio a
# free scan could give with these rules (discovery_cost.py says how). Needs throughput.sh's corpus and
# benchmark lexicon (run it once first). Builds eigenname (release, .build-bench).
# Usage: Benchmarks/discovery_cost.sh [--rounds 9]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
. "$HERE/common.sh"
build_eigenname
exec python3 "$HERE/discovery_cost.py" "$@"
