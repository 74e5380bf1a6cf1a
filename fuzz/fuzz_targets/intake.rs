//! Any bytes through the whole intake: never a panic, and every sentence
//! and token span lies on character boundaries of the repaired text and
//! maps back inside the original.
#![no_main]

use libfuzzer_sys::fuzz_target;
use truce_core::Format;
use truce_text::{Options, RawDocument, intake_bytes};

fuzz_target!(|data: &[u8]| {
    let format = match data.first().map(|b| b % 4) {
        Some(0) => Some(Format::Text),
        Some(1) => Some(Format::Html),
        Some(2) => Some(Format::Jsonl),
        _ => None,
    };
    let raw = RawDocument { name: "fuzz".into(), bytes: data.to_vec(), format, ..Default::default() };
    if let Ok(doc) = intake_bytes(raw, &Options::default()) {
        for s in &doc.sentences {
            assert!(doc.text.get(s.span.range()).is_some());
            for t in &s.tokens {
                assert!(doc.text.get(t.span.range()).is_some());
                let back = doc.offsets.to_original(t.span);
                assert!(back.end() <= doc.original.len());
            }
        }
    }
});
