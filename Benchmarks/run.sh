#!/usr/bin/env bash
# make bench: every speed target of ccas, each beside a peer measured in the same run.
#
#   Benchmarks/run.sh [SECTION…]      sections: parse intake recommend classify notify track doctor
#                                     (default: all of them, in that order)
#   N=1000000        calls in the generated file (parse, intake)
#   SCRATCH=.build   SwiftPM scratch path of the release build
#   OUT=out/bench    where the data, the timings and results.ndjson go
#
# Prints one table (figure, value, target, peer = its value, ratio, verdict) and writes one NDJSON
# record per figure to $OUT/results.ndjson, with the machine, so two runs can be compared
# (`jq -s 'group_by(.figure)' old.ndjson new.ndjson`). Peers: jq, sqlite-utils, the sqlite3 shell
# (`.import` and a single durable insert), Python's json — installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
SCRATCH=${SCRATCH:-.build}
OUT=${OUT:-out/bench}
SECTIONS=${*:-parse intake recommend classify notify track doctor}
mkdir -p "$OUT"

# --- Peers and tools -------------------------------------------------------------------------------
need=()
command -v jq >/dev/null || need+=(jq)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
dpkg -s libcurl4-openssl-dev >/dev/null 2>&1 || need+=(libcurl4-openssl-dev)  # static release link (URLSession)
if ((${#need[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v sqlite-utils >/dev/null || pip install -q sqlite-utils

echo "bench: building release (scratch $SCRATCH)…" >&2
# Linked as `make release` links them (Swift runtime and Foundation static): start-up is measured as shipped.
swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" >&2
BIN=$(swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --show-bin-path)

# --- The machine, recorded with every figure ---------------------------------------------------------
CPU_MODEL=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || uname -p)
MACHINE="$(uname -m), $(nproc) cores, ${CPU_MODEL:-unknown CPU}, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "bench: $MACHINE; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

RESULTS="$OUT/results.ndjson"
: > "$RESULTS"
printf '%-36s %16s %14s  %-42s %9s %s\n' figure value target peer ratio verdict

# run NAME CMD…: runs the command, output to /dev/null; sets SECS (wall), CPU (user+sys) and RSS_KB.
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/$name.time" "$@" > /dev/null 2> "$OUT/$name.err" \
    || { echo "bench: $name failed:" >&2; tail -5 "$OUT/$name.err" >&2; exit 1; }
  local u s
  read -r SECS u s RSS_KB < <(tail -1 "$OUT/$name.time")
  CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }'; }
# mean_ms CMD…: mean wall time of a whole command over repeated runs (hyperfine, no shell).
mean_ms() {
  local command="" a
  for a in "$@"; do command+="'${a//\'/\'\\\'\'}' "; done  # single-quoted words: hyperfine -N splits like a shell
  hyperfine -N --warmup 3 --runs "${RUNS:-30}" ${IGNORE_FAILURE:+--ignore-failure} --export-json "$OUT/hf.json" "$command" > /dev/null 2>&1 \
    || { echo "bench: hyperfine failed on: $command" >&2; exit 1; }
  jq '.results[0].mean * 1000 | . * 100 | round / 100' "$OUT/hf.json"
}

# row FIGURE VALUE UNIT BETTER TARGET PEER PEER_VALUE RATIO_TARGET
#   BETTER is "higher" or "lower". The ratio is VALUE / PEER_VALUE for "higher" figures and
#   PEER_VALUE / VALUE for "lower" ones, so a ratio above 1 always means ccas is ahead; RATIO_TARGET
#   is the least ratio the target asks for (1.5 for "1.5× the peer", 0.67 for "within 1.5× of it").
row() {
  local figure=$1 value=$2 unit=$3 better=$4 target=${5:-} peer=${6:-} peer_value=${7:-} ratio_target=${8:-}
  local ratio="" ok=true
  if [ -n "$peer_value" ] && [ "$peer_value" != 0 ]; then
    if [ "$better" = higher ]; then ratio=$(awk -v a="$value" -v b="$peer_value" 'BEGIN { printf "%.2f", a / b }')
    else ratio=$(awk -v a="$value" -v b="$peer_value" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }'); fi
  fi
  if [ -n "$target" ]; then
    if [ "$better" = higher ]; then awk -v a="$value" -v t="$target" 'BEGIN { exit !(a >= t) }' || ok=false
    else awk -v a="$value" -v t="$target" 'BEGIN { exit !(a <= t) }' || ok=false; fi
  fi
  if [ -n "$ratio_target" ] && [ -n "$ratio" ]; then
    awk -v r="$ratio" -v m="$ratio_target" 'BEGIN { exit !(r >= m) }' || ok=false
  fi
  local verdict=ok
  $ok || verdict=MISSED
  [ -z "$target$ratio_target" ] && verdict=-
  local shown_target=""
  [ -n "$target" ] && shown_target="$([ "$better" = higher ] && echo '≥' || echo '≤') $target"
  printf '%-36s %16s %14s  %-42s %9s %s\n' "$figure" "$value $unit" "$shown_target" \
    "${peer:+$peer = $peer_value}" "${ratio:+${ratio}×}" "$verdict"
  jq -cn --arg figure "$figure" --argjson value "$value" --arg unit "$unit" --arg better "$better" \
    --arg target "$target" --arg peer "$peer" --arg peer_value "$peer_value" --arg ratio "$ratio" \
    --arg ratio_target "$ratio_target" --arg verdict "$verdict" --arg machine "$MACHINE" \
    --arg at "$STARTED" --arg load "$(cut -d' ' -f1 /proc/loadavg)" \
    '{figure: $figure, value: $value, unit: $unit, better: $better,
      target: ($target | if . == "" then null else tonumber end),
      peer: ($peer | if . == "" then null else . end),
      peer_value: ($peer_value | if . == "" then null else tonumber end),
      ratio: ($ratio | if . == "" then null else tonumber end),
      ratio_target: ($ratio_target | if . == "" then null else tonumber end),
      verdict: $verdict, machine: $machine, at: $at, load: ($load | tonumber)}' >> "$RESULTS"
}

DATA="$OUT/calls.ndjson"
SMALL="$OUT/calls-small.ndjson"
generate() {
  [ -s "$DATA" ] && [ "$(wc -l < "$DATA")" -eq "$N" ] && return
  echo "bench: generating $N calls…" >&2
  "$BIN/ccas-bench" generate-calls "$N" > "$DATA"
  head -n $((N / 10)) "$DATA" > "$SMALL"
}

# --- Issue 2: parse + re-emit, stored intake, flat memory -----------------------------------------
section_parse() {
  generate
  run parse_emit "$BIN/ccas-bench" parse-emit "$DATA"
  local pe; pe=$(jq '.lines_per_s' < <("$BIN/ccas-bench" parse-emit "$DATA"))
  run jq jq -c . "$DATA"; local jq_rate; jq_rate=$(rate "$N" "$SECS")
  run python_json python3 -c 'import sys, json
w = sys.stdout.write
for line in sys.stdin: w(json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")) + "\n")' < "$DATA"
  local py_rate; py_rate=$(rate "$N" "$SECS")
  row parse_emit_lines_per_s "$pe" lines/s higher 300000 "jq -c ." "$jq_rate"
  row parse_emit_vs_python_json "$pe" lines/s higher "" "python3 json" "$py_rate"
  run parse_emit_small "$BIN/ccas-bench" parse-emit "$SMALL"; local small_rss=$RSS_KB
  run parse_emit_rss "$BIN/ccas-bench" parse-emit "$DATA"
  row parse_emit_peak_rss_kb "$RSS_KB" KB lower 204800 "same, $((N / 10)) lines" "$small_rss" 0.67
}

section_intake() {
  generate
  rm -f "$OUT"/intake.db*
  run intake "$BIN/ccas-intake" -q --db "$OUT/intake.db" "$DATA"
  local intake_rate intake_rss=$RSS_KB; intake_rate=$(rate "$N" "$SECS")
  rm -f "$OUT"/su.db* "$OUT"/su-pk.db* "$OUT"/import.db*
  run sqlite_utils sqlite-utils insert "$OUT/su.db" calls "$DATA" --nl
  local su_rate; su_rate=$(rate "$N" "$SECS")
  run sqlite_utils_pk sqlite-utils insert "$OUT/su-pk.db" calls "$DATA" --nl --pk id
  local su_pk_rate; su_pk_rate=$(rate "$N" "$SECS")
  # The sqlite3 shell's .import of the same calls as CSV (one table, no journal, no event): the floor.
  jq -r '[.id, .received_at, .channel, .caller.phone, .location.address, .location.lat, .location.lon, .text] | @csv' \
    "$DATA" > "$OUT/calls.csv"
  run sqlite3_import sqlite3 "$OUT/import.db" \
    "CREATE TABLE calls(id TEXT PRIMARY KEY, received_at, channel, phone, address, lat, lon, text)" \
    ".import --csv $OUT/calls.csv calls"
  local import_rate; import_rate=$(rate "$N" "$SECS")
  row stored_intake_calls_per_s "$intake_rate" calls/s higher 30000 "sqlite-utils insert --nl" "$su_rate" 1.5
  row stored_intake_vs_pk "$intake_rate" calls/s higher 30000 "sqlite-utils insert --nl --pk id" "$su_pk_rate" 3
  row stored_intake_vs_sqlite3_import "$intake_rate" calls/s higher "" "sqlite3 .import (one table)" "$import_rate"
  rm -f "$OUT"/intake-small.db*
  run intake_small "$BIN/ccas-intake" -q --db "$OUT/intake-small.db" "$SMALL"
  row intake_peak_rss_kb "$intake_rss" KB lower 204800 "same, $((N / 10)) calls" "$RSS_KB" 0.67
}

# --- Issue 4: one recommendation among 10,000 units ----------------------------------------------
section_recommend() {
  local line; line=$("$BIN/ccas-bench" recommend 10000 10000)
  echo "  $line" >&2
  row recommend_p50_us "$(sed 's/.*p50 \([0-9.]*\) µs.*/\1/' <<< "$line")" µs lower ""
  row recommend_p99_us "$(sed 's/.*p99 \([0-9.]*\) µs.*/\1/' <<< "$line")" µs lower 1000
}

# --- Issue 3: classifications a second on one core, and start-up ----------------------------------
section_classify() {
  local corpus=../shared/corpus/dev-calls.ndjson big="$OUT/corpus-1m.ndjson"
  if [ ! -s "$big" ]; then
    awk -v n=1000000 '{ line[NR] = $0 } END { for (i = 0; i < n; i++) print line[i % NR + 1] }' "$corpus" > "$big"
  fi
  run classify taskset -c 0 "$BIN/ccas-classify" --no-store -q "$big"
  local cls_rate; cls_rate=$(rate 1000000 "$SECS")
  run jq_regex taskset -c 0 jq -c 'select(.text | test("ne respire|not breathing|feu|fire"; "i"))' "$big"
  local jq_rate; jq_rate=$(rate 1000000 "$SECS")
  row classify_per_s_one_core "$cls_rate" records/s higher 100000 "jq one regex -i, one core" "$jq_rate"
  local startup; startup=$(mean_ms "$BIN/ccas-classify" --no-store --text "mon père ne respire plus")
  local floor; floor=$(mean_ms "$BIN/ccas-bench" noop)
  row classify_text_startup_ms "$startup" ms lower 20 "empty Swift program" "$floor"
}

# --- Issue 6: deciding and queueing notifications -------------------------------------------------
section_notify() {
  # Two lines: the engine in process, then the ccas-notify program on a file into a new store.
  local out; out=$("$BIN/ccas-bench" notify 10000)
  echo "$out" | sed 's/^/  /' >&2
  local engine process
  engine=$(jq -s '.[] | select(.bench == "notify_engine") | .notifications_per_s' <<< "$out")
  process=$(jq -s '.[] | select(.bench == "notify_process") | .notifications_per_s' <<< "$out")
  row notify_queued_per_s_program "$process" notifications/s higher 10000
  row notify_decided_per_s_engine "$engine" notifications/s higher 
}

# --- Issue 5: status end to end, report over 1M events, journal --follow ---------------------------
section_track() {
  local line
  line=$("$BIN/ccas-bench" track-status 30); echo "  $line" >&2
  row track_status_end_to_end_ms "$(jq .ccas_track_ms_median <<< "$line")" ms lower "" \
    "sqlite3, one durable insert (WAL)" "$(jq .sqlite3_ms_median <<< "$line")" 0.67
  line=$("$BIN/ccas-bench" track-follow 200); echo "  $line" >&2
  row journal_follow_p99_ms "$(jq .p99_ms <<< "$line")" ms lower 100
  # The 1,000,000-event store is kept between runs ($OUT/report.db): building it takes a while.
  line=$("$BIN/ccas-bench" track-report "${REPORT_EVENTS:-1000000}" "$OUT/report.db"); echo "  $line" >&2
  row report_1m_events_s "$(jq .wall_s_median <<< "$line")" s lower 3
}

# --- Issue 7: doctor for cron every minute ---------------------------------------------------------
section_doctor() {
  generate
  if [ ! -s "$OUT/intake-small.db" ]; then "$BIN/ccas-intake" -q --db "$OUT/intake-small.db" "$SMALL" > /dev/null; fi
  local calls; calls=$(sqlite3 "$OUT/intake-small.db" 'SELECT count(*) FROM call')
  # Checks may fail on generated data (events open for long): the time is what is measured here.
  local doctor; doctor=$(IGNORE_FAILURE=1 mean_ms "$BIN/ccas" doctor -q --db "$OUT/intake-small.db")
  local check; check=$(mean_ms sqlite3 "$OUT/intake-small.db" "PRAGMA quick_check")
  row doctor_ms_store_of_${calls}_calls "$doctor" ms lower 100 "sqlite3 PRAGMA quick_check" "$check"
}

for s in $SECTIONS; do
  echo "bench: $s" >&2
  "section_$s"
done
echo "results: $RESULTS ($MACHINE)" >&2
