#!/usr/bin/env bash
# Runs annotate_spark.py in Spark local mode and checks that its output equals
# `eigenname annotate` on one machine, document by document.
#
#   Integrations/spark/test_spark.sh            # from anywhere
#
# Steps (each timed): venv with PySpark from PyPI (.venv/, reused when present) →
# static-stdlib release build of eigenname (.build-spark/) → a few thousand German
# documents (work/input.jsonl) → the Spark job on local[2] with 4 partitions →
# `eigenname annotate` on the same file → compare_outputs.py ("N passed, M failed").
# Exit 0: all equal, or skipped (no Java, no pip/PyPI: a "skipped: …" line); 1: a difference
# or a failed step.
#
# Environment: EIGENNAME_BIN=path  use this binary instead of building one;
#              SPARK_TEST_MB=1.2   size of the generated input (about 2,600 documents per MB);
#              SPARK_TEST_MASTER=local[2], SPARK_TEST_PARTITIONS=4.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$HERE/work"
VENV="$HERE/.venv"
MASTER="${SPARK_TEST_MASTER:-local[2]}"
PARTITIONS="${SPARK_TEST_PARTITIONS:-4}"
SIZE_MB="${SPARK_TEST_MB:-1.2}"
mkdir -p "$WORK"

T0=$(date +%s.%N)
step_start=$T0
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step() {  # step NAME: report the time of the step that just ended
    echo "[$(elapsed "$step_start") s] $1"
    step_start=$(date +%s.%N)
}
skip() { echo "skipped: $*"; exit 0; }
fail() { echo "FAILED: $*"; exit 1; }

# --- Java -----------------------------------------------------------------------------
command -v java >/dev/null 2>&1 || skip "no java on PATH (Spark needs Java 17)"
JAVA_VERSION=$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
[ -n "$JAVA_VERSION" ] || skip "java does not run"
JAVA_MAJOR=${JAVA_VERSION%%.*}
[ "$JAVA_MAJOR" = 1 ] && JAVA_MAJOR=$(echo "$JAVA_VERSION" | cut -d. -f2)
if [ "$JAVA_MAJOR" -ge 17 ]; then PYSPARK_SPEC="pyspark>=4.0,<5"; else PYSPARK_SPEC="pyspark>=3.5,<4"; fi
command -v python3 >/dev/null 2>&1 || skip "no python3"

# --- venv with PySpark ------------------------------------------------------------------
if ! "$VENV/bin/python" -c 'import pyspark' >/dev/null 2>&1; then
    python3 -m venv "$VENV" >/dev/null 2>&1 || skip "python3 -m venv does not work (no venv/pip)"
    "$VENV/bin/python" -m pip --version >/dev/null 2>&1 || skip "no pip in the venv"
    echo "installing $PYSPARK_SPEC from PyPI into $VENV (about 450 MB)"
    if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$PYSPARK_SPEC" >"$WORK/pip.log" 2>&1; then
        tail -3 "$WORK/pip.log"
        skip "could not install $PYSPARK_SPEC from PyPI (see $WORK/pip.log)"
    fi
fi
PYSPARK_VERSION=$("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)')
step "venv: pyspark $PYSPARK_VERSION, java $JAVA_VERSION"

# --- eigenname --------------------------------------------------------------------------
if [ -n "${EIGENNAME_BIN:-}" ]; then
    BIN="$EIGENNAME_BIN"
else
    # Static Swift stdlib: the binary needs no Swift runtime on the executors, only the
    # system's glibc, libstdc++, ICU 72 and libxml2 (see README.md).
    (cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path .build-spark) \
        >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; fail "swift build (see $WORK/build.log)"; }
    BIN="$ROOT/.build-spark/release/eigenname"
fi
[ -x "$BIN" ] || fail "$BIN is not an executable"
if ldd "$BIN" 2>/dev/null | grep -q libswiftCore; then
    echo "note: $BIN links the Swift runtime dynamically; executors then need it (--lib-dir)"
fi
step "eigenname: $BIN"

# --- input ------------------------------------------------------------------------------
INPUT="$WORK/input.jsonl"
python3 "$HERE/make_test_corpus.py" "$INPUT" "$SIZE_MB" || fail "make_test_corpus.py"
step "input: $(wc -l <"$INPUT") lines, $(du -h "$INPUT" | cut -f1) in $INPUT"

# --- Spark ------------------------------------------------------------------------------
export PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
unset EIGENNAME_LEXICONS EIGENNAME_CACHE  # the job must set them itself on the executors
rm -rf "$WORK/out-spark"
"$VENV/bin/python" "$HERE/annotate_spark.py" "$INPUT" "$WORK/out-spark" "$BIN" "$ROOT/Lexicons" \
    --master "$MASTER" --partitions "$PARTITIONS" >"$WORK/spark.log" 2>&1 \
    || { grep -v '^\s*$' "$WORK/spark.log" | tail -30; fail "the Spark job (see $WORK/spark.log)"; }
step "spark ($MASTER, $PARTITIONS partitions): $(ls "$WORK/out-spark" | grep -c '^part-') part files"

# --- one machine ------------------------------------------------------------------------
CACHE=$(mktemp -d)
EIGENNAME_LEXICONS="$ROOT/Lexicons" EIGENNAME_CACHE="$CACHE" \
    "$BIN" annotate "$INPUT" --quiet >"$WORK/single.jsonl" 2>"$WORK/single.err"
status=$?
rm -rf "$CACHE"
# 1 = some lines failed (the malformed test line); anything else is a failure.
[ "$status" -le 1 ] || { cat "$WORK/single.err"; fail "eigenname annotate exited with $status"; }
step "eigenname annotate (exit $status): $(wc -l <"$WORK/single.jsonl") documents"

# --- compare ----------------------------------------------------------------------------
python3 "$HERE/compare_outputs.py" "$INPUT" "$WORK/out-spark" "$WORK/single.jsonl"
result=$?
step "compare"
echo "total $(elapsed "$T0") s"
exit $result
