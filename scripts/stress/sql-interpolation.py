#!/usr/bin/env python3
"""sql-interpolation.py [ALLOWED]: lists every `\\(…)` inside an SQL string literal under Sources/
(a literal passed as `sql:` or to a raw statement, or one starting with SELECT/INSERT/UPDATE/
DELETE/CREATE/WITH), as file:line expression. Data must reach SQLite only as bound parameters:
each interpolation must be of a constant of the program (a table name from a fixed list, a
column list, a placeholder list) and be listed, with its reason, in ALLOWED
(scripts/stress/sql-interpolation.allowed); exit 1 when one is not."""
import os, re, sys
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
allowed_file = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "sql-interpolation.allowed")
allowed = {}
for line in open(allowed_file, encoding="utf-8"):
    line = line.strip()
    if line and not line.startswith("#"):
        key, _, why = line.partition("  ")
        allowed[key.strip()] = why.strip()
sql_start = re.compile(r'^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|REPLACE|PRAGMA|DROP|ALTER)\b', re.I)
found, unjustified = [], []
for dirpath, _, files in os.walk(os.path.join(root, "Sources")):
    for name in sorted(files):
        if not name.endswith(".swift"): continue
        path = os.path.join(dirpath, name)
        rel = os.path.relpath(path, root)
        text = open(path, encoding="utf-8").read()
        for m in re.finditer(r'"""(.*?)"""|"((?:[^"\\\n]|\\.)*)"', text, re.S):
            body = m.group(1) if m.group(1) is not None else m.group(2)
            before = text[max(0, m.start() - 40):m.start()]
            if not (sql_start.match(body.lstrip("\n")) or re.search(r'sql:\s*$', before)): continue
            for i in re.finditer(r'\\\(([^()]*(?:\([^()]*\)[^()]*)*)\)', body):
                line = text.count("\n", 0, m.start() + (3 if m.group(1) is not None else 1) + i.start()) + 1
                key = f"{rel} {i.group(1)}"
                found.append((rel, line, i.group(1)))
                if key not in allowed: unjustified.append(f"{rel}:{line}: \\({i.group(1)})")
for rel, line, expr in found:
    print(f"{rel}:{line}: \\({expr})  {allowed.get(f'{rel} {expr}', 'NOT JUSTIFIED')}")
if unjustified:
    print(f"{len(unjustified)} interpolation(s) in SQL not justified in {allowed_file}", file=sys.stderr)
    sys.exit(1)
