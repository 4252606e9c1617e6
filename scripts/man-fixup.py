#!/usr/bin/env python3
"""Adjusts a page from swift-argument-parser's generate-manual: the EXIT STATUS section lists
ccas's codes (DESIGN.md), subcommand pages are named `tool-sub`, and the `help` page is dropped."""
import re
import sys

EXIT = """.Sh "EXIT STATUS"
.Bl -tag -width 4n
.It 0
success
.It 1
a refused command, a failed check, or a breached threshold
.It 64
usage error
.It 65
bad input data: every bad line was reported on standard error and saved with
.Fl -rejects ;
the rest was processed
.It 69
a service unavailable
.It 74
input/output error
.It 75
try again: the store stayed locked past the timeout or could not be written
.El
A closed output pipe
.Pq Ql "| head"
ends quietly with 0."""

text = sys.stdin.read()
text = text.replace('.Sh "EXIT STATUS"\n.Ex -std', EXIT)
text = re.sub(r"^\.Xr \S+\.help 1 ,?\n", "", text, flags=re.M)
text = re.sub(r"^(\.Xr \S+?)\.(\S+) 1", lambda m: m.group(1) + "-" + m.group(2).replace(".", "-") + " 1", text, flags=re.M)
text = re.sub(r"^(\.Xr .*) ,\n(?!\.Xr)", r"\1\n", text, flags=re.M)
sys.stdout.write(text)
