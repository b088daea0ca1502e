#!/usr/bin/env bash
# Before the tests: build the CLI and the add-in bundles they run, and install what the tests drive:
# LibreOffice Calc (interop tests open our files in it), poppler's pdfinfo/pdftotext and the fonts the
# print test measures with (Carlito: Calibri's metrics, which Excel's column widths are counted in; a
# CJK font for the forms' text), Debian's Chromium (the task pane's end-to-end test runs in it) and
# PostgreSQL (the endpoint's tests). On a fresh Debian machine, as root, these are installed with
# apt-get instead of skipping tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi carlito || need+=(fonts-crosextra-carlito)
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || need+=(fonts-wqy-zenhei)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${need[*]} for the tests (apt-get)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "The tests need: ${need[*]}. Install them: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi

# The endpoint's tests run against a real PostgreSQL on loopback as well as SQLite.
bash scripts/ensure-postgres.sh
npm run --silent build:cli
# The end-to-end test loads the production bundles from dist/web.
npm run --silent build >/dev/null
