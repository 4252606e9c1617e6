#!/usr/bin/env bash
# The main job, for real, on a fresh default store under OUTDIR:
#  1. batch replay of a day of San Francisco fire calls (3,000 unit rows) with their report;
#  2. a shift on the example département: calls → classify → dispatch → notify, unit
#     statuses, a field message, closing, and the HTML report.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/demo}
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
export XDG_DATA_HOME="$out/data"   # the default store is $XDG_DATA_HOME/ccas/ccas.db
export CCAS_OPERATOR=demo
bin=$(swift build --show-bin-path)
export PATH="$bin:$PATH"
data=../shared/data

echo "== 1. Replay the San Francisco calls of 7-10 April 2020, classify them, report"
sf="$out/sf.db"
ccas-intake --db "$sf" --from csv --map examples/maps/sf-fire.json "$data/sf-fire-calls-2020-04-07.csv" \
  | ccas-classify --db "$sf" >"$out/sf-classified.ndjson"
jq -r 'select(.kind == "call") | .classification.nature' "$out/sf-classified.ndjson" | sort | uniq -c | sort -rn | head -5
ccas-track report --db "$sf" --format table
ccas-track report --db "$sf" --format html >"$out/sf-report.html"

echo "== 2. A shift on the example département (Rhône)"
ccas-dispatch stations import -q examples/stations-departement.csv
ccas-dispatch units import -q examples/units-departement.csv
ccas-intake examples/inputs/calls.ndjson \
  | ccas-classify \
  | ccas-dispatch --commit \
  | ccas-notify --channel file --target "$out/spool" >"$out/notifications.ndjson"
echo "   notifications: $(wc -l <"$out/notifications.ndjson") (spool: $out/spool)"
ccas-track board --once | sed -n 1,8p
event=$(ccas-track events --open --format ndjson | jq -r 'select(.priority == "P0") | .event_id' | tail -1)
unit=$(ccas-track units --status alerted --format ndjson | jq -r --arg e "$event" 'select(.event_id == $e) | .id' | head -1)
echo "   $unit on $event: acknowledged, en route, on scene"
ccas-track status "$unit" acknowledged >/dev/null
ccas-track status "$unit" en-route >/dev/null
ccas-track status "$unit" on-scene >/dev/null
ccas-track message "$event" --type bilan --from "$unit" --victims 1 --text "une victime, prise en charge en cours" >/dev/null
ccas-track close "$event" --outcome "victime prise en charge" | jq -c '{event_id, status, released_units}'
ccas-track map "$event" --format html >"$out/map.html"
ccas-track report --format html >"$out/report.html"
ccas-track journal | jq -r '.entry' | sort | uniq -c
echo "demo: store $XDG_DATA_HOME/ccas/ccas.db; reports, map and notifications in $out/"
