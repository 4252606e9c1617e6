#!/usr/bin/env bash
# Crash safety of ccas-dispatch --commit on a stream: kill -9 at random moments, KILLS times,
# re-running the same classified stream after each; then once to the end. After each kill and
# at the end (check-dispatch.py): no unit engaged without its journal row, no event half
# dispatched, no unit engaged twice, every committed dispatch printed is in the store.
# usage: EVENTS=20000 UNITS=3000 KILLS=50 scripts/stress/crash-dispatch.sh
. "$(dirname "$0")/lib.sh"
EVENTS=${EVENTS:-20000}
UNITS=${UNITS:-3000}
KILLS=${KILLS:-50}
stress_workdir crash-dispatch
db=$work/ccas.db
"$here/make-units.py" "$UNITS" > "$work/units.csv"
ccas-dispatch units import -q --db "$db" "$work/units.csv"
ccas-bench generate-calls "$EVENTS" 11 | ccas-intake -q --db "$db" | ccas-classify -q --db "$db" > "$work/classified.ndjson"
sqlite3 "$db" ".backup '$work/scratch.db'"
start=$(date +%s.%N)
ccas-dispatch -q --db "$work/scratch.db" --commit < "$work/classified.ndjson" > /dev/null
span=$(python3 -c "import sys; print(round(max(0.2, (float(sys.argv[2]) - float(sys.argv[1])) * 1.1), 2))" "$start" "$(date +%s.%N)")
rm -f "$work"/scratch.db*
say "$EVENTS calls, $UNITS units, $KILLS kills, runs of about ${span}s"

kills=0 runs=0 checked=0
t0=$(date +%s)
while (( kills < KILLS )); do
  runs=$((runs + 1))
  ccas-dispatch -q --db "$db" --commit < "$work/classified.ndjson" > "$work/out" 2> "$work/err" &
  pid=$!
  sleep "$(random_delay "$span")"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null && status=0 || status=$?
    (( status == 137 )) && kills=$((kills + 1))
    (( status == 137 || status == 0 )) || fail "run $runs: exit $status before the kill: $(cat "$work/err")"
  else
    wait "$pid" || fail "run $runs ended with $? without a kill: $(cat "$work/err")"
  fi
  summary=$("$here/check-dispatch.py" "$db" "$work/out") || fail "after kill $kills"
  read -r _ _ n <<< "$summary"
  checked=$((checked + n))
  integrity "$db"
done
ccas-dispatch -q --db "$db" --commit < "$work/classified.ndjson" > "$work/out" 2> "$work/err" || fail "last run: $(cat "$work/err")"
t1=$(date +%s)
integrity "$db"
summary=$("$here/check-dispatch.py" "$db") || fail "at the end"
read -r events engagements _ <<< "$summary"
(( engagements > 0 )) || fail "nothing was engaged: the test proves nothing"
say "ok: $kills kills in $runs runs, $checked printed dispatches checked, $engagements engagements on $events events, each with its journal rows, $((t1 - t0)) s"
echo "{\"test\":\"crash-dispatch\",\"calls\":$EVENTS,\"units\":$UNITS,\"kills\":$kills,\"runs\":$runs,\"engagements\":$engagements,\"events_dispatched\":$events,\"seconds\":$((t1 - t0))}"
