#!/usr/bin/env bash
# A throwaway PostgreSQL server for truce's tests and benchmarks, from
# Debian's postgresql package (installed when missing). `start` prints the
# URL to give `--db` (and TRUCE_TEST_POSTGRES); `stop` stops it.
set -euo pipefail
dir="${TRUCE_PG_DIR:-${TMPDIR:-/tmp}/truce-pg}"
port="${TRUCE_PG_PORT:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq postgresql >/dev/null; else sudo apt-get install -y -qq postgresql >/dev/null; fi
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
# The server refuses to run as root: as root, run it as the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
case "${1:-start}" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres "$dir"
      as_owner "'$bin/initdb' -D '$dir/data' -A trust -U truce --locale=C -E UTF8 >/dev/null"
    fi
    if ! as_owner "'$bin/pg_ctl' -D '$dir/data' status >/dev/null 2>&1"; then
      as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1\" start >/dev/null"
    fi
    as_owner "'$bin/createdb' -h 127.0.0.1 -p $port -U truce truce 2>/dev/null || true"
    echo "postgres://truce@127.0.0.1:$port/truce"
    ;;
  stop)
    as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast stop >/dev/null 2>&1 || true"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
