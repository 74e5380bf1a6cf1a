//! Repair on any text: never a panic, idempotent, and the offset map
//! explains the change exactly (unchanged stretches are equal text).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let once = truce_text::repair::repair(text);
    let twice = truce_text::repair::repair(&once.text);
    assert_eq!(once.text, twice.text, "repair is not idempotent");
    let (mut o, mut n) = (0, 0);
    for e in once.map.edits() {
        assert_eq!(&text[o..e.old.start()], &once.text[n..e.new.start()]);
        o = e.old.end();
        n = e.new.end();
    }
    assert_eq!(&text[o..], &once.text[n..]);
});
