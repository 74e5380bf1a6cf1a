//! Any report through the whole pipeline (intake, entities, time, events,
//! places): never a panic, every event's evidence a sentence of the
//! document, every toponym on character boundaries with coordinates on
//! the globe, and every event location on it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use truce_core::Source;
use truce_lexicon::Lexicon;

struct Stages {
    entities: truce_entities::Resources<'static>,
    time: truce_time::Resources,
    events: truce_events::Resources,
    places: truce_geo::Resources,
}

fuzz_target!(|text: &str| {
    static STAGES: OnceLock<Stages> = OnceLock::new();
    let s = STAGES.get_or_init(|| Stages {
        entities: truce_entities::Resources::new(Lexicon::default_lexicon()),
        time: truce_time::Resources::new(),
        events: truce_events::Resources::new(),
        places: truce_geo::Resources::new().expect("the built-in gazetteer loads"),
    });
    let options = truce_text::Options { date: Some("2020-12-03".into()), ..Default::default() };
    if let Ok(mut doc) = truce_text::annotate(text.to_owned(), Source::default(), &options) {
        truce_entities::annotate(&mut doc, &s.entities);
        truce_time::annotate(&mut doc, &s.time);
        truce_events::annotate(&mut doc, &s.events);
        truce_geo::annotate(&mut doc, &s.places);
        for t in &doc.toponyms {
            assert!(doc.text.get(t.span.range()).is_some());
            assert!((-90.0..=90.0).contains(&t.lat) && (-180.0..=180.0).contains(&t.lon));
        }
        for e in &doc.events {
            assert!(doc.text.get(e.evidence.span.range()).is_some());
            // Parts of areas and offsets from places stay on the globe.
            if let Some(l) = &e.location {
                assert!(l.lat.is_none_or(|lat| (-90.0..=90.0).contains(&lat)), "{l:?}");
                assert!(l.lon.is_none_or(|lon| (-180.0..=180.0).contains(&lon)), "{l:?}");
            }
        }
    }
});
