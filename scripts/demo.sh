#!/usr/bin/env bash
# The main job, for real, on a fresh default store under OUTDIR (make demo): the batch replay
# of a day of San Francisco calls, then a shift on the example département.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/demo}
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
export XDG_DATA_HOME="$out/data"   # the default store is $XDG_DATA_HOME/ccas/ccas.db
export CCAS_OPERATOR=demo
export PATH="$(swift build --show-bin-path):$PATH"
echo "== 1. Batch replay of the San Francisco sample (its own store)"
CCAS_DB="$out/sf.db" examples/replay-sf.sh "$out/sf"
echo "== 2. A shift on the example département (the default store)"
examples/shift.sh "$out/shift"
echo "demo: store $XDG_DATA_HOME/ccas/ccas.db; reports, map and notifications under $out/"
