#!/usr/bin/env python3
"""signal-run.py SIGNAL DELAY OUT -- COMMAND...: runs COMMAND (stdin inherited, stdout to OUT),
sends SIGNAL (INT or TERM) after DELAY seconds and prints how it ended as its parent sees it:
`exit N` (the program ended itself) or `signal N` (it died by the signal)."""
import signal, subprocess, sys, time
sig = getattr(signal, "SIG" + sys.argv[1]); delay = float(sys.argv[2]); out = sys.argv[3]
cmd = sys.argv[sys.argv.index("--") + 1:]
with open(out, "wb") as f:
    p = subprocess.Popen(cmd, stdout=f, restore_signals=True)
    time.sleep(delay)
    p.send_signal(sig)
    code = p.wait()
print(f"signal {-code}" if code < 0 else f"exit {code}")
