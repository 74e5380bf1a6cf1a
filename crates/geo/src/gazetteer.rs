//! The gazetteer: places with coordinates, found by any of their names.
//!
//! The file (`data/geo/gazetteer.lz4`, written by `data/geo/build.sh`) is
//! an LZ4 frame around plain UTF-8 text in two sections:
//!
//! ```text
//! #places
//! geonameid  name  feature  cc  admin1  lat  lon  population  code
//! #names
//! key  index,index,…
//! #adjectives
//! key  index
//! #abbreviations
//! Ky.  index
//! ```
//!
//! Place lines are tab-separated; `geonameid` is empty for places GeoNames
//! does not have (first-level divisions built from their towns, regions
//! written for truce); `code` is a country's ISO 3166-1 alpha-3 code. Name
//! lines map a normalized name ([`name_key`]) to the indexes of the places
//! that bear it, and are sorted by key, so loading is a split into lines and
//! a lookup is a binary search: nothing is hashed or sorted at start-up.

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// What kind of place an entry is; it sets an event's location precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feature {
    /// A continent (`CONT`).
    Continent,
    /// An independent state or territory (`PCLI`).
    Country,
    /// A first-level administrative division (`ADM1`).
    Admin1,
    /// A second-level administrative division (`ADM2`): a US county, an
    /// English district, an Indian district.
    Admin2,
    /// A region, disputed territory or feature that is not a division
    /// (`RGN`): the Gaza Strip, the Donbas, the Lachin corridor.
    Region,
    /// A populated place (`PPL`).
    City,
    /// A country's capital (`PPLC`).
    Capital,
}

impl Feature {
    /// The GeoNames feature code the file uses.
    pub fn code(self) -> &'static str {
        match self {
            Feature::Continent => "CONT",
            Feature::Country => "PCLI",
            Feature::Admin1 => "ADM1",
            Feature::Admin2 => "ADM2",
            Feature::Region => "RGN",
            Feature::City => "PPL",
            Feature::Capital => "PPLC",
        }
    }

    /// Reads a feature code.
    pub fn from_code(code: &str) -> Option<Feature> {
        Some(match code {
            "CONT" => Feature::Continent,
            "PCLI" => Feature::Country,
            "ADM1" => Feature::Admin1,
            "ADM2" => Feature::Admin2,
            "RGN" => Feature::Region,
            "PPL" => Feature::City,
            "PPLC" => Feature::Capital,
            _ => return None,
        })
    }

    /// The precision of a location at this place, in the terms ACLED and
    /// UCDP use: a town is a point, a division or region a region.
    pub fn precision(self) -> &'static str {
        match self {
            Feature::Continent | Feature::Country => "country",
            Feature::Admin1 | Feature::Region => "region",
            Feature::Admin2 => "district",
            Feature::City | Feature::Capital => "point",
        }
    }

    /// True for areas (countries, divisions, regions) rather than points.
    pub fn is_area(self) -> bool {
        !matches!(self, Feature::City | Feature::Capital)
    }
}

/// One place, read from its line of the gazetteer when asked for (loading
/// only records where each line is, which keeps start-up fast).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place<'a> {
    /// GeoNames id, when GeoNames has the place.
    pub geonameid: Option<u64>,
    /// Its name.
    pub name: &'a str,
    /// What kind of place it is.
    pub feature: Feature,
    /// ISO 3166-1 alpha-2 code of its country (empty for continents).
    pub country: &'a str,
    /// GeoNames first-level division code within the country.
    pub admin1: &'a str,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Population (0 when unknown).
    pub population: u64,
    /// A country's ISO 3166-1 alpha-3 code (empty for other places).
    pub code: &'a str,
}

/// Why a gazetteer could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// The file could not be read.
    #[error("cannot read the gazetteer {path}: {reason}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// The LZ4 frame is damaged or the text is not UTF-8.
    #[error("the gazetteer {source_name} is not a valid LZ4-compressed text: {reason}")]
    Encoding {
        /// Where it came from.
        source_name: String,
        /// What went wrong.
        reason: String,
    },
    /// A line does not have the expected fields.
    #[error("the gazetteer {source_name}, line {line}: {reason}")]
    Line {
        /// Where it came from.
        source_name: String,
        /// 1-based line number in the decompressed text.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
}

/// The places and the sorted name index.
pub struct Gazetteer {
    /// Each place's line, as a byte range of `text`.
    places: Vec<Range<u32>>,
    /// The decompressed text; `names` point into it.
    text: String,
    /// (key, indexes) ranges into `text`, sorted by key.
    names: Vec<(Range<u32>, Range<u32>)>,
    /// Where the keys of each two-byte prefix begin in `names` (65,537
    /// entries): a lookup searches a dozen keys, not 800,000.
    buckets: Vec<u32>,
    /// Countries by ISO alpha-2 and alpha-3 code (upper case).
    countries: foldhash::HashMap<String, usize>,
    /// First-level divisions by (country alpha-2, division code).
    divisions: foldhash::HashMap<(String, String), usize>,
    /// A country's adjectives and demonyms (`turkish`, `americans`).
    adjectives: foldhash::HashMap<String, usize>,
    /// Divisions' abbreviations as written (`Ky.`, `B.C.`, `NSW`).
    abbreviations: foldhash::HashMap<String, usize>,
}

/// The gazetteer built into the binary (GeoNames data, CC BY 4.0), as
/// stored: an LZ4 frame.
pub const EMBEDDED: &[u8] = include_bytes!("../../../data/geo/gazetteer.lz4");

impl Gazetteer {
    /// The gazetteer built into the binary, loaded once per process.
    pub fn embedded() -> Result<&'static Gazetteer, &'static GazetteerError> {
        static LOADED: std::sync::OnceLock<Result<Gazetteer, GazetteerError>> = std::sync::OnceLock::new();
        // Not checked line by line: a test reads every line of this file.
        LOADED
            .get_or_init(|| {
                Gazetteer::decompress(EMBEDDED, "(built in)").and_then(|t| Gazetteer::read(t, "(built in)"))
            })
            .as_ref()
    }

    /// Reads a gazetteer file written by the build script.
    pub fn from_file(path: &std::path::Path) -> Result<Gazetteer, GazetteerError> {
        let bytes = std::fs::read(path)
            .map_err(|e| GazetteerError::Io { path: path.display().to_string(), reason: e.to_string() })?;
        Gazetteer::from_lz4(&bytes, &path.display().to_string())
    }

    /// Decompresses and reads a gazetteer, checking every line.
    pub fn from_lz4(bytes: &[u8], source_name: &str) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_text(Gazetteer::decompress(bytes, source_name)?, source_name)
    }

    fn decompress(bytes: &[u8], source_name: &str) -> Result<String, GazetteerError> {
        use std::io::Read;
        let encoding = |reason: String| GazetteerError::Encoding { source_name: source_name.into(), reason };
        let mut raw = Vec::with_capacity(bytes.len() * 3);
        lz4_flex::frame::FrameDecoder::new(bytes).read_to_end(&mut raw).map_err(|e| encoding(e.to_string()))?;
        String::from_utf8(raw).map_err(|e| encoding(e.to_string()))
    }

    /// Reads the decompressed text, checking every line: a file from
    /// outside is refused now, with the line, rather than giving wrong
    /// places later.
    pub fn from_text(text: String, source_name: &str) -> Result<Gazetteer, GazetteerError> {
        let gazetteer = Gazetteer::read(text, source_name)?;
        let bad = |line: usize, reason: String| GazetteerError::Line { source_name: source_name.into(), line, reason };
        for (i, pair) in gazetteer.names.windows(2).enumerate() {
            if gazetteer.key(&pair[0]) >= gazetteer.key(&pair[1]) {
                return Err(bad(0, format!("name keys are not sorted at name {}", i + 1)));
            }
        }
        for (i, range) in gazetteer.places.iter().enumerate() {
            let line = &gazetteer.text[range.start as usize..range.end as usize];
            parse_place(line).map_err(|reason| bad(0, format!("place {} ({line:?}): {reason}", i + 1)))?;
        }
        for entry in &gazetteer.names {
            let ids = &gazetteer.text[entry.1.start as usize..entry.1.end as usize];
            if ids.split(',').any(|id| id.parse::<usize>().map_or(true, |id| id >= gazetteer.places.len())) {
                return Err(bad(0, format!("name {:?} points to a place that does not exist", gazetteer.key(entry))));
            }
        }
        Ok(gazetteer)
    }

    /// Reads the structure: where each place line is, the name index, the
    /// small sections.
    fn read(text: String, source_name: &str) -> Result<Gazetteer, GazetteerError> {
        let bad = |line: usize, reason: &str| GazetteerError::Line {
            source_name: source_name.into(),
            line,
            reason: reason.into(),
        };
        if text.len() > u32::MAX as usize {
            return Err(bad(0, "the text is larger than 4 GB"));
        }
        // The places and the names are read side by side on two threads:
        // together they are most of the start-up time.
        let split = text.find("\n#names\n").map_or(text.len(), |at| at + 1);
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| Lines::read(&text, split, text.len()));
            let first = Lines::read(&text, 0, split);
            (first, second.join().unwrap_or(Err((0, "the reader stopped"))))
        });
        let first = first.map_err(|(line, reason)| bad(line, reason))?;
        // The second part's lines count on from the first's.
        let second = second.map_err(|(line, reason)| bad(first.lines + line, reason))?;
        if !second.places.is_empty() {
            return Err(bad(0, "place lines after the #names section"));
        }
        let Lines { places, countries, divisions, mut names, mut adjectives, mut abbreviations, .. } = first;
        names.extend(second.names);
        adjectives.extend(second.adjectives);
        abbreviations.extend(second.abbreviations);
        if adjectives.values().chain(abbreviations.values()).any(|&at| at >= places.len()) {
            return Err(bad(0, "an adjective or abbreviation points to a place that does not exist"));
        }
        let mut buckets = vec![0u32; BUCKETS + 1];
        let mut next = 0usize;
        for (i, entry) in names.iter().enumerate() {
            let prefix = prefix(&text[entry.0.start as usize..entry.0.end as usize]);
            // Keys out of order (a damaged file, refused by the checks)
            // must not make the table go backwards.
            while next <= prefix {
                buckets[next] = i as u32;
                next += 1;
            }
        }
        for bucket in buckets.iter_mut().skip(next) {
            *bucket = names.len() as u32;
        }
        Ok(Gazetteer { places, text, names, buckets, countries, divisions, adjectives, abbreviations })
    }

    fn key(&self, entry: &(Range<u32>, Range<u32>)) -> &str {
        &self.text[entry.0.start as usize..entry.0.end as usize]
    }

    /// How many places there are (indexes run from 0 to this).
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True for a gazetteer without places.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// All places, in file order.
    pub fn places(&self) -> impl Iterator<Item = Place<'_>> {
        (0..self.places.len()).map(|i| self.place(i))
    }

    /// The place at `index`. A line that cannot be read (only in a damaged
    /// file, which `from_file` refuses) reads as a nameless point at 0,0
    /// rather than a panic.
    pub fn place(&self, index: usize) -> Place<'_> {
        let line = self.places.get(index).map_or("", |r| &self.text[r.start as usize..r.end as usize]);
        parse_place(line).unwrap_or(Place {
            geonameid: None,
            name: "",
            feature: Feature::City,
            country: "",
            admin1: "",
            lat: 0.0,
            lon: 0.0,
            population: 0,
            code: "",
        })
    }

    /// How many distinct name keys the index holds.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The indexes of the places called `name` (any spelling the
    /// gazetteer knows, case and diacritics ignored).
    pub fn lookup(&self, name: &str) -> Vec<usize> {
        self.lookup_key(&name_key(name))
    }

    /// Like [`Gazetteer::lookup`] for a key already normalized.
    pub fn lookup_key(&self, key: &str) -> Vec<usize> {
        let p = prefix(key);
        let (from, to) = (self.buckets[p] as usize, self.buckets[p + 1] as usize);
        let bucket = self.names.get(from..to.max(from)).unwrap_or_default();
        match bucket.binary_search_by(|entry| self.key(entry).cmp(key)) {
            Ok(at) => {
                let ids = &bucket[at].1;
                self.text[ids.start as usize..ids.end as usize]
                    .split(',')
                    .filter_map(|id| id.parse().ok())
                    .filter(|&id| id < self.places.len())
                    .collect()
            }
            Err(_) => Vec::new(),
        }
    }

    /// True when some key starts with `prefix` followed by a space: a longer
    /// name may still match if more words are read.
    pub fn has_longer(&self, prefix: &str) -> bool {
        // A longer key shares the first two bytes when the prefix has them.
        let names = if prefix.len() >= 2 {
            let p = self::prefix(prefix);
            let (from, to) = (self.buckets[p] as usize, self.buckets[p + 1] as usize);
            self.names.get(from..to.max(from)).unwrap_or_default()
        } else {
            &self.names[..]
        };
        let at = names.partition_point(|entry| self.key(entry) <= prefix);
        names.get(at).is_some_and(|entry| {
            let key = self.key(entry);
            key.len() > prefix.len() && key.starts_with(prefix) && key.as_bytes()[prefix.len()] == b' '
        })
    }

    /// The country entry with this ISO 3166-1 alpha-2 or alpha-3 code.
    pub fn country(&self, code: &str) -> Option<usize> {
        self.countries.get(&code.to_ascii_uppercase()).copied()
    }

    /// The country an adjective or demonym is of (`Turkish`, `Iraqis`).
    pub fn adjective(&self, name: &str) -> Option<usize> {
        self.adjectives.get(&name_key(name)).copied()
    }

    /// The division an abbreviation stands for, matched as written
    /// (`Ky.`, `B.C.`).
    pub fn abbreviation(&self, written: &str) -> Option<usize> {
        self.abbreviations.get(written).copied()
    }

    /// The first-level division a town lies in.
    pub fn division_of(&self, place: &Place) -> Option<usize> {
        self.divisions.get(&(place.country.to_owned(), place.admin1.to_owned())).copied()
    }
}

const BUCKETS: usize = 1 << 16;

/// A key's first two bytes (0 for a missing byte), in the keys' sort
/// order.
fn prefix(key: &str) -> usize {
    let b = key.as_bytes();
    (usize::from(b.first().copied().unwrap_or(0)) << 8) | usize::from(b.get(1).copied().unwrap_or(0))
}

/// What one stretch of the gazetteer's lines holds (see `Gazetteer::read`).
#[derive(Default)]
struct Lines {
    places: Vec<Range<u32>>,
    names: Vec<(Range<u32>, Range<u32>)>,
    countries: foldhash::HashMap<String, usize>,
    divisions: foldhash::HashMap<(String, String), usize>,
    adjectives: foldhash::HashMap<String, usize>,
    abbreviations: foldhash::HashMap<String, usize>,
    /// How many lines the stretch has.
    lines: usize,
}

impl Lines {
    /// Reads the lines of `text[from..to]` (offsets stay those of `text`);
    /// an error gives the line within the stretch and the reason.
    fn read(text: &str, from: usize, to: usize) -> Result<Lines, (usize, &'static str)> {
        let mut out = Lines::default();
        let mut section = "";
        let mut offset = from;
        for (i, line) in text[from..to].split('\n').enumerate() {
            let start = offset;
            offset += line.len() + 1;
            out.lines = i + 1;
            let line_no = i + 1;
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('#') {
                match name {
                    "places" => section = "places",
                    "names" => section = "names",
                    "adjectives" => section = "adjectives",
                    "abbreviations" => section = "abbreviations",
                    _ => {}
                }
                continue;
            }
            match section {
                "places" => {
                    if line.bytes().filter(|&b| b == b'\t').count() != 8 {
                        return Err((line_no, "a place line needs nine tab-separated fields"));
                    }
                    let at = out.places.len();
                    // Only countries and divisions are indexed at load.
                    let feature = line.split('\t').nth(2).unwrap_or_default();
                    let fields: Vec<&str> =
                        if matches!(feature, "PCLI" | "ADM1") { line.split('\t').collect() } else { Vec::new() };
                    match feature {
                        "PCLI" => {
                            out.countries.insert(fields[3].to_ascii_uppercase(), at);
                            if !fields[8].is_empty() {
                                out.countries.insert(fields[8].to_ascii_uppercase(), at);
                            }
                        }
                        "ADM1" => {
                            out.divisions.insert((fields[3].to_owned(), fields[4].to_owned()), at);
                        }
                        _ => {}
                    }
                    out.places.push(start as u32..(start + line.len()) as u32);
                }
                "names" => {
                    let tab = line.find('\t').ok_or((line_no, "a name line needs a key and indexes"))?;
                    let key = start as u32..(start + tab) as u32;
                    let ids = (start + tab + 1) as u32..(start + line.len()) as u32;
                    out.names.push((key, ids));
                }
                "adjectives" | "abbreviations" => {
                    let (key, at) = line.split_once('\t').ok_or((line_no, "expected a key and an index"))?;
                    let at: usize = at.parse().map_err(|_| (line_no, "the index is not a number"))?;
                    let map = if section == "adjectives" { &mut out.adjectives } else { &mut out.abbreviations };
                    map.insert(key.to_owned(), at);
                }
                _ => return Err((line_no, "data before the #places section")),
            }
        }
        Ok(out)
    }
}

fn parse_place(line: &str) -> Result<Place<'_>, &'static str> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [geonameid, name, feature, country, admin1, lat, lon, population, code] = fields[..] else {
        return Err("a place line needs nine tab-separated fields");
    };
    let lat: f64 = lat.parse().map_err(|_| "latitude is not a number")?;
    let lon: f64 = lon.parse().map_err(|_| "longitude is not a number")?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err("coordinates out of range");
    }
    Ok(Place {
        geonameid: if geonameid.is_empty() { None } else { Some(geonameid.parse().map_err(|_| "bad geonameid")?) },
        name,
        feature: Feature::from_code(feature).ok_or("unknown feature code")?,
        country,
        admin1,
        lat,
        lon,
        population: if population.is_empty() { 0 } else { population.parse().map_err(|_| "bad population")? },
        code,
    })
}

/// A name as the index keys it: compatibility-decomposed, marks dropped,
/// lower case, letters that do not decompose folded (ı, ł, ø, ß, ə…), and
/// every run of other characters (hyphens, apostrophes, dots) one space.
/// `Şuşa`, `SHUSHA` and `Shu'sha` do not all meet, but `Şuşa`/`Susa` and
/// `Nagorno-Karabakh`/`nagorno karabakh` do. (Not the lexicon's key, which
/// keeps apostrophes and dots for its token matcher: GeoNames writes the
/// same place with and without them, and folds letters the lexicon keeps.)
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut space = false;
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let folded: &str = match c {
            'ı' => "i",
            'ł' | 'Ł' => "l",
            'ø' | 'Ø' => "o",
            'đ' | 'Đ' => "d",
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'þ' | 'Þ' => "th",
            'ə' | 'Ə' => "a",
            _ => "",
        };
        if !folded.is_empty() {
            if space && !key.is_empty() {
                key.push(' ');
            }
            space = false;
            key.push_str(folded);
        } else if c.is_alphanumeric() {
            if space && !key.is_empty() {
                key.push(' ');
            }
            space = false;
            key.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_marks_and_punctuation() {
        assert_eq!(name_key("Nagorno-Karabakh"), "nagorno karabakh");
        assert_eq!(name_key("  Şuşa "), "susa");
        assert_eq!(name_key("Ağdərə"), "agdara");
        assert_eq!(name_key("Ma’alot-Tarshiha"), "ma alot tarshiha");
        assert_eq!(name_key("São Tomé"), "sao tome");
        assert_eq!(name_key("Łódź"), "lodz");
        assert_eq!(name_key("--"), "");
    }

    fn tiny() -> Gazetteer {
        let text = "#places\n\
            587084\tBaku\tPPLC\tAZ\t09\t40.37767\t49.89201\t1116513\t\n\
            \tKarabakh\tRGN\tAZ\t\t39.8\t46.75\t0\t\n\
            587116\tAzerbaijan\tPCLI\tAZ\t\t40.5\t47.5\t9417000\tAZE\n\
            #names\n\
            azerbaijan\t2\nbaki\t0\nbaku\t0\nkarabakh\t1\nnagorno karabakh\t1\n";
        Gazetteer::from_text(text.into(), "test").unwrap()
    }

    #[test]
    fn lookup_by_any_spelling() {
        let g = tiny();
        assert_eq!(g.lookup("BAKU"), vec![0]);
        assert_eq!(g.lookup("Nagorno-Karabakh"), vec![1]);
        assert!(g.lookup("Bak").is_empty());
        assert!(g.has_longer("nagorno"));
        assert!(!g.has_longer("baku"));
        assert_eq!(g.country("AZE"), Some(2));
        assert_eq!(g.place(1).geonameid, None);
    }

    #[test]
    fn damaged_files_are_refused_with_the_line() {
        let err = Gazetteer::from_text("#places\n1\tX\tPPL\tAZ\n".into(), "g").err().unwrap();
        assert!(err.to_string().contains("line 2"), "{err}");
        let err = Gazetteer::from_text("#places\n#names\nb\t0\na\t0\n".into(), "g").err().unwrap();
        assert!(err.to_string().contains("not sorted") || err.to_string().contains("does not exist"), "{err}");
        let err = Gazetteer::from_lz4(b"not lz4 at all", "g").err().unwrap();
        assert!(err.to_string().contains("LZ4"), "{err}");
    }

    #[test]
    fn the_built_in_gazetteer_loads_and_keys_are_fixed_points() {
        let g = Gazetteer::embedded().expect("the built-in gazetteer loads");
        assert!(g.len() > 100_000);
        // The built-in file passes every check a file from outside gets
        // (the loader skips them, to start fast).
        let checked = Gazetteer::from_lz4(EMBEDDED, "(built in)").expect("every line of the built-in file reads");
        assert_eq!(checked.len(), g.len());
        // Keys were written by the same normalization; a key that changed
        // under it would never be found.
        for entry in g.names.iter().step_by(97) {
            let key = g.key(entry);
            assert_eq!(name_key(key), key);
        }
        let baku = g.lookup("Baku");
        assert!(baku.iter().any(|&i| g.place(i).country == "AZ"));
    }
}
