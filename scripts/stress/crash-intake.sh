#!/usr/bin/env bash
# Crash safety of ccas-intake: kill -9 at random moments during a batch intake of CALLS
# generated calls, KILLS times, re-running the same input after each kill; then once to the end.
# Checks after each kill: every whole line printed is a call in the store; at the end: exactly
# CALLS calls, none twice, each with exactly one call.received journal row, integrity_check ok.
# usage: CALLS=100000 KILLS=50 scripts/stress/crash-intake.sh   (CCAS_BIN: the programs' folder)
. "$(dirname "$0")/lib.sh"
CALLS=${CALLS:-100000}
KILLS=${KILLS:-50}
stress_workdir crash-intake
db=$work/ccas.db
ccas-bench generate-calls "$CALLS" 7 > "$work/calls.ndjson"

# How long a whole run takes, timed on a scratch store: the kills land anywhere in it.
start=$(date +%s.%N)
ccas-intake -q --db "$work/scratch.db" "$work/calls.ndjson" > /dev/null
span=$(python3 -c "import sys; print(round(max(0.2, (float(sys.argv[2]) - float(sys.argv[1])) * 1.1), 2))" "$start" "$(date +%s.%N)")
rm -f "$work"/scratch.db*
say "$CALLS calls, $KILLS kills, runs of about ${span}s"

kills=0 runs=0 printed=0
t0=$(date +%s)
while (( kills < KILLS )); do
  runs=$((runs + 1))
  ccas-intake -q --db "$db" "$work/calls.ndjson" > "$work/out" 2> "$work/err" &
  pid=$!
  sleep "$(random_delay "$span")"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null && status=0 || status=$?
    (( status == 137 )) || [[ $status == 0 ]] || fail "run $runs: exit $status before the kill: $(cat "$work/err")"
    (( status == 137 )) && kills=$((kills + 1))
  else
    wait "$pid" || fail "run $runs ended with $? without a kill: $(cat "$work/err")"
  fi
  n=$("$here/check-printed.py" "$db" "$work/out") || fail "after kill $kills"
  printed=$((printed + n))
  # A store left by the kill opens and passes the check (SQLite rolls the cut transaction back).
  integrity "$db"
done
ccas-intake -q --db "$db" "$work/calls.ndjson" > "$work/out" 2> "$work/err" || fail "last run: $(cat "$work/err")"
t1=$(date +%s)

integrity "$db"
read -r calls distinct journal subjects <<< "$(sqlite3 -separator ' ' "$db" \
  "SELECT (SELECT count(*) FROM call), (SELECT count(DISTINCT id) FROM call),
          (SELECT count(*) FROM journal WHERE kind = 'call.received'),
          (SELECT count(DISTINCT subject) FROM journal WHERE kind = 'call.received')")"
(( calls == CALLS )) || fail "$calls calls in the store, not $CALLS"
(( distinct == CALLS )) || fail "$distinct distinct call ids, not $CALLS"
(( journal == CALLS && subjects == CALLS )) || fail "$journal call.received journal rows for $subjects calls, not one per call"
orphans=$(sqlite3 "$db" "SELECT count(*) FROM call c WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.kind = 'call.received' AND j.subject = c.id)")
(( orphans == 0 )) || fail "$orphans calls without their journal row"
noevent=$(sqlite3 "$db" "SELECT count(*) FROM call c WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.id = c.event_id)")
(( noevent == 0 )) || fail "$noevent calls without their event"
say "ok: $kills kills in $runs runs, $printed printed lines checked, $calls calls, $journal journal rows, none twice, integrity ok, $((t1 - t0)) s"
echo "{\"test\":\"crash-intake\",\"calls\":$CALLS,\"kills\":$kills,\"runs\":$runs,\"printed_checked\":$printed,\"seconds\":$((t1 - t0))}"
