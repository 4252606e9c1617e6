#!/usr/bin/env python3
"""check-notify.py DB LOG: every notification in the outbox is sent and reached the receiver;
the receiver got nothing but outbox keys, and a key received twice (a kill between the answer
and the commit) carried the same body each time. Prints: notifications, requests, repeats."""
import json, sqlite3, sys
from collections import defaultdict
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=30)
outbox = dict(con.execute("SELECT idempotency_key, status FROM notification"))
bodies = defaultdict(set)
requests = 0
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line); requests += 1
    key = r["headers"].get("Idempotency-Key")
    body = json.loads(r["body"])
    for volatile in ("attempts", "age_s", "overdue", "next_attempt_at", "last_error", "status"):
        body.pop(volatile, None)  # these change between two tries of one key
    bodies[key].add(json.dumps(body, sort_keys=True))
unknown = set(bodies) - set(outbox)
if unknown: sys.exit(f"keys received but not in the outbox: {sorted(unknown)[:5]}")
lost = [k for k in outbox if k not in bodies]
if lost: sys.exit(f"{len(lost)} notifications never reached the receiver, first {lost[:5]}")
unsent = [k for k, s in outbox.items() if s != "sent"]
if unsent: sys.exit(f"{len(unsent)} notifications not marked sent, first {unsent[:5]}")
changed = [k for k, b in bodies.items() if len(b) > 1]
if changed: sys.exit(f"keys received with different bodies: {changed[:5]}")
print(len(outbox), requests, requests - len(bodies))
