//! Words broken across line ends by a hyphen (`negoti-\nations`).
//!
//! A lower-case letter after the break means a word was split: the hyphen
//! and the line end go (`negotiations`). A capital or digit after it means
//! a compound that happened to break at its own hyphen (`Nagorno-\nKarabakh`,
//! `2020-\n2021`): only the line end goes. A dash after a space (`word -\n`)
//! is punctuation and stays.

use super::{Fixer, Pass};
use truce_core::Span;

pub(crate) fn repair(text: &str) -> Option<Pass> {
    if !text.contains("-\n") {
        return None;
    }
    let mut fixer = Fixer::new(text);
    for (at, _) in text.match_indices("-\n") {
        let before = text[..at].chars().next_back();
        let after = text[at + 2..].chars().next();
        let (Some(b), Some(a)) = (before, after) else { continue };
        if !b.is_alphanumeric() {
            continue;
        }
        if b.is_alphabetic() && a.is_lowercase() {
            fixer.replace(Span::new(at, at + 2), "", "hyphenation");
        } else if a.is_uppercase() || a.is_ascii_digit() {
            fixer.replace(Span::new(at + 1, at + 2), "", "hyphenation");
        }
    }
    fixer.finish()
}
