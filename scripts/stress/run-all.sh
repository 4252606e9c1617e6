#!/usr/bin/env bash
# Every long stress run, one after the other (make test-stress); figures appended as NDJSON to
# out/stress/results.ndjson with the date and the machine, so two runs can be compared.
. "$(dirname "$0")/lib.sh"
mkdir -p "$root/out/stress"
results=$root/out/stress/results.ndjson
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
machine="$(nproc) cores, $(uname -m), load $(cut -d' ' -f1 /proc/loadavg)"
"$here/sql-interpolation.py" > /dev/null
# The checkers first (seconds): a long run is worth only what its checker catches.
for test in second-dispatch cut-request crash-intake crash-dispatch crash-notify signals concurrency faults safety; do
  say "--- $test"
  "$here/$test.sh" | while read -r line; do
    echo "$line"
    jq -c --arg at "$stamp" --arg machine "$machine" '. + {at: $at, machine: $machine}' <<< "$line" >> "$results"
  done
  [[ ${PIPESTATUS[0]} == 0 ]] || fail "$test"
done
say "all stress runs passed; figures in $results"
