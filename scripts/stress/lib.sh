# Shared by the stress scripts: where the programs are, a work folder, how to fail.
# CCAS_BIN: the folder holding the built programs (default: the release build, built if missing).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
if [[ -z "${CCAS_BIN:-}" ]]; then
  CCAS_BIN=$(cd "$root" && swift build -c release --static-swift-stdlib --show-bin-path)
  [[ -x "$CCAS_BIN/ccas-intake" ]] || (cd "$root" && swift build -c release --static-swift-stdlib >&2)
fi
export PATH="$CCAS_BIN:$PATH"
export CCAS_OPERATOR=${CCAS_OPERATOR:-stress}
unset CCAS_DB CCAS_MODE
# A test runner may start us with SIGINT/SIGTERM blocked or ignored: restore them for the children.
trap - INT TERM

# stress_workdir NAME: sets $work to a fresh folder, removed at exit unless STRESS_KEEP is set
# (for a post-mortem). Background jobs still running at exit are killed by their ids.
stress_workdir() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/ccas-stress-$1.XXXXXX")
  trap 'stress_cleanup' EXIT
}
stress_pids=()
stress_cleanup() {
  local p
  for p in "${stress_pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -n "${STRESS_KEEP:-}" ]] && say "work folder kept: $work" || rm -rf "$work"
}

fail() { echo "$(basename "$0"): FAIL: $*" >&2; exit 1; }
say() { echo "$(basename "$0"): $*" >&2; }

# random_delay MAX: a random number of seconds in [0, MAX), 3 decimals.
random_delay() { python3 -c "import random,sys; print(f'{random.uniform(0, float(sys.argv[1])):.3f}')" "$1"; }

# integrity DB: PRAGMA integrity_check must say ok.
integrity() {
  local r; r=$(sqlite3 "$1" 'PRAGMA integrity_check')
  [[ "$r" == ok ]] || fail "integrity_check on $1: $r"
}
