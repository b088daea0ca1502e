#!/usr/bin/env bash
# A PostgreSQL server on loopback for the endpoint's tests: Debian's package, its default cluster, a
# `jixiao` role that may create databases (each test suite makes and drops its own). Prints nothing
# on success; the tests connect to $JIXIAO_TEST_PG_URL (default below).
# Skipped when JIXIAO_TEST_PG_URL points elsewhere: then that server is used as it is.
set -euo pipefail
if [ -n "${JIXIAO_TEST_PG_URL:-}" ]; then exit 0; fi
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing PostgreSQL for the endpoint tests (apt-get)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  else
    echo "The endpoint tests need PostgreSQL: sudo apt-get install postgresql (or set JIXIAO_TEST_PG_URL)" >&2
    exit 1
  fi
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  pg_ctlcluster "$version" main start
fi
as_postgres() { if [ "$(id -u)" = "0" ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
for _ in $(seq 1 30); do
  as_postgres "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
as_postgres "psql -qtAc \"select 1 from pg_roles where rolname='jixiao'\"" | grep -q 1 ||
  as_postgres "psql -qc \"create role jixiao login createdb password 'jixiao'\"" >/dev/null
