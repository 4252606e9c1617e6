#!/usr/bin/env bash
# Fails when the checked-in man pages or completions differ from what the arguments generate.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scripts/gen-docs.sh "$tmp" 2>/dev/null
if ! diff -r man "$tmp/man" >/dev/null || ! diff -r completions "$tmp/completions" >/dev/null; then
  diff -r man "$tmp/man" | head -20 || true
  diff -r completions "$tmp/completions" | head -20 || true
  echo "check-docs: man/ or completions/ are stale: run scripts/gen-docs.sh and commit the result" >&2
  exit 1
fi
echo "check-docs: man pages and completions are current"
