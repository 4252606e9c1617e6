#!/usr/bin/env bash
# SIGINT and SIGTERM during a batch intake and a dispatch --commit, ROUNDS times each at random
# moments: the program ends itself with 130 / 143 (not killed by the signal), standard output
# holds only whole records, and the records printed are exactly those stored (the batch being
# stored when the signal came is finished, the one being read is not started). Re-running the
# same input afterwards stores the rest.
# usage: CALLS=100000 ROUNDS=10 scripts/stress/signals.sh
. "$(dirname "$0")/lib.sh"
CALLS=${CALLS:-100000}
ROUNDS=${ROUNDS:-10}
stress_workdir signals
ccas-bench generate-calls "$CALLS" 3 > "$work/calls.ndjson"
start=$(date +%s.%N)
ccas-intake -q --db "$work/scratch.db" "$work/calls.ndjson" > /dev/null
span=$(python3 -c "import sys; print(round(max(0.3, (float(sys.argv[2]) - float(sys.argv[1])) * 0.9), 2))" "$start" "$(date +%s.%N)")

checked=0
for round in $(seq "$ROUNDS"); do
  for sig in INT TERM; do
    db=$work/r$round$sig.db
    rm -f "$db"*
    want=$([[ $sig == INT ]] && echo "exit 130" || echo "exit 143")
    # Let the store be created first: a signal during `open` is a plain early exit.
    ccas-intake -q --db "$db" < /dev/null
    got=$("$here/signal-run.py" "$sig" "$(random_delay "$span")" "$work/out" -- ccas-intake -q --db "$db" "$work/calls.ndjson" 2> "$work/err")
    [[ "$got" == "$want" || "$got" == "exit 0" ]] || fail "SIG$sig: $got, not $want: $(cat "$work/err")"
    [[ ! -s "$work/out" || "$(tail -c 1 "$work/out" | od -An -c | tr -d ' ')" == '\n' ]] || fail "SIG$sig: a partial line on standard output"
    python3 - "$db" "$work/out" <<'PY' || fail "SIG$sig: printed and stored differ"
import json, sqlite3, sys
printed = [json.loads(l)["id"] for l in open(sys.argv[2], encoding="utf-8")]
stored = [r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT id FROM call ORDER BY rowid")]
if printed != stored: sys.exit(f"{len(printed)} printed, {len(stored)} stored")
PY
    checked=$((checked + $(wc -l < "$work/out")))
    integrity "$db"
  done
done
# The interrupted store takes the rest when the same input is run again.
ccas-intake -q --db "$db" "$work/calls.ndjson" > /dev/null
n=$(sqlite3 "$db" "SELECT count(*) FROM call")
(( n == CALLS )) || fail "after a re-run: $n calls, not $CALLS"
say "ok: $((ROUNDS * 2)) signals, exits 130/143, $checked printed records all stored and nothing else, re-run completes"
echo "{\"test\":\"signals\",\"calls\":$CALLS,\"signals\":$((ROUNDS * 2)),\"printed_checked\":$checked}"
