#!/usr/bin/env bash
# Installs what the tests and examples call, when it is missing (Debian packages and PyPI).
set -euo pipefail
need=()
command -v jq >/dev/null || need+=(jq)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v man >/dev/null || need+=(man-db)
command -v chromium >/dev/null || need+=(chromium)  # the HTML report's headless screenshot (ccas-track)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || need+=(libsqlite3-dev)
# Release programs link Foundation statically; its URLSession (ccas-notify) then links libcurl.
dpkg -s libcurl4-openssl-dev >/dev/null 2>&1 || need+=(libcurl4-openssl-dev)
if ((${#need[@]})); then
  echo "install-deps: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -c 'import jsonschema' 2>/dev/null || pip install -q jsonschema
python3 -c 'import yaml' 2>/dev/null || pip install -q pyyaml  # ccas-track export tests: the EIDO OpenAPI
