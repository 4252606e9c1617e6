#!/usr/bin/env bash
# check-notify.py on what a webhook receiver logs when a sender is killed -9 between the
# headers and the body of a POST: a request with its Idempotency-Key and a body shorter than
# its Content-Length (the full-size crash-notify run met one, with an empty body). The
# checker must accept it when the same key later arrived whole, and refuse it when it did not;
# a whole empty body (Content-Length: 0) stays a sender's fault.
# usage: scripts/stress/cut-request.sh
. "$(dirname "$0")/lib.sh"
. "$here/receiver.sh"
stress_workdir cut-request
db=$work/ccas.db
echo '{"kind":"dispatch","v":1,"event_id":"2026-000001","committed":true,"location":{"address":"1 rue de la Paix, Paris","lat":48.869,"lon":2.331},"classification":{"nature":"SEC.ATTENTAT","priority":"P0","facts":{"victims":4}},"units":[{"id":"VSAV-1","type":"VSAV","station":"CIS Centre"}]}' > "$work/dispatch.ndjson"
start_receiver "$work/requests.ndjson" 0
port=$receiver_port
stop_receiver
ccas-notify -q --db "$db" --channel webhook --url "http://127.0.0.1:$port/hook" --retry-after 0 --timeout 1 \
  < "$work/dispatch.ndjson" > /dev/null 2> "$work/err" || fail "queueing: $(cat "$work/err")"
key=$(sqlite3 "$db" "SELECT idempotency_key FROM notification ORDER BY id LIMIT 1")
[[ -n "$key" ]] || fail "nothing queued"
start_receiver "$work/requests.ndjson" "$port"
# post KEY LENGTH BODY: a POST announcing LENGTH bytes that sends BODY and hangs up, as a
# sender killed mid-request does.
post() {
  python3 - "$port" "$1" "$2" "$3" <<'PY'
import socket, sys
port, key, length, body = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4].encode()
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + f"Idempotency-Key: {key}\r\nContent-Length: {length}\r\n\r\n".encode() + body)
s.shutdown(socket.SHUT_WR)
s.recv(1024)
s.close()
PY
}
post "$key" 512 ""
post "$key" 512 '{"kind":"notification","v":1,"id'
for i in $(seq 20); do (( $(wc -l < "$work/requests.ndjson") == 2 )) && break; sleep 0.1; done
ccas-notify deliver -q --db "$db" --retry-after 0 > /dev/null 2> "$work/err" || fail "deliver: $(cat "$work/err")"
stop_receiver
(( $(sqlite3 "$db" "SELECT count(*) FROM notification WHERE status != 'sent'") == 0 )) || fail "not all sent"
summary=$("$here/check-notify.py" "$db" "$work/requests.ndjson") || fail "two cut requests followed by the key whole are reported"
read -r notifications requests repeats cut <<< "$summary"
(( cut == 2 && repeats == 0 && requests == notifications + 2 )) || fail "summary $summary: expected 2 cut requests, no repeat"

# refused LOG REASON WHY: the checker must fail on LOG, saying WHY.
refused() {
  if "$here/check-notify.py" "$db" "$1" > /dev/null 2> "$work/why"; then fail "$2 not caught"; fi
  grep -q "$3" "$work/why" || fail "$2: $(cat "$work/why")"
}
# The cut requests alone, the whole one of that key dropped: the notification never arrived.
python3 - "$work/requests.ndjson" "$key" > "$work/only-cut.ndjson" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["headers"].get("Idempotency-Key") == sys.argv[2] and len(r["body"].encode()) >= int(r["headers"]["Content-Length"]): continue
    print(line, end="")
PY
refused "$work/only-cut.ndjson" "a key that only arrived cut" "never arrived whole"
# A cut request AFTER the whole one: the run that cut it was killed before its commit, so
# a whole request must follow; the last one being cut means one is missing.
{ cat "$work/requests.ndjson"; head -1 "$work/requests.ndjson"; } > "$work/cut-last.ndjson"
refused "$work/cut-last.ndjson" "a key whose last request was cut" "never arrived whole"
# A whole empty body: the sender sent nothing.
python3 - "$work/requests.ndjson" > "$work/empty.ndjson" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
r = json.loads(lines[-1]); r["body"] = ""; r["headers"]["Content-Length"] = "0"
print("\n".join(lines + [json.dumps(r)]))
PY
refused "$work/empty.ndjson" "a whole empty body" "not JSON"
say "ok: $notifications notifications, 2 cut requests followed by their key whole pass; 3 bad logs caught"
echo "{\"test\":\"cut-request\",\"notifications\":$notifications,\"requests\":$requests,\"cut\":$cut}"
