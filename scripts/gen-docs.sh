#!/usr/bin/env bash
# Regenerates man/ and completions/ from the programs' argument definitions (never by hand).
#   scripts/gen-docs.sh [OUTDIR]    default OUTDIR: the package root
# The date is fixed so that the pages only change when the arguments do.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.}
date=2026-11-29
programs=$(sed -n 's/.*\.executable(name: "\([^"]*\)".*/\1/p' Package.swift)

swift build --product ccas-intake >/dev/null  # make sure the debug products exist
swift package --allow-writing-to-package-directory generate-manual \
  --multi-page --section 1 --date "$date" --configuration debug >/dev/null
gen=.build/plugins/GenerateManual/outputs
bin=$(swift build --show-bin-path)

rm -rf "$out/man" "$out/completions"
mkdir -p "$out/man/man1" "$out/completions/bash" "$out/completions/zsh" "$out/completions/fish"
for p in $programs; do
  for page in "$gen/$p"/*.1; do
    name=$(basename "$page")
    case "$name" in *.help.1) continue ;; esac
    # `ccas-intake.read.1` is the page of `ccas-intake read`: man ccas-intake-read.
    target="$out/man/man1/${name//./-}"
    target="${target%-1}.1"
    python3 scripts/man-fixup.py <"$page" >"$target"
  done
  "$bin/$p" --generate-completion-script bash >"$out/completions/bash/$p"
  "$bin/$p" --generate-completion-script zsh >"$out/completions/zsh/_$p"
  "$bin/$p" --generate-completion-script fish >"$out/completions/fish/$p.fish"
done
echo "man pages and completions written under $out/man and $out/completions" >&2
