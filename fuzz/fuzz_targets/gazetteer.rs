//! Untrusted gazetteer files (`--gazetteer FILE`) and geoparsing gold
//! files: any bytes are refused with an error or read; a file that reads
//! answers every lookup and every place without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // As a compressed file, and as the text inside one.
    let _ = truce_geo::Gazetteer::from_lz4(data, "fuzz");
    let text = String::from_utf8_lossy(data).into_owned();
    // As a file of two frames, cut anywhere (the loader reads the frames
    // on two threads and joins them).
    if let Some(&cut) = text.as_bytes().first() {
        use std::io::Write;
        let cut = usize::from(cut) % text.len();
        let mut file = Vec::new();
        for part in [&text.as_bytes()[..cut], &text.as_bytes()[cut..]] {
            let mut encoder = lz4_flex::frame::FrameEncoder::new(&mut file);
            let _ = encoder.write_all(part);
            let _ = encoder.finish();
        }
        if let Ok(g) = truce_geo::Gazetteer::from_lz4(&file, "fuzz") {
            for place in g.places() {
                let _ = g.lookup(place.name);
            }
        }
    }
    if let Ok(g) = truce_geo::Gazetteer::from_text(text.clone(), "fuzz") {
        for place in g.places() {
            assert!((-90.0..=90.0).contains(&place.lat));
            for word in place.name.split_whitespace() {
                let _ = g.lookup(word);
                let _ = g.has_longer(&truce_geo::name_key(word));
            }
        }
        let _ = g.country("AZE");
        let _ = g.adjective("Turkish");
        let _ = g.abbreviation("Ky.");
    }
    let _ = truce_geo::eval::read_gold(&text);
});
