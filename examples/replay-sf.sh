#!/usr/bin/env bash
# Batch replay of a logged day: the San Francisco fire calls of 7-10 April 2020 (3,000 unit
# rows, 1,560 calls) through their column map, classified, with the day's report.
#   examples/replay-sf.sh OUTDIR      (programs on PATH; store: $CCAS_DB or the default)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: replay-sf.sh OUTDIR}
data=${CCAS_DATA:-$here/../../shared/data}
mkdir -p "$out"
ccas-intake --from csv --map "$here/maps/sf-fire.json" "$data/sf-fire-calls-2020-04-07.csv" \
  | ccas-classify >"$out/sf-classified.ndjson"
jq -r 'select(.kind == "call") | .classification.nature' "$out/sf-classified.ndjson" | sort | uniq -c | sort -rn | head -5
ccas-track report --format table
ccas-track report --format html >"$out/sf-report.html"
echo "replay: $(grep -c '"kind":"call"' "$out/sf-classified.ndjson") calls; report in $out/sf-report.html"
