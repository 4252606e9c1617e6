#!/usr/bin/env bash
# The two-minute tour, for real: a fresh default store under OUTDIR, the San Francisco sample
# taken in through its column map, and what the store then holds.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/demo}
rm -rf "$out"
mkdir -p "$out"
export XDG_DATA_HOME="$PWD/$out/data"   # the default store: $XDG_DATA_HOME/ccas/ccas.db
export CCAS_OPERATOR=demo
bin=$(swift build --show-bin-path)
export PATH="$bin:$PATH"
data=../shared/data

echo "== 1. Take in the San Francisco calls of 7-10 April 2020 (3,000 unit rows)"
ccas-intake --from csv --map examples/maps/sf-fire.json "$data/sf-fire-calls-2020-04-07.csv" >"$out/calls.ndjson"
grep -c '"kind":"call"' "$out/calls.ndjson" | sed 's/^/   call records:   /'
grep -c '"kind":"status"' "$out/calls.ndjson" | sed 's/^/   status records: /'

echo "== 2. A call typed by an operator, and an AML SMS from a handset 60 m away a minute later"
ccas-intake call --channel phone --phone "06 12 34 56 78" --address "12 rue de la Paix, Paris" \
  --lat 48.8690 --lon 2.3310 --text "mon père ne respire plus" --at 2026-11-29T04:15:30Z | tee "$out/typed.ndjson"
echo 'A"ML=1;lt=+48.86951;lg=+2.33120;rd=15;top=20261129041630;lc=90;pm=G;si=208150123456789;ei=356938035643809;mcc=208;mnc=15;ml=127' \
  | ccas-intake --from aml | tee "$out/aml.ndjson"

echo "== 3. What the store holds"
sqlite3 -header -column "$XDG_DATA_HOME/ccas/ccas.db" \
  "SELECT count(*) AS calls, count(DISTINCT event_id) AS events FROM call;
   SELECT kind, count(*) AS journal_rows FROM journal GROUP BY kind;"
echo "demo: outputs in $out/"
