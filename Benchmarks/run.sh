#!/usr/bin/env bash
# The speed targets of ccas (issue 2), measured beside their peers on the same file in one run:
#   parse + re-emit (ccas-bench parse-emit)        ≥ 300,000 lines/s   vs  jq -c .
#   stored intake (ccas-intake --db, durable)      ≥ 30,000 calls/s    vs  sqlite-utils insert --nl (×1.5)
#                                                                      and sqlite-utils insert --nl --pk id (×3)
#   peak memory of the intake at N/10 and N calls (flat as the input grows)
# Prints a table and writes one NDJSON record per figure to out/bench/results.ndjson.
#   N=1000000 (calls), SCRATCH=.build (SwiftPM scratch path), OUT=out/bench
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
SCRATCH=${SCRATCH:-.build}
OUT=${OUT:-out/bench}
mkdir -p "$OUT"

# Peers and tools, from Debian and PyPI when missing.
need=()
command -v jq >/dev/null || need+=(jq)
[ -x /usr/bin/time ] || need+=(time)
if ((${#need[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v sqlite-utils >/dev/null || pip install -q sqlite-utils

echo "bench: building release (scratch $SCRATCH)…" >&2
swift build -c release --scratch-path "$SCRATCH" --product ccas-bench >&2
swift build -c release --scratch-path "$SCRATCH" --product ccas-intake >&2
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)

DATA="$OUT/calls.ndjson"
SMALL="$OUT/calls-small.ndjson"
echo "bench: generating $N calls…" >&2
"$BIN/ccas-bench" generate-calls "$N" > "$DATA"
head -n $((N / 10)) "$DATA" > "$SMALL"
lines=$(wc -l < "$DATA")

# run NAME CMD… : runs the command with its output to /dev/null; sets SECS and RSS_KB.
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" > /dev/null 2> "$OUT/$name.err" \
    || { echo "bench: $name failed:" >&2; tail -5 "$OUT/$name.err" >&2; exit 1; }
  read -r SECS RSS_KB < <(tail -1 "$OUT/$name.time")
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }'; }

RESULTS="$OUT/results.ndjson"
: > "$RESULTS"
printf '%-34s %14s %12s %-40s %8s\n' figure value target peer ratio
row() {  # figure value unit target peer_name peer_value min_ratio
  local ratio="" ok=true
  if [ -n "$6" ] && [ "$6" != 0 ]; then ratio=$(awk -v a="$2" -v b="$6" 'BEGIN { printf "%.2f", a / b }'); fi
  if [ -n "$4" ]; then
    case "$1" in *rss*) awk -v a="$2" -v t="$4" 'BEGIN { exit !(a <= t) }' || ok=false ;;
                 *) awk -v a="$2" -v t="$4" 'BEGIN { exit !(a >= t) }' || ok=false ;; esac
  fi
  if [ -n "$7" ] && [ -n "$ratio" ]; then awk -v r="$ratio" -v m="$7" 'BEGIN { exit !(r >= m) }' || ok=false; fi
  printf '%-34s %14s %12s %-40s %8s %s\n' "$1" "$2 $3" "${4:-}" "${5:+$5 = $6}" "${ratio:+${ratio}x}" "$($ok && echo ok || echo MISSED)"
  printf '{"figure":"%s","value":%s,"unit":"%s","target":%s,"peer":"%s","peer_value":%s,"ratio":%s,"min_ratio":%s,"ok":%s,"lines":%s}\n' \
    "$1" "$2" "$3" "${4:-null}" "$5" "${6:-null}" "${ratio:-null}" "${7:-null}" "$ok" "$lines" >> "$RESULTS"
}

# Parse + re-emit.
run parse_emit "$BIN/ccas-bench" parse-emit "$DATA"
pe=$("$BIN/ccas-bench" parse-emit "$DATA" | sed 's/.*"lines_per_s":\([0-9]*\).*/\1/')
run jq jq -c . "$DATA"
jq_rate=$(rate "$lines" "$SECS")
row parse_emit_lines_per_s "$pe" lines/s 300000 "jq -c ." "$jq_rate" ""

# Stored intake: calls, events and journal rows, WAL, synchronous FULL.
rm -f "$OUT"/intake.db*
run intake "$BIN/ccas-intake" -q --db "$OUT/intake.db" "$DATA"
intake_rate=$(rate "$lines" "$SECS"); intake_rss=$RSS_KB
rm -f "$OUT"/su.db* "$OUT"/su-pk.db*
run sqlite_utils sqlite-utils insert "$OUT/su.db" calls "$DATA" --nl
su_rate=$(rate "$lines" "$SECS")
run sqlite_utils_pk sqlite-utils insert "$OUT/su-pk.db" calls "$DATA" --nl --pk id
su_pk_rate=$(rate "$lines" "$SECS")
row stored_intake_calls_per_s "$intake_rate" calls/s 30000 "sqlite-utils insert --nl" "$su_rate" 1.5
row stored_intake_calls_per_s_vs_pk "$intake_rate" calls/s 30000 "sqlite-utils insert --nl --pk id" "$su_pk_rate" 3

# Peak memory: a tenth of the input, then all of it; flat means within 1.5× (and under 200 MB).
rm -f "$OUT"/intake-small.db*
run intake_small "$BIN/ccas-intake" -q --db "$OUT/intake-small.db" "$SMALL"
small_rss=$RSS_KB
row intake_peak_rss_kb_small "$small_rss" KB "" "" "" ""
row intake_peak_rss_kb "$intake_rss" KB 204800 "$((N / 10)) calls" "$small_rss" ""
awk -v a="$intake_rss" -v b="$small_rss" 'BEGIN { exit !(a <= 1.5 * b) }' \
  && echo "peak memory flat: $small_rss KB at $((N / 10)) calls, $intake_rss KB at $N" \
  || echo "peak memory GREW: $small_rss KB at $((N / 10)) calls, $intake_rss KB at $N"
run parse_emit_small "$BIN/ccas-bench" parse-emit "$SMALL"; pe_small_rss=$RSS_KB
run parse_emit_rss "$BIN/ccas-bench" parse-emit "$DATA"
row parse_emit_peak_rss_kb "$RSS_KB" KB 204800 "$((N / 10)) lines" "$pe_small_rss" ""
echo "results: $RESULTS" >&2
