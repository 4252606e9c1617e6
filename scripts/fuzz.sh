#!/usr/bin/env bash
# Fuzzes every reader with mutated real inputs: ccas-bench fuzz TARGET N SEED, release build.
#   scripts/fuzz.sh [N] [SEED] [TARGET…]     (default: 1000000 inputs each, seed 1, every target)
# Prints one NDJSON line per target (inputs, seconds, accepted, rejected, failures, slowest input)
# and writes them to out/fuzz/results.ndjson. A crash or hang leaves fuzz-crash-TARGET.bin in
# out/fuzz/ (replay: ccas-bench fuzz TARGET --replay FILE); the script then fails.
# The slowest input of each target is kept as out/fuzz/fuzz-slowest-TARGET.bin.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${1:-1000000}
seed=${2:-1}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ndjson aml ecall fail-if csv eido referentiel)  # fastest first
scratch=${FUZZ_SCRATCH:-.build-fuzz-rel}
# FUZZ_CHUNK: inputs a chunk (default 100,000); smaller chunks leave more rows of an interrupted run.
chunk_size=${FUZZ_CHUNK:-100000}

# FUZZ_BIN: a ccas-bench already built (skips the build).
if [ -n "${FUZZ_BIN:-}" ]; then bench=$FUZZ_BIN; else
    swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product ccas-bench >&2 || exit 1
    bench=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/ccas-bench
fi
mkdir -p out/fuzz
cd out/fuzz
: >results.ndjson
status=0
for t in "${targets[@]}"; do
    # Chunks (of 100,000) with their own seeds: a crash names its chunk, and progress shows.
    # (Rows left by an interrupted run are not this run's.)
    : >"chunks-$t.ndjson"
    done_n=0
    chunk=0
    while [ "$done_n" -lt "$n" ]; do
        k=$(( n - done_n < chunk_size ? n - done_n : chunk_size ))
        if ! CCAS_ROOT="$root" nice -n 10 "$bench" fuzz "$t" "$k" $(( seed * 1000 + chunk )) >>"chunks-$t.ndjson"; then
            echo "fuzz $t: FAILED in chunk $chunk (seed $(( seed * 1000 + chunk ))), see out/fuzz/" >&2
            status=1
        fi
        done_n=$(( done_n + k ))
        chunk=$(( chunk + 1 ))
        [ -f "fuzz-slowest-$t.bin" ] && mv "fuzz-slowest-$t.bin" "slowest-$t-$chunk.bin"
    done
    # One line per target: sums, and the slowest input over all chunks.
    python3 - "$t" "chunks-$t.ndjson" "$chunk" <<'EOF' | tee -a results.ndjson
import json, sys, os, shutil
t, path, chunks = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = [json.loads(l) for l in open(path) if l.strip()]
os.remove(path)
slow = max(range(len(rows)), key=lambda i: rows[i]["slowest_ms"]) if rows else 0
for i in range(len(rows)):
    f = f"slowest-{t}-{i + 1}.bin"
    if i == slow and os.path.exists(f): shutil.move(f, f"fuzz-slowest-{t}.bin")
    elif os.path.exists(f): os.remove(f)
out = {"fuzz": t, "inputs": sum(r["inputs"] for r in rows), "seconds": round(sum(r["seconds"] for r in rows), 1),
       "accepted": sum(r["accepted"] for r in rows), "rejected": sum(r["rejected"] for r in rows),
       "failures": sum(r["failures"] for r in rows), "crashes_or_hangs": chunks - len(rows),
       "slowest_ms": rows[slow]["slowest_ms"] if rows else 0, "slowest_bytes": rows[slow]["slowest_bytes"] if rows else 0}
print(json.dumps(out))
EOF
done
ls fuzz-crash-*.bin >/dev/null 2>&1 && { echo "fuzz: crash inputs in out/fuzz/: $(ls fuzz-crash-*.bin)" >&2; status=1; }
exit $status
