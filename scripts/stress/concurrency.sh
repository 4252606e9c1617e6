#!/usr/bin/env bash
# Concurrency on one store for SECONDS: 4 intake | classify | dispatch --commit pipelines (4 intake
# writers, 4 dispatchers competing for the same units), a status feed, `ccas-track journal
# --follow`, `ccas-track report` and `ccas doctor` in loops. Checks: no "database is locked"
# (or any busy error) reaches a user and every program exits 0 (doctor: 0 or 1, never 75);
# no write lost (every call printed is stored, and the store has no other); no unit engaged
# twice and every engagement with its journal rows (check-dispatch.py); the follower saw every
# journal row once, in order.
# usage: SECONDS_=60 scripts/stress/concurrency.sh
. "$(dirname "$0")/lib.sh"
DURATION=${SECONDS_:-60}
CHUNK=${CHUNK:-200}
UNITS=${UNITS:-300}
stress_workdir concurrency
db=$work/ccas.db
{ "$here/make-units.py" "$UNITS"
  for i in $(seq 40); do echo "F-$i,VLCG,FEED,49.5,3.5,UNAVAILABLE,"; done; } > "$work/units.csv"
ccas-dispatch units import -q --db "$db" "$work/units.csv"
for w in 1 2 3 4; do
  ccas-bench generate-calls 200000 "$w" | sed "s/\"id\":\"GEN-/\"id\":\"W$w-/" > "$work/calls$w.ndjson" &
done
wait

ccas-track journal -q --db "$db" --follow --poll-ms 20 > "$work/follow.ndjson" 2> "$work/follow.err" &
follower=$!
stress_pids+=("$follower")
end=$(( $(date +%s) + DURATION ))
status_file=$work/statuses
: > "$status_file"
record() { echo "$1 $2" >> "$status_file"; }

writer() { # W: chunks of CHUNK calls through the whole chain until the end
  set +e  # a failing run is recorded, not the end of the loop
  local w=$1 n=0
  while (( $(date +%s) < end )); do
    n=$((n + 1))
    sed -n "$(( (n - 1) * CHUNK + 1 )),$(( n * CHUNK ))p" "$work/calls$w.ndjson" \
      | ccas-intake -q --db "$db" 2>> "$work/err.intake$w" | tee -a "$work/printed$w.ndjson" \
      | ccas-classify -q --db "$db" 2>> "$work/err.classify$w" \
      | ccas-dispatch -q --db "$db" --commit > /dev/null 2>> "$work/err.dispatch$w"
    local s=("${PIPESTATUS[@]}")
    record "writer$w" "${s[1]}"; record "classify$w" "${s[3]}"; record "dispatch$w" "${s[4]}"
  done
}
feeder() {
  set +e
  local n=0
  while (( $(date +%s) < end )); do
    n=$((n + 1))
    python3 -c "
import sys, random
for i in range(1, 41):
    print('{\"kind\":\"status\",\"unit\":\"F-%d\",\"status\":\"UNAVAILABLE\",\"at\":\"2026-11-29T08:%02d:%02d.%03dZ\",\"lat\":%.5f,\"lon\":%.5f}' % (i, (int(sys.argv[1]) // 60) % 60, int(sys.argv[1]) % 60, i, random.uniform(49, 50), random.uniform(3, 4)))
" "$n" | ccas-track feed -q --db "$db" > /dev/null 2>> "$work/err.feed"
    record feed $?
  done
}
looper() { # NAME COMMAND...: runs the command again and again until the end
  set +e
  local name=$1; shift
  while (( $(date +%s) < end )); do
    "$@" > /dev/null 2>> "$work/err.$name"
    record "$name" $?
  done
}
pids=()
for w in 1 2 3 4; do writer "$w" & pids+=($!); done
feeder & pids+=($!)
looper report ccas-track report -q --db "$db" --since 30d & pids+=($!)
looper doctor ccas doctor --db "$db" & pids+=($!)
wait "${pids[@]}" || true

# Let the follower reach the last row, then stop it.
last=$(sqlite3 "$db" "SELECT max(seq) FROM journal")
for i in $(seq 200); do
  [[ "$(tail -n 1 "$work/follow.ndjson" | jq -r .seq 2>/dev/null)" == "$last" ]] && break
  sleep 0.1
done
kill "$follower"; wait "$follower" 2>/dev/null || true

# No busy error reached a user; every run ended well (doctor may say 1 for a warning about the data).
if grep -rhiE "locked|busy|try again" "$work"/err.* "$work/follow.err" 2>/dev/null | head -5 | grep .; then
  fail "a busy store reached a user (above)"
fi
bad=$(awk '($1 ~ /^doctor/ && $2 > 1) || ($1 !~ /^doctor/ && $2 != 0)' "$status_file" | sort | uniq -c)
[[ -z "$bad" ]] || fail "runs that did not end well (count name status): $bad; $(tail -n 3 "$work"/err.* | head -40)"
runs=$(wc -l < "$status_file")
# No write lost: the calls printed are exactly the calls stored.
python3 - "$db" "$work"/printed*.ndjson <<'PY' || fail "lost writes"
import json, sqlite3, sys
printed = set()
for path in sys.argv[2:]:
    printed |= {json.loads(l)["id"] for l in open(path, encoding="utf-8")}
stored = {r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT id FROM call")}
if printed != stored: sys.exit(f"{len(printed)} printed, {len(stored)} stored, {len(printed - stored)} printed not stored")
PY
summary=$("$here/check-dispatch.py" "$db") || fail "dispatch invariants"
read -r events engagements _ <<< "$summary"
# The follower saw every journal row once, in order.
python3 - "$db" "$work/follow.ndjson" <<'PY' || fail "the follower"
import json, sqlite3, sys
seen = [json.loads(l)["seq"] for l in open(sys.argv[2], encoding="utf-8")]
rows = [r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT seq FROM journal ORDER BY seq")]
if seen != rows:
    first = next((i for i, (a, b) in enumerate(zip(seen, rows)) if a != b), min(len(seen), len(rows)))
    sys.exit(f"follower saw {len(seen)} rows, the journal has {len(rows)}; first difference at position {first}")
PY
integrity "$db"
calls=$(sqlite3 "$db" "SELECT count(*) FROM call")
rows=$(sqlite3 "$db" "SELECT count(*) FROM journal")
say "ok: ${DURATION}s, $runs program runs, $calls calls, $engagements engagements on $events events, $rows journal rows followed once in order, no busy error"
echo "{\"test\":\"concurrency\",\"seconds\":$DURATION,\"runs\":$runs,\"calls\":$calls,\"engagements\":$engagements,\"journal_rows\":$rows}"
