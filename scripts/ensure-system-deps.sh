#!/usr/bin/env bash
# Before the tests: build the CLI and the add-in bundles they run, and install what the tests drive:
# LibreOffice Calc (interop tests open our files in it) and Debian's Chromium (the task pane's
# end-to-end test runs in it). On a fresh Debian machine, as root, these are installed with apt-get
# instead of skipping tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
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

npm run --silent build:cli
# The end-to-end test loads the production bundles from dist/web.
npm run --silent build >/dev/null
