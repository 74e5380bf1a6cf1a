//! Event locations: the place the event happened in.
//!
//! The place phrase of the event's sentence (`in`, `near`, `at`, `outside`,
//! `around` … a place) comes first, then any place the sentence names;
//! failing both, the country the document is mostly about, at country
//! precision. Adjectives (`Turkish police`) and capitals standing for their
//! governments (`Moscow said`) never locate an event, nor does the dateline
//! (where the reporter filed from). A part of an area (`in northern
//! Syria`, `in the south-east of Ukraine`, `in Syria's north-west`) puts the
//! event in that part, and a distance from a place (`15 km south of
//! Tovuz`) that far from it ([`crate::parts`]).

use crate::parts::{Heading, heading, offset, part_point};
use crate::{Feature, Gazetteer};
use truce_core::{Document, EventLocation, Span, Toponym};

/// Units of distance before a direction (`15 km north of`), in km.
const UNITS: &[(&str, f64)] = &[
    ("km", 1.0),
    ("kms", 1.0),
    ("kilometres", 1.0),
    ("kilometers", 1.0),
    ("kilometre", 1.0),
    ("kilometer", 1.0),
    ("miles", 1.609),
    ("mile", 1.609),
    ("mi", 1.609),
];

/// Words before a place name that make it where something happened.
const LOCATIVE: &[&str] = &[
    "in", "near", "at", "outside", "around", "inside", "into", "across", "on", "along", "over", "within", "toward",
    "towards", "nearby", "north", "south", "east", "west", "from",
];

/// The first-level division a toponym lies in, or is.
fn admin1_of(t: &Toponym) -> Option<String> {
    t.admin1.clone().or_else(|| (t.feature == "ADM1").then(|| t.name.clone()))
}

fn location(t: &Toponym) -> EventLocation {
    EventLocation {
        text: t.text.clone(),
        name: Some(t.name.to_owned()),
        geonameid: t.geonameid,
        lat: Some(t.lat),
        lon: Some(t.lon),
        country: t.country.to_owned(),
        admin1: admin1_of(t),
        precision: t.precision.clone(),
    }
}

/// True when one of the two words before the toponym is locative (`in`,
/// `in the town of` is caught by the name's own words being skipped).
fn after_locative(doc: &Document, t: &Toponym) -> bool {
    let before = doc.text.get(..t.span.start()).unwrap_or_default();
    let words: Vec<String> = before
        .rsplit(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .collect();
    // `in Tovuz`, `in the Tovuz region`, `in the town of Tovuz`, `in
    // northern Syria`.
    words.iter().take(4).any(|w| LOCATIVE.contains(&w.as_str()))
        && words.first().is_some_and(|w| {
            LOCATIVE.contains(&w.as_str()) || matches!(w.as_str(), "the" | "of") || heading(w).is_some()
        })
        // `between Gao and Menaka`, not `between ministers of Russia` nor
        // `clashes between Azerbaijan and Armenia` (the sides).
        || (t.feature != "PCLI" && words.first().is_some_and(|w| w == "between"))
}

/// Up to four words before `span`, nearest first, with where each starts;
/// punctuation around them trimmed.
fn words_before(text: &str, span: Span) -> Vec<(&str, usize)> {
    let before = text.get(..span.start()).unwrap_or_default();
    let mut words = Vec::new();
    let mut end = before.len();
    for _ in 0..4 {
        let trimmed = before[..end].trim_end();
        if trimmed.is_empty() {
            break;
        }
        let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = trimmed[start..].trim_matches(|c: char| !c.is_alphanumeric());
        let word_start = start + trimmed[start..].find(word).unwrap_or(0);
        words.push((word, word_start));
        end = start;
    }
    words
}

/// A number of km written before a direction: `15 km`, `15km`, `9 miles`.
fn distance_km(words: &[(&str, usize)]) -> Option<(f64, usize)> {
    let number = |w: &str| w.replace(',', "").parse::<f64>().ok().filter(|n| *n > 0.0 && *n < 2000.0);
    let unit = |w: &str| UNITS.iter().find(|(u, _)| u.eq_ignore_ascii_case(w)).map(|(_, km)| *km);
    let (first, start) = *words.first()?;
    if let Some(per) = unit(first) {
        let (n, start) = *words.get(1)?;
        return Some((number(n)? * per, start));
    }
    let split = first.find(|c: char| c.is_alphabetic())?;
    Some((number(&first[..split])? * unit(&first[split..])?, start))
}

/// Where in or off `t` the sentence puts the event, when it says: the part
/// of an area (`northern Syria`, `the north of Syria`, `Syria's north`) or
/// a distance and direction from a place (`15 km south of Tovuz`).
fn refine(doc: &Document, gazetteer: &Gazetteer, t: &Toponym) -> Option<EventLocation> {
    let words = words_before(&doc.text, t.span);
    let word = |i: usize| words.get(i).map_or("", |w| w.0);
    let located = |text_start: usize, text_end: usize, (lat, lon): (f64, f64), precision: &str| {
        let text = doc.text.get(text_start..text_end).unwrap_or_default().to_owned();
        Some(EventLocation {
            name: Some(text.clone()),
            text,
            geonameid: None,
            lat: Some(lat),
            lon: Some(lon),
            country: t.country.clone(),
            admin1: admin1_of(t),
            precision: precision.to_owned(),
        })
    };
    // `15 km south of Tovuz`.
    if word(0).eq_ignore_ascii_case("of")
        && let Some(direction) = heading(word(1)).filter(|h| *h != Heading { north: 0, east: 0 })
        && let Some((km, start)) = distance_km(&words[2..])
    {
        return located(start, t.span.end(), offset(t.lat, t.lon, km, direction), &t.precision);
    }
    // The area itself, for its parts.
    let area = gazetteer.lookup(&t.name).into_iter().find(|&i| {
        let p = gazetteer.place(i);
        matches!(p.feature, Feature::Country | Feature::Admin1) && p.lat == t.lat && p.lon == t.lon
    })?;
    // `northern Syria`, `North-Western Syria`.
    if let Some(direction) = heading(word(0)) {
        return located(words[0].1, t.span.end(), part_point(gazetteer, area, direction)?, "region");
    }
    // `the north of Syria`, `the far south-east of Ukraine`.
    if word(0).eq_ignore_ascii_case("of")
        && let Some(direction) = heading(word(1))
        && matches!(word(2).to_lowercase().as_str(), "the" | "far")
    {
        return located(words[2].1, t.span.end(), part_point(gazetteer, area, direction)?, "region");
    }
    // `Syria's north-west`.
    let after = doc.text.get(t.span.end()..).unwrap_or_default();
    let rest = after.strip_prefix("'s ").or_else(|| after.strip_prefix("’s "))?;
    let next = rest.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ')')).next()?;
    let direction = heading(next)?;
    let end = t.span.end() + (after.len() - rest.len()) + next.len();
    located(t.span.start(), end, part_point(gazetteer, area, direction)?, "region")
}

/// The place phrase attached to the event's word (`trigger`): a place
/// right after it (`shelled Kherson`, `attacked the town of Gao`; not a
/// country, which is whom it was done to: `accused Armenia`), else
/// the place phrase nearest to it, after (`killed two people near Tovuz`)
/// or before (`In Gaza, strikes killed 12`; after on a tie).
fn attached<'a>(doc: &Document, in_sentence: &[&'a Toponym], trigger: Span) -> Option<&'a Toponym> {
    let gap = |from: usize, to: usize| doc.text.get(from..to).map(|g| g.trim().to_lowercase());
    let right_after = in_sentence.iter().copied().find(|t| {
        t.feature != "PCLI"
            && t.span.start() >= trigger.end()
            && gap(trigger.end(), t.span.start())
                .is_some_and(|g| matches!(g.as_str(), "" | "the" | "the city of" | "the town of" | "the village of"))
    });
    let distance = |t: &Toponym| {
        if t.span.start() >= trigger.end() {
            2 * (t.span.start() - trigger.end())
        } else {
            2 * trigger.start().saturating_sub(t.span.end()) + 1
        }
    };
    right_after.or_else(|| in_sentence.iter().copied().filter(|t| after_locative(doc, t)).min_by_key(|t| distance(t)))
}

/// Sets each event's location from `doc.toponyms`.
pub fn locate_events(doc: &mut Document, gazetteer: &Gazetteer) {
    let dateline = doc.structure.dateline.as_ref().map(|d| d.span);
    let places: Vec<&Toponym> =
        doc.toponyms.iter().filter(|t| t.role == "place" && dateline.is_none_or(|d| !d.contains(t.span))).collect();
    // The document's focus: the country its places are most often in.
    let mut counts: Vec<(&str, usize, &Toponym)> = Vec::new();
    for t in &places {
        let Some(country) = t.country.as_deref() else { continue };
        match counts.iter_mut().find(|c| c.0 == country) {
            Some(c) => c.1 += 1,
            None => counts.push((country, 1, t)),
        }
    }
    let focus = counts.iter().max_by_key(|c| c.1).map(|c| c.2);
    let mut located = Vec::with_capacity(doc.events.len());
    for event in &doc.events {
        let in_sentence: Vec<&Toponym> = places.iter().copied().filter(|t| t.sentence == event.sentence).collect();
        let chosen = event
            .trigger
            .and_then(|trigger| attached(doc, &in_sentence, trigger))
            .or_else(|| in_sentence.iter().copied().find(|t| after_locative(doc, t)))
            .or_else(|| {
                // The place the entities stage chose, when the gazetteer has it.
                let named = event.location.as_ref()?;
                in_sentence.iter().copied().find(|t| t.text == named.text)
            })
            .or_else(|| in_sentence.first().copied())
            .map(|t| refine(doc, gazetteer, t).unwrap_or_else(|| location(t)));
        let location = match chosen {
            Some(l) => Some(l),
            None => match (&event.location, focus) {
                (Some(named), _) => Some(named.clone()),
                (None, Some(f)) => {
                    // Only the country is known: its reference point.
                    let country = f.country.as_deref().and_then(|c| gazetteer.country(c)).map(|c| gazetteer.place(c));
                    country.map(|c| EventLocation {
                        text: String::new(),
                        name: Some(c.name.to_owned()),
                        geonameid: c.geonameid,
                        lat: Some(c.lat),
                        lon: Some(c.lon),
                        country: Some(c.code.to_owned()),
                        admin1: None,
                        precision: "country".into(),
                    })
                }
                (None, None) => None,
            },
        };
        located.push(location);
    }
    for (event, location) in doc.events.iter_mut().zip(located) {
        event.location = location;
    }
}
