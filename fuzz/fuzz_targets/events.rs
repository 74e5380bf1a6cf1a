//! Any report through the whole pipeline (intake, entities, time, events):
//! never a panic, every event's evidence a sentence of the document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use truce_core::Source;
use truce_lexicon::Lexicon;

struct Stages {
    entities: truce_entities::Resources<'static>,
    time: truce_time::Resources,
    events: truce_events::Resources,
}

fuzz_target!(|text: &str| {
    static STAGES: OnceLock<Stages> = OnceLock::new();
    let s = STAGES.get_or_init(|| Stages {
        entities: truce_entities::Resources::new(Lexicon::default_lexicon()),
        time: truce_time::Resources::new(),
        events: truce_events::Resources::new(),
    });
    let options = truce_text::Options { date: Some("2020-12-03".into()), ..Default::default() };
    if let Ok(mut doc) = truce_text::annotate(text.to_owned(), Source::default(), &options) {
        truce_entities::annotate(&mut doc, &s.entities);
        truce_time::annotate(&mut doc, &s.time);
        truce_events::annotate(&mut doc, &s.events);
        for e in &doc.events {
            assert!(doc.text.get(e.evidence.span.range()).is_some());
        }
    }
});
