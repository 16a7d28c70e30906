# Shared by the benchmark scripts (sourced, not run): build eigenname as the shipped
# binary is built, the bare ICU loop, and the Python environment with the tools compared against.
# Expects HERE (this folder) and REPO (the repository root) to be set.

# eigenname in release mode, statically linked like `make demo` builds it, in its own
# scratch folder (never .build): .build-bench/release/eigenname.
build_eigenname() {
    mkdir -p "$HERE/work"
    echo "building eigenname (release, --scratch-path .build-bench)…" >&2
    (cd "$REPO" && swift build -c release --static-swift-stdlib --scratch-path .build-bench >&2)
}

# The bare ICU word-break loop (icu_wordbreak_loop.c), the yardstick of throughput.sh and
# pipeline_speed.sh: work/icu_wordbreak_loop (benchlib.ICU_LOOP).
build_icu_loop() {
    mkdir -p "$HERE/work"
    echo "building the ICU loop…" >&2
    cc -O2 "$HERE/icu_wordbreak_loop.c" $(pkg-config --cflags --libs icu-uc) -o "$HERE/work/icu_wordbreak_loop"
}

# Benchmarks/.venv with spaCy, SoMaJo and FlashText from PyPI (made once).
make_venv() {
    if [ ! -x "$HERE/.venv/bin/python" ]; then
        echo "making $HERE/.venv…" >&2
        python3 -m venv "$HERE/.venv"
    fi
    if ! "$HERE/.venv/bin/python" -c "import spacy, somajo, flashtext" 2>/dev/null; then
        "$HERE/.venv/bin/pip" install --quiet --upgrade pip >&2
        "$HERE/.venv/bin/pip" install --quiet spacy somajo flashtext >&2
    fi
}
