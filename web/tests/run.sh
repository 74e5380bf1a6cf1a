#!/usr/bin/env bash
# Browser tests of the dashboard: installs what they need when it is missing
# (Debian's chromium, playwright-core from npm), serves the demo corpus with
# a fresh record, and drives it in headless Chromium.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi
(cd "$here" && npm ci --no-audit --no-fund --silent)

cargo build --quiet
truce="$root/target/debug/truce"
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

demo="$root/examples/demo"
"$truce" agreement add "$demo"/agreement.toml "$demo"/renewal-2022-06.toml "$demo"/renewal-2022-08.toml --db "$work/demo.db" >/dev/null
"$truce" ingest "$demo/reports.jsonl" --db "$work/demo.db" --outlets "$demo/outlets.toml" --as-of 2022-10-05 2>/dev/null
token="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "analyst $token" > "$work/tokens"
"$truce" serve --db "$work/demo.db" --tokens "$work/tokens" --outlets "$demo/outlets.toml" --addr 127.0.0.1:0 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 100); do
  url="$(sed -n 's|.* on \(http://[0-9.:]*\)/ .*|\1|p' "$work/serve.log")"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.log"; echo "truce serve did not start" >&2; exit 1; }
TRUCE_URL="$url" TRUCE_TOKEN="$token" node --test "$here/dashboard.test.mjs"
