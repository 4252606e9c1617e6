#!/usr/bin/env bash
# Crash safety of ccas-notify deliver: EVENTS P0 dispatches (9 notifications each) are queued
# while the webhook receiver is down; with it up, `deliver` is killed -9 at random moments
# KILLS times, then run to the end. Nothing is lost (every outbox key reached the receiver and
# is marked sent), repeats carry the same idempotency key and body, a request cut by a kill
# (headers sent, body not) is followed by the same key whole (check-notify.py).
# usage: EVENTS=300 KILLS=50 scripts/stress/crash-notify.sh
. "$(dirname "$0")/lib.sh"
. "$here/receiver.sh"
EVENTS=${EVENTS:-300}
KILLS=${KILLS:-50}
stress_workdir crash-notify
db=$work/ccas.db
export CCAS_WEBHOOK_SECRET_FILE=$work/secret
echo "stress-secret-$RANDOM$RANDOM" > "$CCAS_WEBHOOK_SECRET_FILE"
python3 - "$EVENTS" > "$work/dispatch.ndjson" <<'PY'
import json, sys
for i in range(1, int(sys.argv[1]) + 1):
    print(json.dumps({"kind": "dispatch", "v": 1, "event_id": f"2026-{i:06d}", "committed": True,
        "location": {"address": f"{i} rue de la Paix, Paris", "lat": 48.869, "lon": 2.331},
        "classification": {"nature": "SEC.ATTENTAT", "priority": "P0", "facts": {"victims": 4}},
        "units": [{"id": f"VSAV-{i}", "type": "VSAV", "station": "CIS Centre"}, {"id": f"PS-{i}", "type": "PS", "station": "Commissariat Centre"}],
        "talkgroup": "TKG-104"}, ensure_ascii=False))
PY
# Receiver down for the whole first run: everything is queued, nothing lost.
start_receiver "$work/requests.ndjson" 0
port=$receiver_port
stop_receiver
ccas-notify -q --db "$db" --channel webhook --url "http://127.0.0.1:$port/hook" --retry-after 0 --timeout 1 \
  < "$work/dispatch.ndjson" > /dev/null 2> "$work/err" || fail "queueing: $(cat "$work/err")"
queued=$(sqlite3 "$db" "SELECT count(*) FROM notification WHERE status = 'pending'")
(( queued == EVENTS * 9 )) || fail "$queued notifications pending, not $((EVENTS * 9))"
# How long a whole delivery takes: a copy of the store to a scratch receiver on the same port.
sqlite3 "$db" ".backup '$work/scratch.db'"
start_receiver "$work/scratch.ndjson" "$port"
start=$(date +%s.%N)
ccas-notify deliver -q --db "$work/scratch.db" --retry-after 0 > /dev/null
span=$(python3 -c "import sys; print(round(max(0.2, (float(sys.argv[2]) - float(sys.argv[1])) * 1.1), 2))" "$start" "$(date +%s.%N)")
stop_receiver
rm -f "$work"/scratch.*
start_receiver "$work/requests.ndjson" "$port"
say "$queued notifications, $KILLS kills, runs of about ${span}s"

kills=0 runs=0
t0=$(date +%s)
while (( kills < KILLS )); do
  runs=$((runs + 1))
  ccas-notify deliver -q --db "$db" --retry-after 0 > "$work/out" 2> "$work/err" &
  pid=$!
  # Each run delivers what the previous ones left: the kills spread over the whole delivery.
  sleep "$(random_delay "$(python3 -c "import sys; print(max(0.05, float(sys.argv[1]) * 2 / int(sys.argv[2])))" "$span" "$KILLS")")"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null && status=0 || status=$?
    (( status == 137 )) && kills=$((kills + 1))
  else
    wait "$pid" || fail "run $runs ended with $? without a kill: $(cat "$work/err")"
  fi
  integrity "$db"
  left=$(sqlite3 "$db" "SELECT count(*) FROM notification WHERE status = 'pending'")
  (( left > 0 )) || break
done
# A kill may leave notifications claimed by the dead process: deliver until none is pending.
for i in $(seq 60); do
  ccas-notify deliver -q --db "$db" --retry-after 0 > "$work/out" 2> "$work/err" || fail "deliver: $(cat "$work/err")"
  left=$(sqlite3 "$db" "SELECT count(*) FROM notification WHERE status = 'pending'")
  (( left == 0 )) && break
  sleep 1
done
t1=$(date +%s)
integrity "$db"
summary=$("$here/check-notify.py" "$db" "$work/requests.ndjson") || fail "at the end"
read -r notifications requests repeats cut <<< "$summary"
secret=$(cat "$CCAS_WEBHOOK_SECRET_FILE")
! grep -rqF "$secret" "$work/out" "$work/err" "$db" "$work/requests.ndjson" || fail "the webhook secret appears in an output or the store"
say "ok: $kills kills in $runs runs, $notifications notifications all delivered, $requests requests ($repeats repeats, each under its own key; $cut cut by a kill, each sent whole later), $((t1 - t0)) s"
echo "{\"test\":\"crash-notify\",\"notifications\":$notifications,\"kills\":$kills,\"runs\":$runs,\"requests\":$requests,\"repeats\":$repeats,\"cut\":$cut,\"seconds\":$((t1 - t0))}"
