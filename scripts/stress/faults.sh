#!/usr/bin/env bash
# Faults: the store locked past the busy timeout (a sqlite3 holding BEGIN EXCLUSIVE), a full
# disk (a small tmpfs made for the test; needs root, skipped otherwise), a damaged store (its
# header overwritten). Each time ccas-intake keeps every call (stored or spooled, printed),
# exits 75, `ccas doctor` says what is wrong, and `ccas-intake replay` puts the spool back
# once the store is healthy: in the end every call is stored once. (A webhook receiver down
# for a whole run, then up: crash-notify.sh and NotifyWebhookTests.)
# usage: CALLS=20000 scripts/stress/faults.sh
. "$(dirname "$0")/lib.sh"
CALLS=${CALLS:-20000}
stress_workdir faults
ccas-bench generate-calls "$CALLS" 5 > "$work/calls.ndjson"
head -n 100 "$work/calls.ndjson" > "$work/first.ndjson"
tail -n +101 "$work/calls.ndjson" > "$work/rest.ndjson"

# every_call_kept DB SPOOL OUT: the calls stored plus the calls spooled are the input, none in
# both (whole calls), and every one was printed.
every_call_kept() {
  python3 - "$1" "$2" "$3" "$work/calls.ndjson" <<'PY'
import json, os, sqlite3, sys
db, spool, out, calls = sys.argv[1:]
want = [json.loads(l)["id"] for l in open(calls, encoding="utf-8")]
try:
    stored = {r[0] for r in sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute("SELECT id FROM call")}
except sqlite3.DatabaseError:
    # A damaged store: the calls of the faulty run must all be in the spool; the earlier ones
    # come back with the last backup (ccas restore).
    stored, want = set(), want[100:]
spooled = [json.loads(l)["id"] for l in open(spool, encoding="utf-8")] if os.path.exists(spool) else []
printed = {json.loads(l)["id"] for l in open(out, encoding="utf-8")}
both = stored & set(spooled)
if both: sys.exit(f"{len(both)} calls both stored and spooled")
missing = [i for i in want if i not in stored and i not in spooled]
if missing: sys.exit(f"{len(missing)} calls neither stored nor spooled, first {missing[:3]}")
unprinted = [i for i in want[100:] if i not in printed]
if unprinted: sys.exit(f"{len(unprinted)} calls taken but not printed")
print(len(spooled))
PY
}
# after_fault NAME DB SPOOL: exit 75 and the degraded-mode words, nothing lost, spool 0600.
after_fault() {
  local name=$1 db=$2 spool=$3
  (( status == 75 )) || fail "$name: exit $status, not 75: $(tail -3 "$work/err")"
  grep -q "DEGRADED MODE" "$work/err" || fail "$name: no DEGRADED MODE message: $(cat "$work/err")"
  n=$(every_call_kept "$db" "$spool" "$work/out") || fail "$name: calls lost"
  (( n > 0 )) || fail "$name: nothing spooled"
  [[ "$(stat -c %a "$spool")" == 600 ]] || fail "$name: spool mode $(stat -c %a "$spool"), not 600"
  say "$name: exit 75, $n calls spooled, none lost"
}
# replay_all DB SPOOL: once healthy, the spool goes back; every call stored exactly once.
replay_all() {
  ccas-intake replay -q --db "$1" "$2" > /dev/null 2> "$work/err" || fail "replay $2: $(cat "$work/err")"
  n=$(sqlite3 "$1" "SELECT count(*) FROM call")
  j=$(sqlite3 "$1" "SELECT count(DISTINCT subject) FROM journal WHERE kind = 'call.received'")
  (( n == CALLS && j == CALLS )) || fail "after replay: $n calls, $j journal rows, not $CALLS"
  integrity "$1"
}
doctor_says() { # DB PATTERN: doctor exits 1 and a fail line matches
  local s=0
  ccas doctor --db "$1" > "$work/doctor" 2>&1 || s=$?
  (( s == 1 )) || fail "doctor on $1: exit $s, not 1: $(cat "$work/doctor")"
  grep -iE "fail.*($2)" "$work/doctor" > /dev/null || fail "doctor does not say ($2): $(cat "$work/doctor")"
  say "doctor: $(grep -iE "fail.*($2)" "$work/doctor" | head -1)"
}

# 1. Locked past the busy timeout.
db=$work/locked.db spool=$work/locked-spool.ndjson
ccas-intake -q --db "$db" "$work/first.ndjson" > /dev/null
{ echo "BEGIN EXCLUSIVE;"; echo "INSERT INTO journal(at, operator, kind, subject, payload) VALUES (0, 'lock', 'lock', 'lock', '{}');"; sleep 8; echo "ROLLBACK;"; } | sqlite3 "$db" &
locker=$!
stress_pids+=("$locker")
sleep 1
status=0
ccas-intake -q --db "$db" --busy-timeout 1 --spool "$spool" "$work/rest.ndjson" > "$work/out" 2> "$work/err" || status=$?
after_fault locked "$db" "$spool"
doctor_says "$db" "lock|busy"
wait "$locker" || true
replay_all "$db" "$spool"

# 2. Disk full: the store on a 2 MB tmpfs, the spool elsewhere.
if [[ $(id -u) == 0 ]] && mkdir -p "$work/small" && mount -t tmpfs -o size=2m tmpfs "$work/small" 2>/dev/null; then
  trap 'umount "$work/small" 2>/dev/null; stress_cleanup' EXIT
  db=$work/small/full.db spool=$work/full-spool.ndjson
  ccas-intake -q --db "$db" "$work/first.ndjson" > /dev/null
  # Fill what is left, whatever the size of the input.
  dd if=/dev/zero of="$work/small/filler" bs=4k status=none 2>/dev/null || true
  status=0
  ccas-intake -q --db "$db" --spool "$spool" "$work/rest.ndjson" > "$work/out" 2> "$work/err" || status=$?
  after_fault "disk full" "$db" "$spool"
  grep -qi "full" "$work/err" || fail "disk full: the message does not say the disk is full: $(head -3 "$work/err")"
  doctor_says "$db" "full|space|disk|writ"
  rm -f "$work/small/filler"
  mount -o remount,size=200m "$work/small"
  replay_all "$db" "$spool"
else
  say "disk full: skipped (needs root and tmpfs)"
fi

# 3. Damaged: the header page overwritten.
db=$work/damaged.db spool=$work/damaged-spool.ndjson
ccas-intake -q --db "$db" "$work/first.ndjson" > /dev/null
printf 'this is not a ccas store, it was damaged on purpose....................................' \
  | dd of="$db" bs=1 seek=0 conv=notrunc status=none
status=0
ccas-intake -q --db "$db" --spool "$spool" "$work/rest.ndjson" > "$work/out" 2> "$work/err" || status=$?
after_fault damaged "$db" "$spool"
doctor_says "$db" "damag|corrupt|not a database|integrity|restore"
# A damaged store is restored from a backup (ccas restore), then the spool replayed; here: a new store.
db2=$work/new.db
ccas-intake -q --db "$db2" "$work/first.ndjson" > /dev/null
replay_all "$db2" "$spool"
say "ok: locked, disk full, damaged: exit 75, nothing lost, doctor says why, replay completes"
echo "{\"test\":\"faults\",\"calls\":$CALLS}"
