#!/usr/bin/env bash
# Reproduces the dashboard's vendored files from the npm registry: the map
# projection (d3-geo, with d3-array), TopoJSON decoding (topojson-client),
# and Natural Earth's country outlines at 1:50m (world-atlas, public domain
# data). They are kept in the repository so the dashboard works offline and
# the build needs no network; this script checks them against SHA256SUMS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for p in d3-array@3.2.5 d3-geo@3.1.2 topojson-client@3.1.0 world-atlas@2.0.2; do
  npm pack --silent "$p" >/dev/null
done
for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
cp d3-array-3.2.5/package/dist/d3-array.min.js d3-geo-3.1.2/package/dist/d3-geo.min.js \
   topojson-client-3.1.0/package/dist/topojson-client.min.js world-atlas-2.0.2/package/countries-50m.json "$here/"
for p in d3-array d3-geo topojson-client world-atlas; do
  cp "$(ls -d "$p"-*/package)/LICENSE" "$here/LICENSE.$p"
done
cd "$here" && sha256sum -c SHA256SUMS
