#!/usr/bin/env bash
# Crash safety of ccas-intake: kill -9 at random moments during a batch intake of CALLS
# generated calls, KILLS times, re-running the same input after each kill; then once to the end.
# Checks after each kill: every whole line printed is a call in the store; at the end: exactly
# CALLS calls, none twice, each with exactly one call.received journal row, integrity_check ok.
# Kills land while calls are being stored: a re-run first reads the calls already stored (a
# duplicate costs DUP_COST of a new call), then stores the rest; the kill comes at a random moment
# in the first STORE_SHARE of that rest, or five batches of it (timed from the first run), so 50
# kills still find calls to store (the rest shrinks by about STORE_SHARE / 2 a kill).
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
# window START: the kill window after a run that began at START and ended now without a kill.
window() { python3 -c "import sys; print(round(max(0.1, (float(sys.argv[2]) - float(sys.argv[1])) * 1.1), 3))" "$1" "$(date +%s.%N)"; }
span=$(window "$start")
first=$span
# kill_at STORED: when to kill a run that finds STORED calls in the store.
kill_at() {
  python3 -c "import random, sys; f, s, n = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
reread = f * ${DUP_COST:-0.3} * s / n
rest = max(${STORE_SHARE:-0.1} * (n - s), min(n - s, 10000))  # at least five batches' worth
print(f'{max(0.001, reread + random.uniform(0, f * rest / n)):.3f}')" "$first" "$1" "$CALLS"
}
rm -f "$work"/scratch.db*
say "$CALLS calls, $KILLS kills, runs of about ${span}s"

kills=0 runs=0 printed=0 unkilled=0 writing=0 stored=0
t0=$(date +%s)
while (( kills < KILLS )); do
  runs=$((runs + 1))
  # timeout sends the kill -9 at the drawn moment and returns as soon as the run ends (137: killed).
  # --preserve-status: a run that ended as the kill came (exiting already) gives its own status, not 124.
  delay=$(kill_at "$stored")
  timeout --foreground --preserve-status -s KILL "$delay" ccas-intake -q --db "$db" "$work/calls.ndjson" \
    > "$work/out" 2> "$work/err" && status=0 || status=$?
  if (( status == 137 )); then
    kills=$((kills + 1))
  else
    (( status == 0 )) || fail "run $runs ended with $status without a kill: $(cat "$work/err")"
    unkilled=$((unkilled + 1))
  fi
  # A kill that cut a run which had stored calls: the store changed under the kill.
  now=$(sqlite3 "file:$db?mode=ro" 'SELECT count(*) FROM call' 2>/dev/null || echo 0)   # (ro: never creates it)
  (( status == 137 && now > stored )) && writing=$((writing + 1))
  stored=$now
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
# One pass over the journal (call.received rows are not in journal_by_subject since v7).
orphans=$(sqlite3 "$db" "SELECT count(*) FROM call WHERE id NOT IN (SELECT subject FROM journal WHERE kind = 'call.received')")
(( orphans == 0 )) || fail "$orphans calls without their journal row"
noevent=$(sqlite3 "$db" "SELECT count(*) FROM call c WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.id = c.event_id)")
(( noevent == 0 )) || fail "$noevent calls without their event"
say "ok: $kills kills in $runs runs ($writing after some calls were stored; $unkilled runs ended before their kill), $printed printed lines checked, $calls calls, $journal journal rows, none twice, integrity ok, $((t1 - t0)) s"
echo "{\"test\":\"crash-intake\",\"calls\":$CALLS,\"kills\":$kills,\"runs\":$runs,\"unkilled\":$unkilled,\"kills_while_storing\":$writing,\"printed_checked\":$printed,\"seconds\":$((t1 - t0))}"
