#!/usr/bin/env bash
# Every test truce has: the Rust tests of the workspace, then the dashboard
# in headless Chromium (web/tests/run.sh installs Chromium and playwright-core
# when they are missing). TRUCE_SKIP_BROWSER=1 leaves the browser out.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
if [ "${TRUCE_SKIP_BROWSER:-0}" != 1 ]; then
  bash web/tests/run.sh
fi
