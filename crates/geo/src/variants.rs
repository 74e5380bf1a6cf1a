//! Transliteration variants: `Artemovsk` for `Artemivsk`, `Tskhinval` for
//! `Tskhinvali`, `Mekele` for `Mek'ele`.
//!
//! Reports transliterate the same name from Russian, Ukrainian, Arabic or
//! Amharic in many ways, and machine translation adds its own; GeoNames'
//! alternate names hold many spellings but never all. A name's skeleton
//! keeps what transliterations agree on: its consonants, with digraphs
//! that write one sound (`kh`, `sh`, `zh`) made one letter and doubled
//! letters made one. Names with the same skeleton are candidates; the
//! places stage then asks for a close spelling and a country the document
//! names, so that a skeleton alone never makes a place.

/// The skeleton of a name key ([`crate::name_key`]): `artemovsk` and
/// `artemivsk` give `artmvsk`; `tskhinval` and `tskhinvali` give `tsnvl`.
pub fn skeleton(key: &str) -> String {
    let joined: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    let mut letters = String::with_capacity(joined.len());
    let mut rest = joined.as_str();
    while let Some(c) = rest.chars().next() {
        let digraph = [
            ("dzh", 'j'),
            ("kh", 'h'),
            ("zh", 'j'),
            ("sh", 's'),
            ("ch", 'c'),
            ("gh", 'g'),
            ("ph", 'f'),
            ("th", 't'),
            ("dj", 'j'),
            ("ck", 'k'),
            ("ou", 'u'),
        ]
        .into_iter()
        .find(|(written, _)| rest.starts_with(written));
        let (letter, len) = match digraph {
            Some((written, letter)) => (letter, written.len()),
            None => (
                match c {
                    'q' => 'k',
                    'w' => 'v',
                    'y' => 'i',
                    _ => c,
                },
                c.len_utf8(),
            ),
        };
        rest = &rest[len..];
        let vowel = matches!(letter, 'a' | 'e' | 'i' | 'o' | 'u');
        if (vowel && !letters.is_empty()) || letters.ends_with(letter) {
            continue;
        }
        letters.push(letter);
    }
    letters
}

/// How close two keys are as spellings (Jaro–Winkler, 0 to 1).
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_skeleton() {
        assert_eq!(skeleton("artemovsk"), skeleton("artemivsk"));
        assert_eq!(skeleton("tskhinval"), skeleton("tskhinvali"));
        assert_eq!(skeleton("mekele"), skeleton("mek ele"));
        assert_eq!(skeleton("qandahar"), skeleton("kandahar"));
        assert_ne!(skeleton("kherson"), skeleton("kharkiv"));
        assert_eq!(skeleton("aleppo"), "alp");
    }
}
