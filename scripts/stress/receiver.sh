# Sourced: start_receiver LOG [PORT] [options] starts the end-to-end tests' webhook receiver
# (records every request as a JSON line in LOG), sets $receiver_pid and $receiver_port.
start_receiver() {
  local log=$1 port=${2:-0}; shift 2 || shift $#
  local portfile; portfile=$(mktemp -u "$work/port.XXXXXX")
  python3 "$root/Tests/EndToEndTests/Fixtures/webhook-receiver.py" "$log" "$portfile" --port "$port" "$@" > /dev/null 2>&1 &
  receiver_pid=$!
  stress_pids+=("$receiver_pid")
  local i
  for i in $(seq 200); do [[ -s "$portfile" ]] && break; sleep 0.05; done
  receiver_port=$(cat "$portfile") || fail "the webhook receiver did not start"
}
stop_receiver() { kill -9 "$receiver_pid" 2>/dev/null || true; wait "$receiver_pid" 2>/dev/null || true; }
