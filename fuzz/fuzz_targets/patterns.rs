//! Any text as a user's event pattern file: patterns or an error naming a
//! line, never a panic; what loads codes the same text as a report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use truce_core::Source;
use truce_events::dictionary::Dictionary;

fuzz_target!(|text: &str| {
    // The code table alone, so each run is fast; the patterns are the
    // user's only.
    let mut dictionary = Dictionary::code_table();
    match dictionary.add_patterns("x-patterns.tsv", text) {
        Ok(_) => {
            let events = truce_events::Resources::from_dictionary(dictionary);
            if let Ok(mut doc) = truce_text::annotate(text.to_owned(), Source::default(), &Default::default()) {
                truce_events::annotate(&mut doc, &events);
            }
        }
        Err(e) => assert!(e.line >= 1 && e.line <= text.lines().count()),
    }
});
