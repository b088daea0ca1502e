#!/usr/bin/env bash
# Before the tests: build the CLI they run, and install the office suite the interop tests open files with.
# On a fresh Debian machine this installs LibreOffice Calc with apt-get instead of skipping those tests.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build:cli
if ! command -v soffice >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing LibreOffice Calc for the interop tests (apt-get)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq libreoffice-calc-nogui >/dev/null
  else
    echo "The interop tests need LibreOffice (soffice). Install it: sudo apt-get install libreoffice-calc-nogui" >&2
    exit 1
  fi
fi
