#!/usr/bin/env bash
# check-dispatch.py on a store where an event is dispatched twice, legitimately: a callback
# from the same number is correlated to the event and classified otherwise (cardiac arrest,
# then a kitchen fire), so the second call engages more units on the already DISPATCHED
# event, each with its unit.engaged row and no second event.dispatched row. The checker must
# accept it (the full-size crash-dispatch run met this case, event 2026-001157), and still
# catch a real half dispatch made by hand in copies of the store.
# usage: scripts/stress/second-dispatch.sh
. "$(dirname "$0")/lib.sh"
stress_workdir second-dispatch
db=$work/ccas.db
"$here/make-units.py" 200 > "$work/units.csv"
ccas-dispatch units import -q --db "$db" "$work/units.csv"
ccas-intake -q --db "$db" <<'NDJSON' | ccas-classify -q --db "$db" | ccas-dispatch -q --db "$db" --commit > "$work/out"
{"kind":"call","v":1,"id":"C-1","received_at":"2026-01-01T09:58:18.105Z","channel":"phone","caller":{"phone":"+33612348360"},"location":{"address":"20 boulevard Voltaire, Paris","lat":50.271665,"lon":3.41885},"text":"mon père ne respire plus, il est tout gris"}
{"kind":"call","v":1,"id":"C-2","received_at":"2026-01-01T10:08:07.382Z","channel":"phone","caller":{"phone":"+33612348360"},"location":{"address":"174 rue de la Paix, Paris","lat":50.006765,"lon":4.577925},"text":"feu dans la cuisine, beaucoup de fumée, personne à l'intérieur"}
NDJSON
q() { sqlite3 "$1" "$2"; }
events=$(q "$db" "SELECT count(DISTINCT event_id) FROM engagement")
first=$(q "$db" "SELECT count(*) FROM engagement WHERE engaged_at = (SELECT min(engaged_at) FROM engagement)")
later=$(q "$db" "SELECT count(*) FROM engagement WHERE engaged_at > (SELECT min(engaged_at) FROM engagement)")
(( events == 1 && first > 0 && later > 0 )) || fail "expected one event dispatched in two steps, got $events events, $first + $later units"
(( $(q "$db" "SELECT count(*) FROM journal WHERE kind = 'event.dispatched'") == 1 )) || fail "not one event.dispatched row"
"$here/check-dispatch.py" "$db" "$work/out" > /dev/null || fail "a legitimate second dispatch is reported"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null

# broken COPY SQL: the checker must say why.
broken() {
  cp "$db" "$work/broken.db"
  sqlite3 "$work/broken.db" "$2"
  if "$here/check-dispatch.py" "$work/broken.db" > /dev/null 2> "$work/why"; then fail "$1 not caught"; fi
  grep -q "$3" "$work/why" || fail "$1: $(cat "$work/why")"
}
first_unit=$(q "$db" "SELECT unit FROM engagement ORDER BY id LIMIT 1")
broken "a first unit without its engagement" \
  "DELETE FROM engagement WHERE unit = '$first_unit'; DELETE FROM journal WHERE kind = 'unit.engaged' AND subject = '$first_unit'" "half dispatched"
broken "engagements without event.dispatched" "DELETE FROM journal WHERE kind = 'event.dispatched'" "half dispatched"
broken "a first unit engaged in another transaction" \
  "UPDATE journal SET at = at - 1000 WHERE kind = 'unit.engaged' AND subject = '$first_unit'" "transaction"
broken "units engaged on a CLASSIFIED event" "UPDATE event SET status = 'CLASSIFIED'" "CLASSIFIED"
broken "an engagement without its journal row" \
  "DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal WHERE kind = 'unit.engaged')" "journal rows"
say "ok: one event dispatched in two steps ($first + $later units) passes; 5 broken copies caught"
echo "{\"test\":\"second-dispatch\",\"first\":$first,\"later\":$later}"
