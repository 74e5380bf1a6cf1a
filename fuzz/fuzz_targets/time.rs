//! Any text through intake and the time stage, with and without a document
//! date: never a panic, every expression on character boundaries with a
//! non-empty value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use truce_core::Source;

fuzz_target!(|text: &str| {
    static RESOURCES: OnceLock<truce_time::Resources> = OnceLock::new();
    let resources = RESOURCES.get_or_init(truce_time::Resources::new);
    for date in [None, Some("2020-12-03".to_owned()), Some("1999-12-31".to_owned())] {
        let options = truce_text::Options { date, ..Default::default() };
        if let Ok(mut doc) = truce_text::annotate(text.to_owned(), Source::default(), &options) {
            truce_time::annotate(&mut doc, resources);
            for t in &doc.timexes {
                assert!(doc.text.get(t.span.range()).is_some());
                assert!(!t.value.is_empty());
            }
        }
    }
});
