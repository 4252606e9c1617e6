#!/usr/bin/env python3
"""check-dispatch.py DB [OUT]: the dispatch invariants. Every engagement has its unit.engaged
journal row (same unit, same event) and every such row its engagement; no unit engaged twice
(the runs release nothing); no event half-dispatched: an event with engagements has exactly one
event.dispatched row, the units it lists are exactly those engaged before it, in its own
transaction (same time), and it is no longer OPEN or CLASSIFIED. Units engaged on the event
after that row (a later call correlated to the event, a reinforcement) are legitimate: each
has its own unit.engaged row. With OUT (what a killed ccas-dispatch --commit printed): every
whole committed `dispatch` line's units are engaged on its event. Prints a summary."""
import json, sqlite3, sys
from collections import defaultdict
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=30)
engaged = defaultdict(set)          # event number -> units
per_unit = defaultdict(int)
for number, unit in con.execute("SELECT e.number, g.unit FROM engagement g JOIN event e ON e.id = g.event_id"):
    engaged[number].add(unit); per_unit[unit] += 1
twice = [u for u, n in per_unit.items() if n > 1]
if twice: sys.exit(f"units engaged twice: {twice[:5]}")
journal = defaultdict(set)
engaged_rows = defaultdict(list)    # event number -> (seq, at, unit) of its unit.engaged rows
rows = 0
for seq, at, subject, payload in con.execute("SELECT seq, at, subject, payload FROM journal WHERE kind = 'unit.engaged'"):
    p = json.loads(payload); rows += 1
    if p["unit"] != subject: sys.exit(f"unit.engaged row for {subject} names {p['unit']}")
    journal[p["event"]].add(p["unit"])
    engaged_rows[p["event"]].append((seq, at, p["unit"]))
if rows != sum(per_unit.values()): sys.exit(f"{rows} unit.engaged journal rows for {sum(per_unit.values())} engagements")
if journal != engaged:
    bad = [e for e in set(journal) | set(engaged) if journal.get(e) != engaged.get(e)]
    sys.exit(f"engagements and their journal rows differ for events {bad[:5]}")
dispatched = defaultdict(list)      # event number -> (seq, at, units) of its event.dispatched rows
for seq, at, payload in con.execute("SELECT seq, at, payload FROM journal WHERE kind = 'event.dispatched'"):
    p = json.loads(payload); dispatched[p["event"]].append((seq, at, set(p.get("units", []))))
status = dict(con.execute("SELECT number, status FROM event"))
for e in sorted(set(dispatched) | set(engaged)):
    rows_e = dispatched.get(e, [])
    if len(rows_e) != 1:
        sys.exit(f"event {e} half dispatched: {len(engaged.get(e, ()))} units engaged, {len(rows_e)} event.dispatched rows")
    seq, at, units = rows_e[0]
    first = {u for s, _, u in engaged_rows.get(e, []) if s < seq}
    if not units or first != units:
        sys.exit(f"event {e} half dispatched: event.dispatched lists {sorted(units)}, engaged before it {sorted(first)}")
    if any(a != at for s, a, _ in engaged_rows[e] if s < seq):
        sys.exit(f"event {e}: its first units were not engaged in the transaction of its event.dispatched row")
    if status.get(e) in ("OPEN", "CLASSIFIED"):
        sys.exit(f"event {e} has units engaged but is {status.get(e)}")
checked = 0
if len(sys.argv) > 2:
    data = open(sys.argv[2], "rb").read()
    for n, line in enumerate(data[: data.rfind(b"\n") + 1].splitlines(), 1):
        try: r = json.loads(line)
        except Exception as e: sys.exit(f"{sys.argv[2]}:{n}: a whole line that is not a whole record ({e})")
        if r.get("kind") != "dispatch" or not r.get("committed"): continue
        units = {u["id"] for u in r.get("units", [])}
        if not units <= engaged.get(r["event_id"], set()):
            sys.exit(f"{sys.argv[2]}:{n}: printed as engaged on {r['event_id']} but not in the store: {units - engaged.get(r['event_id'], set())}")
        checked += 1
print(f"{len(engaged)} {sum(per_unit.values())} {checked}")
