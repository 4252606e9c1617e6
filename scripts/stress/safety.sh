#!/usr/bin/env bash
# Bad input and safety. (1) Every program ends quietly with 0 when its reader closes early
# (`| head -1`). (2) Text fields carrying SQL, shell and path metacharacters, control
# characters and RTL marks go through intake → classify → dispatch --commit → notify (file,
# exec and CAP channels) → track and into the store unchanged, run nothing, and file names
# made from data stay in their directory. (3) Store, spool and rejects are 0600, their folders
# 0700; the webhook secret is on no command line, in no output, journal or error message.
# usage: scripts/stress/safety.sh
. "$(dirname "$0")/lib.sh"
. "$here/receiver.sh"
stress_workdir safety
db=$work/state/ccas.db
export XDG_STATE_HOME=$work/xdg-state XDG_DATA_HOME=$work/xdg-data
ccas-bench generate-calls "${CALLS:-20000}" 9 > "$work/calls.ndjson"
"$here/make-units.py" 50 > "$work/units.csv"
ccas-dispatch units import -q --db "$db" "$work/units.csv"
ccas-intake -q --db "$db" "$work/calls.ndjson" | ccas-classify -q --db "$db" > "$work/classified.ndjson"

# (1) | head -1: the writer gets EPIPE, stops, exits 0 and says nothing.
quiet_head() { # NAME COMMAND...: COMMAND | head -1 must give 0 and no stderr
  local name=$1; shift
  set +e
  "$@" 2> "$work/head.err" | head -1 > /dev/null
  local s=${PIPESTATUS[0]}
  set -e
  (( s == 0 )) || fail "$name | head -1: exit $s: $(head -3 "$work/head.err")"
  [[ ! -s "$work/head.err" ]] || fail "$name | head -1 wrote on stderr: $(head -3 "$work/head.err")"
}
quiet_head intake ccas-intake -q --no-store "$work/calls.ndjson"
quiet_head intake-store ccas-intake -q --db "$work/head.db" "$work/calls.ndjson"
quiet_head classify ccas-classify -q "$work/calls.ndjson"
quiet_head dispatch ccas-dispatch -q --db "$db" "$work/classified.ndjson"
quiet_head units ccas-dispatch units list --db "$db"
quiet_head journal ccas-track journal -q --db "$db"
quiet_head events ccas-track events -q --db "$db"
quiet_head track-units ccas-track units -q --db "$db"
quiet_head report ccas-track report -q --db "$db" --since 400d
quiet_head pending ccas-notify pending -q --db "$db"
quiet_head doctor ccas doctor --db "$db"
quiet_head export-journal ccas export-journal --db "$db"  # no -q: the summary must not claim rows nobody read
quiet_head natures ccas-classify natures
say "| head -1: every program exits 0 quietly"

# (2) Metacharacters end to end.
marker=$work/pwned
python3 - "$marker" > "$work/evil.ndjson" <<'PY'
import json, sys
m = sys.argv[1]
evil = [
    "'; DROP TABLE call;--", f"$(touch {m})", f"`touch {m}`", "../../etc/passwd", "..\\..\\windows",
    "a\u0001b\u0007c\u001b[31mred\u001b[0m\ttab\rcr", "\u202eevil\u202c \u200f\u05e9\u05dc\u05d5\u05dd", "x\" OR \"1\"=\"1", "%s%n%x", "{{7*7}} ${7*7}",
]
for i, t in enumerate(evil, 1):
    print(json.dumps({"kind": "call", "v": 1, "id": f"EVIL-{i}-../../x'$(touch {m})", "received_at": f"2026-11-29T08:00:{i:02d}Z",
        "channel": "phone", "caller": {"phone": "+33612345678", "name": t},
        "location": {"address": t, "lat": 48.85 + i / 100, "lon": 2.35},
        "text": "incendie " + t}, ensure_ascii=False))
PY
ccas-intake -q --db "$db" "$work/evil.ndjson" > "$work/evil.out" 2> "$work/evil.err" || fail "intake of metacharacters: $(cat "$work/evil.err")"
ccas-classify -q --db "$db" < "$work/evil.out" > "$work/evil.classified" || fail "classify"
ccas-dispatch -q --db "$db" --commit < "$work/evil.classified" > "$work/evil.dispatch" || fail "dispatch"
mkdir -p "$work/outbox/spool" "$work/outbox/cap"
ccas-notify -q --db "$db" --channel file --target "$work/outbox/spool" < "$work/evil.dispatch" > "$work/evil.notify" || fail "notify file"
ccas-notify -q --db "$db" --channel cap --target "$work/outbox/cap" < "$work/evil.dispatch" > /dev/null || true
ccas-notify -q --db "$db" --channel exec --target 'cat > /dev/null' < "$work/evil.dispatch" > /dev/null || true
for e in $(jq -r 'select(.kind=="dispatch") | .event_id' "$work/evil.dispatch" | sort -u); do
  ccas-track show -q --db "$db" "$e" > /dev/null 2>&1 || true
done
ccas-track journal -q --db "$db" > "$work/journal.ndjson"
[[ ! -e "$marker" ]] || fail "a shell metacharacter in the data ran a command"
python3 - "$db" "$work/evil.ndjson" "$work/evil.out" <<'PY' || fail "metacharacters changed on the way"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
if "call" not in tables: sys.exit("the call table is gone")
sent = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
printed = {r["id"]: r for r in map(json.loads, open(sys.argv[3], encoding="utf-8"))}
for r in sent:
    row = db.execute("SELECT text, address, record FROM call WHERE id = ?", (r["id"],)).fetchone()
    if row is None: sys.exit(f"{r['id']!r} not stored")
    text, address, record = row
    if text != r["text"]: sys.exit(f"text changed: {r['text']!r} -> {text!r}")
    if address != r["location"]["address"]: sys.exit(f"address changed: {r['location']['address']!r} -> {address!r}")
    if json.loads(record)["caller"]["name"] != r["caller"]["name"]: sys.exit("caller name changed in the stored record")
    if printed[r["id"]]["text"] != r["text"]: sys.exit(f"text changed on standard output: {printed[r['id']]['text']!r}")
PY
outside=$(find "$work" -newer "$work/evil.ndjson" -type f \
  ! -path "$work/outbox/*" ! -path "$work/state/*" ! -path "$work/xdg-*" ! -name 'evil.*' ! -name 'journal.ndjson' | head -5)
[[ -z "$outside" ]] || fail "files written outside their directories: $outside"
find / -xdev -name 'x'"'"'$(touch*' 2>/dev/null | grep . && fail "a file named from data escaped"
say "metacharacters: stored and printed unchanged, nothing run, no file outside its directory"

# (3) Permissions and secrets.
[[ "$(stat -c %a "$db")" == 600 ]] || fail "store mode $(stat -c %a "$db")"
[[ "$(stat -c %a "$(dirname "$db")")" == 700 ]] || fail "store folder mode $(stat -c %a "$(dirname "$db")")"
mkdir -p "$work/backups"
ccas backup -q --db "$db" "$work/backups/b1.db" || fail "backup"
b=$(find "$work/backups" -type f | head -1)
[[ -n "$b" && "$(stat -c %a "$b")" == 600 ]] || fail "backup ${b:-missing} mode $(stat -c %a "$b" 2>/dev/null)"
mkdir -p "$work/a-folder"
# A store that cannot be opened (a folder): the calls go to the spool.
ccas-intake -q --db "$work/a-folder" --spool "$work/spool2/s.ndjson" "$work/evil.ndjson" > /dev/null 2>&1 || true
[[ "$(stat -c %a "$work/spool2/s.ndjson")" == 600 && "$(stat -c %a "$work/spool2")" == 700 ]] \
  || fail "spool $(stat -c %a "$work/spool2/s.ndjson"), its folder $(stat -c %a "$work/spool2")"
secret="stress-secret-$RANDOM-$RANDOM"
echo "$secret" > "$work/secret"
chmod 600 "$work/secret"
start_receiver "$work/requests.ndjson" 0
( export CCAS_WEBHOOK_SECRET_FILE=$work/secret
  ccas-notify --db "$work/secret.db" --channel webhook --url "http://127.0.0.1:$receiver_port/hook" < "$work/evil.dispatch" > "$work/s.out" 2> "$work/s.err" &
  p=$!
  for i in $(seq 20); do { tr "\0" " " < "/proc/$p/cmdline"; } 2>/dev/null || true; echo; sleep 0.05; done > "$work/ps.txt"
  wait $p || true
  # A bad URL and a receiver that is gone: the error messages must not carry the secret.
  ccas-notify --db "$work/secret.db" --channel webhook --url "http://127.0.0.1:1/hook" --retry-after 0 --timeout 1 < "$work/evil.dispatch" >> "$work/s.out" 2>> "$work/s.err" || true
  ccas-notify deliver --db "$work/secret.db" --retry-after 0 --timeout 1 >> "$work/s.out" 2>> "$work/s.err" || true
  ccas doctor --db "$work/secret.db" >> "$work/s.out" 2>> "$work/s.err" || true
  ccas-track journal --db "$work/secret.db" >> "$work/s.out" 2>> "$work/s.err" || true
  CCAS_WEBHOOK_SECRET=$secret ccas-notify deliver --db "$work/secret.db" --retry-after 0 --timeout 1 >> "$work/s.out" 2>> "$work/s.err" || true )
stop_receiver
signed=$(grep -c 'X-Ccas-Signature\|X-CCAS-Signature' "$work/requests.ndjson" || true)
(( signed > 0 )) || fail "no signed request reached the receiver: the secret test proves nothing"
if grep -lF "$secret" "$work/s.out" "$work/s.err" "$work/ps.txt" "$work"/secret.db* 2>/dev/null; then
  fail "the webhook secret appears in the files above"
fi
say "permissions 0600/0700; the secret is in no output, error, command line or store ($signed signed requests)"
say "ok"
echo '{"test":"safety"}'
