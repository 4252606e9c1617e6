#!/usr/bin/env python3
"""check-printed.py DB OUT [--table call] [--field id]: every whole line a killed program printed
is a JSON record whose id is in the store (a last line without its newline may be cut by the kill).
Prints the number of ids checked."""
import json, sqlite3, sys
db, out = sys.argv[1], sys.argv[2]
table = sys.argv[sys.argv.index("--table") + 1] if "--table" in sys.argv else "call"
field = sys.argv[sys.argv.index("--field") + 1] if "--field" in sys.argv else "id"
data = open(out, "rb").read()
whole = data[: data.rfind(b"\n") + 1] if b"\n" in data else b""
ids = []
for n, line in enumerate(whole.splitlines(), 1):
    try:
        ids.append(json.loads(line)[field])
    except Exception as e:
        sys.exit(f"{out}:{n}: a whole line that is not a whole record ({e}): {line[:80]!r}")
if not ids:
    # Nothing printed, nothing to check: the kill may have come before the store had its tables.
    print(0); sys.exit(0)
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
stored = {r[0] for r in con.execute(f"SELECT {'id' if table == 'call' else 'number'} FROM {table}")}
missing = [i for i in ids if i not in stored]
if missing:
    sys.exit(f"{out}: {len(missing)} printed id(s) not in the store, first {missing[:5]}")
print(len(ids))
