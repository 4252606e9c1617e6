#!/usr/bin/env bash
# From cron: yesterday's HTML report, and exit 1 (cron mails the owner) when the response
# time's 90th percentile breaches the centre's target.
#   15 6 * * *  CCAS_DB=/var/lib/ccas/ccas.db /usr/local/share/ccas/daily-report.sh /var/www/ccas
set -euo pipefail
out=${1:?usage: daily-report.sh OUTDIR}
mkdir -p "$out"
ccas-track report --since 24h --format html >"$out/daily.html.tmp" && mv "$out/daily.html.tmp" "$out/daily.html"
ccas-track report --since 24h --format ndjson --fail-if "${CCAS_FAIL_IF:-response.p90>1200}" >"$out/daily.ndjson"
