#!/usr/bin/env bash
# Issue 16, where discovery's time goes: `annotate --jobs 1` on the benchmark corpus with the
# benchmark lexicon, discovery on and off (--no-discovery), each sampled by `perf record -e
# cpu-clock` (a software clock: this VM has no hardware counters); per function, the time of
# the runs with discovery minus the time without, in ms per run, largest first. Wall time, not
# instructions: discovery's tests branch on unpredictable capitals and read tables that miss
# the caches, so its share of the time is larger than its share of the instructions.
# Needs `perf` (Debian: apt-get install linux-perf) and the corpus and lexicon of throughput.sh
# (run it once first). Builds eigenname with symbols (release, .build-prof).
# Usage: Benchmarks/discovery_profile.sh [--runs 3] [--top 30]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
RUNS=3
TOP=30
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --top) TOP="$2"; shift 2 ;;
        *) echo "usage: $0 [--runs N] [--top N]" >&2; exit 2 ;;
    esac
done
CORPUS="$HERE/work/corpus-20mb.jsonl"
LEXICON="$HERE/work/throughput/lexicon-2500.tsv"
if ! command -v perf > /dev/null; then
    echo "discovery_profile: perf not found (apt-get install linux-perf): skipped" >&2
    exit 0
fi
if [ ! -f "$CORPUS" ] || [ ! -f "$LEXICON" ]; then
    echo "discovery_profile: $CORPUS or $LEXICON missing: run Benchmarks/throughput.sh first" >&2
    exit 1
fi
echo "building eigenname with symbols (release, --scratch-path .build-prof)…" >&2
(cd "$REPO" && swift build -c release --static-swift-stdlib --scratch-path .build-prof \
    -Xswiftc -g -Xswiftc -dwarf-version=4 -Xcc -gdwarf-4 >&2)
BIN="$REPO/.build-prof/release/eigenname"
OUT="$HERE/work/discovery-profile"
mkdir -p "$OUT"
export EIGENNAME_CACHE="$OUT/cache"
"$BIN" annotate "$CORPUS" --no-default-lexicons --lexicon "$LEXICON" --jobs 1 --quiet > /dev/null  # compile the lexicon once
for i in $(seq 1 "$RUNS"); do
    for mode in on off; do
        extra=(); [ "$mode" = off ] && extra=(--no-discovery)
        perf record -q -e cpu-clock -F 20000 -o "$OUT/$mode.$i.data" \
            "$BIN" annotate "$CORPUS" --no-default-lexicons --lexicon "$LEXICON" --jobs 1 --quiet "${extra[@]}" > /dev/null 2>&1
        perf report -i "$OUT/$mode.$i.data" --no-children --sort symbol -F sample,symbol 2> /dev/null \
            | grep -v '^#' | grep -v '^$' > "$OUT/$mode.$i.txt"
    done
done
python3 - "$OUT" "$RUNS" "$TOP" <<'EOF'
import collections, sys
out, runs, top = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def load(mode):
    counts = collections.Counter()
    for i in range(1, runs + 1):
        for line in open(f"{out}/{mode}.{i}.txt"):
            parts = line.split()
            if len(parts) < 3 or not parts[0].isdigit():
                continue
            counts[" ".join(parts[2:])] += int(parts[0])
    return counts
on, off = load("on"), load("off")
ms = lambda samples: samples / runs / 20.0  # 20 kHz: 20 samples a millisecond
print(f"discovery on {ms(sum(on.values())):.0f} ms, off {ms(sum(off.values())):.0f} ms per run "
      f"(perf's overhead included); off / on {sum(off.values()) / sum(on.values()):.3f}\n")
print("| extra ms with discovery | ms with discovery | function |\n| --- | --- | --- |")
rows = sorted(((on[k] - off.get(k, 0), k) for k in set(on) | set(off)), reverse=True)
for d, k in rows[:top]:
    print(f"| {ms(d):+.1f} | {ms(on[k]):.1f} | `{k[:120]}` |")
EOF
