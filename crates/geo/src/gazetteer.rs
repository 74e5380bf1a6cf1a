//! The gazetteer: places with coordinates, found by any of their names.
//!
//! The file (`data/geo/gazetteer.lz4`, written by `data/geo/build.sh`) is
//! LZ4 frames around plain UTF-8 text in sections:
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
//!
//! The build writes two LZ4 frames, cut at a line of the names section
//! near the middle, the second starting again with `#names`: the two
//! halves are decompressed and read on two threads, which halves the
//! start-up time. (Concatenated frames are still one LZ4 file to any LZ4
//! tool, and a file of one frame loads too, a little slower.)

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
    /// The boxes of countries and divisions, computed from their towns
    /// the first time a report names a part of one (`northern Syria`).
    extents: std::sync::OnceLock<foldhash::HashMap<(String, String), crate::parts::Extent>>,
    /// Names by skeleton ([`crate::variants`]), built the first time a
    /// report writes a name the index does not hold.
    skeletons: std::sync::OnceLock<foldhash::HashMap<String, Vec<(u32, u32)>>>,
}

/// The gazetteer built into the binary (GeoNames data, CC BY 4.0), as
/// stored: an LZ4 frame.
pub const EMBEDDED: &[u8] = include_bytes!("../../../data/geo/gazetteer.lz4");

impl Gazetteer {
    /// The gazetteer built into the binary, loaded once per process.
    pub fn embedded() -> Result<&'static Gazetteer, &'static GazetteerError> {
        static LOADED: std::sync::OnceLock<Result<Gazetteer, GazetteerError>> = std::sync::OnceLock::new();
        // Not checked line by line: a test reads every line of this file.
        LOADED.get_or_init(|| Gazetteer::load(EMBEDDED, "(built in)")).as_ref()
    }

    /// Reads a gazetteer file written by the build script.
    pub fn from_file(path: &std::path::Path) -> Result<Gazetteer, GazetteerError> {
        let bytes = std::fs::read(path)
            .map_err(|e| GazetteerError::Io { path: path.display().to_string(), reason: e.to_string() })?;
        Gazetteer::from_lz4(&bytes, &path.display().to_string())
    }

    /// Decompresses and reads a gazetteer, checking every line.
    pub fn from_lz4(bytes: &[u8], source_name: &str) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::check(Gazetteer::load(bytes, source_name)?, source_name)
    }

    fn decompress(bytes: &[u8], source_name: &str) -> Result<String, GazetteerError> {
        Gazetteer::decompress_into(bytes, source_name, bytes.len() * 3)
    }

    /// Decompresses into a text of `capacity` bytes (room for what will be
    /// appended saves copying 27 MB again).
    fn decompress_into(bytes: &[u8], source_name: &str, capacity: usize) -> Result<String, GazetteerError> {
        use std::io::Read;
        let encoding = |reason: String| GazetteerError::Encoding { source_name: source_name.into(), reason };
        let mut raw = Vec::with_capacity(capacity);
        lz4_flex::frame::FrameDecoder::new(bytes).read_to_end(&mut raw).map_err(|e| encoding(e.to_string()))?;
        String::from_utf8(raw).map_err(|e| encoding(e.to_string()))
    }

    /// Decompresses and reads the structure (not every line). With two
    /// frames or more, the first frame and the rest are decompressed and
    /// read on two threads; each part must be whole lines of UTF-8 text.
    fn load(bytes: &[u8], source_name: &str) -> Result<Gazetteer, GazetteerError> {
        let Some(second_frame) = lz4_frames(bytes).and_then(|frames| frames.get(1).map(|f| f.start)) else {
            return Gazetteer::read(Gazetteer::decompress(bytes, source_name)?, source_name);
        };
        // The first part's text keeps room for the second's: the text is
        // about twice the compressed size.
        let part = |bytes: &[u8], capacity: usize| {
            let text = Gazetteer::decompress_into(bytes, source_name, capacity)?;
            let mut lines = Lines::read(&text, 0, text.len(), Section::None);
            if let Ok(lines) = &mut lines {
                lines.names.reserve(capacity.saturating_sub(text.len()) / 20);
            }
            Ok::<_, GazetteerError>((text, lines))
        };
        let (first, second) = std::thread::scope(|scope| {
            let rest = &bytes[second_frame..];
            let second = scope.spawn(|| part(rest, rest.len() * 3));
            let first = part(&bytes[..second_frame], bytes.len() * 2);
            (first, second.join().unwrap_or_else(|_| Ok((String::new(), Err((0, "the reader stopped"))))))
        });
        let ((mut text, first), (second_text, second)) = (first?, second?);
        let first = first.map_err(|(line, reason)| line_error(source_name, line, reason))?;
        if !text.is_empty() && !text.ends_with('\n') {
            return Err(line_error(source_name, first.lines, "an LZ4 frame ends inside a line"));
        }
        let mut second = second.map_err(|(line, reason)| line_error(source_name, first.lines + line, reason))?;
        // The second part's ranges count on from the first's text.
        let shift = text.len() as u64;
        if shift + second_text.len() as u64 > u64::from(u32::MAX) {
            return Err(line_error(source_name, 0, "the text is larger than 4 GB"));
        }
        let shift = shift as u32;
        text.reserve(second_text.len());
        text.push_str(&second_text);
        for (key, ids) in &mut second.names {
            *key = key.start + shift..key.end + shift;
            *ids = ids.start + shift..ids.end + shift;
        }
        for place in &mut second.places {
            *place = place.start + shift..place.end + shift;
        }
        Gazetteer::assemble(text, first, second, source_name)
    }

    /// Reads the decompressed text, checking every line: a file from
    /// outside is refused now, with the line, rather than giving wrong
    /// places later.
    pub fn from_text(text: String, source_name: &str) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::check(Gazetteer::read(text, source_name)?, source_name)
    }

    /// Checks every line of a gazetteer read without checks.
    fn check(gazetteer: Gazetteer, source_name: &str) -> Result<Gazetteer, GazetteerError> {
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
        let bad = |line: usize, reason: &str| line_error(source_name, line, reason);
        if text.len() > u32::MAX as usize {
            return Err(bad(0, "the text is larger than 4 GB"));
        }
        // The text is read in two halves side by side on two threads:
        // reading it is most of the start-up time. The second half starts
        // at a line of the names section (places come first), so all place
        // lines and their indexes stay in the first.
        let names_at = memchr::memmem::find(text.as_bytes(), b"\n#names\n").map_or(text.len(), |at| at + 1);
        let middle = (text.len() / 2).max(names_at);
        let split = memchr::memchr(b'\n', &text.as_bytes()[middle..]).map_or(text.len(), |at| middle + at + 1);
        let second_section = Section::after_names(&text, names_at, split);
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| Lines::read(&text, split, text.len(), second_section));
            let first = Lines::read(&text, 0, split, Section::None);
            (first, second.join().unwrap_or(Err((0, "the reader stopped"))))
        });
        let first = first.map_err(|(line, reason)| bad(line, reason))?;
        // The second part's lines count on from the first's.
        let second = second.map_err(|(line, reason)| bad(first.lines + line, reason))?;
        Gazetteer::assemble(text, first, second, source_name)
    }

    /// The gazetteer from the lines of its two parts, read apart.
    fn assemble(text: String, first: Lines, second: Lines, source_name: &str) -> Result<Gazetteer, GazetteerError> {
        let bad = |line: usize, reason: &str| line_error(source_name, line, reason);
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
        Ok(Gazetteer {
            places,
            text,
            names,
            buckets,
            countries,
            divisions,
            adjectives,
            abbreviations,
            extents: std::sync::OnceLock::new(),
            skeletons: std::sync::OnceLock::new(),
        })
    }

    fn key(&self, entry: &(Range<u32>, Range<u32>)) -> &str {
        &self.text[entry.0.start as usize..entry.0.end as usize]
    }

    /// The box the towns of a country (`admin1` empty) or of a
    /// first-level division fill (see [`crate::parts`]).
    pub fn extent(&self, country: &str, admin1: &str) -> Option<crate::parts::Extent> {
        self.extents.get_or_init(|| crate::parts::extents(self)).get(&(country.to_owned(), admin1.to_owned())).copied()
    }

    /// The places with a name of the same skeleton as `key`
    /// ([`crate::variants::skeleton`]), each with the name key it matched:
    /// areas and towns of 5,000 people or more.
    pub fn by_skeleton(&self, key: &str) -> Vec<(usize, &str)> {
        let index = self.skeletons.get_or_init(|| {
            let eligible: Vec<bool> =
                self.places().map(|place| place.feature.is_area() || place.population >= 5_000).collect();
            let mut index: foldhash::HashMap<String, Vec<(u32, u32)>> = foldhash::HashMap::default();
            for (n, entry) in self.names.iter().enumerate() {
                let key = self.key(entry);
                if key.len() < 5 || !key.is_ascii() {
                    continue;
                }
                let ids = &self.text[entry.1.start as usize..entry.1.end as usize];
                let mut ids = ids.split(',').filter_map(|id| id.parse::<u32>().ok());
                let ids: Vec<u32> = ids.by_ref().filter(|&id| eligible.get(id as usize) == Some(&true)).collect();
                if !ids.is_empty() {
                    let entries = index.entry(crate::variants::skeleton(key)).or_default();
                    entries.extend(ids.into_iter().map(|id| (id, n as u32)));
                }
            }
            index
        });
        index
            .get(&crate::variants::skeleton(key))
            .into_iter()
            .flatten()
            .filter_map(|&(id, n)| Some((id as usize, self.key(self.names.get(n as usize)?))))
            .collect()
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

    /// Like [`Gazetteer::lookup`] for a key already normalized. A name
    /// written with a short first word (`Mt. Juliet`, `Ft. Worth`) is also
    /// looked up written out, when the short form is not a name itself.
    pub fn lookup_key(&self, key: &str) -> Vec<usize> {
        let found = self.lookup_exact(key);
        match written_out(key) {
            Some(long) if found.is_empty() => self.lookup_exact(&long),
            _ => found,
        }
    }

    fn lookup_exact(&self, key: &str) -> Vec<usize> {
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
        self.has_longer_exact(prefix) || written_out(prefix).is_some_and(|long| self.has_longer_exact(&long))
    }

    fn has_longer_exact(&self, prefix: &str) -> bool {
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

/// `mt juliet` → `mount juliet`: the first word of a key written out when
/// it is one of the short forms place names are written with. (`St.` is
/// left out: GeoNames already holds the `St.` spellings of towns, and
/// `St. Mark's` is more often a church.)
fn written_out(key: &str) -> Option<String> {
    let (first, rest) = key.split_once(' ').unwrap_or((key, ""));
    let long = match first {
        "mt" => "mount",
        "ft" => "fort",
        _ => return None,
    };
    Some(if rest.is_empty() { long.to_owned() } else { format!("{long} {rest}") })
}

const BUCKETS: usize = 1 << 16;

fn line_error(source_name: &str, line: usize, reason: &str) -> GazetteerError {
    GazetteerError::Line { source_name: source_name.into(), line, reason: reason.into() }
}

/// The byte ranges of the LZ4 frames in `bytes`, walked from their headers
/// and block sizes as the LZ4 frame format lays them out; `None` when the
/// bytes are not a well-formed series of frames (the decoder then says
/// what is wrong).
fn lz4_frames(bytes: &[u8]) -> Option<Vec<Range<usize>>> {
    const MAGIC: u32 = 0x184D_2204;
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at.checked_add(4)?)?.try_into().ok()?));
    let mut frames = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        if u32_at(at)? != MAGIC {
            return None;
        }
        let flags = *bytes.get(at + 4)?;
        let (block_checksum, content_size, content_checksum, dictionary) =
            (flags & 0x10 != 0, flags & 0x08 != 0, flags & 0x04 != 0, flags & 0x01 != 0);
        // Magic, FLG, BD, the optional content size and dictionary id, HC.
        at += 4 + 2 + if content_size { 8 } else { 0 } + if dictionary { 4 } else { 0 } + 1;
        loop {
            let size = u32_at(at)?;
            at += 4;
            if size == 0 {
                break;
            }
            at = at.checked_add((size & 0x7FFF_FFFF) as usize + if block_checksum { 4 } else { 0 })?;
        }
        if content_checksum {
            at += 4;
        }
        if at > bytes.len() {
            return None;
        }
        frames.push(start..at);
    }
    Some(frames)
}

/// A key's first two bytes (0 for a missing byte), in the keys' sort
/// order.
fn prefix(key: &str) -> usize {
    let b = key.as_bytes();
    (usize::from(b.first().copied().unwrap_or(0)) << 8) | usize::from(b.get(1).copied().unwrap_or(0))
}

/// The section of the file a line is in.
#[derive(Clone, Copy, PartialEq)]
enum Section {
    /// Before the first section header.
    None,
    Places,
    Names,
    Adjectives,
    Abbreviations,
    /// A header this reader does not know: its lines are skipped.
    Other,
}

impl Section {
    fn from_header(name: &[u8]) -> Section {
        match name {
            b"places" => Section::Places,
            b"names" => Section::Names,
            b"adjectives" => Section::Adjectives,
            b"abbreviations" => Section::Abbreviations,
            _ => Section::Other,
        }
    }

    /// The section of the line at `at`, within the names section that
    /// starts at `names_at` or after it: that of the last header between.
    fn after_names(text: &str, names_at: usize, at: usize) -> Section {
        if names_at >= at {
            return Section::None;
        }
        let mut between = &text[names_at..at];
        // Unknown headers (comments) do not change the section.
        while let Some(header) = between.rfind("\n#") {
            let line = between[header + 2..].lines().next().unwrap_or_default();
            match Section::from_header(line.as_bytes()) {
                Section::Other => between = &between[..header],
                known => return known,
            }
        }
        Section::Names
    }
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
    ///
    /// Lines are found byte by byte, not with `str::split`: a million short
    /// lines are read at every start, and this loop is most of that time.
    fn read(text: &str, from: usize, to: usize, mut section: Section) -> Result<Lines, (usize, &'static str)> {
        let mut out = Lines::default();
        let bytes = text.as_bytes();
        // About 21 bytes a name line: one allocation, not twenty.
        if section == Section::Names {
            out.names.reserve((to - from) / 20);
        }
        let mut start = from;
        let mut line_no = 0;
        while start < to {
            let end = memchr::memchr(b'\n', &bytes[start..to]).map_or(to, |at| start + at);
            line_no += 1;
            out.lines = line_no;
            let line_start = start;
            start = end + 1;
            let line_bytes = &bytes[line_start..end];
            if line_bytes.is_empty() {
                continue;
            }
            if let Some(name) = line_bytes.strip_prefix(b"#") {
                match Section::from_header(name) {
                    Section::Other => {}
                    known => section = known,
                }
                if section == Section::Names {
                    out.names.reserve(to.saturating_sub(start) / 20);
                }
                continue;
            }
            if section == Section::Names {
                // The hot case: `key<TAB>indexes`.
                let tab = memchr::memchr(b'\t', line_bytes).ok_or((line_no, "a name line needs a key and indexes"))?;
                let key = line_start as u32..(line_start + tab) as u32;
                let ids = (line_start + tab + 1) as u32..end as u32;
                out.names.push((key, ids));
                continue;
            }
            // Byte offsets at newlines and tabs are character boundaries.
            let line = &text[line_start..end];
            let start = line_start;
            match section {
                Section::Places => {
                    // One pass finds the eight tabs.
                    let mut tabs = [0usize; 8];
                    let mut count = 0;
                    for at in memchr::memchr_iter(b'\t', line_bytes) {
                        if count < 8 {
                            tabs[count] = at;
                        }
                        count += 1;
                    }
                    if count != 8 {
                        return Err((line_no, "a place line needs nine tab-separated fields"));
                    }
                    let at = out.places.len();
                    let field = |i: usize| {
                        let from = if i == 0 { 0 } else { tabs[i - 1] + 1 };
                        let to = tabs.get(i).copied().unwrap_or(line.len());
                        &line[from..to]
                    };
                    // Only countries and divisions are indexed at load.
                    let feature = field(2);
                    let fields: Vec<&str> =
                        if matches!(feature, "PCLI" | "ADM1") { (0..9).map(field).collect() } else { Vec::new() };
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
                Section::Adjectives | Section::Abbreviations => {
                    let (key, at) = line.split_once('\t').ok_or((line_no, "expected a key and an index"))?;
                    let at: usize = at.parse().map_err(|_| (line_no, "the index is not a number"))?;
                    let map = if section == Section::Adjectives { &mut out.adjectives } else { &mut out.abbreviations };
                    map.insert(key.to_owned(), at);
                }
                Section::Other | Section::Names => {}
                Section::None => return Err((line_no, "data before the #places section")),
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

    fn lz4(parts: &[&str]) -> Vec<u8> {
        use std::io::Write;
        let mut out = Vec::new();
        for part in parts {
            let mut encoder = lz4_flex::frame::FrameEncoder::new(&mut out);
            encoder.write_all(part.as_bytes()).unwrap();
            encoder.finish().unwrap();
        }
        out
    }

    #[test]
    fn a_file_of_two_frames_reads_as_one_text() {
        let places = "#places\n\
            587084\tBaku\tPPLC\tAZ\t09\t40.37767\t49.89201\t1116513\t\n\
            587116\tAzerbaijan\tPCLI\tAZ\t\t40.5\t47.5\t9417000\tAZE\n\
            #names\nazerbaijan\t1\n";
        let names = "#names\nbaki\t0\nbaku\t0\n#adjectives\nazerbaijani\t1\n";
        let bytes = lz4(&[places, names]);
        assert_eq!(lz4_frames(&bytes).map(|f| f.len()), Some(2));
        let g = Gazetteer::from_lz4(&bytes, "two").unwrap();
        assert_eq!(g.lookup("Baki"), vec![0]);
        assert_eq!(g.lookup("Azerbaijan"), vec![1]);
        assert_eq!(g.adjective("Azerbaijani"), Some(1));
        assert_eq!(g.place(0).name, "Baku");
        // The same text in one frame gives the same gazetteer.
        let one = Gazetteer::from_lz4(&lz4(&[&format!("{places}{names}")]), "one").unwrap();
        assert_eq!((one.len(), one.name_count()), (g.len(), g.name_count()));
        // A frame that ends inside a line, or names out of order across
        // the frames, are refused.
        let err = Gazetteer::from_lz4(&lz4(&["#places\n#names\nbak", "u\t0\n"]), "cut").err().unwrap();
        assert!(err.to_string().contains("line 3"), "{err}");
        let err = Gazetteer::from_lz4(&lz4(&["#places\n#names\nbak\t", "0\n"]), "cut").err().unwrap();
        assert!(err.to_string().contains("inside a line"), "{err}");
        let err = Gazetteer::from_lz4(&lz4(&[places, "#names\naaa\t0\n"]), "order").err().unwrap();
        assert!(err.to_string().contains("not sorted"), "{err}");
        // Bytes after the last frame that are no frame: read by the one
        // decoder, not split.
        let mut trailing = bytes.clone();
        trailing.extend_from_slice(b"junk");
        assert!(lz4_frames(&trailing).is_none());
        assert!(lz4_frames(&bytes[..bytes.len() - 3]).is_none());
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
