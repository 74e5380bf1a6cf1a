//! Any text as a user dictionary of every kind: an entry list or an error
//! naming a line, never a panic; what loads compiles into a matcher.
#![no_main]

use libfuzzer_sys::fuzz_target;
use truce_lexicon::LexiconBuilder;

fuzz_target!(|text: &str| {
    for name in ["x.countries.tsv", "x.organisations.tsv", "x.agents.tsv", "x.titles.tsv", "x.people.tsv", "x.places.tsv", "x.groups.tsv", "x.actors", "x.agents"] {
        let mut builder = LexiconBuilder::new();
        match builder.add_text(name, text) {
            Ok(_) => {
                let lexicon = builder.build();
                let _ = lexicon.find_in_tokens(&text.split_whitespace().take(50).collect::<Vec<_>>());
            }
            Err(e) => assert!(e.line <= text.lines().count()),
        }
    }
});
