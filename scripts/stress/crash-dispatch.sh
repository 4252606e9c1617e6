#!/usr/bin/env bash
# Crash safety of ccas-dispatch --commit on a stream: kill -9 at random moments, KILLS times,
# re-running the same classified stream after each; then once to the end. After each kill and
# at the end (check-dispatch.py): no unit engaged without its journal row, no event half
# dispatched, no unit engaged twice, every committed dispatch printed is in the store.
# The kill window follows the runs: each run that ends before its kill sets it to its own length
# × 1.1 (floor 0.1 s), so kills keep coming once every unit is engaged and a run only re-reads.
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
# window START: the kill window after a run that began at START and ended now without a kill.
window() { python3 -c "import sys; print(round(max(0.1, (float(sys.argv[2]) - float(sys.argv[1])) * 1.1), 3))" "$1" "$(date +%s.%N)"; }
span=$(window "$start")
rm -f "$work"/scratch.db*
say "$EVENTS calls, $UNITS units, $KILLS kills, runs of about ${span}s"

kills=0 runs=0 checked=0 unkilled=0 engaging=0 engaged=0
t0=$(date +%s)
while (( kills < KILLS )); do
  runs=$((runs + 1))
  # timeout sends the kill -9 at the drawn moment and returns as soon as the run ends, so an
  # unkilled run's length is measured (137: killed).
  delay=$(random_delay "$span"); [[ $delay != 0.000 ]] || delay=0.001   # timeout 0: never
  started=$(date +%s.%N)
  timeout --foreground --preserve-status -s KILL "$delay" ccas-dispatch -q --db "$db" --commit \
    < "$work/classified.ndjson" > "$work/out" 2> "$work/err" && status=0 || status=$?
  if (( status == 137 )); then
    kills=$((kills + 1))
  else
    (( status == 0 )) || fail "run $runs ended with $status without a kill: $(cat "$work/err")"
    unkilled=$((unkilled + 1))
    span=$(window "$started")
  fi
  summary=$("$here/check-dispatch.py" "$db" "$work/out") || fail "after kill $kills"
  read -r _ now n <<< "$summary"
  checked=$((checked + n))
  # A kill that cut a run which had engaged units: the store changed under the kill.
  (( status == 137 && now > engaged )) && engaging=$((engaging + 1))
  engaged=$now
  integrity "$db"
done
ccas-dispatch -q --db "$db" --commit < "$work/classified.ndjson" > "$work/out" 2> "$work/err" || fail "last run: $(cat "$work/err")"
t1=$(date +%s)
integrity "$db"
summary=$("$here/check-dispatch.py" "$db") || fail "at the end"
read -r events engagements _ <<< "$summary"
(( engagements > 0 )) || fail "nothing was engaged: the test proves nothing"
say "ok: $kills kills in $runs runs ($engaging after some units were engaged; $unkilled runs ended before their kill; last window ${span}s), $checked printed dispatches checked, $engagements engagements on $events events, each with its journal rows, $((t1 - t0)) s"
echo "{\"test\":\"crash-dispatch\",\"calls\":$EVENTS,\"units\":$UNITS,\"kills\":$kills,\"runs\":$runs,\"unkilled\":$unkilled,\"kills_while_engaging\":$engaging,\"engagements\":$engagements,\"events_dispatched\":$events,\"seconds\":$((t1 - t0))}"
