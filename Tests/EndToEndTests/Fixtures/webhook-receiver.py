#!/usr/bin/env python3
"""A webhook receiver for the end-to-end tests: records every request (method, path, headers,
body) as one JSON line in LOG and answers as told. It checks nothing itself; the tests do.

usage: webhook-receiver.py LOG PORTFILE [--port N] [--status CODE] [--fail-first N] [--ack] [--body TEXT]
  --port N        listen on N (default: any free port); the port is written to PORTFILE
  --status CODE   answer CODE (default 200)
  --fail-first N  answer 500 to the first N requests of each Idempotency-Key, then --status
  --ack           answer {"ack":true} (an acknowledgement) to 2xx replies
  --body TEXT     reply body for non-2xx answers
"""
import argparse, json, signal, threading

# The test runner may spawn us with signals blocked: make SIGTERM end us again.
signal.pthread_sigmask(signal.SIG_UNBLOCK, range(1, signal.NSIG))
signal.signal(signal.SIGTERM, signal.SIG_DFL)
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

p = argparse.ArgumentParser()
p.add_argument("log"); p.add_argument("portfile")
p.add_argument("--port", type=int, default=0)
p.add_argument("--status", type=int, default=200)
p.add_argument("--fail-first", type=int, default=0)
p.add_argument("--ack", action="store_true")
p.add_argument("--body", default="")
args = p.parse_args()
lock = threading.Lock()
seen = {}

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        key = self.headers.get("Idempotency-Key", "")
        with lock:
            seen[key] = seen.get(key, 0) + 1
            n = seen[key]
            status = 500 if n <= args.fail_first else args.status
            with open(args.log, "a") as f:
                f.write(json.dumps({"method": "POST", "path": self.path, "headers": dict(self.headers),
                                    "body": body.decode("utf-8"), "status": status}) + "\n")
        reply = (json.dumps({"ack": True}) if args.ack else "{}") if 200 <= status < 300 else args.body
        data = reply.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *a):
        pass

server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
with open(args.portfile + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(args.portfile + ".tmp", args.portfile)
server.serve_forever()
