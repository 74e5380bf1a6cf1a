//! Unicode canonical composition (NFC): `e` + U+0301 becomes `é`, so that
//! the same word is the same bytes wherever it came from.
//!
//! Text that is already NFC (nearly all text) is checked in one quick scan
//! and left alone. Otherwise the text is cut before each character with
//! canonical combining class 0, and each piece that changes under NFC is
//! one edit, so the offset map stays fine-grained.

use super::{Fixer, Pass};
use truce_core::Span;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

pub(crate) fn repair(text: &str) -> Option<Pass> {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut fixer = Fixer::new(text);
    let mut piece_start = 0;
    let mut composed = String::new();
    let mut flush = |fixer: &mut Fixer, start: usize, end: usize| {
        let piece = &text[start..end];
        if is_nfc_quick(piece.chars()) != IsNormalized::Yes {
            composed.clear();
            composed.extend(piece.nfc());
            fixer.replace(Span::new(start, end), &composed, "nfc");
        }
    };
    for (i, c) in text.char_indices() {
        if i > piece_start && canonical_combining_class(c) == 0 {
            flush(&mut fixer, piece_start, i);
            piece_start = i;
        }
    }
    flush(&mut fixer, piece_start, text.len());
    fixer.finish()
}
