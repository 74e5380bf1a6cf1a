//! The word lists of `data/time/words.tsv`, `zones.tsv` and
//! `country-zones.tsv`.

use foldhash::{HashMap, HashSet};

const WORDS: &str = include_str!("../../../data/time/words.tsv");
const ZONES: &str = include_str!("../../../data/time/zones.tsv");
const COUNTRY_ZONES: &str = include_str!("../../../data/time/country-zones.tsv");
/// The events stage's list of irregular verbs: their past forms mark a
/// clause as past (`brought`, `fought`) as `-ed` marks a regular one.
const IRREGULAR_VERBS: &str = include_str!("../../../data/events/irregular-verbs.tsv");

/// A zone as copy names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zone {
    /// An IANA zone (`Europe/Moscow`).
    Iana(String),
    /// A fixed offset in seconds east of UTC.
    Fixed(i32),
}

/// The words of time expressions, by kind (the kinds of `words.tsv`).
#[derive(Debug, Default)]
#[allow(missing_docs)]
pub struct Words {
    pub month: HashMap<String, u32>,
    pub weekday: HashMap<String, u32>,
    pub number: HashMap<String, f64>,
    pub ordinal: HashMap<String, i32>,
    pub unit: HashMap<String, String>,
    pub vague: HashMap<String, String>,
    pub part: HashMap<String, String>,
    pub season: HashMap<String, String>,
    pub modifier: HashMap<String, String>,
    pub reference: HashMap<String, String>,
    pub dayword: HashMap<String, i64>,
    pub set: HashMap<String, String>,
    /// Holiday names (keyed by [`holiday_key`]) → their rule.
    pub holiday: HashMap<String, String>,
    /// Zone phrases (`moscow time`, `gmt`).
    pub zones: HashMap<String, Zone>,
    /// Country code → zone of its capital.
    pub country_zones: HashMap<String, String>,
    /// First words of the multi-word entries (`a couple of`, `the future`),
    /// so two-word lookups are only tried where one can succeed.
    pub phrase_starts: HashSet<String>,
    /// Every word an expression can start with, besides numbers.
    pub starts: HashSet<String>,
    /// Past forms of irregular verbs that differ from their base (`put`
    /// could be either).
    pub irregular_past: HashSet<String>,
}

/// Reads `+03:00` / `-05:30`.
pub fn parse_offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    ((0..=14).contains(&h) && (0..60).contains(&m)).then_some(sign * (h * 3600 + m * 60))
}

/// A holiday's name as matched: lower case, `'s` and apostrophes dropped,
/// hyphens as spaces (`New Year's Eve` → `new year eve`, `Eid al-Fitr` →
/// `eid al fitr`).
pub fn holiday_key(phrase: &str) -> String {
    phrase
        .to_lowercase()
        .replace("'s", "")
        .replace("’s", "")
        .replace(['\'', '’'], "")
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Words {
    /// Reads the embedded lists.
    pub fn load() -> Words {
        let mut w = Words::default();
        let rows = |text: &'static str| {
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(|l| l.split('\t').collect::<Vec<_>>())
        };
        for f in rows(IRREGULAR_VERBS).filter(|f| f.len() >= 2 && f[0] != f[1]) {
            w.irregular_past.insert(f[1].to_owned());
        }
        for f in rows(WORDS).filter(|f| f.len() == 3) {
            let (word, value) = (f[1].to_owned(), f[2]);
            match f[0] {
                "month" => drop(value.parse().map(|v| w.month.insert(word, v))),
                "weekday" => drop(value.parse().map(|v| w.weekday.insert(word, v))),
                "number" => drop(value.parse().map(|v| w.number.insert(word, v))),
                "ordinal" => drop(value.parse().map(|v| w.ordinal.insert(word, v))),
                "unit" => drop(w.unit.insert(word, value.to_owned())),
                "vague" => drop(w.vague.insert(word, value.to_owned())),
                "part" => drop(w.part.insert(word, value.to_owned())),
                "season" => drop(w.season.insert(word, value.to_owned())),
                "modifier" => drop(w.modifier.insert(word, value.to_owned())),
                "reference" => drop(w.reference.insert(word, value.to_owned())),
                "dayword" => drop(value.parse().map(|v| w.dayword.insert(word, v))),
                "set" => drop(w.set.insert(word, value.to_owned())),
                "holiday" => drop(w.holiday.insert(holiday_key(&word), value.to_owned())),
                _ => {}
            }
        }
        for f in rows(ZONES).filter(|f| f.len() == 3) {
            let zone = match parse_offset(f[1]) {
                Some(seconds) => Zone::Fixed(seconds),
                None => Zone::Iana(f[1].to_owned()),
            };
            w.zones.insert(f[0].to_owned(), zone);
        }
        for f in rows(COUNTRY_ZONES).filter(|f| f.len() == 3) {
            w.country_zones.insert(f[0].to_owned(), f[1].to_owned());
        }
        for key in w.holiday.keys() {
            w.starts.insert(key.split(' ').next().unwrap_or("").to_owned());
        }
        for f in rows(WORDS).filter(|f| f.len() == 3 && f[0] != "holiday") {
            let mut words = f[1].split(' ');
            let first = words.next().unwrap_or("").to_owned();
            if words.next().is_some() {
                w.phrase_starts.insert(first.clone());
            }
            w.starts.insert(first);
        }
        // Words the patterns of `recognize` begin with.
        for word in [
            "the",
            "last",
            "past",
            "previous",
            "this",
            "current",
            "next",
            "coming",
            "following",
            "same",
            "day",
            "every",
            "each",
            "per",
            "noon",
            "midday",
            "midnight",
            "year-earlier",
            "year-ago",
            "quarter",
            "that",
            "later",
            "earlier",
            "eighteen",
            "nineteen",
            "full",
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
            "weekend",
            "year",
            "recent",
            "in",
            "at",
            "over",
            "more",
            "less",
            "up",
            "nearly",
            "almost",
            "about",
            "around",
            "early",
            "late",
            "mid",
            "middle",
            "end",
            "beginning",
            "start",
        ] {
            w.starts.insert(word.to_owned());
        }
        // `on Fridays`: plural weekdays open a set.
        let plurals: Vec<String> = w.weekday.keys().filter(|d| d.len() >= 6).map(|d| format!("{d}s")).collect();
        w.starts.extend(plurals);
        w
    }

    /// True when an expression may begin with `word` (lower-cased).
    pub fn could_start(&self, word: &str) -> bool {
        word.starts_with(|c: char| c.is_ascii_digit())
            || self.starts.contains(word)
            || word.split_once('-').is_some_and(|(a, _)| self.starts.contains(a) || a == "mid")
            || word.ends_with("-long")
            || self.month.contains_key(word.trim_end_matches('.'))
            || self.weekday.contains_key(word.trim_end_matches('.'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_loads_and_every_zone_exists() {
        let w = Words::load();
        assert_eq!(w.month["december"], 12);
        assert_eq!(w.weekday["friday"], 5);
        assert_eq!(w.unit["hours"], "H");
        assert_eq!(w.zones["gmt"], Zone::Fixed(0));
        for (phrase, zone) in &w.zones {
            if let Zone::Iana(name) = zone {
                assert!(jiff::tz::TimeZone::get(name).is_ok(), "{phrase}: {name}");
            }
        }
        for (code, name) in &w.country_zones {
            assert!(jiff::tz::TimeZone::get(name).is_ok(), "{code}: {name}");
        }
        assert_eq!(parse_offset("+05:30"), Some(19800));
        assert_eq!(parse_offset("-04:00"), Some(-14400));
        assert_eq!(parse_offset("+99:00"), None);
    }
}
