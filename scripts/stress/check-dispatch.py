#!/usr/bin/env python3
"""check-dispatch.py DB [OUT]: the dispatch invariants. Every engagement has its unit.engaged
journal row (same unit, same event) and every such row its engagement; no unit engaged twice
(the runs release nothing); no event half-dispatched: the units its event.dispatched rows list
are exactly the units engaged on it. With OUT (what a killed ccas-dispatch --commit printed):
every whole committed `dispatch` line's units are engaged on its event. Prints a summary."""
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
rows = 0
for subject, payload in con.execute("SELECT subject, payload FROM journal WHERE kind = 'unit.engaged'"):
    p = json.loads(payload); rows += 1
    if p["unit"] != subject: sys.exit(f"unit.engaged row for {subject} names {p['unit']}")
    journal[p["event"]].add(p["unit"])
if rows != sum(per_unit.values()): sys.exit(f"{rows} unit.engaged journal rows for {sum(per_unit.values())} engagements")
if journal != engaged:
    bad = [e for e in set(journal) | set(engaged) if journal.get(e) != engaged.get(e)]
    sys.exit(f"engagements and their journal rows differ for events {bad[:5]}")
dispatched = defaultdict(set)
for payload, in con.execute("SELECT payload FROM journal WHERE kind = 'event.dispatched'"):
    p = json.loads(payload); dispatched[p["event"]] |= set(p.get("units", []))
half = [e for e in set(dispatched) | set(engaged) if dispatched.get(e, set()) != engaged.get(e, set())]
if half: sys.exit(f"events half dispatched (journal event.dispatched vs engagements): {half[:5]}")
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
