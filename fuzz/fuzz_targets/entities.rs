//! Any report through intake and the entities stage: never a panic, every
//! mention on character boundaries of the repaired text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use truce_core::Format;
use truce_entities::Resources;
use truce_lexicon::Lexicon;
use truce_text::{Options, RawDocument, intake_bytes};

fuzz_target!(|data: &[u8]| {
    static RESOURCES: OnceLock<Resources<'static>> = OnceLock::new();
    let resources = RESOURCES.get_or_init(|| Resources::new(Lexicon::default_lexicon()));
    let style = data.first().is_some_and(|b| b % 2 == 0).then(|| "mt-zh".to_owned());
    let raw = RawDocument { name: "fuzz".into(), bytes: data.to_vec(), format: Some(Format::Text), ..Default::default() };
    if let Ok(mut doc) = intake_bytes(raw, &Options::default()) {
        doc.source.style = style;
        truce_entities::annotate(&mut doc, resources);
        for m in &doc.mentions {
            assert!(doc.text.get(m.span.range()).is_some());
        }
    }
});
