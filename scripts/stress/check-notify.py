#!/usr/bin/env python3
"""check-notify.py DB LOG: every notification in the outbox is sent and reached the receiver
whole; the receiver got nothing but outbox keys, and a key received whole twice (a kill between
the answer and the commit) carried the same body each time. A request whose body is shorter
than its Content-Length was cut: the sender was killed while sending it (kill -9 between the
headers and the body). It is no delivery, and is accepted only when the same key arrived
whole later. A whole body that is not a JSON object is a sender's fault.
Prints: notifications, requests, repeats (whole requests beyond one per key), cut requests."""
import json, sqlite3, sys
from collections import defaultdict
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=30)
outbox = dict(con.execute("SELECT idempotency_key, status FROM notification"))
bodies = defaultdict(set)
last_whole = {}                     # key -> line of its last whole request
cut = {}                            # key -> line of its last cut request
requests = whole = 0
for n, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    r = json.loads(line); requests += 1
    headers = {k.lower(): v for k, v in r["headers"].items()}
    key = headers.get("idempotency-key")
    length = int(headers.get("content-length", "0"))
    received = len(r["body"].encode("utf-8"))
    if received < length:
        cut[key] = n
        continue
    try: body = json.loads(r["body"])
    except ValueError as e: sys.exit(f"{sys.argv[2]}:{n}: key {key}: a whole body ({received} bytes) that is not JSON ({e})")
    if not isinstance(body, dict): sys.exit(f"{sys.argv[2]}:{n}: key {key}: a whole body that is not a JSON object")
    whole += 1
    last_whole[key] = n
    for volatile in ("attempts", "age_s", "overdue", "next_attempt_at", "last_error", "status"):
        body.pop(volatile, None)  # these change between two tries of one key
    bodies[key].add(json.dumps(body, sort_keys=True))
unknown = (set(bodies) | set(cut)) - set(outbox)
if unknown: sys.exit(f"keys received but not in the outbox: {sorted(unknown, key=str)[:5]}")
never = [k for k, n in cut.items() if last_whole.get(k, 0) < n]
if never: sys.exit(f"{len(never)} keys whose last request was cut and never arrived whole after it, first {never[:5]}")
lost = [k for k in outbox if k not in bodies]
if lost: sys.exit(f"{len(lost)} notifications never reached the receiver whole, first {lost[:5]}")
unsent = [k for k, s in outbox.items() if s != "sent"]
if unsent: sys.exit(f"{len(unsent)} notifications not marked sent, first {unsent[:5]}")
changed = [k for k, b in bodies.items() if len(b) > 1]
if changed: sys.exit(f"keys received with different bodies: {changed[:5]}")
print(len(outbox), requests, whole - len(bodies), requests - whole)
