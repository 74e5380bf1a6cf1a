#!/usr/bin/env bash
# API latency and throughput on a record of about a million events, with a
# load generator (wrk) in a second process on loopback.
#
# The record: a generated feed (`truce bench generate`: dated reports from
# six outlets naming parties and places) ingested by truce, whose coded
# events are then copied eight times onto later days (same codes, actors
# and places; new ids and dates) to reach a million rows. The queries are
# what the dashboard asks: the first page, a month, a party's attacks, a
# bounding box, a place, a deep page, the timeline of a year and the map.
#
# Usage: scripts/bench-api.sh [SECONDS_PER_RUN] (default 20); with
# BACKEND=postgres the record is a PostgreSQL database on the server of
# scripts/postgres.sh, filled by two `truce worker` processes. Installs wrk
# and sqlite3 from Debian when missing. Work files go to $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
for tool in wrk sqlite3; do
  command -v "$tool" >/dev/null || { apt-get install -y -qq "$tool" >/dev/null 2>&1 || sudo apt-get install -y -qq "$tool"; }
done
cargo build --release --quiet
truce="$PWD/target/release/truce"
work="$(mktemp -d)"
server=""
backend="${BACKEND:-sqlite}"
pg_db=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  [ -n "$pg_db" ] && psql "$pg_admin" -qc "DROP DATABASE IF EXISTS $pg_db" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$truce" bench generate --mb 10 > "$work/feed.jsonl"
if [ "$backend" = postgres ]; then
  pg_admin="$(bash scripts/postgres.sh start)"
  pg_db="truce_bench_$$"
  psql "$pg_admin" -qc "CREATE DATABASE $pg_db"
  record="${pg_admin%/*}/$pg_db"
  "$truce" enqueue "$work/feed.jsonl" --db "$record" 2>&1 | tail -1
  "$truce" worker --db "$record" 2>&1 | tail -1 &
  "$truce" worker --db "$record" 2>&1 | tail -1
  wait
  psql "$record" -q <<'SQL'
INSERT INTO events (id, doc, day, cameo, plover, modality, actors, place, country, lat, lon, review)
  SELECT e.id || '-c' || k, e.doc, to_char(e.day::date + k * 41, 'YYYY-MM-DD'), e.cameo, e.plover, e.modality,
         e.actors, e.place, e.country, e.lat, e.lon, e.review
  FROM events e, generate_series(1, 8) k;
INSERT INTO event_bodies (id, body)
  SELECT b.id || '-c' || k, jsonb_set(jsonb_set(b.body::jsonb, '{id}', to_jsonb(b.id || '-c' || k)),
         '{date}', to_jsonb(to_char(e.day::date + k * 41, 'YYYY-MM-DD')))::text
  FROM event_bodies b JOIN events e ON e.id = b.id, generate_series(1, 8) k;
INSERT INTO event_actors (code, event) SELECT a.code, a.event || '-c' || k FROM event_actors a, generate_series(1, 8) k;
ANALYZE;
SQL
  count="$(psql "$record" -Atc 'SELECT count(*) FROM events')"
else
record="$work/record.db"
"$truce" ingest "$work/feed.jsonl" --db "$record" 2>&1 | tail -1
# Eight copies of every event body onto later days.
sqlite3 "$record" "
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 8),
copies AS (SELECT e.*, b.body, k.n, e.id || '-c' || k.n AS new_id, date(e.day, '+' || (k.n * 41) || ' days') AS new_day
           FROM events e JOIN event_bodies b ON b.id = e.id, k)
INSERT INTO events (id, doc, day, cameo, plover, modality, actors, place, country, lat, lon, review)
  SELECT new_id, doc, new_day, cameo, plover, modality, actors, place, country, lat, lon, review FROM copies;
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 8)
INSERT INTO event_bodies (id, body)
  SELECT e.id || '-c' || k.n, json_set(b.body, '\$.id', e.id || '-c' || k.n, '\$.date', date(e.day, '+' || (k.n * 41) || ' days'))
  FROM events e JOIN event_bodies b ON b.id = e.id, k WHERE e.id NOT LIKE '%-c%';
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 8)
INSERT INTO event_actors (code, event)
  SELECT a.code, a.event || '-c' || k.n FROM event_actors a, k WHERE a.event NOT LIKE '%-c%';
ANALYZE;"
count="$(sqlite3 "$record" 'SELECT count(*) FROM events')"
fi
echo "events in the $backend record: $count"

echo "bench 0123456789abcdef0123" > "$work/tokens"
"$truce" serve --db "$record" --tokens "$work/tokens" --addr 127.0.0.1:0 2>"$work/serve.log" &
server=$!
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's|.* on \(http://[0-9.:]*\)/ .*|\1|p' "$work/serve.log")"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.log"; exit 1; }

queries=(
  "/api/events?limit=100"
  "/api/events?from=2021-03-01&to=2021-03-31&limit=100"
  "/api/events?actor=RUS&plover=ASSAULT&limit=100"
  "/api/events?bbox=44,12,46,17&limit=100"
  "/api/events?place=Kherson&limit=100"
  "/api/events?offset=200000&limit=100"
  "/api/timeline?from=2021-01-01&to=2021-12-31"
  "/api/places?limit=500"
)
run() { # name, lua or path
  wrk -t1 -c4 -d"${seconds}s" --latency "$@" 2>&1 | awk -v name="$name" '
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Requests\/sec/ {rps=$2}
    END {printf "%-58s p50 %8s  p99 %8s  %8s req/s\n", name, p50, p99, rps}'
}
for q in "${queries[@]}"; do
  curl -sf -o /dev/null "$url$q" || { echo "failed: $q"; exit 1; }
  name="$q" run "$url$q"
done
cat > "$work/mix.lua" <<LUA
local paths = {$(printf '"%s",' "${queries[@]}")}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
name="all of the above, in turn" run -s "$work/mix.lua" "$url"
