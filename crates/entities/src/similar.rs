//! How alike two spellings of a name are, for transliterated and garbled
//! names (`Blinkin` / `Blinken`, `Mnatsakanian` / `Mnatsakanyan`, `Pridnestr` / `Pridnestrov`).
//!
//! Two measures, the larger wins: Jaro–Winkler similarity of the keys, and
//! agreement of the *consonant skeletons* (letters without vowels, doubled
//! letters once, spaces and hyphens gone): transliteration moves vowels
//! about far more than consonants, so `Lodrean` and `Le Drian` share
//! `ldrn`, and `Blinkin` and `Blinken` share `blnkn`.

use truce_lexicon::normalize::key;

/// The consonant skeleton of a name.
pub fn skeleton(name: &str) -> String {
    let mut out = String::new();
    for c in key(name).chars().filter(|c| c.is_alphabetic()) {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            continue;
        }
        // `q` and `k` trade places in transliteration (Qarabagh, Karabakh).
        let c = if c == 'q' { 'k' } else { c };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Similarity of two names, 0 to 1.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (ka, kb) = (key(a).replace(' ', ""), key(b).replace(' ', ""));
    if ka.is_empty() || kb.is_empty() {
        return 0.0;
    }
    let jw = strsim::jaro_winkler(&ka, &kb);
    let (sa, sb) = (skeleton(a), skeleton(b));
    let same_start = ka.chars().next() == kb.chars().next();
    let skeleton_score = if sa.len() >= 2 && sa == sb && same_start { 0.9 } else { 0.0 };
    jw.max(skeleton_score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_are_close_and_strangers_are_not() {
        assert!(similarity("Blinkin", "Blinken") >= 0.85);
        assert!(similarity("Lodrean", "Le Drian") >= 0.85);
        assert!(similarity("Pridnestr", "Pridnestrov") >= 0.85);
        assert!(similarity("Mnatsakanian", "Mnatsakanyan") >= 0.9);
        assert!(similarity("Pashinian", "Pashinyan") >= 0.9);
        assert!(similarity("Lavrov", "Pompeo") < 0.6);
        assert!(similarity("Blinkin", "Pompeo") < 0.8);
    }
}
