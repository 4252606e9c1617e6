#!/usr/bin/env bash
# A shift on the example département (Rhône): stations and units, calls taken, classified,
# dispatched and notified; a unit's statuses, a field message, closing; map and report.
#   examples/shift.sh OUTDIR      (programs on PATH; store: $CCAS_DB or the default)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: shift.sh OUTDIR}
mkdir -p "$out"
ccas-dispatch stations import -q "$here/stations-departement.csv"
ccas-dispatch units import -q "$here/units-departement.csv"
ccas-intake "$here/inputs/calls.ndjson" \
  | ccas-classify \
  | ccas-dispatch --commit \
  | ccas-notify --channel file --target "$out/spool" >"$out/notifications.ndjson"
echo "shift: $(wc -l <"$out/notifications.ndjson") notifications (spool: $out/spool)"
ccas-track board --once | sed -n 1,8p
event=$(ccas-track events --open --format ndjson | jq -r 'select(.priority == "P0") | .event_id' | tail -1)
unit=$(ccas-track units --status alerted --format ndjson | jq -r --arg e "$event" 'select(.event_id == $e) | .id' | head -1)
echo "shift: $unit on $event acknowledges, leaves, arrives"
ccas-track status "$unit" acknowledged >/dev/null
ccas-track status "$unit" en-route >/dev/null
ccas-track status "$unit" on-scene >/dev/null
ccas-track message "$event" --type bilan --from "$unit" --victims 1 --text "une victime, prise en charge en cours" >/dev/null
ccas-track close "$event" --outcome "victime prise en charge" | jq -c '{event_id, status, released_units}'
ccas-track map "$event" --format html >"$out/map.html"
ccas-track report --format html >"$out/report.html"
ccas-track journal | jq -r '.entry' | sort | uniq -c
