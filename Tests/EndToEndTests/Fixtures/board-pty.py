#!/usr/bin/env python3
"""Runs `ccas-track board` in a real pseudo-terminal, waits for its first frame, runs a
status change, and waits for the redrawn frame. Prints FIRST-OK / REDRAW-OK; exits 0 when both
came within the time limits. Usage: board-pty.py DB UNIT STATUS EXPECT_BEFORE EXPECT_AFTER"""
import os, pty, select, signal, subprocess, sys, time

db, unit, status, before, after = sys.argv[1:6]
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.execvp("ccas-track", ["ccas-track", "board", "--db", db])

def read_until(text, seconds):
    screen, end = b"", time.time() + seconds
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                screen += os.read(fd, 65536)
            except OSError:
                break
            # Only the newest frame counts: the board clears the screen before each one.
            screen = screen[screen.rfind(b"\x1b[2J"):] if b"\x1b[2J" in screen else screen
            if text.encode() in screen:
                return True
    return False

ok = read_until(before, 10)
print("FIRST-OK" if ok else "FIRST-MISSING", flush=True)
if ok:
    subprocess.run(["ccas-track", "status", "--db", db, unit, status], check=True, stdout=subprocess.DEVNULL)
    ok = read_until(after, 5)
    print("REDRAW-OK" if ok else "REDRAW-MISSING", flush=True)
os.kill(pid, signal.SIGTERM)
try:
    os.waitpid(pid, 0)
except ChildProcessError:
    pass
sys.exit(0 if ok else 1)
