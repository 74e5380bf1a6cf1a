//! Event locations: the place the event happened in.
//!
//! The place phrase of the event's sentence (`in`, `near`, `at`, `outside`,
//! `around` … a place) comes first, then any place the sentence names;
//! failing both, the country the document is mostly about, at country
//! precision. Adjectives (`Turkish police`) and capitals standing for their
//! governments (`Moscow said`) never locate an event, nor does the dateline
//! (where the reporter filed from).

use crate::Gazetteer;
use truce_core::{Document, EventLocation, Toponym};

/// Words before a place name that make it where something happened.
const LOCATIVE: &[&str] = &[
    "in", "near", "at", "outside", "around", "inside", "into", "across", "on", "along", "over", "within", "toward",
    "towards", "nearby", "north", "south", "east", "west", "from",
];

fn location(t: &Toponym) -> EventLocation {
    EventLocation {
        text: t.text.clone(),
        name: Some(t.name.to_owned()),
        geonameid: t.geonameid,
        lat: Some(t.lat),
        lon: Some(t.lon),
        country: t.country.to_owned(),
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
    // `in Tovuz`, `in the Tovuz region`, `in the town of Tovuz`.
    words.iter().take(4).any(|w| LOCATIVE.contains(&w.as_str()))
        && words.first().is_some_and(|w| LOCATIVE.contains(&w.as_str()) || matches!(w.as_str(), "the" | "of"))
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
        let in_sentence: Vec<&&Toponym> = places.iter().filter(|t| t.sentence == event.sentence).collect();
        let chosen = in_sentence
            .iter()
            .find(|t| after_locative(doc, t))
            .or_else(|| {
                // The place the entities stage chose, when the gazetteer has it.
                let named = event.location.as_ref()?;
                in_sentence.iter().find(|t| t.text == named.text)
            })
            .or_else(|| in_sentence.first())
            .map(|t| location(t));
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
