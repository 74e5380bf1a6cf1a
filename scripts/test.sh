#!/usr/bin/env bash
# Every test truce has: the Rust tests of the workspace — with a throwaway
# PostgreSQL server started by scripts/postgres.sh, so that the record and
# the workers are tested on PostgreSQL as on SQLite — then the dashboard in
# headless Chromium (web/tests/run.sh installs Chromium and playwright-core
# when they are missing). TRUCE_SKIP_POSTGRES=1 and TRUCE_SKIP_BROWSER=1
# leave those parts out.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${TRUCE_SKIP_POSTGRES:-0}" != 1 ]; then
  TRUCE_TEST_POSTGRES="$(bash scripts/postgres.sh start)"
  export TRUCE_TEST_POSTGRES
  echo "PostgreSQL for the tests: $TRUCE_TEST_POSTGRES"
fi
cargo test --workspace
if [ "${TRUCE_SKIP_BROWSER:-0}" != 1 ]; then
  bash web/tests/run.sh
fi
